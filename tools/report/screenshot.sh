#!/usr/bin/env bash
# Runs the demo (./seqcast demo: lstm, gru and eight baselines on AirPassengers, horizon 12, three origins) and
# screenshots its report.html for the docs with headless Chromium.
#   bash tools/report/screenshot.sh [out.png]      (default: docs/report.png)
# Needs the Debian package chromium (apt-get install -y chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
png="${1:-docs/report.png}"
work="$root/target/report-screenshot"

if ! command -v chromium >/dev/null; then
    echo "screenshot.sh: chromium is missing; install it with: apt-get install -y chromium" >&2
    exit 1
fi
mkdir -p "$work" "$(dirname "$png")"
./seqcast demo --out "$work" --quiet > "$work/demo.txt"
# Chromium talks to D-Bus and complains when there is none; its log is shown only when it fails.
if ! chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$root/$png" \
        --window-size=1280,4000 "file://$work/report.html" >"$work/chromium.log" 2>&1; then
    cat "$work/chromium.log" >&2
    exit 1
fi
echo "report: $work/report.html"
echo "screenshot: $png"
