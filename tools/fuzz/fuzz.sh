#!/usr/bin/env bash
# Fuzzes the readers of outside bytes with Jazzer (coverage-guided), each fuzz test for 5 minutes (its maxDuration):
# seqcast-forecast's ReadersFuzzTest (CSV under two option sets, the .seqcast model file) and seqcast-formats'
# FormatsFuzzTest (.npy, safetensors) and seqcast-keras' KerasFuzzTest (HDF5 and .keras files). The test suite
# only replays their corpus
# (src/test/resources/org/seqcast/fuzz/<class>Inputs/<test>/); a finding is written there as crash-<hash> and fails
# the run: fix the reader, keep the file (it then replays in every test run). Let each run end by itself: a run
# killed early writes a crash-<hash> of whatever input it was on, which is no finding (check: the test suite
# replays it); a slow-unit-<hash> is an input that took long on the shared machine, a hang only if it replays slowly. The inputs the fuzzer generates on the way go to <module>/.cifuzz-corpus (ignored by git).
# Run from the repository root:  bash tools/fuzz/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
for target in seqcast-forecast:ReadersFuzzTest#csvReadsOrSaysWhy seqcast-forecast:ReadersFuzzTest#modelFileLoadsOrSaysWhy \
    seqcast-formats:FormatsFuzzTest#npyReadsOrSaysWhy seqcast-formats:FormatsFuzzTest#safetensorsReadsOrSaysWhy \
    seqcast-keras:KerasFuzzTest#kerasFileImportsOrSaysWhy; do
  echo "== ${target#*:}"
  JAZZER_FUZZ=1 mvn -B -q -pl "${target%%:*}" -am test -Dtest="${target#*:}" -Dsurefire.failIfNoSpecifiedTests=false
done
# seqcast-serve's request bodies (JSON forecast and observe requests, CSV bodies), parsed as the server does
echo "== ServeFuzzTest#requestBodyParsesOrSaysWhy"
JAZZER_FUZZ=1 mvn -B -q -pl seqcast-serve -am test -Dtest="ServeFuzzTest#requestBodyParsesOrSaysWhy" \
  -Dsurefire.failIfNoSpecifiedTests=false
