#!/usr/bin/env bash
# Scores what a user gets with no tuning flags on the competitions' HOLDOUTS (docs/ACCURACY.md, "What a user
# gets: the recommended ensemble on the holdouts"): `--models ensemble --levels 80,95` (networks on the
# automatic preset, chosen on validation origins by tools/accuracy/ensemble_validation.sh) and, in a second run,
# the single networks and the classical anchors, each series' last h points held out, one fold. Nothing here
# was tuned on these holdouts. Writes docs/accuracy/holdout/<data>_ensemble[_s<seed>].txt and
# <data>_singles.txt, the wall seconds to times.txt there. Run from the repository root:
#   bash tools/accuracy/holdout.sh                              # tourism and M1, seed 0
#   SEEDS="1 2" SINGLES=no bash tools/accuracy/holdout.sh      # the ensemble with seeds 1 and 2 (seed spread)
#   ENSEMBLE=no SINGLE_SEEDS="1 2" bash tools/accuracy/holdout.sh  # the single networks with seeds 1 and 2
#   ENSEMBLE=no SINGLES=classical LEVELS=none bash tools/accuracy/holdout.sh m4_weekly:13:1 m4_hourly:48:24
#                                                              # Seqcast's classical methods alone (minutes)
#   LEVELS=none SINGLES=no bash tools/accuracy/holdout.sh m4_hourly:48:24 m4_weekly:13:1
#                                                              # M4 (long: see ACCURACY.md); stem:h:m where the
#                                                              # file has no dates to infer the season from (M4
#                                                              # scores weekly data with m = 1: m4/README.md)
#   M4 weekly with the models given m = 52 and MASE scored with m = 1 is tools/accuracy/pool.sh's (STAGE=holdout,
#   m4_weekly:13:52:1, then MASE_PERIOD=1 pool.py score): backtest scores MASE with the season it was given
# SEQCAST (default ./seqcast) runs Seqcast; M1_DIR and M4_DIR (default /work/shared/datasets/m1 and .../m4, else
# ../shared/datasets/...) hold the M1 and M4 files, which are not in the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a seqcast <<< "${SEQCAST:-./seqcast}"
m1=${M1_DIR:-/work/shared/datasets/m1}
[ -d "$m1" ] || m1=../shared/datasets/m1
m4=${M4_DIR:-/work/shared/datasets/m4}
[ -d "$m4" ] || m4=../shared/datasets/m4
out=docs/accuracy/holdout
mkdir -p "$out"
sets=(${@:-tourism_yearly:4 tourism_quarterly:8 tourism_monthly:24 m1_yearly:6 m1_quarterly:8 m1_monthly:18})
seeds=(${SEEDS:-0})

run() { # file stem h name seed options...
  local file=$1 stem=$2 h=$3 name=$4 seed=$5; shift 5
  local txt=$out/${stem}_$name$([ "$seed" = 0 ] || echo "_s$seed").txt
  local start; start=$(date +%s)
  "${seqcast[@]}" backtest --data "$file" --id series_id --target value \
    --horizon "$h" --folds 1 --seed "$seed" --quiet "$@" > "$txt.part"
  mv "$txt.part" "$txt" # only a finished run leaves a table
  local secs=$(( $(date +%s) - start ))
  echo "$stem $name $seed $secs" >> "$out/times.txt"
  echo "$stem $name seed $seed ${secs}s"
  cat "$txt"
}

for spec in "${sets[@]}"; do
  IFS=: read -r stem h period <<< "$spec"
  extra=(--levels "${LEVELS:-80,95}")
  if [ -z "$period" ]; then extra+=(--time date); else extra+=(--time t --period "$period"); fi
  case $stem in tourism_*) file=testdata/tourism/$stem.csv ;; m1_*) file=$m1/$stem.csv ;; m4_*) file=$m4/$stem.csv ;; esac
  if [ ! -f "$file" ]; then echo "$stem: $file not found, skipped" >&2; continue; fi
  if [ "${ENSEMBLE:-yes}" = yes ]; then
    for seed in "${seeds[@]}"; do
      run "$file" "$stem" "$h" ensemble "$seed" --models ensemble "${extra[@]}"
    done
  fi
  classical=theta,snaive,ses,holt-damped,drift
  [[ $stem == *yearly ]] || [ "${period:-2}" -lt 2 ] || classical=$classical,hw
  if [ "${SINGLES:-yes}" = yes ]; then
    for seed in ${SINGLE_SEEDS:-0}; do
      run "$file" "$stem" "$h" singles "$seed" --models "lstm,gru,$classical" "${extra[@]:2}"
    done
  elif [ "${SINGLES:-yes}" = classical ]; then
    run "$file" "$stem" "$h" classical 0 --models "$classical" "${extra[@]:2}"
  fi
done
