#!/usr/bin/env bash
# The tourism competition protocol (docs/ACCURACY.md): for each subset, fit on the competition's in-sample part
# of all series (one global LSTM and one global GRU per subset; the baselines per series) and score the last h
# points (--folds 1). Writes docs/accuracy/tourism_<subset>.txt (the table) and .csv (every series' scores). About 5 minutes on
# 2 cores, most of it the monthly networks. Run from the repository root:  bash tools/accuracy/tourism.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
data=testdata/tourism
out=docs/accuracy
mkdir -p "$out"
# Networks: log(1 + y) so the multiplicative seasonality of tourism numbers becomes additive, no further
# scaling (log differences are comparable across series), MAE loss (in log space close to a relative error).
# Preset none underneath: the networks on the series as they are, as measured (preset auto would fit them on
# seasonally adjusted series on quarterly and monthly data, and refit them on yearly data).
net=(--preset none --transform log1p --scaling none --loss mae --seed 0)
models=lstm,gru,naive,snaive,drift,ses,holt,hw,theta,ar
for spec in yearly:4 quarterly:8 monthly:24; do
  subset=${spec%%:*}; h=${spec##*:}
  m=$models; [ "$subset" = yearly ] && m=${models/,hw,/,}
  start=$(date +%s)
  ./seqcast backtest --data "$data/tourism_$subset.csv" --id series_id --time date --target value \
    --horizon "$h" --folds 1 --models "$m" "${net[@]}" --quiet --out "$out/tourism_$subset.csv" \
    > "$out/tourism_$subset.txt"
  echo "$subset: $(( $(date +%s) - start )) s"
  cat "$out/tourism_$subset.txt"
done
