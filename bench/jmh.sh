#!/usr/bin/env bash
# Builds and runs the JMH micro-benchmarks of the kernels (seqcast-bench). Extra arguments go to JMH, e.g.
#   bash bench/jmh.sh ProductBench -p shape=16x50x60      # one class, one shape
#   bash bench/jmh.sh -f 1 -wi 2 -i 3                     # shorter runs
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -B -q -Dstyle.color=never -pl seqcast-bench -am package -DskipTests)
exec java --add-modules jdk.incubator.vector -jar "$root/seqcast-bench/target/benchmarks.jar" "$@" \
    2> >(grep -v '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2)
