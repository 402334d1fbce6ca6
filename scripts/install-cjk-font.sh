#!/bin/sh
# Install a font with Chinese glyphs, so that the Simplified Chinese edition (notebooks/zh-CN/) renders in the
# browser and in figures instead of as empty boxes: WenQuanYi Micro Hei (fonts-wqy-microhei, about 5 MB).
# Idempotent: does nothing when fontconfig already knows a font covering Chinese.
set -eu

if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh)" ]; then
    exit 0
fi

sh "$(dirname "$0")/apt-install.sh" install-cjk-font fonts-wqy-microhei \
    "no font covers Chinese: install one (e.g. Noto Sans CJK)"

if [ -z "$(fc-list :lang=zh)" ]; then
    echo "install-cjk-font: apt-get finished but fontconfig still knows no font covering Chinese" >&2
    exit 1
fi
