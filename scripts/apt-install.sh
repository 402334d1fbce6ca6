#!/bin/sh
# apt-get install PACKAGE as root, or through sudo when that is available; used by install-browser.sh and
# install-cjk-font.sh once they have found what they need missing. Usage: apt-install.sh CALLER PACKAGE WHY
# (CALLER prefixes the messages; WHY is the advice printed when apt-get cannot be used).
set -eu
CALLER=$1 PACKAGE=$2 WHY=$3

if ! command -v apt-get >/dev/null 2>&1; then
    echo "$CALLER: apt-get is not available; $WHY" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=""
elif command -v sudo >/dev/null 2>&1; then
    AS_ROOT="sudo"
else
    echo "$CALLER: run this script as root (or install sudo) to apt-get install $PACKAGE; $WHY" >&2
    exit 1
fi

echo "$CALLER: installing $PACKAGE with apt-get"
$AS_ROOT apt-get update
$AS_ROOT env DEBIAN_FRONTEND=noninteractive apt-get install -y "$PACKAGE"
