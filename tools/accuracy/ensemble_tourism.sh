#!/usr/bin/env bash
# The first recommended ensemble, before the presets (`--models ensemble --preset none`: the median of lstm, gru, theta, hw and snaive on seasonal data,
# of lstm, gru, theta, holt-damped and naive otherwise; every setting at its default) on the tourism competition
# data with 80% and 95% conformal intervals (docs/ACCURACY.md): the competition's last h points held out, one fold.
# Nothing is tuned. Writes docs/accuracy/ensemble_tourism_<subset>.txt. Run from the repository root:
#   bash tools/accuracy/ensemble_tourism.sh                 # yearly, quarterly, monthly (monthly: several minutes)
#   bash tools/accuracy/ensemble_tourism.sh quarterly:8     # one subset
set -euo pipefail
cd "$(dirname "$0")/../.."
data=testdata/tourism
out=docs/accuracy
mkdir -p "$out"
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(yearly:4 quarterly:8 monthly:24)
for spec in "${specs[@]}"; do
  subset=${spec%%:*}; h=${spec##*:}
  start=$(date +%s)
  ./seqcast backtest --data "$data/tourism_$subset.csv" --id series_id --time date --target value \
    --horizon "$h" --folds 1 --models ensemble --preset none --levels 80,95 --seed 0 --quiet > "$out/ensemble_tourism_$subset.txt"
  echo "$subset: $(( $(date +%s) - start )) s"
  cat "$out/ensemble_tourism_$subset.txt"
done
