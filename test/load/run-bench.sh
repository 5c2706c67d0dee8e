#!/usr/bin/env bash
# npm run bench:<name>: benchmarks run against a stack of their own (var/bench, own ports), so
# they neither disturb a running demo nor inherit its data.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export CUNKE_DATA_DIR="${CUNKE_BENCH_DATA_DIR:-$ROOT/var/bench}"
export REDIS_PORT="${BENCH_REDIS_PORT:-6397}" MQTT_PORT="${BENCH_MQTT_PORT:-1897}" SIM_DEVICES=1 SIM_TENANT=benchsim
unset REDIS_URL MQTT_URL MQTT_GATEWAY_PASSWORD PII_HASH_KEY PII_ENC_KEY AUTH_TOKEN_SECRET
bash deploy/local/ensure-tools.sh
bash deploy/local/stack.sh up >&2
case "$1" in
  # 1,000 dashboard sockets on each side (clients here, hub in the gateway process).
  ws) [ "$(ulimit -n)" -ge 8192 ] || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true ;;
esac
exec node --import tsx "test/load/bench-$1.ts"
