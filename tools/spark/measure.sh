#!/usr/bin/env bash
# The measurements of docs/SPARK.md: per-series backtests of M4 hourly and tourism monthly with the plain CLI
# (one core), Spark local[1] (one core), local[2] (two cores) and a standalone cluster of two one-core workers on
# 127.0.0.1, each checked to give the CLI's numbers; then 100,000 synthetic series forecast by a broadcast global
# model (series per second, peak memory of the JVM that ran the executor, local mode).
#
#   tools/spark/measure.sh [--tiny] [--out DIR]
#
# --tiny: a few series of each data set and 1,000 synthetic series, to check that the script works (seconds,
# not a measurement). Run the real one on an otherwise idle machine: the numbers are wall times.
# Needs: java 17, maven (builds the jars once), taskset and /usr/bin/time (util-linux, time), python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tiny=0
out="$root/target/spark-measure"
while [ $# -gt 0 ]; do
    case "$1" in
        --tiny) tiny=1 ;;
        --out) out="$2"; shift ;;
        *) echo "usage: $0 [--tiny] [--out DIR]" >&2; exit 2 ;;
    esac
    shift
done
m4="${M4_HOURLY:-$root/../shared/datasets/m4/m4_hourly.csv}"
[ -f "$m4" ] || m4="/work/shared/datasets/m4/m4_hourly.csv"
tourism="$root/testdata/tourism/tourism_monthly.csv"
synthetic=$([ $tiny = 1 ] && echo 1000 || echo 100000)
# MODELS: classical methods (a network is one model per series on Spark but one global model in a CLI backtest
# of the whole file, so their scores differ by design; docs/SPARK.md)
models="${MODELS:-theta,naive}"
# FOLDS: backtest origins per series (more work per series for the same fixed start); SYNTHETIC=no skips the
# broadcast part
folds="${FOLDS:-1}"
mkdir -p "$out"

# --- the jars: the CLI's, the Spark application jar and Spark's own jars (as ./seqcast builds them) ------------
cli="$root/seqcast-cli/target/seqcast.jar"
sjar="$root/seqcast-spark/target/seqcast-spark.jar"
scp="$root/seqcast-spark/target/spark.classpath"
if [ ! -f "$cli" ] || [ ! -f "$sjar" ] || [ ! -f "$scp" ]; then
    (cd "$root" && mvn -B -q -DskipTests -pl seqcast-spark -am package dependency:build-classpath \
        -Dmdep.includeScope=provided -Dmdep.outputFile="$scp")
fi
opens="$(sed -n 's:.*<spark.java.options>\(-.*\)</spark.java.options>.*:\1:p' "$root/seqcast-spark/pom.xml")"
jit="$(sed -n 's:.*<spark.driver.jit.options>\(-.*\)</spark.driver.jit.options>.*:\1:p' "$root/seqcast-spark/pom.xml")"
# shellcheck disable=SC2206
jvm=(java --add-modules jdk.incubator.vector $opens)
# the Spark driver's JVM, as ./seqcast --spark starts it
# shellcheck disable=SC2206
sjvm=("${jvm[@]}" $jit)

# --- inputs -------------------------------------------------------------------------------------------------
first() { # first N series of a long CSV whose first column is the id
    awk -F, -v n="$2" 'NR == 1 { print; next } { if (!($1 in seen)) { if (k >= n) exit; seen[$1] = 1; k++ } print }' "$1"
}
if [ $tiny = 1 ]; then
    first "$m4" 3 > "$out/m4_hourly.csv"
    first "$tourism" 5 > "$out/tourism_monthly.csv"
else
    cp "$m4" "$out/m4_hourly.csv"
    cp "$tourism" "$out/tourism_monthly.csv"
fi

seconds() { python3 -c 'import sys, time; print(f"{time.time():.3f}")'; }
elapsed() { python3 -c "print(f'{$2 - $1:.1f}')"; }

# same scores as the CLI: the Spark CSV part file (series_id,model,fold,...) against the CLI's --out
# (model,series,fold,...), sorted, every number as written (Double.toString both sides)
same() {
    python3 - "$1" "$2" <<'PY'
import csv, glob, sys
cli = {(r["model"], r["series"], r["fold"]): [r[k] for k in ("origin", "train_size", "mse", "rmse", "mae", "mape", "smape", "mase")]
       for r in csv.DictReader(open(sys.argv[1]))}
part = glob.glob(sys.argv[2] + "/part-*.csv")[0]
spark = {(r["model"], r["series_id"], r["fold"]): [r[k] for k in ("origin", "train_size", "mse", "rmse", "mae", "mape", "smape", "mase")]
         for r in csv.DictReader(open(part))}
print("identical" if cli == spark else f"DIFFERENT ({len(cli)} vs {len(spark)} rows)")
PY
}

cluster_pids=()
stop_cluster() {
    for p in "${cluster_pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
    for p in "${cluster_pids[@]}"; do wait "$p" 2>/dev/null || true; done
    cluster_pids=()
}
trap stop_cluster EXIT

