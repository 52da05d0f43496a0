#!/usr/bin/env bash
# Does a network with the right future-known covariates beat the same network without them, and the classical
# regression with the same regressors (R's tslm: trend, seasonal dummies, the covariates)? The accuracy
# evidence, on four public data sets with genuine covariates (testdata/covariates, made by covariates_data.py; seatbelts.csv is testdata/data/seatbelts_roles.csv without its future rows).
#
# Protocol (docs/ACCURACY.md, "Choosing settings on validation origins"):
#  1. validation: every series loses its test span (--drop-last = H + (K-1)*S, never read), and Kv rolling
#     origins before it score each candidate, seed 0. Each arm picks its own candidate by the lowest mean MAE
#     (the same series and origins for every candidate; MASE would not do: its scale follows --period, which
#     the regression without seasonal dummies sets to 1):
#       lstm-nocov  the network settings (e.g. preset none or log-mae), no covariates
#       lstm-cov    the network settings x the covariate set
#       regression  the covariate set x seasonal dummies or none (--period 1)
#  2. test: the last K rolling origins (step S) are scored once with what was chosen; the networks with seeds
#     0, 1, 2; snaive, theta (and hw where m <= 24) as anchors. The tables' MASE is recomputed per fold with
#     the seasonal scale of the anchors' run (the seasonal naive's in-sample MAE), so a --period 1 run is
#     scaled like the others.
# Candidates: preset none (standard scaling, MSE), preset log-mae (log1p, no scaling, MAE: its "no scaling"
# leaves the covariates unscaled too, see Preset), logstd (log1p, then standard scaling of target and covariates,
# MAE), rec (preset none with the recursive strategy: one step at a time, the future-known covariates entering
# each step, instead of the direct Dense(H) head reading all H steps' covariates at once); uschange has negative
# values, so no log there, a shorter window instead.
# Every run writes its JSON (and the test runs their per-fold CSV) under docs/accuracy/covariates/<data>/;
# choices.txt there records what validation chose; at the end covariates_table.py prints the tables.
# About 20 minutes on 2 shared cores. Run from the repository root:
#   bash tools/accuracy/covariates.sh                      # all three data sets
#   bash tools/accuracy/covariates.sh elecdaily uschange   # some
# SEQCAST (default ./seqcast) is the command that runs Seqcast.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a seqcast <<< "${SEQCAST:-./seqcast}"
root=docs/accuracy/covariates
seeds=(0 1 2)

# data | file | target | H | step S | test origins K | validation origins Kv | anchors
#      | network candidates (name=options;...) | covariate sets (name=cols;...)
#      | [options of every run, e.g. the id column] | [options of the network with covariates, e.g. --static]
# seatbelts was added after the other three had been scored, with the candidate list the other three ended
# with fixed before it was run (none, logstd, rec): its test origins were scored once.
sets=(
  "elecdaily|testdata/covariates/elecdaily.csv|demand|14|14|6|4|snaive,hw,theta\
|none=--preset none;logmae=--preset log-mae;logstd=--transform log1p --scaling standard --loss mae;rec=--preset none --strategy recursive\
|wt=workday,temperature;wt2=workday,temperature,temperature2"
  "vic_elec|testdata/covariates/vic_elec.csv|demand|48|48|5|3|snaive,theta\
|none=--preset none;logstd=--transform log1p --scaling standard --loss mae;rec=--preset none --strategy recursive\
|wt=workday,temperature;wt2=workday,temperature,temperature2"
  "uschange|testdata/covariates/uschange.csv|Consumption|8|4|8|6|snaive,hw,theta\
|none=--preset none;w8=--preset none --window 8;rec=--preset none --strategy recursive\
|i=Income;ipsu=Income,Production,Savings,Unemployment"
  "seatbelts|testdata/covariates/seatbelts.csv|casualties|12|12|3|3|snaive,hw,theta\
|none=--preset none;logstd=--transform log1p --scaling standard --loss mae;rec=--preset none --strategy recursive\
|l=law|--id seat|--static covered"
)

