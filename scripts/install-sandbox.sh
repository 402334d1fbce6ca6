#!/usr/bin/env bash
# Install bubblewrap, the sandbox the grader runs student kernels in (grader/sandbox.py). Idempotent.
# Without it (or where the kernel forbids it) the grader still works, with rlimits and a private directory only;
# every result records which protection was in force. So this script never fails the build: it warns instead.
set -uo pipefail

if command -v bwrap >/dev/null 2>&1; then
    echo "bubblewrap present: $(bwrap --version 2>/dev/null)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "warning: bubblewrap is not installed and this user cannot install packages;" \
             "the grader will fall back to rlimits (install the 'bubblewrap' package to sandbox student code)" >&2
        exit 0
    fi
fi

install() {
    if command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q bubblewrap \
            || { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q bubblewrap; }
    elif command -v dnf >/dev/null 2>&1; then
        $SUDO dnf install -y bubblewrap
    elif command -v yum >/dev/null 2>&1; then
        $SUDO yum install -y bubblewrap
    elif command -v apk >/dev/null 2>&1; then
        $SUDO apk add --no-cache bubblewrap
    elif command -v pacman >/dev/null 2>&1; then
        $SUDO pacman -S --noconfirm bubblewrap
    else
        return 1
    fi
}

if install >/dev/null && command -v bwrap >/dev/null 2>&1; then
    echo "bubblewrap installed: $(bwrap --version 2>/dev/null)"
else
    echo "warning: could not install bubblewrap; the grader will fall back to rlimits" >&2
fi
exit 0
