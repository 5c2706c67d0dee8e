#!/usr/bin/env bash
# `npm test`: the full suite on a fresh machine. Installs what it needs, starts Redis and
# Mosquitto on test ports in var/test (never touching a stack started by `npm start`), then
# type-checks and runs every unit, integration and end-to-end test in one node:test run.
#   TEST_FILTER=regex  runs only the test files whose path matches
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export CUNKE_DATA_DIR="${CUNKE_TEST_DATA_DIR:-$ROOT/var/test}"
export REDIS_PORT="${TEST_REDIS_PORT:-6395}"
export MQTT_PORT="${TEST_MQTT_PORT:-1895}"
export SIM_DEVICES=3 SIM_TENANT=testsim
# Gateways started by tests run no live hub unless a test gives them a port of its own, so a
# running demo's hub port (8081) never clashes.
export LIVE_HUB_PORT=0
export LOG_LEVEL="${LOG_LEVEL:-warn}"
# The stack's generated file is the source of the URLs and secrets; an outer shell's values must
# not point the tests at another stack.
unset REDIS_URL MQTT_URL MQTT_GATEWAY_PASSWORD PII_HASH_KEY PII_ENC_KEY AUTH_TOKEN_SECRET

bash deploy/local/ensure-tools.sh protobuf-compiler mosquitto-clients chromium
bash deploy/local/stack.sh up
trap 'bash deploy/local/stack.sh down >/dev/null 2>&1 || true' EXIT

echo "== typecheck" >&2
npx tsc -p tsconfig.json
echo "== generated code is up to date" >&2
bash proto/check.sh

mapfile -t files < <(find gateway device-agent warehouse api proto common deploy test -name '*.test.ts' -not -path '*/node_modules/*' | sort | grep -E "${TEST_FILTER:-.}")
echo "== ${#files[@]} test files" >&2
# One run, so the closing summary counts every test. Files run one at a time: the integration
# and end-to-end tests share two cores with the broker, Redis and chDB.
node --import tsx --test --test-concurrency=1 --test-timeout=600000 "${files[@]}"
