#!/usr/bin/env bash
# Runs the end-to-end suite (or any command given) inside a private network namespace with a
# veth pair: Chromium gathers no ICE candidates on a loopback-only interface, and a namespace of
# our own keeps every byte of test traffic off the machine's real networks (TESTING.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tests/support/ensure-chromium.sh
if [ ! -f dist/index.html ]; then npm run build; fi
CMD=("$@")
if [ ${#CMD[@]} -eq 0 ]; then CMD=(npx vitest run --config vitest.e2e.config.ts); fi
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null; then
  export MEDVIRK_NETNS=1
  exec unshare -n bash -c '
    set -e
    ip link set lo up
    ip link add vA type veth peer name vB
    ip addr add 10.123.0.1/24 dev vA
    ip addr add 10.123.0.2/24 dev vB
    ip link set vA up
    ip link set vB up
    ip route add default via 10.123.0.2 dev vA
    exec "$@"' _ "${CMD[@]}"
fi
echo "run-e2e: not root or no unshare/ip: running without a private network namespace (WebRTC between browsers needs a non-loopback interface)" >&2
exec "${CMD[@]}"
