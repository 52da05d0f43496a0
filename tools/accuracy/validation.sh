#!/usr/bin/env bash
# Scores network settings on VALIDATION origins only (docs/ACCURACY.md, "Choosing settings on validation
# origins"): every series first loses its last h points (the competition holdout, --drop-last h, never read),
# then the last h points of what remains are forecast from the rest (--folds 1). A choice made on this table
# never saw a holdout. One LSTM per configuration and subset, seed 0; theta and snaive as anchors.
# Writes docs/accuracy/validation/<data>_<config>.txt and prints one line per run: wall seconds, then MAPE,
# sMAPE and MASE of each model. About 15 minutes on 2 cores. Run from the repository root:
#   bash tools/accuracy/validation.sh                          # everything below
#   bash tools/accuracy/validation.sh tourism_quarterly:8      # one data set (file stem:horizon)
# SEQCAST (default ./seqcast) is the command that runs Seqcast; M1_DIR (default /work/shared/datasets/m1, else
# ../shared/datasets/m1) holds the M1 files (skipped when absent).
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a seqcast <<< "${SEQCAST:-./seqcast}"
m1=${M1_DIR:-/work/shared/datasets/m1}
[ -d "$m1" ] || m1=../shared/datasets/m1
out=docs/accuracy/validation
mkdir -p "$out"

# name|options of the LSTM configurations compared ("tourism" are the settings of tools/accuracy/tourism.sh)
tourism="--transform log1p --scaling none --loss mae"
configs=(
  "defaults|"
  "tourism|$tourism"
  "mase|$tourism --loss-scale snaive"
  "smape|--transform log1p --scaling none --loss log_smape"
  "smape-mase|--transform log1p --scaling none --loss log_smape --loss-scale snaive"
  "recent|$tourism --recent-horizons 4"
  "cosine|$tourism --lr-schedule cosine"
  "cosine30|$tourism --epochs 30 --lr-schedule cosine"
  "mase-recent|$tourism --loss-scale snaive --recent-horizons 4"
  "mase-recent-cosine30|$tourism --loss-scale snaive --recent-horizons 4 --epochs 30 --lr-schedule cosine"
)
# monthly networks are slow: one configuration only
monthly_config="mase|$tourism --loss-scale snaive"
sets=(${1:-tourism_yearly:4 tourism_quarterly:8 m1_yearly:6 m1_quarterly:8 tourism_monthly:24})

run() { # file stem h name models options...
  local file=$1 stem=$2 h=$3 name=$4 models=$5; shift 5
  local start; start=$(date +%s)
  "${seqcast[@]}" backtest --data "$file" --id series_id --time date --target value \
    --horizon "$h" --folds 1 --drop-last "$h" --models "$models" --seed 0 --quiet "$@" > "$out/${stem}_$name.txt"
  local secs=$(( $(date +%s) - start ))
  echo "$stem $name ${secs}s: $(awk 'NR > 1 && NF >= 8 {printf "%s MAPE %s sMAPE %s MASE %s; ", $1, $5, $6, $7}' \
    "$out/${stem}_$name.txt")"
}

for spec in "${sets[@]}"; do
  stem=${spec%%:*}; h=${spec##*:}
  case $stem in tourism_*) file=testdata/tourism/$stem.csv ;; m1_*) file=$m1/$stem.csv ;; esac
  if [ ! -f "$file" ]; then echo "$stem: $file not found, skipped" >&2; continue; fi
  run "$file" "$stem" "$h" anchors theta,snaive
  list=("${configs[@]}")
  [ "$stem" = tourism_monthly ] && list=("$monthly_config")
  for c in "${list[@]}"; do
    name=${c%%|*}; read -r -a opts <<< "${c#*|}"
    run "$file" "$stem" "$h" "$name" lstm "${opts[@]}"
  done
done
