#!/usr/bin/env bash
# Re-records the expected outcome of every script corpus fixture (tests/scripts/*.json)
# by running it with Newman against the Node echo server (server.js).
# Needs Node; installs Newman into $NEWMAN_PREFIX (default /tmp/newman) when missing.
# Usage: tests/scripts/record/record.sh [FIXTURE.json…]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export NEWMAN_PREFIX="${NEWMAN_PREFIX:-/tmp/newman}"
newman="$NEWMAN_PREFIX/node_modules/.bin/newman"
[ -x "$newman" ] || npm install --prefix "$NEWMAN_PREFIX" newman >/dev/null
work="$(mktemp -d)"
coproc SERVER { exec node "$here/server.js"; }
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
read -r port <&"${SERVER[0]}"
base="http://127.0.0.1:$port"
if [ "$#" -gt 0 ]; then fixtures=("$@"); else fixtures=("$here"/../*.json); fi
for fixture in "${fixtures[@]}"; do
  node -e '
    const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const w = process.argv[2];
    const env = (o) => ({ values: Object.entries(o || {}).map(([key, value]) => ({ key, value, enabled: true })) });
    require("fs").writeFileSync(w + "/collection.json", JSON.stringify(f.collection));
    require("fs").writeFileSync(w + "/environment.json", JSON.stringify(env(f.environment)));
    require("fs").writeFileSync(w + "/globals.json", JSON.stringify(env(f.globals)));
    require("fs").writeFileSync(w + "/data.json", JSON.stringify(f.data || [{}]));
  ' "$fixture" "$work"
  "$newman" run "$work/collection.json" -e "$work/environment.json" -g "$work/globals.json" \
    -d "$work/data.json" --env-var "base=$base" -r json --reporter-json-export "$work/report.json" \
    --export-collection "$work/collection-out.json" --export-environment "$work/environment-out.json" \
    --export-globals "$work/globals-out.json" \
    >/dev/null 2>&1 || true
  node "$here/record.js" "$fixture" "$work"
  echo "recorded $(basename "$fixture")"
done
