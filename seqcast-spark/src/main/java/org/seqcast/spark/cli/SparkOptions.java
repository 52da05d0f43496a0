package org.seqcast.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.seqcast.spark.OnBadSeries;
import org.seqcast.spark.SeqcastSpark;
import org.seqcast.spark.SeriesColumns;
import org.seqcast.spark.SparkResult;
import picocli.CommandLine.Option;

/** The options every --spark command shares: the master, the data and its columns, the output, bad series. */
final class SparkOptions {
    @Option(names = "--spark", required = true, paramLabel = "MASTER",
            description = "Run on Spark: local[*], local[N] or spark://host:port (any master URL Spark takes).")
    String master;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Long table of the series: a CSV file (header row) or Parquet (a file or a directory).")
    String data;

    @Option(names = "--id", paramLabel = "COLUMN", description = "Series id column.")
    String id;

    @Option(names = "--time", paramLabel = "COLUMN", description = "Time column (timestamps, dates, integers or text).")
    String time;

    @Option(names = "--target", paramLabel = "COLUMN", description = "Column to forecast.")
    String target;

    @Option(names = "--covariates", split = ",", paramLabel = "COLUMN", description = "Covariate columns.")
    List<String> covariates;

    @Option(names = "--frequency", paramLabel = "FREQ", description = "Spacing of the time stamps (default: inferred per series).")
    String frequency;

    @Option(names = {"--period", "--seasonal-period"}, paramLabel = "M", description = "Season length (default: the frequency's).")
    int period;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "error",
            description = "Missing values and time stamps: error, interpolate, ffill, drop-leading (default: ${DEFAULT-VALUE}).")
    String missing;

    @Option(names = "--on-bad-series", paramLabel = "fail|skip", defaultValue = "skip",
            description = "A series the library refuses (too short, duplicated time stamps, a bad cell): skip it and"
                    + " list it on stderr (default), or fail with its message.")
    String onBad;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no kernel lines on stderr.")
    boolean quiet;

    /**
     * The Spark session for {@code command}: the master, the executors' Vector API module, and (unless the user set
     * {@code spark.sql.shuffle.partitions}) {@value #PARTITIONS_PER_CORE} shuffle partitions per core that stay as
     * they are: Spark's default of 200 costs a task each (20 s of a 50 s backtest of M4 hourly on one core, measured
     * by tools/spark/measure.sh), and adaptive execution would coalesce a few MB of series into one partition, one
     * core's work. Results do not depend on the partitioning.
     */
    SparkSession session(String command) {
        SparkConf conf = SeqcastSpark.withVectorApi(new SparkConf());
        boolean userPartitions = conf.contains(SHUFFLE_PARTITIONS);
        if (master.startsWith("local") && !conf.contains(UI)) {
            conf.set(UI, "false"); // a web UI for a run inside this command is half a second of Jetty nobody sees
        }
        SparkSession spark = SparkSession.builder().master(master).appName("seqcast " + command).config(conf)
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN"); // Spark's progress is no news to a command-line user
        if (!userPartitions) {
            int cores = Math.max(1, spark.sparkContext().defaultParallelism());
            spark.conf().set(SHUFFLE_PARTITIONS, String.valueOf(PARTITIONS_PER_CORE * cores));
            spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
        }
        return spark;
    }

    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    private static final String UI = "spark.ui.enabled";

    /** Shuffle partitions per core: enough to even out series of different lengths, few enough to cost nothing. */
    static final int PARTITIONS_PER_CORE = 4;

    /**
     * The table at --data: Parquet unless the path ends in .csv (case ignored). A CSV file's cells stay text, as
     * the single-machine reader sees them: the library parses the times and numbers with its own checks, and
     * Spark makes no pass over the file to infer its types.
     */
    Dataset<Row> read(SparkSession spark) {
        if (!data.contains("://") && !Files.exists(Path.of(data))) {
            throw new IllegalArgumentException(data + ": no such file or directory; check the --data path");
        }
        return isCsv(data) ? spark.read().option("header", true).option("inferSchema", false).csv(data)
                : spark.read().parquet(data);
    }

    /** The data's name in messages: its file name. */
    String name() {
        Path p = Path.of(data);
        return p.getFileName() == null ? data : p.getFileName().toString();
    }

    /** The columns the options name (--id, --time and --target are required here). */
    SeriesColumns columns() {
        for (String[] o : new String[][] {{"--id", id}, {"--time", time}, {"--target", target}}) {
            if (o[1] == null) {
                throw new IllegalArgumentException(o[0] + " is required with --spark: name the column");
            }
        }
        return new SeriesColumns(id, time, target, covariates, frequency, period, missing, null);
    }

    OnBadSeries onBad() {
        return OnBadSeries.parse(onBad);
    }

    /** Writes {@code rows} to {@code out}: one CSV file's part (header row) under a .csv path, else Parquet. */
    static void write(Dataset<Row> rows, String out) {
        if (isCsv(out)) {
            rows.coalesce(1).write().option("header", true).csv(out);
        } else {
            rows.write().parquet(out);
        }
    }

    /** Tells stderr which kernels the executors ran and which series were skipped. */
    void report(SparkResult r, PrintWriter err) {
        if (!quiet) {
            r.kernels().forEach(k -> err.println("spark: " + k));
        }
        for (Row s : r.skipped().collectAsList()) {
            err.println("skipped: " + s.getString(1));
        }
        err.flush();
    }

    private static boolean isCsv(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".csv");
    }
}
