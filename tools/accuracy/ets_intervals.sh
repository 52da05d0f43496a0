#!/usr/bin/env bash
# R's own prediction intervals scored as Seqcast scores its own (docs/ACCURACY.md, "R's ets() and thetaf()
# intervals, and intervals on M1"). For each data set the competition's last h points are held out; R fits
# ets(), thetaf(), snaive() and ses() on the rest with default arguments and gives 80% and 95% intervals
# (tools/accuracy/r/ets_intervals.R, R 4.2.2 with forecast 8.20); tools/accuracy/RIntervals.java then scores them
# with Seqcast's backtest (coverage, MSIS, scaled pinball, MAPE, MASE: the table of `seqcast backtest --levels
# 80,95`). snaive and ses are a check: Seqcast's `--intervals classical` gives the same intervals, so their rows
# must equal those of docs/accuracy/intervals_<set>_classical.txt.
# Writes R's forecasts to target/r-intervals/<set>.csv (about 2 MB a set, not committed; REUSE_R=1 scores the
# files already there) and the tables to docs/accuracy/r_intervals_<set>.txt. About 18 minutes on 2 shared cores,
# 15 of them ets() on the two monthly sets. M1_DIR (default /work/shared/datasets/m1, else
# ../shared/datasets/m1) holds the M1 files (skipped when absent). Run from anywhere:
#   bash tools/accuracy/ets_intervals.sh                        # the six sets below
#   bash tools/accuracy/ets_intervals.sh tourism_yearly:4:1     # one set (file stem:h:seasonal period)
set -euo pipefail
cd "$(dirname "$0")/../.."
m1=${M1_DIR:-/work/shared/datasets/m1}
[ -d "$m1" ] || m1=../shared/datasets/m1
raw=target/r-intervals
out=docs/accuracy
mkdir -p "$raw" "$out"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(tourism_yearly:4:1 tourism_quarterly:8:4 tourism_monthly:24:12 m1_yearly:6:1
                              m1_quarterly:8:4 m1_monthly:18:12)

cp=$(mktemp)
mvn -B -q -Dstyle.color=never -pl seqcast-forecast -am compile dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
classes=seqcast-core/target/classes:seqcast-classical/target/classes:seqcast-formats/target/classes
classes=$classes:seqcast-forecast/target/classes:$(cat "$cp")
rm -f "$cp"

for spec in "${sets[@]}"; do
  IFS=: read -r stem h m <<< "$spec"
  case $stem in tourism_*) file=testdata/tourism/$stem.csv ;; m1_*) file=$m1/$stem.csv ;; esac
  if [ ! -f "$file" ]; then echo "$stem: $file not found, skipped" >&2; continue; fi
  start=$(date +%s)
  if [ "${REUSE_R:-0}" != 1 ] || [ ! -f "$raw/$stem.csv" ]; then
    Rscript tools/accuracy/r/ets_intervals.R "$file" "$h" "$m" "$raw/$stem.csv"
  fi
  middle=$(date +%s)
  java --add-modules jdk.incubator.vector -cp "$classes" tools/accuracy/RIntervals.java "$file" "$raw/$stem.csv" \
    "$h" 2> >(grep -v -e incubat -e "^1 warning$" >&2) > "$out/r_intervals_$stem.txt"
  echo "$stem: R $(( middle - start )) s, scoring $(( $(date +%s) - middle )) s"
  cat "$out/r_intervals_$stem.txt"
done
