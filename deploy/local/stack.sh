#!/usr/bin/env bash
# Local stack: Redis (AOF) + Mosquitto 2, run out of $CUNKE_DATA_DIR (default <repo>/var).
#   bash deploy/local/stack.sh up       install missing Debian packages, start what is not running,
#                                       provision the simulated devices' broker accounts
#   bash deploy/local/stack.sh down     stop Mosquitto and Redis cleanly
#   bash deploy/local/stack.sh status   print what runs (exit 0 when both run and answer, 3 otherwise)
# Settings (env): CUNKE_DATA_DIR REDIS_PORT MQTT_PORT REDIS_APPENDFSYNC SIM_DEVICES SIM_TENANT
# MQTT_GATEWAY_USERNAME — see deploy/README.md. The logic is in deploy/local/stack.ts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cmd="${1:-}"
case "$cmd" in
  up | down | status) ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac

have() { [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ] || command -v "$1" >/dev/null 2>&1; }

install_packages() {
  local missing=()
  have redis-server || missing+=(redis-server)
  have mosquitto || missing+=(mosquitto)
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else
      echo "stack: ${missing[*]} not installed and not root (no sudo): install them with apt-get" >&2
      exit 1
    fi
  fi
  echo "stack: installing ${missing[*]} (apt-get)" >&2
  # Keep the packages' own system services (port 6379 / 1883) from starting: we run our own.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    added_policy=1
  fi
  local rc=0
  {
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
  } || rc=$?
  [ "$added_policy" -eq 1 ] && "${sudo[@]}" rm -f "$policy"
  if [ "$rc" -ne 0 ]; then
    echo "stack: apt-get failed (exit $rc) installing ${missing[*]}" >&2
    exit 1
  fi
  for p in redis-server mosquitto; do
    have "$p" || { echo "stack: $p still missing after apt-get install" >&2; exit 1; }
  done
}

[ "$cmd" = up ] && install_packages

cd "$ROOT"
if [ ! -e node_modules/tsx/package.json ]; then
  echo "stack: node_modules missing: run \`npm ci\` first" >&2
  exit 1
fi
# The daemons inherit this: a broker with thousands of device connections needs the file descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node --import tsx deploy/local/stack.ts "$cmd"
