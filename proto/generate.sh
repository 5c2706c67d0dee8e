#!/usr/bin/env bash
# Regenerates the static protobufjs code from the .proto contracts. The output is committed so
# that nothing at run time parses .proto files; `npm run proto:check` fails on drift.
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-gen}
mkdir -p "$out"
npx pbjs -t static-module -w esm --force-number --no-delimited \
  -o "$out/device.js" cunke/device/v1/device.proto
# pbjs emits an extension-less import, which Node's ESM resolver refuses.
sed -i 's#from "protobufjs/minimal"#from "protobufjs/minimal.js"#' "$out/device.js"
npx pbts -o "$out/device.d.ts" "$out/device.js"
