#!/usr/bin/env bash
# Load test of `seqcast serve` on loopback (docs/SERVING.md "Load test"): serves a network (an LSTM fitted on
# airpassengers, horizon 12) and the demo model (seqcast-demo/model.seqcast, the recommended ensemble with conformal
# intervals; made by `seqcast demo` when missing), then for each model sends JSON forecast requests of the 144-month
# history from 1, 8 and 64 concurrent clients, each level bounded by REQUESTS requests and SECONDS seconds, and
# prints a Markdown table: p50/p99 latency, throughput, errors, the server's resident memory (start, max, end).
# Usage (from anywhere):  bash tools/serve/loadtest.sh [REQUESTS per level, default 2000] [SECONDS per level, default 15]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
requests="${1:-2000}"
seconds="${2:-15}"
work="$(mktemp -d)"
trap 'kill -TERM "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
./seqcast fit --data testdata/data/airpassengers.csv -H 12 --model lstm --levels none --quiet --out "$work/network.seqcast" >/dev/null
demo=seqcast-demo/model.seqcast
if [ ! -f "$demo" ]; then
    ./seqcast demo --out seqcast-demo >/dev/null 2>&1
fi
# the jar directly (the launcher's filter of stderr would hold back the line that says the port); ./seqcast fit
# above built it when needed
# a fixed heap bound (256 MiB): a leak would show as errors or a resident size that keeps growing
java --add-modules jdk.incubator.vector -Xmx256m -jar seqcast-cli/target/seqcast.jar serve --model network="$work/network.seqcast" \
    --model demo="$demo" --port 0 --reload-interval 0 2> "$work/serve.log" &
pid=$!
port=""
for _ in $(seq 1 600); do
    port="$(sed -n 's/^serving .* on http:\/\/127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$work/serve.log")"
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start" >&2; exit 1; }
echo "$(nproc) cores; $(uptime | sed 's/.*load average/load average/')" >&2
java "$root/tools/serve/LoadTest.java" "http://127.0.0.1:$port" "$pid" testdata/data/airpassengers.csv network,demo \
    1,8,64 "$requests" "$seconds"
kill -TERM "$pid"
wait "$pid" || true
