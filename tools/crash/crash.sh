#!/usr/bin/env bash
# Kills `seqcast fit --out` with kill -9 at random (seeded) points while it replaces an existing model file, and
# checks after every kill that the file is byte for byte the complete old model or the complete new one (and that
# the new one loads). SOURCE_DATE_EPOCH makes every complete run write the same bytes, which is checked too.
# The test suite runs a short version (seqcast-cli CrashSafetyTest: a save loop killed 3 times, a fit killed once).
# Usage, from the repository root:  bash tools/crash/crash.sh [KILLS=100] [SEED=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-100}
RANDOM=${2:-1} # bash's RANDOM is a seeded sequence: the same seed, the same kill points
./seqcast --version >/dev/null # builds the jar when it is missing or older than the sources
java=(java --add-modules jdk.incubator.vector -jar seqcast-cli/target/seqcast.jar)
run() { "${java[@]}" "$@" >/dev/null 2>&1; }
export SOURCE_DATE_EPOCH=1700000000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=testdata/data/airpassengers.csv
fit=(fit --data "$data" -H 12 --cell lstm --units 64 --epochs 2 --seed 7 -q)

run fit --data "$data" -H 12 --model naive -q --out "$work/old.seqcast"
start=$(date +%s%N)
run "${fit[@]}" --out "$work/new.seqcast"
millis=$(( ($(date +%s%N) - start) / 1000000 ))
# the kills fall in the second half of a fit and a little after, where training ends and the save happens
lo=$((millis / 2)) span=$((millis * 7 / 10 + 1))
echo "a complete fit takes ${millis} ms; killing ${kills} fits at random points in [${lo}, $((lo + span))] ms"

old=0 new=0 leftovers=0
target="$work/dir/model.seqcast"
mkdir -p "$work/dir"
for ((k = 1; k <= kills; k++)); do
    cp "$work/old.seqcast" "$target"
    "${java[@]}" "${fit[@]}" --out "$target" >/dev/null 2>&1 & # the JVM itself in the background: $! is its pid
    pid=$!
    delay=$(( lo + (RANDOM * 32768 + RANDOM) % span ))
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if cmp -s "$target" "$work/old.seqcast"; then
        old=$((old + 1))
    elif cmp -s "$target" "$work/new.seqcast"; then
        new=$((new + 1))
    else
        echo "FAIL: after a kill at ${delay} ms the model file is neither the old nor the new one" >&2
        cp "$target" "crash-$k.seqcast"
        exit 1
    fi
    leftovers=$((leftovers + $(find "$work/dir" -name '.*.tmp' | wc -l)))
    find "$work/dir" -name '.*.tmp' -delete
done
run inspect "$work/new.seqcast" >/dev/null
echo "ok: ${kills} kills, the old model ${old} times, the new one ${new} times, never anything else" \
    "(${leftovers} temporary file(s) of killed writes left beside it, named .model.seqcast.<pid>.<n>.tmp)"
