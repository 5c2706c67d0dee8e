#!/usr/bin/env bash
# Fails when proto/gen differs from what the .proto files generate (someone edited one side).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash generate.sh "$tmp/gen" >/dev/null
if ! diff -r -q gen "$tmp/gen" >/dev/null; then
  echo "proto/gen is out of date: run npm run proto:gen and commit the result" >&2
  diff -r gen "$tmp/gen" | head -20 >&2
  exit 1
fi
