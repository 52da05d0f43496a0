#!/usr/bin/env bash
# Conformal intervals of Theta and the seasonal naive on the tourism quarterly data (docs/ACCURACY.md,
# "Intervals (first measurements)"): H = 8, one fold (the competition's last 8 points held out), calibration on
# the training part only, default ConformalConfig. Writes docs/accuracy/intervals_tourism_quarterly.txt.
# Run from anywhere:  bash tools/accuracy/intervals.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=$(mktemp)
mvn -B -q -pl seqcast-forecast -am compile dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
classes=seqcast-core/target/classes:seqcast-classical/target/classes:seqcast-formats/target/classes
classes=$classes:seqcast-forecast/target/classes:$(cat "$cp")
rm -f "$cp"
mkdir -p docs/accuracy
java --add-modules jdk.incubator.vector -cp "$classes" tools/accuracy/Intervals.java \
  testdata/tourism/tourism_quarterly.csv 8 theta snaive 2> >(grep -v -e incubat -e "^1 warning$" >&2) \
  | tee docs/accuracy/intervals_tourism_quarterly.txt
