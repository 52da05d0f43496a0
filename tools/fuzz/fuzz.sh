#!/usr/bin/env bash
# Fuzzes the readers of outside bytes with Jazzer (coverage-guided), each fuzz test for 5 minutes (its maxDuration):
# seqcast-forecast's ReadersFuzzTest (CSV under two option sets, the .seqcast model file). The test suite only
# replays their corpus (src/test/resources/org/seqcast/fuzz/ReadersFuzzTestInputs/<test>/); a finding is written
# there as crash-<hash> and fails the run: fix the reader, keep the file (it then replays in every test run).
# The inputs the fuzzer generates on the way go to seqcast-forecast/.cifuzz-corpus (ignored by git).
# Run from the repository root:  bash tools/fuzz/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
for test in csvReadsOrSaysWhy modelFileLoadsOrSaysWhy; do
  echo "== ReadersFuzzTest#$test"
  JAZZER_FUZZ=1 mvn -B -q -pl seqcast-forecast -am test -Dtest="ReadersFuzzTest#$test" \
    -Dsurefire.failIfNoSpecifiedTests=false
done
