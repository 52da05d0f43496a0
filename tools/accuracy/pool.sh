#!/usr/bin/env bash
# Forecasts of candidate ensemble members, one file per member, for choosing the recommended ensemble's members
# on VALIDATION origins (docs/ACCURACY.md, "Choosing the ensemble's members"). For each data set the members are
# fitted with `seqcast fit` (no tuning flags beyond those in MEMBERS) on every series minus its last 2h points
# (STAGE=validation: the competition's holdout and the h points before it) and forecast the h points after that
# with `seqcast forecast`; tools/accuracy/pool.py scores members and combinations. STAGE=holdout fits on every
# series minus its last h points and forecasts the holdout (use only for what validation chose).
#   bash tools/accuracy/pool.sh tourism_yearly:4:1 m1_yearly:6:1            # stem:h:m
#   bash tools/accuracy/pool.sh m4_weekly:13:52:3    # stem:h:m:K, every K-th series only, in <stem>_m<m>_1in<K>
#   MEMBERS="lstm|lstm| theta|theta|" bash tools/accuracy/pool.sh ...          # name|model|options, blank-separated
#   MEMBERS="gru-w168|gru|--window=168+--seed=1" ...    # options: '=' and '+' become blanks
#   python3 tools/accuracy/pool.py score docs/accuracy/pool/validation/*     # tables
# JOBS (default 2) members run at once, each on one thread (results do not depend on it). SEQCAST, M1_DIR, M4_DIR
# as in holdout.sh. Wall seconds per member go to <dir>/times.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
seqcast=${SEQCAST:-./seqcast}
m1=${M1_DIR:-/work/shared/datasets/m1}; [ -d "$m1" ] || m1=../shared/datasets/m1
m4=${M4_DIR:-/work/shared/datasets/m4}; [ -d "$m4" ] || m4=../shared/datasets/m4
stage=${STAGE:-validation}
default_members="lstm|lstm| gru|gru| lstm1|lstm|--seed=1 gru1|gru|--seed=1 lstm-deseason|lstm-deseason|
gru-deseason|gru-deseason| transformer|transformer| lstm-attention|lstm-attention| theta|theta| snaive|snaive|
naive|naive| ses|ses| holt-damped|holt-damped| drift|drift| hw|hw|"
read -r -a members <<< "$(echo ${MEMBERS:-$default_members})"
$seqcast --version > /dev/null # builds the jar once, before members run in parallel

one() { # dir time period h name model options
  local dir=$1 time=$2 period=$3 h=$4 name=$5 model=$6 opts=$7
  [ -f "$dir/$name.csv" ] && return 0
  [ "$model" = hw ] && [ "$period" -lt 2 ] && return 0
  [ "$model" = hw ] && [ "$period" -gt 24 ] && return 0
  # a member named by its cell is the network on the series as they are with log-mae's settings, as when these
  # pools were first fitted: preset auto now fits it on seasonally adjusted series on seasonal data and refits it
  # on short non-seasonal data; the adjusted (-deseason) and refitted (--refit) members say so themselves
  case $model in lstm|gru|rnn) [[ $opts != *--preset* ]] && opts="$opts --preset=log-mae" ;; esac
  local start; start=$(date +%s)
  # shellcheck disable=SC2086
  if $seqcast fit --data "$dir/train.csv" --id series_id --time "$time" --target value --period "$period" \
      -H "$h" --model "$model" --levels none --threads 1 --quiet -o "$dir/$name.seqcast" ${opts//[=+]/ } \
      > "$dir/$name.log" 2>&1 &&
    $seqcast forecast -m "$dir/$name.seqcast" --data "$dir/train.csv" --id series_id --time "$time" \
      --target value --period "$period" --quiet -o "$dir/$name.csv.part" >> "$dir/$name.log" 2>&1; then
    mv "$dir/$name.csv.part" "$dir/$name.csv"
    rm -f "$dir/$name.seqcast"
    echo "$name $(( $(date +%s) - start ))" >> "$dir/times.txt"
    echo "$dir $name $(( $(date +%s) - start ))s"
  else
    echo "$dir $name FAILED (see $dir/$name.log)" >&2
  fi
}
export -f one
export seqcast

for spec in "$@"; do
  IFS=: read -r stem h period every <<< "$spec"
  case $stem in tourism_*) file=testdata/tourism/$stem.csv ;; m1_*) file=$m1/$stem.csv ;; m4_*) file=$m4/$stem.csv ;; esac
  dir=docs/accuracy/pool/$stage/$stem${every:+_m${period}_1in$every}
  mkdir -p "$dir"
  [ -f "$dir/train.csv" ] || python3 tools/accuracy/pool.py prepare "$stage" "$stem" "$h" "$file" "$dir" ${every:-}
  echo "$period" > "$dir/period"
  time=$(head -1 "$dir/train.csv" | cut -d, -f2)
  for mem in "${members[@]}"; do
    IFS='|' read -r name model opts <<< "$mem"
    printf '%s\0' "$dir" "$time" "$period" "$h" "$name" "$model" "${opts:-}"
  done | xargs -0 -n 7 -P "${JOBS:-2}" bash -c 'one "$@"' _
done
