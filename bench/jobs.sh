#!/usr/bin/env bash
# `--jobs 8` against `--jobs 1` on independent flows against the embedded simulator.
#
#   bench/jobs.sh                 # 64 flows, 5 runs each
#   FLOWS=128 RUNS=3 JOBS=4 bench/jobs.sh
#
# Needs only cargo. The generated collection has a root-level client-token request (the
# setup every flow starts from) and FLOWS folders; each folder signs the user in four times
# (start, then user name and password), every request with a test script that checks the
# status and chains `requestState` as Postman users write it. pmcheck (release build,
# `--target embedded`, cli reporter to /dev/null) runs with `--jobs 1` and `--jobs $JOBS`
# alternately RUNS times; the script prints the median wall times and their ratio.
set -euo pipefail

flows=${FLOWS:-64}
runs=${RUNS:-5}
jobs=${JOBS:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== building pmcheck (release)" >&2
cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin pmcheck
pmcheck="$target_dir/release/pmcheck"

collection="$tmp/flows.postman_collection.json"
python3 - "$flows" >"$collection" <<'PY'
import json, sys

flows = int(sys.argv[1])
auth = {"type": "bearer", "bearer": [{"key": "token", "value": "{{access_token}}"}]}
check = lambda code: {
    "listen": "test",
    "script": {"exec": [
        f"pm.test('status {code}', () => pm.response.to.have.status({code}));",
        "const body = pm.response.json();",
        "if (body.requestState) pm.environment.set('requestState', body.requestState);",
    ]},
}
url = "{{HOST}}/sso/v1/sdk/authenticate"
def step(name, method, body=None):
    request = {"method": method, "url": url, "auth": auth,
               "header": [{"key": "Content-Type", "value": "application/json"}]}
    if body is not None:
        request["body"] = {"mode": "raw", "raw": json.dumps(body)}
    return {"name": name, "request": request, "event": [check(200)]}
folders = []
for f in range(flows):
    items = []
    for round in range(4):
        items.append(step(f"start {round}", "GET"))
        items.append(step(f"sign in {round}", "POST", {
            "op": "credSubmit",
            "credentials": {"username": "{{USER_NO_MFA}}", "password": "{{USER_NO_MFA_PASSWORD}}"},
            "requestState": "{{requestState}}",
        }))
    folders.append({"name": f"flow {f:03}", "item": items})
token = {
    "name": "client token",
    "request": {
        "method": "POST",
        "url": "{{HOST}}/oauth2/v1/token",
        "auth": {"type": "basic", "basic": [
            {"key": "username", "value": "{{CLIENT_ID}}"},
            {"key": "password", "value": "{{CLIENT_SECRET}}"},
        ]},
        "header": [{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}],
        "body": {"mode": "raw", "raw": "grant_type=client_credentials&scope=urn:opc:idm:__myscopes__"},
    },
    "event": [{"listen": "test", "script": {"exec": [
        "pm.environment.set('access_token', pm.response.json().access_token);",
    ]}}],
}
print(json.dumps({
    "info": {"name": "flows", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
    "item": [token] + folders,
}))
PY

requests=$((flows * 8 + 1))
wall() { # jobs -> seconds
    local start end
    start=$(date +%s.%N)
    "$pmcheck" run "$collection" --target embedded --jobs "$1" --color off >"$tmp/out" 2>&1 || {
        tail -20 "$tmp/out" >&2
        exit 1
    }
    end=$(date +%s.%N)
    grep -q "$requests requests: $requests passed" "$tmp/out" || {
        tail -5 "$tmp/out" >&2
        exit 1
    }
    echo "$end - $start" | bc -l
}
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

: >"$tmp/one"
: >"$tmp/many"
for _ in $(seq "$runs"); do
    wall 1 >>"$tmp/one"
    wall "$jobs" >>"$tmp/many"
done
one=$(median <"$tmp/one")
many=$(median <"$tmp/many")
echo "$flows flows, $requests requests, $(nproc) cores, median of $runs runs"
printf '%-12s %10.3f s\n' "--jobs 1" "$one" "--jobs $jobs" "$many"
printf 'speed-up     %10.2fx\n' "$(echo "$one / $many" | bc -l)"
