#!/usr/bin/env bash
# Re-records Newman's outcome on the Postman corpus (../shared/reference/postman-corpus, or
# $PMCHECK_CORPUS) into tests/corpus/newman.json, replayed against httpbin on 127.0.0.1:18090
# (started here with gunicorn, as the corpus test starts it). Needs Node and Python; installs
# Newman 6.2.2 into $NEWMAN_PREFIX (default /tmp/newman-6.2.2) and httpbin with pip when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${PMCHECK_CORPUS:-$here/../../../shared/reference/postman-corpus}"
export NEWMAN_PREFIX="${NEWMAN_PREFIX:-/tmp/newman-6.2.2}"
[ -d "$NEWMAN_PREFIX/node_modules/newman" ] || npm install --prefix "$NEWMAN_PREFIX" newman@6.2.2 >/dev/null
python3 -c 'import httpbin, gunicorn' 2>/dev/null || pip install -r "$here/requirements.txt" >/dev/null
# The corpus names one fixed port: take turns with the corpus test (tests/corpus.rs).
exec 9>"${TMPDIR:-/tmp}/pmcheck-corpus-18090.lock"
flock 9
python3 -m gunicorn -b 127.0.0.1:18090 -w 4 httpbin:app >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do python3 - <<'PY' 2>/dev/null && break || sleep 0.2
import urllib.request; urllib.request.urlopen("http://127.0.0.1:18090/get", timeout=1)
PY
done
NODE_PATH="$NEWMAN_PREFIX/node_modules" node "$here/record.js" "$corpus" "$here/newman.json"
