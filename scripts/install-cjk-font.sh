#!/bin/sh
# Install a font with Chinese glyphs, so that the Simplified Chinese edition (notebooks/zh-CN/) renders in the
# browser instead of as empty boxes: WenQuanYi Micro Hei (fonts-wqy-microhei, about 5 MB).
# Idempotent: does nothing when fontconfig already knows a font covering Chinese; otherwise installs it with apt-get
# (as root, or through sudo when that is available).
set -eu

if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh)" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-cjk-font: no font covers Chinese and apt-get is not available; install one (e.g. Noto Sans CJK)" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=""
elif command -v sudo >/dev/null 2>&1; then
    AS_ROOT="sudo"
else
    echo "install-cjk-font: no font covers Chinese; run this script as root (or install sudo) to apt-get install" \
         "fonts-wqy-microhei" >&2
    exit 1
fi

echo "install-cjk-font: installing fonts-wqy-microhei with apt-get"
$AS_ROOT apt-get update
$AS_ROOT env DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-wqy-microhei

if [ -z "$(fc-list :lang=zh)" ]; then
    echo "install-cjk-font: apt-get finished but fontconfig still knows no font covering Chinese" >&2
    exit 1
fi
