#!/usr/bin/env bash
# Prediction intervals on the tourism competition data (docs/ACCURACY.md, "Intervals on every tourism subset"):
# for each subset the competition's last h points are held out (one fold), and the classical methods get 80% and
# 95% intervals two ways: conformal (calibrated on the training part only, ConformalConfig's defaults) and
# classical (each method's own, as R's forecast computes them). Nothing is tuned: the settings are the defaults.
# Writes docs/accuracy/intervals_tourism_<subset>_<method>.txt. Run from the repository root:
#   bash tools/accuracy/intervals_tourism.sh                  # yearly, quarterly, monthly
#   bash tools/accuracy/intervals_tourism.sh yearly:4         # one subset
set -euo pipefail
cd "$(dirname "$0")/../.."
data=testdata/tourism
out=docs/accuracy
mkdir -p "$out"
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(yearly:4 quarterly:8 monthly:24)
for spec in "${specs[@]}"; do
  subset=${spec%%:*}; h=${spec##*:}
  models=theta,snaive,ses,holt-damped
  [ "$subset" = yearly ] || models=theta,snaive,ses,hw
  for method in conformal classical; do
    start=$(date +%s)
    ./seqcast backtest --data "$data/tourism_$subset.csv" --id series_id --time date --target value \
      --horizon "$h" --folds 1 --models "$models" --levels 80,95 --intervals "$method" --quiet \
      > "$out/intervals_tourism_${subset}_$method.txt"
    echo "$subset $method: $(( $(date +%s) - start )) s"
    cat "$out/intervals_tourism_${subset}_$method.txt"
  done
done
