#!/usr/bin/env bash
# Chooses the settings of the recommended ensemble's networks on VALIDATION origins only (docs/ACCURACY.md,
# "Choosing the presets"): every series first loses its last h points (the competition holdout, --drop-last h,
# never read), then the last h points of what remains are forecast from the rest (--folds 1). One run of
# `--models ensemble` per network configuration and data set, seed 0 (SEEDS for more); theta and snaive as anchors.
# Writes docs/accuracy/ensemble_validation/<data>_<config>[_s<seed>].txt and the wall seconds to times.txt there.
# Wall times: docs/accuracy/ensemble_validation/times.txt (about 21 minutes in all). Run from the repository root:
#   bash tools/accuracy/ensemble_validation.sh                        # everything below
#   CONFIGS="log-mae" bash tools/accuracy/ensemble_validation.sh m1_yearly:6
# SEQCAST (default ./seqcast) is the command that runs Seqcast; M1_DIR (default /work/shared/datasets/m1, else
# ../shared/datasets/m1) holds the M1 files.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a seqcast <<< "${SEQCAST:-./seqcast}"
m1=${M1_DIR:-/work/shared/datasets/m1}
[ -d "$m1" ] || m1=../shared/datasets/m1
out=docs/accuracy/ensemble_validation
mkdir -p "$out"

# name|network options of the configurations compared (every ensemble member network gets them): RnnConfig's
# defaults, the log-mae preset's settings, and those with the MASE-like loss scale
logmae="--preset none --transform log1p --scaling none --loss mae"
configs=(
  "none|--preset none"
  "log-mae|$logmae"
  "log-mae-mase|$logmae --loss-scale snaive"
)
sets=(${1:-tourism_yearly:4 m1_yearly:6 tourism_quarterly:8 m1_quarterly:8 m1_monthly:18 tourism_monthly:24})
seeds=(${SEEDS:-0})
only=" ${CONFIGS:-} "

run() { # file stem h name seed models options...
  local file=$1 stem=$2 h=$3 name=$4 seed=$5 models=$6; shift 6
  local txt=$out/${stem}_$name$([ "$seed" = 0 ] || echo "_s$seed").txt
  local start; start=$(date +%s)
  "${seqcast[@]}" backtest --data "$file" --id series_id --time date --target value \
    --horizon "$h" --folds 1 --drop-last "$h" --models "$models" --seed "$seed" --quiet "$@" > "$txt.part"
  mv "$txt.part" "$txt" # only a finished run leaves a table
  local secs=$(( $(date +%s) - start ))
  echo "$stem $name $seed $secs" >> "$out/times.txt"
  echo "$stem $name seed $seed ${secs}s: $(awk 'NR > 1 && $1 != "MASE" && NF >= 8 {printf "%s MAPE %s sMAPE %s MASE %s; ", $1, $5, $6, $7}' \
    "$txt")"
}

for spec in "${sets[@]}"; do
  stem=${spec%%:*}; h=${spec##*:}
  case $stem in tourism_*) file=testdata/tourism/$stem.csv ;; m1_*) file=$m1/$stem.csv ;; esac
  if [ ! -f "$file" ]; then echo "$stem: $file not found, skipped" >&2; continue; fi
  anchors=theta,snaive,ses,holt-damped
  [[ $stem == *yearly ]] || anchors=$anchors,hw
  [ "$only" = "  " ] && [ "${seeds[*]}" = 0 ] && run "$file" "$stem" "$h" anchors 0 "$anchors"
  for c in "${configs[@]}"; do
    name=${c%%|*}; read -r -a opts <<< "${c#*|}"
    [ "$only" = "  " ] || [[ "$only" == *" $name "* ]] || continue
    for seed in "${seeds[@]}"; do
      run "$file" "$stem" "$h" "$name" "$seed" ensemble "${opts[@]}"
    done
  done
done
