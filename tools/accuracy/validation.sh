#!/usr/bin/env bash
# Scores network settings on VALIDATION origins only (docs/ACCURACY.md, "Choosing settings on validation
# origins"): every series first loses its last h points (the competition holdout, --drop-last h, never read),
# then the last h points of what remains are forecast from the rest (--folds 1). A choice made on this table
# never saw a holdout. One LSTM per configuration and subset, seed 0; theta and snaive as anchors.
# Writes docs/accuracy/validation/<data>_<config>.txt, appends the wall seconds to times.txt there and prints
# one line per run: wall seconds, then MAPE, sMAPE and MASE of each model; at the end the markdown tables of
# docs/ACCURACY.md (tools/accuracy/validation_table.py). About 8 minutes on 2 cores. Run from the repository root:
#   bash tools/accuracy/validation.sh                          # everything below
#   bash tools/accuracy/validation.sh tourism_quarterly:8      # one data set (file stem:horizon)
#   SEEDS="1 2" CONFIGS="tourism mase smape-mase" bash tools/accuracy/validation.sh tourism_yearly:4
#                                                              # other seeds, some configurations (seed spread)
# SEQCAST (default ./seqcast) is the command that runs Seqcast; M1_DIR (default /work/shared/datasets/m1, else
# ../shared/datasets/m1) holds the M1 files (skipped when absent). Files of seeds other than 0 end in _s<seed>.
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
  "defaults|--preset none"
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
# monthly networks are slow (about 2 minutes each): one configuration, the best of the yearly and quarterly rows
monthly_config="mase|$tourism --loss-scale snaive"
sets=(${1:-tourism_yearly:4 tourism_quarterly:8 m1_yearly:6 m1_quarterly:8 tourism_monthly:24})
seeds=(${SEEDS:-0})
only=" ${CONFIGS:-} "

run() { # file stem h name seed models options...
  local file=$1 stem=$2 h=$3 name=$4 seed=$5 models=$6; shift 6
  local txt=$out/${stem}_$name$([ "$seed" = 0 ] || echo "_s$seed").txt
  local start; start=$(date +%s)
  "${seqcast[@]}" backtest --data "$file" --id series_id --time date --target value \
    --horizon "$h" --folds 1 --drop-last "$h" --models "$models" --seed "$seed" --quiet "$@" > "$txt"
  local secs=$(( $(date +%s) - start ))
  echo "$stem $name $seed $secs" >> "$out/times.txt"
  echo "$stem $name seed $seed ${secs}s: $(awk 'NR > 1 && $1 != "MASE" && NF >= 8 {printf "%s MAPE %s sMAPE %s MASE %s; ", $1, $5, $6, $7}' \
    "$txt")"
}

for spec in "${sets[@]}"; do
  stem=${spec%%:*}; h=${spec##*:}
  case $stem in tourism_*) file=testdata/tourism/$stem.csv ;; m1_*) file=$m1/$stem.csv ;; esac
  if [ ! -f "$file" ]; then echo "$stem: $file not found, skipped" >&2; continue; fi
  [ "$only" = "  " ] && [ "${seeds[*]}" = 0 ] && run "$file" "$stem" "$h" anchors 0 theta,snaive
  list=("${configs[@]}")
  [ "$stem" = tourism_monthly ] && list=("$monthly_config")
  for c in "${list[@]}"; do
    name=${c%%|*}; read -r -a opts <<< "${c#*|}"
    [ "$only" = "  " ] || [[ "$only" == *" $name "* ]] || continue
    for seed in "${seeds[@]}"; do
      run "$file" "$stem" "$h" "$name" "$seed" lstm "${opts[@]}"
    done
  done
done
command -v python3 > /dev/null && python3 tools/accuracy/validation_table.py