# a standalone master and two one-core workers on 127.0.0.1 (Spark's own classes); sets cluster_url
cluster_url=
start_cluster() {
    local home="$out/spark-home" port=7177
    mkdir -p "$home/jars" "$out/cluster"
    tr ':' '\n' < "$scp" | while read -r j; do ln -sf "$j" "$home/jars/"; done
    # shellcheck disable=SC2086
    SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 java -Xmx256m $opens -cp "$(cat "$scp")" \
        org.apache.spark.deploy.master.Master --host 127.0.0.1 --port $port --webui-port 7178 \
        > "$out/cluster/master.log" 2>&1 &
    cluster_pids+=($!)
    for w in 0 1; do
        # shellcheck disable=SC2086
        SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 java -Xmx256m $opens -cp "$(cat "$scp")" \
            org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g --webui-port $((7179 + w)) \
            --work-dir "$out/cluster/work$w" "spark://127.0.0.1:$port" > "$out/cluster/worker$w.log" 2>&1 &
        cluster_pids+=($!)
    done
    for _ in $(seq 120); do
        [ "$(grep -c "Successfully registered with master" "$out"/cluster/worker*.log 2>/dev/null | awk -F: '{s+=$2} END {print s+0}')" -ge 2 ] && break
        sleep 1
    done
    cluster_url="spark://127.0.0.1:$port"
}

# --- per-series backtests --------------------------------------------------------------------------------------
table="$out/results.md"
printf '| data | series | run | cores | wall s | vs CLI | scores |\n|---|---|---|---|---|---|---|\n' > "$table"
backtest() { # name file time-column horizon period
    local name="$1" file="$2" time="$3" h="$4" period="$5" n
    n=$(awk -F, 'NR > 1 { print $1 }' "$file" | uniq | wc -l)
    local common=(--data "$file" --id series_id --time "$time" --target value -H "$h" --folds "$folds" --period "$period"
        --models "$models" -q)
    local t0 t1 cli_s
    t0=$(seconds)
    taskset -c 0 "${jvm[@]}" -jar "$cli" backtest "${common[@]}" --threads 1 --out "$out/$name-cli.csv" > /dev/null
    t1=$(seconds); cli_s=$(elapsed "$t0" "$t1")
    echo "| $name | $n | plain CLI | 1 | $cli_s | 1.00 | reference |" >> "$table"
    for run in "local[1]:0" "local[2]:0,1" "cluster:0,1"; do
        local master="${run%%:*}" cpus="${run#*:}" label="Spark ${run%%:*}" conf=()
        if [ "$master" = cluster ]; then
            start_cluster; master="$cluster_url"; label="standalone, 2 workers"
            conf=(-Dspark.jars="$sjar" -Dspark.executor.memory=1g -Dspark.cores.max=2
                -Dspark.scheduler.minRegisteredResourcesRatio=1.0)
        fi
        rm -rf "$out/$name-spark.csv"
        t0=$(seconds)
        taskset -c "$cpus" "${sjvm[@]}" "${conf[@]}" -cp "$sjar:$(cat "$scp")" org.seqcast.cli.Main backtest \
            --spark "$master" "${common[@]}" --out "$out/$name-spark.csv" > /dev/null 2> "$out/$name-${run%%:*}.log" \
            || { echo "failed: see $out/$name-${run%%:*}.log" >&2; exit 1; }
        t1=$(seconds)
        local s; s=$(elapsed "$t0" "$t1")
        echo "| $name | $n | $label | $(echo "$cpus" | tr ',' '\n' | wc -l) | $s |" \
            "$(python3 -c "print(f'{$s / $cli_s:.2f}')") | $(same "$out/$name-cli.csv" "$out/$name-spark.csv") |" >> "$table"
        [ "$master" = "${run%%:*}" ] || stop_cluster
    done
}
backtest m4_hourly "$out/m4_hourly.csv" t 48 24
backtest tourism_monthly "$out/tourism_monthly.csv" date 24 12

# --- a broadcast global model over many synthetic series -------------------------------------------------------
if [ "${SYNTHETIC:-yes}" = no ]; then cat "$table"; exit 0; fi
python3 - "$synthetic" "$out/synthetic.csv" <<'PY'
import math, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(0)
with open(path, "w") as f:
    f.write("id,t,value\n")
    for s in range(n):
        level, amp, phase = rng.uniform(50, 150), rng.uniform(5, 20), rng.uniform(0, 6.3)
        for t in range(96):
            f.write(f"s{s},{t},{level + amp * math.sin(2 * math.pi * t / 24 + phase) + rng.gauss(0, 2):.3f}\n")
PY
first "$out/synthetic.csv" 200 > "$out/synthetic-train.csv"
"${jvm[@]}" -jar "$cli" fit --data "$out/synthetic-train.csv" --id id --time t --target value -H 24 --period 24 \
    --model lstm --epochs 5 --seed 0 --out "$out/global.seqcast" -q > /dev/null
rm -rf "$out/synthetic-forecast.parquet"
t0=$(seconds)
/usr/bin/time -f '%M' -o "$out/synthetic.maxrss" taskset -c 0,1 "${sjvm[@]}" -cp "$sjar:$(cat "$scp")" \
    org.seqcast.cli.Main forecast --spark 'local[2]' --data "$out/synthetic.csv" --model "$out/global.seqcast" \
    --period 24 --out "$out/synthetic-forecast.parquet" -q 2> "$out/synthetic.log"
t1=$(seconds)
s=$(elapsed "$t0" "$t1")
printf '\n| synthetic series | model | cores | wall s | series/s | peak RSS of the driver+executor JVM |\n|---|---|---|---|---|---|\n' >> "$table"
echo "| $synthetic | lstm (broadcast model file) | 2 | $s | $(python3 -c "print(f'{$synthetic / $s:.0f}')") | $(($(cat "$out/synthetic.maxrss") / 1024)) MiB |" >> "$table"
cat "$table"
