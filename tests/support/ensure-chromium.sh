#!/usr/bin/env bash
# The browser tests drive Debian's Chromium, and the export tests read PDFs back with poppler's
# pdftotext. Install what is missing when we are root; otherwise say exactly how to get it.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} (needed by the tests) …" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need: ${missing[*]}. Install with: sudo apt-get install ${missing[*]} (or set CHROMIUM_PATH)." >&2
exit 1
