#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when missing and we are root; otherwise
# say exactly how to get it.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium (needed by the end-to-end tests) …" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The end-to-end tests need Chromium at $CHROMIUM. Install it with: sudo apt-get install chromium (or set CHROMIUM_PATH)." >&2
exit 1
