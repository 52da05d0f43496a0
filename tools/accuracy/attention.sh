#!/usr/bin/env bash
# The attention forecasters (lstm-attention: LSTM states, self-attention over them, their mean to the head;
# transformer: a small pre-norm Transformer encoder, the mean of its outputs to the head) against the plain LSTM and the recommended ensemble, all on the automatic preset with no tuning flags, theta and snaive
# as anchors (docs/ACCURACY.md's protocol).
#   MODE=validation (the default): every series first loses its last h points (the competition holdout,
#     --drop-last h, never read), then the last h points of what remains are forecast (--folds 1). Any choice
#     (whether attention earns a place in the ensemble, its settings) is made on these tables only.
#   MODE=holdout: the competitions' holdouts, each series' last h points, scored once after the choices.
# Writes docs/accuracy/attention/<mode>/<data>_<run>[_s<seed>].txt (runs: singles = lstm-attention, transformer,
# lstm and the anchors; ensemble), the wall seconds to times.txt there, and prints the table of tools/accuracy/table.py.
# Run from the repository root:
#   bash tools/accuracy/attention.sh                                    # tourism, M1, M4 hourly, seed 0
#   SEEDS="0 1 2" ENSEMBLE=no bash tools/accuracy/attention.sh tourism_quarterly:8   # one subset, the seed spread
#   MODE=holdout bash tools/accuracy/attention.sh
# Data sets are stem:h[:m] (m where the file has no dates: M4's t index). SEQCAST (default ./seqcast) runs
# Seqcast; NICE (default nice -n 10) goes in front of it; M1_DIR and M4_DIR (default /work/shared/datasets/m1 and
# .../m4, else ../shared/datasets/...) hold the M1 and M4 files, which are not in the repository (skipped when
# absent). M4 hourly's 414 series of 700 to 960 hours make long windows: expect it to dominate the run time.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a seqcast <<< "${SEQCAST:-./seqcast}"
read -r -a nice <<< "${NICE:-nice -n 10}"
m1=${M1_DIR:-/work/shared/datasets/m1}
[ -d "$m1" ] || m1=../shared/datasets/m1
m4=${M4_DIR:-/work/shared/datasets/m4}
[ -d "$m4" ] || m4=../shared/datasets/m4
mode=${MODE:-validation}
case $mode in validation|holdout) ;; *) echo "MODE must be validation or holdout; got '$mode'" >&2; exit 2 ;; esac
out=docs/accuracy/attention/$mode
mkdir -p "$out"
sets=(${@:-tourism_yearly:4 tourism_quarterly:8 tourism_monthly:24 m1_yearly:6 m1_quarterly:8 m1_monthly:18 m4_hourly:48:24})
seeds=(${SEEDS:-0})

run() { # file stem h name seed options...
  local file=$1 stem=$2 h=$3 name=$4 seed=$5; shift 5
  local txt=$out/${stem}_$name$([ "$seed" = 0 ] || echo "_s$seed").txt
  local start; start=$(date +%s)
  "${nice[@]}" "${seqcast[@]}" backtest --data "$file" --id series_id --target value \
    --horizon "$h" --folds 1 --seed "$seed" --levels none --quiet "$@" > "$txt.part"
  mv "$txt.part" "$txt" # only a finished run leaves a table
  local secs=$(( $(date +%s) - start ))
  echo "$stem $name $seed $secs" >> "$out/times.txt"
  echo "$stem $name seed $seed ${secs}s"
  cat "$txt"
}

for spec in "${sets[@]}"; do
  IFS=: read -r stem h period <<< "$spec"
  extra=()
  if [ -z "$period" ]; then extra+=(--time date); else extra+=(--time t --period "$period"); fi
  [ "$mode" = validation ] && extra+=(--drop-last "$h")
  case $stem in tourism_*) file=testdata/tourism/$stem.csv ;; m1_*) file=$m1/$stem.csv ;; m4_*) file=$m4/$stem.csv ;; esac
  if [ ! -f "$file" ]; then echo "$stem: $file not found, skipped" >&2; continue; fi
  for seed in "${seeds[@]}"; do
    # the plain LSTM: on seasonal data preset auto now fits lstm on seasonally adjusted series (lstm-deseason);
    # these tables were measured before, with preset log-mae's settings (on yearly data auto also refits now)
    plain=(); [ "${period:-12}" -ge 2 ] && [[ $stem != *yearly ]] && plain=(--preset log-mae)
    run "$file" "$stem" "$h" singles "$seed" --models lstm-attention,transformer,lstm,theta,snaive "${extra[@]}" \
      "${plain[@]}"
    if [ "${ENSEMBLE:-yes}" = yes ]; then
      run "$file" "$stem" "$h" ensemble "$seed" --models ensemble "${extra[@]}"
    fi
  done
done
python3 tools/accuracy/table.py "$out"
