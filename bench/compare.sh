#!/usr/bin/env bash
# Runs PyTorch's CPU benchmark (../shared/bench/torch_rnn_bench.py) and `seqcast bench` on the same
# configurations, interleaved (PyTorch, Seqcast, PyTorch, Seqcast, ...), then prints the ratios against the
# targets of docs/PERFORMANCE.md. Run it on an otherwise idle machine:
#
#   bash bench/compare.sh                 # all of S, M, L x lstm, gru x 1, 2 threads
#   CONFIGS="S" CELLS="lstm" THREADS="1" bash bench/compare.sh
#
# Results are appended to bench/results/<date>.jsonl; the summary goes to stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
torch_bench="${TORCH_BENCH:-$root/../shared/bench/torch_rnn_bench.py}"
configs="${CONFIGS:-S M L}"
cells="${CELLS:-lstm gru}"
threads_list="${THREADS:-1 2}"
out="$root/bench/results/$(date -u +%Y-%m-%d).jsonl"
mkdir -p "$root/bench/results"

# PyTorch from Debian, and OpenBLAS under it: without libopenblas0-pthread Debian's torch falls back to the
# reference BLAS (BLAS_INFO=generic, about 6 GFLOP/s here instead of about 100), which is not PyTorch at its best.
need=()
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || need+=(libopenblas0-pthread)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]} (the reference)..." >&2
    sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
    $sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${need[@]}" >&2
fi
[ -f "$torch_bench" ] || { echo "error: PyTorch benchmark not found at $torch_bench (set TORCH_BENCH)" >&2; exit 1; }
"$root/seqcast" --version >/dev/null   # builds the jar if needed

# label: features window units layers horizon batch samples (fewer samples for the larger models keep a
# PyTorch run to a minute or two; both sides always get the same data size)
declare -A CFG=(
    [S]="1 60 50 2 1 32 4000"
    [M]="8 96 128 2 24 64 1000"
    [L]="32 168 256 2 24 128 512"
)

for label in $configs; do
    read -r features window units layers horizon batch samples <<<"${CFG[$label]}"
    common=(--label "$label" --features "$features" --window "$window" --layers "$layers" --horizon "$horizon"
            --batch "$batch" --samples "$samples")
    for cell in $cells; do
        for threads in $threads_list; do
            echo "== $label $cell threads=$threads: PyTorch" >&2
            OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE \
                /usr/bin/python3 "$torch_bench" "${common[@]}" --cell "$cell" --hidden "$units" \
                --threads "$threads" --out "$out" >/dev/null
            echo "== $label $cell threads=$threads: Seqcast" >&2
            "$root/seqcast" bench "${common[@]}" --cell "$cell" --units "$units" --threads "$threads" \
                --out "$out" >/dev/null
        done
    done
done
/usr/bin/python3 "$root/bench/summarize.py" "$out"
