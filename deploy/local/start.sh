#!/usr/bin/env bash
# `npm start`: the whole system on one machine with embedded defaults. Installs what is missing,
# starts Redis + Mosquitto (var/), then the warehouse writer (chDB), the gateway and
# $SIM_DEVICES simulated devices placing calls, until Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash deploy/local/ensure-tools.sh
bash deploy/local/stack.sh up
exec node --import tsx deploy/local/run-all.ts
