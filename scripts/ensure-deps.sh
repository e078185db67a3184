#!/usr/bin/env bash
# Installs the C libraries Retouch links (libpng, libjpeg-turbo, libwebp with demux/mux,
# libdeflate, LittleCMS 2), SQLite and zlib (GRDB and SwiftNIO link them) and pkg-config when they are
# missing. Debian/Ubuntu via apt (sudo when not root);
# macOS via Homebrew. Prints nothing when everything is present.
set -euo pipefail

missing() {
  command -v pkg-config >/dev/null 2>&1 || return 0
  for module in libpng libjpeg libwebp libwebpdemux libwebpmux libdeflate lcms2 sqlite3 zlib; do
    pkg-config --exists "$module" || return 0
  done
  return 1
}

missing || exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "ensure-deps: installing libpng-dev libjpeg-dev libwebp-dev libdeflate-dev liblcms2-dev libsqlite3-dev zlib1g-dev pkg-config (apt)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libpng-dev libjpeg-dev libwebp-dev libdeflate-dev liblcms2-dev libsqlite3-dev zlib1g-dev pkg-config >/dev/null
elif command -v brew >/dev/null 2>&1; then
  echo "ensure-deps: installing libpng jpeg-turbo webp libdeflate little-cms2 pkg-config (brew)" >&2
  brew install libpng jpeg-turbo webp libdeflate little-cms2 pkg-config
else
  echo "ensure-deps: install libpng, libjpeg(-turbo), libwebp (with demux and mux), libdeflate, LittleCMS 2, SQLite, zlib and pkg-config, then retry" >&2
  exit 1
fi
missing && { echo "ensure-deps: libraries still missing after install" >&2; exit 1; }
exit 0
