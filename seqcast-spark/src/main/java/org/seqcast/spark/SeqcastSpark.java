package org.seqcast.spark;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.seqcast.cli.ModelFlags;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.forecast.FittedConformal;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forecasts, backtests and fits of the series in a long table ({@code Dataset<Row>}: one row per series and time
 * stamp, in any order and partitioning), run on Spark's executors with the library's own code: each series is
 * gathered with {@code groupByKey}, ordered by time, read by the library's CSV reader from its rows (so it gets
 * the command-line tool's checks and messages, naming the series), and modelled exactly as {@code seqcast}
 * models it on one machine, so the numbers are the same to the bit whatever the partitioning and the number of
 * executors.
 * <ul>
 *   <li>Local models, one per series: {@link #forecast(Dataset, SeriesColumns, LocalModels, OnBadSeries)},
 *       {@link #backtest}.</li>
 *   <li>Global models: {@link #fit} trains one per group of series (a grouping column; groups in parallel) and
 *       returns each as the bytes of its model file; {@link #forecast(Dataset, SeriesColumns, byte[], OnBadSeries)}
 *       broadcasts such bytes and forecasts any number of series with them.</li>
 * </ul>
 * Each method runs its job at once and caches the rows; a series the library refuses is listed in
 * {@link SparkResult#skipped()} ({@link OnBadSeries#SKIP}) or fails the call with its message
 * ({@link OnBadSeries#FAIL}). Thread safety: the methods may be called from several threads, as Spark allows.
 */
public final class SeqcastSpark {
    private static final Logger LOG = LoggerFactory.getLogger(SeqcastSpark.class);
    /** How messages name a table that has no file name. */
    public static final String DATA = "data";

    /** The executors' Java option that gives their networks the Vector API's kernels (else: scalar kernels). */
    public static final String VECTOR_API = "--add-modules=jdk.incubator.vector";

    private SeqcastSpark() {
    }

    /**
     * {@code conf} with {@link #VECTOR_API} added to {@code spark.executor.extraJavaOptions} (kept when already
     * there; other options kept): set before the session starts, as executors read it when they launch.
     */
    public static SparkConf withVectorApi(SparkConf conf) {
        String key = "spark.executor.extraJavaOptions";
        String options = conf.get(key, "").strip();
        if (!options.contains("jdk.incubator.vector")) {
            conf.set(key, (options + " " + VECTOR_API).strip());
        }
        return conf;
    }

    /**
     * Local models fitted on each series' whole history, forecasting the H points after it: rows {@code series_id,
     * model, step, date, forecast} and, with {@code --levels}, {@code lo<c>, hi<c>} per coverage; ordered by series,
     * model and step. The numbers are those of {@code seqcast fit} on the series followed by {@code seqcast forecast}.
     */
    public static SparkResult forecast(Dataset<Row> data, SeriesColumns columns, LocalModels models,
                                       OnBadSeries onBad) {
        return forecast(data, DATA, columns, models, onBad);
    }

    /** As {@link #forecast(Dataset, SeriesColumns, LocalModels, OnBadSeries)}, messages naming the data {@code name}. */
    public static SparkResult forecast(Dataset<Row> data, String name, SeriesColumns columns, LocalModels models,
                                       OnBadSeries onBad) {
        List<String> spread = intervals(ModelFlags.parse(models.options()).levels());
        Job job = new Job(name, columns, models, null);
        SparkResult r = run(Prepared.of(data, name, columns, null), Schemas.forecast(spread),
                (kernels) -> new SeriesTasks.LocalForecast(job, kernels, spread), onBad, "series_id");
        return ordered(r, col("series_id"), col("model"), col("step"));
    }

    /**
     * The rolling-origin backtest of every series with local models ({@link org.seqcast.eval.Backtest}, the
     * seasonal naive reference included): rows {@code series_id, model, fold, origin, train_size, mse, rmse, mae,
     * mape, smape, mase}, the scores {@code seqcast backtest --out} writes, ordered by series, model and fold.
     */
    public static SparkResult backtest(Dataset<Row> data, SeriesColumns columns, LocalModels models,
                                       BacktestOptions options, OnBadSeries onBad) {
        return backtest(data, DATA, columns, models, options, onBad);
    }

    /** As {@link #backtest(Dataset, SeriesColumns, LocalModels, BacktestOptions, OnBadSeries)}, naming the data. */
    public static SparkResult backtest(Dataset<Row> data, String name, SeriesColumns columns, LocalModels models,
                                       BacktestOptions options, OnBadSeries onBad) {
        if (options == null) {
            throw new IllegalArgumentException("backtest options are missing; e.g. new BacktestOptions(3, H, true)");
        }
        Job job = new Job(name, columns, models, options);
        SparkResult r = run(Prepared.of(data, name, columns, null), Schemas.backtest(),
                (kernels) -> new SeriesTasks.LocalBacktest(job, kernels), onBad, "series_id");
        return ordered(r, col("series_id"), col("model"), col("fold"));
    }

    /**
     * One global model per group of series ({@code groupColumn}; its series enter the fit in the order of their
     * ids), fitted in parallel, each as {@code seqcast fit} fits it on a file of the group's series: rows {@code
     * group, series, model}, the last the model file's bytes ({@link ModelFile#load(byte[])}); ordered by group.
     * A group with a refused series is skipped (or fails) as a whole.
     *
     * @param model exactly one model name, its horizon and options
     */
    public static SparkResult fit(Dataset<Row> data, SeriesColumns columns, String groupColumn, LocalModels model,
                                  OnBadSeries onBad) {
        if (model.models().size() != 1) {
            throw new IllegalArgumentException("fit makes one model per group; name one model, got " + model.models());
        }
        if (groupColumn == null || groupColumn.isBlank()) {
            throw new IllegalArgumentException("fit needs a grouping column (one model per group of series); for one"
                    + " model over every series, add a constant column and name it");
        }
        Job job = new Job(DATA, columns, model, null);
        SparkResult r = run(Prepared.of(data, DATA, columns, groupColumn), Schemas.fit(),
                (kernels) -> new SeriesTasks.GlobalFit(job, kernels), onBad, "group");
        return ordered(r, col("group"));
    }

    /**
     * Forecasts of every series by one fitted model given as the bytes of its model file, broadcast once to
     * every executor: rows as {@link #forecast(Dataset, SeriesColumns, LocalModels, OnBadSeries)}'s, the interval
     * columns being the model's own. The numbers are those of {@code seqcast forecast} with that model file.
     */
    public static SparkResult forecast(Dataset<Row> data, SeriesColumns columns, byte[] model, OnBadSeries onBad) {
        LoadedModel loaded = ModelFile.load(model); // refuses a corrupt file here, on the driver
        List<String> spread = loaded.forecaster() instanceof FittedConformal c ? intervals(c.calibration().levels())
                : List.of();
        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext())
                .broadcast(model);
        Job job = new Job(DATA, columns, null, null);
        SparkResult r = run(Prepared.of(data, DATA, columns, null), Schemas.forecast(spread),
                (kernels) -> new SeriesTasks.BroadcastForecast(job, kernels, shared, spread), onBad, "series_id");
        return ordered(r, col("series_id"), col("model"), col("step"));
    }

    /** A series of another frequency than the model's training data is refused, as the command-line tool does. */
    static void requireFrequency(LoadedModel loaded, TimeSeries s) {
        Frequency trained = loaded.manifest().data().frequency();
        if (trained != null && !s.frequency().equals(trained)) {
            throw new IllegalArgumentException("series '" + s.id() + "' is " + s.frequency() + " but the model was"
                    + " trained on " + trained + " data; forecast " + trained + " data with it, or fit a model on"
                    + " this data");
        }
    }

    /** The interval columns of forecasts at {@code coverages} (percent), in the command-line tool's names. */
    private static List<String> intervals(double[] coverages) {
        return coverages.length == 0 ? List.of()
                : ForecastDistribution.ofIntervals(coverages, new double[0][], new double[0][]).columns();
    }

    private interface TaskFactory {
        SeriesTasks.Task make(CollectionAccumulator<String> kernels);
    }

    /** Groups, runs and caches a job; splits off the refused series; logs the executors' kernels. */
    private static SparkResult run(Dataset<Row> prepared, StructType schema, TaskFactory factory, OnBadSeries onBad,
                                   String key) {
        SparkSession spark = prepared.sparkSession();
        CollectionAccumulator<String> kernels = spark.sparkContext().collectionAccumulator("seqcast kernels");
        Dataset<Row> all = prepared
                .groupByKey((MapFunction<Row, String>) r -> r.getString(Prepared.KEY), Encoders.STRING())
                .flatMapSortedGroups(Prepared.order(), factory.make(kernels), Encoders.row(schema))
                .persist(StorageLevel.MEMORY_AND_DISK());
        // one job computes and caches every group and brings back the refused ones, ordered here as Spark orders
        // text (by its UTF-8 bytes): no job of its own to count the rows, none to sort a handful of problems
        List<Row> bad = new ArrayList<>(all.filter(col(Schemas.PROBLEM).isNotNull()).select(
                col(schema.fieldNames()[0]), col(Schemas.PROBLEM)).collectAsList());
        bad.sort((a, b) -> Arrays.compareUnsigned(utf8(a.getString(0)), utf8(b.getString(0))));
        List<String> seen = kernels.value().stream().distinct().sorted().toList();
        seen.forEach(line -> LOG.info("seqcast: {}", line));
        if (onBad == OnBadSeries.FAIL && !bad.isEmpty()) {
            all.unpersist();
            throw new IllegalArgumentException(bad.get(0).getString(1) + (bad.size() > 1 ? " (and " + (bad.size() - 1)
                    + " more series refused; onBadSeries skip lists them all)" : ""));
        }
        Dataset<Row> skipped = spark.createDataFrame(bad, Schemas.skipped(key));
        return new SparkResult(all.filter(col(Schemas.PROBLEM).isNull()).drop(Schemas.PROBLEM), skipped, seen);
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static SparkResult ordered(SparkResult r, Column... by) {
        return new SparkResult(r.rows().orderBy(by), r.skipped(), r.kernels());
    }
}
