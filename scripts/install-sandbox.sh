#!/usr/bin/env bash
# Install and check what the grader's sandbox needs (grader/sandbox.py): bubblewrap 0.7 or newer (for the size-limited
# tmpfs), setpriv and kill (util-linux, procps). Idempotent.
# Where bubblewrap cannot be installed, the grader still works in its weaker mode (announced, recorded in every
# result), so a failed install only warns. Bubblewrap that is installed but cannot start makes the grader refuse to
# grade: run as root (where the sandbox tests must pass), that fails this script too, with bubblewrap's own error.
set -uo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    fi
fi

install() {
    if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
        return 1
    fi
    if command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$@" \
            || { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$@"; }
    elif command -v dnf >/dev/null 2>&1; then
        $SUDO dnf install -y "$@"
    elif command -v yum >/dev/null 2>&1; then
        $SUDO yum install -y "$@"
    elif command -v apk >/dev/null 2>&1; then
        $SUDO apk add --no-cache "$@"
    elif command -v pacman >/dev/null 2>&1; then
        $SUDO pacman -S --noconfirm "$@"
    else
        return 1
    fi
}

command -v setpriv >/dev/null 2>&1 || install util-linux >/dev/null || true
command -v kill >/dev/null 2>&1 || install procps >/dev/null || true
if ! command -v bwrap >/dev/null 2>&1; then
    if ! install bubblewrap >/dev/null || ! command -v bwrap >/dev/null 2>&1; then
        echo "warning: could not install bubblewrap; the grader will run student code in its weaker mode" \
             "(no sandbox; install the 'bubblewrap' package to sandbox it)" >&2
        exit 0
    fi
fi

# The checks the grader relies on: a size-limited private tmpfs (bubblewrap >= 0.7), run the way the grader runs it.
userns=()
[ "$(id -u)" -ne 0 ] && userns=(--unshare-user)
if error=$(bwrap --die-with-parent --unshare-pid --unshare-net "${userns[@]}" --ro-bind / / --proc /proc --dev /dev \
        --perms 1777 --size 1048576 --tmpfs /tmp -- sh -c 'test -w /tmp' 2>&1); then
    echo "bubblewrap works: $(bwrap --version 2>/dev/null)"
    for tool in setpriv kill; do
        command -v "$tool" >/dev/null 2>&1 || echo "warning: $tool is missing; the grader needs it" >&2
    done
    exit 0
fi
echo "error: bubblewrap ($(bwrap --version 2>/dev/null)) is installed but cannot start the grader's sandbox: $error" >&2
echo "       the grader refuses to grade until this is fixed (or pass --sandbox none to accept weaker protection)" >&2
[ "$(id -u)" -eq 0 ] && exit 1
exit 0
