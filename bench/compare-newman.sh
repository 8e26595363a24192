#!/usr/bin/env bash
# Side-by-side benchmark of Newman and pmcheck on the same generated collections against a
# local loopback server, plus a bare reqwest loop as the physical baseline.
#
#   bench/compare-newman.sh              # 1,000 and 10,000 requests, 5 runs each
#   SIZES="1000" RUNS=3 PAIRS=5 bench/compare-newman.sh
#   PMCHECK_BIN=path/to/pmcheck bench/compare-newman.sh   # a given build (and the
#                                                         # reqwest_loop beside it)
#   BASELINE_BIN=path/to/old/pmcheck bench/compare-newman.sh   # also an earlier build
#                                                              # in every pair
#
# Needs node and npm (Newman is installed into a temporary folder, never globally), cargo,
# and GNU time (/usr/bin/time; installed with apt-get when missing and allowed).
# Each collection has SIZE requests in folders of 10, each with a small test script and a
# saved 200 example. Newman and pmcheck (release build, --jobs 1, cli reporter to
# /dev/null) run alternately RUNS times; the script prints the median wall time and peak
# RSS of each and their ratios, and the medians of a bare reqwest loop over the same number
# of requests on a single-threaded and on a multi-threaded tokio runtime, with pmcheck's
# per-request ratio to each: over its whole run, and without its start-up (the wall time of
# a one-request run, also measured each round). Then PAIRS (default 11) more rounds of
# pmcheck and the loops only, back to back, give the per-request ratios as the median of
# each round's ratio: the machine's slow moments weigh on both sides of a pair. Those
# rounds also run pmcheck with --busy-poll 0 (its waits sleep at once, as the current
# loop's do) and a loop whose waits check for the answer as pmcheck's do (busy).
set -euo pipefail

