#!/usr/bin/env bash
# Makes sure the npm dependencies and the Debian tools that tests and demos use are installed.
# Idempotent and quick when nothing is missing. Redis and Mosquitto are stack.sh's business.
#   bash deploy/local/ensure-tools.sh [apt-package ...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "tools: installing npm dependencies" >&2
  # npm ci refuses a lock file that lacks other platforms' optional packages (chdb and msgpackr
  # ship per-platform binaries; npm here writes locks without them). npm install then installs
  # the same locked versions for this platform.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error
fi

missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo -n)
  echo "tools: installing ${missing[*]} (apt-get)" >&2
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