run() { # data json-path options... : one backtest, its JSON (and per-fold CSV) kept, the time logged
  local data=$1 json=$2; shift 2
  local start; start=$(date +%s)
  "${seqcast[@]}" backtest --quiet --json --out "${json%.json}.csv" "$@" > "$json"
  local secs=$(( $(date +%s) - start ))
  echo "$data $(basename "$json" .json) ${secs}s: $(python3 tools/accuracy/covariates_table.py brief "$json")"
  echo "$(basename "$json" .json) $secs" >> "$root/$data/times.txt"
}

lookup() { # "name=value;name=value" name -> value
  local IFS=';' pair
  for pair in $1; do [ "${pair%%=*}" = "$2" ] && { echo "${pair#*=}"; return; }; done
  echo "unknown candidate $2" >&2; exit 1
}

only=" $* "
for spec in "${sets[@]}"; do
  IFS='|' read -r data file target h step k kv anchors nets covs extra statics <<< "$spec"
  read -r -a extra <<< "${extra:-}"
  read -r -a statics <<< "${statics:-}"
  [ "$only" = "  " ] || [[ "$only" == *" $data "* ]] || continue
  out=$root/$data
  rm -rf "$out"; mkdir -p "$out"
  span=$(( h + (k - 1) * step ))
  common=(--data "$file" --target "$target" -H "$h" --step "$step" ${extra[@]+"${extra[@]}"})
  val=("${common[@]}" --folds "$kv" --drop-last "$span" --seed 0)
  echo "== $data: H $h, test origins $k (step $step, span $span), validation origins $kv before them"

  # 1. validation
  IFS=';' read -r -a netlist <<< "$nets"
  IFS=';' read -r -a covlist <<< "$covs"
  for n in "${netlist[@]}"; do
    read -r -a o <<< "${n#*=}"
    run "$data" "$out/val_lstm-nocov_${n%%=*}.json" "${val[@]}" --models lstm "${o[@]}"
    for c in "${covlist[@]}"; do
      run "$data" "$out/val_lstm-cov_${n%%=*}_${c%%=*}.json" "${val[@]}" --models lstm "${o[@]}" \
        --future-covariates "${c#*=}" ${statics[@]+"${statics[@]}"}
    done
  done
  for c in "${covlist[@]}"; do
    run "$data" "$out/val_regression_season_${c%%=*}.json" "${val[@]}" --models regression --future-covariates "${c#*=}"
    run "$data" "$out/val_regression_noseason_${c%%=*}.json" "${val[@]}" --models regression \
      --future-covariates "${c#*=}" --period 1
  done
  run "$data" "$out/val_anchors.json" "${val[@]}" --models "$anchors"
  nocov=$(python3 tools/accuracy/covariates_table.py best lstm "$out"/val_lstm-nocov_*.json)
  cov=$(python3 tools/accuracy/covariates_table.py best lstm "$out"/val_lstm-cov_*.json)
  reg=$(python3 tools/accuracy/covariates_table.py best regression "$out"/val_regression_*.json)
  { echo "lstm-nocov $nocov"; echo "lstm-cov $cov"; echo "regression $reg"; } > "$out/choices.txt"
  echo "validation chose: lstm-nocov $nocov, lstm-cov $cov, regression $reg"

  # 2. test, once, with what validation chose
  test=("${common[@]}" --folds "$k")
  read -r -a o <<< "$(lookup "$nets" "$nocov")"
  for s in "${seeds[@]}"; do
    run "$data" "$out/test_lstm-nocov_s$s.json" "${test[@]}" --models lstm "${o[@]}" --seed "$s"
  done
  read -r -a o <<< "$(lookup "$nets" "${cov%%_*}")"
  for s in "${seeds[@]}"; do
    run "$data" "$out/test_lstm-cov_s$s.json" "${test[@]}" --models lstm "${o[@]}" --seed "$s" \
      --future-covariates "$(lookup "$covs" "${cov#*_}")" ${statics[@]+"${statics[@]}"}
  done
  season=${reg%%_*}; c=${reg#*_}
  run "$data" "$out/test_regression.json" "${test[@]}" --models regression \
    --future-covariates "$(lookup "$covs" "$c")" $([ "$season" = noseason ] && echo --period 1)
  run "$data" "$out/test_anchors.json" "${test[@]}" --models "$anchors"
done
python3 tools/accuracy/covariates_table.py table "$root" | tee "$root/tables.md"
