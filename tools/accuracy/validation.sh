#!/usr/bin/env bash
# Scores network settings on VALIDATION origins only (docs/ACCURACY.md, "Choosing settings on validation
# origins"): every tourism series first loses its last h points (the competition holdout, --drop-last h, never
# read), then the last h of what remains is forecast from the rest (--folds 1). Settings chosen on this table
# never saw the holdout. One LSTM per configuration and subset, seed 0; theta and snaive as anchors.
# Writes docs/accuracy/validation/<subset>_<config>.txt and prints a summary line per run (wall seconds, MAPE,
# sMAPE, MASE of each model). About 20 minutes on 2 cores. Run from the repository root:
#   bash tools/accuracy/validation.sh            # every configuration below
#   bash tools/accuracy/validation.sh quarterly  # one subset
# SEQCAST (default ./seqcast) is the command that runs Seqcast, e.g. "java -jar seqcast-cli/target/seqcast.jar".
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a seqcast <<< "${SEQCAST:-./seqcast}"
data=testdata/tourism
out=docs/accuracy/validation
mkdir -p "$out"

# name|options: the configurations compared (lstm, seed 0)
tourism=(--transform log1p --scaling none --loss mae)
configs=(
  "defaults|"
  "tourism|${tourism[*]}"
  "mase|${tourism[*]} --loss-scale snaive"
  "recent|${tourism[*]} --recent-horizons 4"
  "cosine|${tourism[*]} --lr-schedule cosine"
  "cosine30|${tourism[*]} --epochs 30 --lr-schedule cosine"
  "mase-recent|${tourism[*]} --loss-scale snaive --recent-horizons 4"
  "mase-recent-cosine30|${tourism[*]} --loss-scale snaive --recent-horizons 4 --epochs 30 --lr-schedule cosine"
)
subsets=(${1:-yearly quarterly monthly})

run() { # subset h name models options...
  local subset=$1 h=$2 name=$3 models=$4; shift 4
  local start; start=$(date +%s)
  "${seqcast[@]}" backtest --data "$data/tourism_$subset.csv" --id series_id --time date --target value \
    --horizon "$h" --folds 1 --drop-last "$h" --models "$models" --seed 0 --quiet "$@" > "$out/${subset}_$name.txt"
  local secs=$(( $(date +%s) - start ))
  echo "$subset $name ${secs}s: $(awk 'NR > 1 && NF >= 8 {printf "%s MAPE %s sMAPE %s MASE %s; ", $1, $5, $6, $7}' \
    "$out/${subset}_$name.txt")"
}

for subset in "${subsets[@]}"; do
  case $subset in yearly) h=4 ;; quarterly) h=8 ;; monthly) h=24 ;; *) echo "unknown subset $subset" >&2; exit 2 ;; esac
  run "$subset" "$h" anchors theta,snaive
  if [ "$subset" = monthly ]; then   # monthly networks are slow: one configuration
    run "$subset" "$h" tourism lstm "${tourism[@]}"
    continue
  fi
  for c in "${configs[@]}"; do
    name=${c%%|*}; read -r -a opts <<< "${c#*|}"
    run "$subset" "$h" "$name" lstm "${opts[@]}"
  done
done
