#!/bin/sh
# Install the browser the browser tests (tests/browser) drive: Debian's chromium at /usr/bin/chromium.
# Playwright cannot download its own browser here, so the tests launch this one.
# Idempotent: does nothing when /usr/bin/chromium is already there; otherwise installs it with apt-get
# (as root, or through sudo when that is available).
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: $CHROMIUM is missing and apt-get is not available; install Chromium so that" \
         "$CHROMIUM exists, or deselect the browser tests with: pytest -m 'not browser'" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=""
elif command -v sudo >/dev/null 2>&1; then
    AS_ROOT="sudo"
else
    echo "install-browser: $CHROMIUM is missing; run this script as root (or install sudo) to apt-get install chromium" >&2
    exit 1
fi

echo "install-browser: installing chromium with apt-get"
$AS_ROOT apt-get update
$AS_ROOT env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi
