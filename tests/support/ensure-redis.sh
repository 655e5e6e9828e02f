#!/usr/bin/env bash
# The scale-out tests (several server instances fanning out through Redis pub/sub, issue 13) start
# Debian's redis-server on a free loopback port. Install it when missing and we are root; otherwise
# say exactly how to get it. The app itself never needs Redis unless REDIS_URL is set.
set -euo pipefail
REDIS="${REDIS_SERVER_PATH:-redis-server}"
if command -v "$REDIS" >/dev/null; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's redis-server (needed by the scale-out tests) …" >&2
  # A fresh machine may have no package lists yet; update only then, or when the install fails.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  fi
  # Debian starts the packaged service where an init system runs; the tests start their own.
  exit 0
fi
echo "The scale-out tests need redis-server. Install with: sudo apt-get install redis-server (or set REDIS_SERVER_PATH)." >&2
exit 1
