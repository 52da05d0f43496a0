#!/usr/bin/env bash
# Prediction intervals on the M1 competition data (docs/ACCURACY.md, "R's ets() and thetaf() intervals, and
# intervals on M1"), as tools/accuracy/intervals_tourism.sh does for tourism: for each subset the competition's
# last h points are held out (one fold; no --drop-last: holdout scores of the default settings, nothing tuned) and
# Theta, the seasonal naive, SES and damped Holt (yearly) or Holt-Winters (quarterly, monthly) get 80% and 95%
# intervals two ways, conformal (calibrated on the training part only, ConformalConfig's defaults) and classical
# (each method's own, as R's forecast computes them). Writes docs/accuracy/intervals_<set>_<method>.txt (the
# backtest table) and .json (`--json`: the same scores plus the mean interval widths). About 3 minutes on 2 cores
# for M1.
# M1_DIR (default /work/shared/datasets/m1, else ../shared/datasets/m1) holds the M1 files. Tourism stems are
# accepted too (tourism_monthly:24): the tables are intervals_tourism.sh's, the .json files add the widths.
# Run from the repository root:
#   bash tools/accuracy/intervals_m1.sh                      # m1_yearly, m1_quarterly, m1_monthly
#   bash tools/accuracy/intervals_m1.sh m1_quarterly:8       # one set (file stem:h)
set -euo pipefail
cd "$(dirname "$0")/../.."
m1=${M1_DIR:-/work/shared/datasets/m1}
[ -d "$m1" ] || m1=../shared/datasets/m1
out=docs/accuracy
mkdir -p "$out"
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(m1_yearly:6 m1_quarterly:8 m1_monthly:18)
for spec in "${specs[@]}"; do
  stem=${spec%%:*}; h=${spec##*:}
  case $stem in tourism_*) file=testdata/tourism/$stem.csv ;; m1_*) file=$m1/$stem.csv ;; esac
  if [ ! -f "$file" ]; then echo "$stem: $file not found, skipped" >&2; continue; fi
  models=theta,snaive,ses,holt-damped
  case $stem in *_yearly) ;; *) models=theta,snaive,ses,hw ;; esac
  for method in conformal classical; do
    args=(backtest --data "$file" --id series_id --time date --target value --horizon "$h" --folds 1
          --models "$models" --levels 80,95 --intervals "$method" --quiet)
    start=$(date +%s)
    ./seqcast "${args[@]}" > "$out/intervals_${stem}_$method.txt"
    middle=$(date +%s)
    ./seqcast "${args[@]}" --json > "$out/intervals_${stem}_$method.json"
    echo "$stem $method: $(( middle - start )) s (table), $(( $(date +%s) - middle )) s (json)"
    cat "$out/intervals_${stem}_$method.txt"
  done
done