sizes=${SIZES:-"1000 10000"}
runs=${RUNS:-5}
pairs=${PAIRS:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
tmp=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi

echo "== installing newman into $tmp" >&2
npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error newman >/dev/null
newman="$tmp/node_modules/.bin/newman"
echo "newman $("$newman" --version)"

if [ -n "${PMCHECK_BIN:-}" ]; then
    # Another build (an earlier commit's, say), to compare builds side by side.
    pmcheck=$PMCHECK_BIN
    reqwest_loop=${REQWEST_LOOP_BIN:-$(dirname "$PMCHECK_BIN")/examples/reqwest_loop}
else
    echo "== building pmcheck (release)" >&2
    cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin pmcheck --example reqwest_loop
    pmcheck="$target_dir/release/pmcheck"
    reqwest_loop="$target_dir/release/examples/reqwest_loop"
fi
echo "$("$pmcheck" --version)"

# A small JSON server with keep-alive: every path answers 200 with the same body.
cat >"$tmp/server.js" <<'JS'
const http = require("http");
const body = JSON.stringify({ status: "success", id: "0123456789", items: [1, 2, 3] });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
JS
node "$tmp/server.js" >"$tmp/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
base="http://127.0.0.1:$port"
echo "server $base"

# Collections, environment and an empty schema index (the bodies are not IDCS bodies).
cat >"$tmp/generate.js" <<'JS'
const fs = require("fs");
const [dir, size] = [process.argv[2], Number(process.argv[3])];
const folders = [];
for (let f = 0; f * 10 < size; f++) {
  const item = [];
  for (let r = f * 10; r < Math.min(size, f * 10 + 10); r++) {
    item.push({
      name: `request ${r}`,
      event: [{ listen: "test", script: { exec: [
        "pm.test('status is 200', function () { pm.response.to.have.status(200); });",
        "pm.test('body says success', function () { pm.expect(pm.response.json().status).to.eql('success'); });",
      ] } }],
      request: { method: "GET", url: `{{base}}/items/${r}`, header: [{ key: "Accept", value: "application/json" }] },
      response: [{
        name: "ok", code: 200, status: "OK",
        header: [{ key: "Content-Type", value: "application/json" }],
        body: JSON.stringify({ status: "success", id: "0123456789", items: [1, 2, 3] }),
      }],
    });
  }
  folders.push({ name: `folder ${f}`, item });
}
const collection = {
  info: { name: `bench ${size}`, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  item: folders,
};
fs.writeFileSync(`${dir}/bench-${size}.postman_collection.json`, JSON.stringify(collection));
JS
mkdir -p "$tmp/schemas"
echo '{"statuses": {}}' >"$tmp/schemas/index.json"
cat >"$tmp/bench.postman_environment.json" <<JSON
{"name": "bench", "values": [{"key": "base", "value": "$base", "enabled": true}]}
JSON

# measure NAME LOG COMMAND...: appends "wall_seconds max_rss_kb exit_code" to LOG.
measure() {
    local log=$1
    shift
    local start end code=0
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$tmp/time.txt" "$@" >/dev/null 2>"$tmp/stderr.txt" || code=$?
    end=$(date +%s.%N)
    local rss
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
    echo "$(echo "$end - $start" | bc -l) $rss $code" >>"$log"
    if [ "$code" != 0 ]; then
        echo "  warning: $1 exited with $code" >&2
        tail -3 "$tmp/stderr.txt" >&2
    fi
}

# median COLUMN LOG
median() {
    awk -v c="$1" '{print $c}' "$2" | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

for size in $sizes; do
    node "$tmp/generate.js" "$tmp" "$size"
    node "$tmp/generate.js" "$tmp" 1
    collection="$tmp/bench-$size.postman_collection.json"
    env="$tmp/bench.postman_environment.json"
    : >"$tmp/newman-$size.log"
    : >"$tmp/pmcheck-$size.log"
    : >"$tmp/reqwest-$size.log"
    : >"$tmp/reqwest-multi-$size.log"
    : >"$tmp/pmcheck-start.log"
    echo "== $size requests, $runs runs each, alternating" >&2
    for run in $(seq "$runs"); do
        echo "  run $run" >&2
        measure "$tmp/newman-$size.log" "$newman" run "$collection" -e "$env" --reporters cli
        # Untimed: whatever runs right after Newman is slowed down (the server, the caches).
        "$reqwest_loop" "$base/items/0" 1000 current >/dev/null
        measure "$tmp/pmcheck-$size.log" "$pmcheck" run "$collection" -e "$env" --schemas "$tmp/schemas" --jobs 1 --color off
        measure "$tmp/pmcheck-start.log" "$pmcheck" run "$tmp/bench-1.postman_collection.json" -e "$env" --schemas "$tmp/schemas" --jobs 1 --color off
        "$reqwest_loop" "$base/items/0" "$size" current | sed -n 's/.*wall_ms=\([0-9.]*\).*/\1/p' >>"$tmp/reqwest-$size.log"
        "$reqwest_loop" "$base/items/0" "$size" multi | sed -n 's/.*wall_ms=\([0-9.]*\).*/\1/p' >>"$tmp/reqwest-multi-$size.log"
    done
    nw=$(median 1 "$tmp/newman-$size.log")
    nr=$(median 2 "$tmp/newman-$size.log")
    pw=$(median 1 "$tmp/pmcheck-$size.log")
    pr=$(median 2 "$tmp/pmcheck-$size.log")
    rw=$(echo "$(median 1 "$tmp/reqwest-$size.log") / 1000" | bc -l)
    rmt=$(echo "$(median 1 "$tmp/reqwest-multi-$size.log") / 1000" | bc -l)
    ps=$(median 1 "$tmp/pmcheck-start.log")
    # Per request without the process start-up (a one-request run's wall time).
    pq=$(echo "($pw - $ps) / ($size - 1)" | bc -l)
    echo
    echo "### $size requests (median of $runs)"
    printf '%-22s %10s %14s %16s\n' "" "wall (s)" "peak RSS (MB)" "per request (us)"
    printf '%-22s %10.3f %14.1f %16.1f\n' "newman" "$nw" "$(echo "$nr/1024" | bc -l)" "$(echo "$nw*1000000/$size" | bc -l)"
    printf '%-22s %10.3f %14.1f %16.1f\n' "pmcheck --jobs 1" "$pw" "$(echo "$pr/1024" | bc -l)" "$(echo "$pw*1000000/$size" | bc -l)"
    printf '%-22s %10.3f %14s %16s\n' "pmcheck, 1 request" "$ps" "-" "-"
    printf '%-22s %10.3f %14s %16.1f\n' "reqwest loop (current)" "$rw" "-" "$(echo "$rw*1000000/$size" | bc -l)"
    printf '%-22s %10.3f %14s %16.1f\n' "reqwest loop (multi)" "$rmt" "-" "$(echo "$rmt*1000000/$size" | bc -l)"
    printf 'wall time newman/pmcheck:        %6.1fx\n' "$(echo "$nw/$pw" | bc -l)"
    printf 'peak RSS pmcheck/newman:         %6.3f\n' "$(echo "$pr/$nr" | bc -l)"
    printf 'per-request pmcheck/reqwest loop, whole run / loop:           current %5.2fx, multi %5.2fx\n' "$(echo "$pw/$rw" | bc -l)" "$(echo "$pw/$rmt" | bc -l)"
    printf 'per-request pmcheck/reqwest loop, without pmcheck start-up:  current %5.2fx, multi %5.2fx\n' "$(echo "$pq*$size/$rw" | bc -l)" "$(echo "$pq*$size/$rmt" | bc -l)"
    echo "newman runs (wall s, RSS kB, exit):  $(tr '\n' ';' <"$tmp/newman-$size.log")"
    echo "pmcheck runs (wall s, RSS kB, exit): $(tr '\n' ';' <"$tmp/pmcheck-$size.log")"

    # Per request, in pairs: pmcheck and the loops back to back, PAIRS times; the ratio of
    # each pair, so that a slow moment of the machine weighs on both sides of a ratio.
    # pmcheck runs with its defaults (its wait checks for a fast answer before sleeping)
    # and with --busy-poll 0 (it sleeps at once, as the current and multi loops do); the
    # busy loop waits as pmcheck's defaults do.
    : >"$tmp/pairs-$size.log"
    : >"$tmp/baseline-$size.log"
    echo "== $size requests, $pairs pairs of pmcheck and the reqwest loops" >&2
    loop_ms() { "$reqwest_loop" "$base/items/0" "$size" "$1" | sed -n 's/.*wall_ms=\([0-9.]*\).*/\1/p'; }
    pm_s() {
        local start end
        start=$(date +%s.%N)
        "$pmcheck" run "$collection" -e "$env" --schemas "$tmp/schemas" --jobs 1 --color off "$@" >/dev/null 2>&1
        end=$(date +%s.%N)
        echo "$end - $start" | bc -l
    }
    for _ in $(seq "$pairs"); do
        p=$(pm_s)
        if [ -n "${BASELINE_BIN:-}" ]; then
            pb=$(pmcheck=$BASELINE_BIN pm_s)
            echo "$(echo "$p / $pb" | bc -l) $p $pb" >>"$tmp/baseline-$size.log"
        fi
        p0=$(pm_s --busy-poll 0)
        c=$(loop_ms current)
        m=$(loop_ms multi)
        b=$(loop_ms busy)
        # pmcheck's wall without its start-up (the median one-request run) over each loop's.
        echo "$(echo "($p - $ps) * 1000 / $c" | bc -l) $(echo "($p - $ps) * 1000 / $m" | bc -l) $(echo "($p0 - $ps) * 1000 / $c" | bc -l) $(echo "($p - $ps) * 1000 / $b" | bc -l) $p $p0 $c $m $b" >>"$tmp/pairs-$size.log"
    done
    range() { awk -v c="$1" '{print $c}' "$2" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f-%.2f", lo, hi}'; }
    echo "per request, median of $pairs back-to-back pairs, without pmcheck's start-up:"
    printf '  pmcheck / reqwest loop (current):             %5.2fx (range %s)\n' "$(median 1 "$tmp/pairs-$size.log")" "$(range 1 "$tmp/pairs-$size.log")"
    printf '  pmcheck / reqwest loop (multi):               %5.2fx (range %s)\n' "$(median 2 "$tmp/pairs-$size.log")" "$(range 2 "$tmp/pairs-$size.log")"
    printf '  pmcheck --busy-poll 0 / reqwest loop (current): %5.2fx (range %s)\n' "$(median 3 "$tmp/pairs-$size.log")" "$(range 3 "$tmp/pairs-$size.log")"
    printf '  pmcheck / reqwest loop (busy):                %5.2fx (range %s)\n' "$(median 4 "$tmp/pairs-$size.log")" "$(range 4 "$tmp/pairs-$size.log")"
    printf '  medians (s): pmcheck %.3f, pmcheck --busy-poll 0 %.3f, loops: current %.3f, multi %.3f, busy %.3f\n' \
        "$(median 5 "$tmp/pairs-$size.log")" "$(median 6 "$tmp/pairs-$size.log")" \
        "$(echo "$(median 7 "$tmp/pairs-$size.log") / 1000" | bc -l)" \
        "$(echo "$(median 8 "$tmp/pairs-$size.log") / 1000" | bc -l)" \
        "$(echo "$(median 9 "$tmp/pairs-$size.log") / 1000" | bc -l)"
    if [ -n "${BASELINE_BIN:-}" ]; then
        printf '  pmcheck / baseline build (whole run):         %5.3fx (range %s; medians %.3f s and %.3f s)\n' \
            "$(median 1 "$tmp/baseline-$size.log")" "$(range 1 "$tmp/baseline-$size.log")" \
            "$(median 2 "$tmp/baseline-$size.log")" "$(median 3 "$tmp/baseline-$size.log")"
    fi
done
