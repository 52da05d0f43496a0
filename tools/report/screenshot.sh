#!/usr/bin/env bash
# Renders the HTML report of the demo backtest (org.seqcast.report.ExampleReport: lstm, gru and eight baselines
# on AirPassengers, horizon 12, three origins) and screenshots it for the docs with headless Chromium.
#   bash tools/report/screenshot.sh [data.csv [out.png]]      (default: AirPassengers, docs/report.png)
# Needs the Debian package chromium (apt-get install -y chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
data="${1:-seqcast-forecast/src/test/resources/data/airpassengers.csv}"
png="${2:-docs/report.png}"
work="$root/seqcast-report/target/example"
html="$work/report.html"

if ! command -v chromium >/dev/null; then
    echo "screenshot.sh: chromium is missing; install it with: apt-get install -y chromium" >&2
    exit 1
fi
mkdir -p "$work" "$(dirname "$png")"
mvn -B -q -pl seqcast-core,seqcast-forecast,seqcast-report install -DskipTests
mvn -B -q -pl seqcast-report dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath.txt"
java --add-modules jdk.incubator.vector -cp "seqcast-report/target/classes:$(cat "$work/classpath.txt")" \
    org.seqcast.report.ExampleReport "$data" "$html" \
    2> >(grep -v '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2)
# Chromium talks to D-Bus and complains when there is none; its log is shown only when it fails.
if ! chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$root/$png" \
        --window-size=1280,4000 "file://$html" >"$work/chromium.log" 2>&1; then
    cat "$work/chromium.log" >&2
    exit 1
fi
echo "report: $html"
echo "screenshot: $png"
