package org.seqcast.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.forecast.Forecasters;
import org.seqcast.io.DataColumns;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import org.seqcast.spark.LocalModels;
import org.seqcast.spark.SeqcastSpark;
import org.seqcast.spark.SeriesColumns;
import org.seqcast.spark.SparkResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code seqcast backtest|forecast|fit --spark MASTER ...}: the commands on Spark ({@link SeqcastSpark}). Options
 * not listed here are the single-machine commands' model options (--seed, --epochs, --levels, ...), carried to
 * the executors as they are.
 */
@Command(name = "seqcast", mixinStandardHelpOptions = true,
        description = "Seqcast on Apache Spark: backtest, forecast and fit many series with --spark MASTER.",
        subcommands = {SparkCommand.Backtest.class, SparkCommand.Forecast.class, SparkCommand.Fit.class})
public final class SparkCommand {
    private SparkCommand() {
    }

    /** Runs a command line and returns its exit code: 0 success, 1 bad input or failure, 2 usage error. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SparkCommand());
        cl.setUsageHelpWidth(120);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            commandLine.getErr().flush();
            return 1;
        });
        return cl.execute(args);
    }

    /** {@code backtest --spark}: every series' rolling-origin backtest with local models. */
    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "Rolling-origin backtest of every series with local models on Spark; writes the scores of"
                    + " every series, model and fold (the columns of seqcast backtest --out) and prints each model's"
                    + " mean MASE and sMAPE (over folds, then series).")
    static final class Backtest implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        SparkOptions spark = new SparkOptions();
        @Option(names = {"-H", "--horizon"}, required = true, paramLabel = "H", description = "Forecast horizon.")
        int horizon;
        @Option(names = "--models", split = ",", paramLabel = "NAMES", description = "Model names (default:"
                + " theta,naive; the seasonal naive reference, snaive, is always scored too).")
        List<String> models;
        @Option(names = "--folds", defaultValue = "3", paramLabel = "K", description = "Origins (default: ${DEFAULT-VALUE}).")
        int folds;
        @Option(names = "--step", paramLabel = "S", description = "Points between origins (default: H).")
        Integer step;
        @Option(names = "--drop-last", defaultValue = "0", paramLabel = "N", description = "Drop the last N points first.")
        int dropLast;
        @Option(names = "--no-refit", description = "Fit the networks once, at the first origin.")
        boolean noRefit;
        @Option(names = "--out", required = true, paramLabel = "PATH", description = "Scores: Parquet, or CSV for a path ending in .csv.")
        String out;
        @Unmatched
        List<String> modelOptions = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> names = models == null ? List.of("theta", "naive") : models;
            LocalModels m = new LocalModels(names, horizon, modelOptions);
            BacktestOptions o = new BacktestOptions(folds, step == null ? horizon : step, !noRefit, dropLast);
            SparkSession session = spark.session("backtest");
            try {
                SparkResult r = SeqcastSpark.backtest(spark.read(session), spark.name(), spark.columns(), m, o,
                        spark.onBad());
                PrintWriter err = spec.commandLine().getErr();
                spark.report(r, err);
                SparkOptions.write(r.rows(), out);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.printf(Locale.ROOT, "%-12s %7s %9s %9s%n", "model", "series", "MASE", "sMAPE");
                Dataset<Row> perSeries = r.rows().groupBy("model", "series_id").agg(functions.avg("mase").as("mase"),
                        functions.avg("smape").as("smape"));
                // a row per model, ordered here: Spark would sort them in a job of its own
                List<Row> perModel = new ArrayList<>(perSeries.groupBy("model").agg(functions.count("series_id"),
                        functions.avg("mase"), functions.avg("smape")).collectAsList());
                perModel.sort(java.util.Comparator.comparing(row -> row.getString(0)));
                for (Row row : perModel) {
                    stdout.printf(Locale.ROOT, "%-12s %7d %9.3f %9.3f%n", row.getString(0), row.getLong(1),
                            row.getDouble(2), row.getDouble(3));
                }
                stdout.flush();
                return 0;
            } finally {
                session.stop();
            }
        }
    }

    /** {@code forecast --spark}: every series forecast by a model file (broadcast) or by local models. */
    @Command(name = "forecast", mixinStandardHelpOptions = true,
            description = "Forecast every series on Spark: with --model FILE by that fitted model (broadcast to the"
                    + " executors; columns default to the model's), or with --models NAMES -H H by local models"
                    + " fitted on each series.")
    static final class Forecast implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        SparkOptions spark = new SparkOptions();
        @Option(names = "--model", paramLabel = "FILE", description = "A model file (seqcast fit).")
        Path model;
        @Option(names = "--models", split = ",", paramLabel = "NAMES", description = "Local models, one per series.")
        List<String> models;
        @Option(names = {"-H", "--horizon"}, paramLabel = "H", description = "Horizon of the local models.")
        Integer horizon;
        @Option(names = "--out", required = true, paramLabel = "PATH", description = "Forecasts: Parquet, or CSV for a path ending in .csv.")
        String out;
        @Unmatched
        List<String> modelOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if ((model == null) == (models == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either --model FILE (a fitted"
                        + " model) or --models NAMES with -H (local models fitted on each series)");
            }
            SparkSession session = spark.session("forecast");
            try {
                SparkResult r;
                if (model != null) {
                    byte[] bytes = Files.readAllBytes(model);
                    defaultsFrom(ModelFile.load(bytes));
                    r = SeqcastSpark.forecast(spark.read(session), spark.columns(), bytes, spark.onBad());
                } else {
                    if (horizon == null) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--models needs -H (horizon)");
                    }
                    r = SeqcastSpark.forecast(spark.read(session), spark.name(), spark.columns(),
                            new LocalModels(models, horizon, modelOptions), spark.onBad());
                }
                spark.report(r, spec.commandLine().getErr());
                SparkOptions.write(r.rows(), out);
                return 0;
            } finally {
                session.stop();
            }
        }

        /** The columns not given default to the model's training data's, as seqcast forecast does. */
        private void defaultsFrom(LoadedModel loaded) {
            DataColumns trained = loaded.dataColumns();
            spark.target = spark.target == null ? trained.target() : spark.target;
            spark.time = spark.time == null ? trained.timeColumn() : spark.time;
            spark.id = spark.id == null ? trained.idColumn() : spark.id;
        }
    }

    /** {@code fit --spark}: one global model per group of series, written as model files. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit one model per group of series on Spark (groups in parallel; without --group one model"
                    + " of every series) and write each as a model file.")
    static final class Fit implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        SparkOptions spark = new SparkOptions();
        @Option(names = "--model", paramLabel = "NAME", defaultValue = "lstm", description = "The model (default: ${DEFAULT-VALUE}).")
        String model;
        @Option(names = {"-H", "--horizon"}, required = true, paramLabel = "H", description = "Forecast horizon.")
        int horizon;
        @Option(names = "--group", paramLabel = "COLUMN", description = "One model per value of this column.")
        String group;
        @Option(names = "--out", required = true, paramLabel = "PATH", description = "The model file; with --group a"
                + " directory of GROUP" + ModelFile.EXTENSION + " files.")
        Path out;
        @Unmatched
        List<String> modelOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Forecasters.entry(model);
            SparkSession session = spark.session("fit");
            try {
                Dataset<Row> data = spark.read(session);
                String by = group;
                if (by == null) {
                    by = "_seqcast_all";
                    data = data.withColumn(by, functions.lit("all"));
                }
                SeriesColumns columns = spark.columns();
                SparkResult r = SeqcastSpark.fit(data, columns, by, new LocalModels(List.of(model), horizon,
                        modelOptions), spark.onBad());
                spark.report(r, spec.commandLine().getErr());
                List<Row> fitted = r.rows().collectAsList();
                if (group != null) {
                    Files.createDirectories(out);
                }
                for (Row row : fitted) {
                    Path file = group == null ? out : out.resolve(row.getString(0) + ModelFile.EXTENSION);
                    org.seqcast.format.AtomicFile.write(file, (byte[]) row.get(2), file.toString());
                    spec.commandLine().getErr().printf(Locale.ROOT, "wrote %s (%d series)%n", file, row.getInt(1));
                }
                return 0;
            } finally {
                session.stop();
            }
        }
    }
}
