#!/usr/bin/env bash
# Conformal calibration settings (calibration origins 1/3/6, scaled or absolute scores) against coverage, on
# validation origins of tourism quarterly and monthly only (tools/accuracy/ConformalOrigins.java; docs/ACCURACY.md,
# "Conformal calibration settings"). Nothing here reads a competition holdout. Writes
# docs/accuracy/conformal_origins_<subset>.txt. Run from the repository root:
#   bash tools/accuracy/conformal_origins.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=$(mktemp)
mvn -B -q -pl seqcast-forecast -am compile dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
classes=seqcast-core/target/classes:seqcast-classical/target/classes:seqcast-formats/target/classes
classes=$classes:seqcast-forecast/target/classes:$(cat "$cp")
rm -f "$cp"
for spec in quarterly:8 monthly:24; do
  subset=${spec%%:*}; h=${spec##*:}
  java --add-modules jdk.incubator.vector -cp "$classes" tools/accuracy/ConformalOrigins.java \
    "testdata/tourism/tourism_$subset.csv" "$h" theta snaive 2> >(grep -v -e incubat -e "^1 warning$" >&2) \
    | tee "docs/accuracy/conformal_origins_$subset.txt"
done
