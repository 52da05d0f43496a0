#!/usr/bin/env bash
# Compares the speed of two builds of Seqcast (two seqcast.jar files) on the same configurations, interleaved
# (A, B, A, B, ...) so that a noisy machine affects both alike, and prints the median B/A ratio of training
# throughput, batch-1 latency and batch-256 throughput per configuration. Use it to check that a change kept
# the engine's speed (a ratio near 1 within the spread of the rounds).
#
#   bash bench/ab.sh before.jar seqcast-cli/target/seqcast.jar          # S and M, lstm and gru, 1 thread, 5 rounds
#   ROUNDS=7 CONFIGS="S" CELLS="lstm" THREADS="2" bash bench/ab.sh a.jar b.jar
#
# Records go to bench/results/<date>-ab.jsonl (each line tagged with "ab": "A" or "B").
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: bash bench/ab.sh A.jar B.jar" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar_a="$1"
jar_b="$2"
for j in "$jar_a" "$jar_b"; do
    [ -f "$j" ] || { echo "error: $j does not exist (build one with: mvn -B -q -DskipTests package)" >&2; exit 1; }
done
rounds="${ROUNDS:-5}"
configs="${CONFIGS:-S M}"
cells="${CELLS:-lstm gru}"
threads_list="${THREADS:-1}"
out="$root/bench/results/$(date -u +%Y-%m-%d)-ab.jsonl"
mkdir -p "$root/bench/results"

# The configurations of bench/compare.sh, with fewer samples: a round is a few seconds.
declare -A CFG=(
    [S]="1 60 50 2 1 32 2000"
    [M]="8 96 128 2 24 64 500"
    [L]="32 168 256 2 24 128 256"
)

run() {   # jar tag label cell threads
    local jar="$1" tag="$2" label="$3" cell="$4" threads="$5"
    read -r features window units layers horizon batch samples <<<"${CFG[$label]}"
    java --add-modules jdk.incubator.vector -jar "$jar" bench --label "$label" --cell "$cell" --features "$features" \
        --window "$window" --units "$units" --layers "$layers" --horizon "$horizon" --batch "$batch" \
        --samples "$samples" --epochs 2 --infer-calls 100 --threads "$threads" 2>/dev/null \
        | /usr/bin/python3 -c 'import json,sys; r=json.loads(sys.stdin.readline()); r["ab"]=sys.argv[1]; r["jar"]=sys.argv[2]; print(json.dumps(r))' "$tag" "$jar" \
        >>"$out"
}

start_line=$( [ -f "$out" ] && wc -l <"$out" || echo 0 )
for label in $configs; do
    for cell in $cells; do
        for threads in $threads_list; do
            for ((r = 1; r <= rounds; r++)); do
                echo "== $label $cell threads=$threads round $r/$rounds" >&2
                if (( r % 2 )); then run "$jar_a" A "$label" "$cell" "$threads"; run "$jar_b" B "$label" "$cell" "$threads"
                else run "$jar_b" B "$label" "$cell" "$threads"; run "$jar_a" A "$label" "$cell" "$threads"; fi
            done
        done
    done
done
tail -n +"$((start_line + 1))" "$out" | /usr/bin/python3 -c '
import json, sys, statistics as st
rows = [json.loads(l) for l in sys.stdin if l.strip()]
groups = {}
for r in rows:
    key = (r["config"]["label"], r["config"]["cell"], r["threads"])
    groups.setdefault(key, {"A": [], "B": []})[r["ab"]].append(r)
print("B/A ratios: median over rounds, and best against best (interference only ever slows a run, so the best of")
print("each side is the steadier estimate on a shared machine); >1 means B is faster (latency: <1 means B is faster)")
print("%-6s %-5s %-7s %12s %12s %12s %12s %12s   %s" % ("config", "cell", "threads", "train", "train best", "b1 latency",
      "b1 best", "b256", "rounds"))
for (label, cell, threads), g in sorted(groups.items()):
    def med(side, field):
        return st.median(r[field] for r in g[side])
    tr = med("B", "train_samples_per_s") / med("A", "train_samples_per_s")
    b1 = med("B", "infer_b1_us") / med("A", "infer_b1_us")
    b256 = med("B", "infer_b256_samples_per_s") / med("A", "infer_b256_samples_per_s")
    trb = max(r["train_samples_per_s"] for r in g["B"]) / max(r["train_samples_per_s"] for r in g["A"])
    b1b = min(r["infer_b1_us"] for r in g["B"]) / min(r["infer_b1_us"] for r in g["A"])
    spread = [b["train_samples_per_s"] / a["train_samples_per_s"] for a, b in zip(g["A"], g["B"])]
    print("%-6s %-5s %-7d %12.3f %12.3f %12.3f %12.3f %12.3f   %d (train ratio per round %.2f-%.2f)"
          % (label, cell, threads, tr, trb, b1, b1b, b256, len(g["A"]), min(spread), max(spread)))
'
