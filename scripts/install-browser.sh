#!/bin/sh
# Install the browser the browser tests (tests/browser) drive: Debian's chromium at /usr/bin/chromium.
# Playwright cannot download its own browser here, so the tests launch this one.
# Idempotent: does nothing when /usr/bin/chromium is already there.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

sh "$(dirname "$0")/apt-install.sh" install-browser chromium \
    "install Chromium so that $CHROMIUM exists, or deselect the browser tests with: pytest -m 'not browser'"

if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi
