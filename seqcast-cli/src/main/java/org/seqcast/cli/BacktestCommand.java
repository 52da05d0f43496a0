package org.seqcast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.eval.PermutationImportance;
import org.seqcast.eval.FoldResult;
import org.seqcast.eval.IntervalSummary;
import org.seqcast.eval.ModelSummary;
import org.seqcast.forecast.Forecaster;
import org.seqcast.metrics.MetricReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seqcast backtest}: rolling-origin comparison of networks and baselines. */
@Command(name = "backtest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = ModelList.Help.class,
        description = {"Rolling-origin backtest: at each of K origins every model is fitted on the past only and "
            + "forecasts the next H points. Prints MSE, RMSE, MAE, MAPE, sMAPE and MASE per model (mean over folds, "
            + "then over series) and each model's skill: its MASE over the seasonal naive's (below 1 beats it). With "
            + "--levels every model also gets conformal prediction intervals, calibrated on each fold's training part "
            + "only, and the table adds their coverage per level, MSIS (95%%), the scaled pinball loss and a verdict."},
        footer = {"", "Examples:",
            "  seqcast backtest --data airpassengers.csv --horizon 12 --folds 3",
            "  seqcast backtest --data airpassengers.csv -H 12 --models lstm,snaive,hw --json",
            "  seqcast backtest --data airpassengers.csv -H 12 --report report.html",
            "  seqcast backtest --data airpassengers.csv -H 12 --models theta,hw,snaive --levels 80,95",
            "  seqcast backtest --data tourism_quarterly.csv --id series_id --target value \\",
            "      --horizon 8 --folds 1 --transform log1p --scaling none --loss mae \\",
            "      --out metrics.csv",
            "  # validation origins only (the holdout of 8 points is never read):",
            "  seqcast backtest --data tourism_quarterly.csv --id series_id --target value \\",
            "      --horizon 8 --folds 1 --drop-last 8"})
final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private DataOptions data = new DataOptions();

    @Option(names = {"-H", "--horizon"}, required = true, paramLabel = "H", description = "Forecast horizon in steps.")
    private int horizon;

    @Option(names = "--models", split = ",", paramLabel = "NAMES", converter = Converters.ModelNameConverter.class,
            descriptionKey = "models", description = "Comma-separated model names (filled in from the registry by ModelList.Help).")
    private List<String> models;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "3",
            description = "Forecast origins; 1 = the last-H holdout (default: ${DEFAULT-VALUE}).")
    private int folds;

    @Option(names = "--step", paramLabel = "S", description = "Points between origins (default: H).")
    private Integer step;

    @Option(names = "--drop-last", paramLabel = "N", defaultValue = "0",
            description = "Remove the last N points of every series before anything else; the backtest never reads "
                + "them. With N = H on competition data (training part + holdout) every origin lies inside the "
                + "training part: validation origins for choosing settings without looking at the holdout "
                + "(default: ${DEFAULT-VALUE}).")
    private int dropLast;

    @Option(names = "--no-refit", description = "Fit the networks once, at the first origin, and only forecast from later ones.")
    private boolean noRefit;

    @Option(names = "--out", paramLabel = "FILE", description = "Write every fold's scores as CSV (model,series,fold,origin,...).")
    private Path out;

    @Option(names = "--report", paramLabel = "HTML", description = "Write the HTML report (charts of every fold, errors by step, loss curves).")
    private Path report;

    @Option(names = "--importance", description = "Also measure each covariate's permutation importance for every"
            + " model: MASE lost when that covariate is shuffled (its history and future values within each series,"
            + " a static attribute across series), the models refitted at the same origins (doubles the time).")
    private boolean importance;

    @Option(names = "--json", description = "Print the results as JSON on stdout.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    private boolean quiet;

    @Mixin
    private IntervalOptions intervals = new IntervalOptions();

    @Mixin
    private NetworkOptions net = new NetworkOptions();

    @Override
    public Integer call() throws IOException {
        if (horizon < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--horizon must be at least 1; got " + horizon);
        }
        if (!org.seqcast.forecast.RnnConfig.Limit.HORIZON.allows(horizon)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--horizon "
                    + org.seqcast.forecast.RnnConfig.Limit.HORIZON.problem(horizon));
        }
        if (folds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be at least 1; got " + folds);
        }
        if (step != null && step < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--step must be at least 1; got " + step);
        }
        if (dropLast < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--drop-last must be 0 (keep every point) or "
                    + "more; got " + dropLast);
        }
        OutputFiles.of().reads("--data", data.data).writes("--out", out).writes("--report", report).check();
        PrintWriter err = spec.commandLine().getErr();
        List<TimeSeries> series = data.read();
        if (importance && series.get(0).covariateNames().isEmpty() && series.get(0).statics().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--importance measures covariates, but the"
                    + " data has none: name them with --covariates, --future-covariates or --static");
        }
        // the networks' preset is resolved on the first fold's training part: never on a test window or a dropped point
        int unseen = dropLast + (folds - 1) * (step == null ? horizon : step) + horizon;
        List<TimeSeries> kept = series.stream().map(s -> s.head(Math.max(1, s.size() - unseen))).toList();
        List<Forecaster> forecasters = intervals.withLossGiven(net.loss).wrap(ModelList.build(models == null ? ModelList.defaults(series)
                : models, horizon, kept, net, data.roles(series),
                quiet ? null : label -> new Progress(err, label)));
        BacktestOptions options = new BacktestOptions(folds, step == null ? horizon : step, !noRefit, dropLast);
        if (!quiet) {
            err.printf(Locale.ROOT, "backtest: %d series, %s, seasonal period %d, horizon %d, %d fold(s)%s%n",
                    series.size(), series.get(0).frequency(), series.get(0).seasonalPeriod(), horizon, folds,
                    dropLast > 0 ? ", last " + dropLast + " point(s) of every series dropped" : "");
        }
        BacktestResult result;
        try {
            result = run(series, forecasters, options, err);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("(dropLast)")) {
                // a series too short once its last points are dropped: a usage error that names the option
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace("(dropLast)",
                        "(--drop-last)"));
            }
            throw intervals.explain(e, " (a backtest calibrates on each fold's training part, the points before its"
                    + " origin; the first fold's is H + (folds − 1)·step = " + (horizon + (folds - 1) * options.step())
                    + " points shorter than the series: fewer --folds or a smaller --step leave more)");
        }
        Map<String, List<PermutationImportance.Result>> importances = new LinkedHashMap<>();
        if (importance) {
            for (Forecaster f : forecasters) {
                if (!quiet) {
                    err.printf(Locale.ROOT, "permutation importance of the covariates for %s%n", f.name());
                    err.flush();
                }
                importances.put(f.name(), PermutationImportance.run(series, f, options, net.seed));
            }
        }
        if (out != null) {
            writeFolds(result, out);
        }
        if (report != null) {
            java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
            settings.put("data", data.data.toString());
            settings.put("backtest", folds + " origin(s), " + options.step() + " points apart, horizon " + horizon
                    + (options.refit() ? ", refitted at every origin" : ", networks fitted once")
                    + (dropLast > 0 ? ", last " + dropLast + " point(s) of every series dropped first" : ""));
            if (intervals.any()) {
                settings.put("intervals", intervals.describe());
            }
            settings.put("seed", Long.toString(net.seed));
            Map<String, List<org.seqcast.forecast.explain.AttentionWeights>> attention = new LinkedHashMap<>();
            org.seqcast.report.HtmlReport.write(new org.seqcast.report.ReportData("Seqcast backtest: "
                    + data.data.getFileName(), series, result, List.of(), result.lastTrainingHistories(), settings,
                    data.roles(series)).withExplanations(new org.seqcast.report.Explanations(importances,
                    lastFoldAttributions(result, series.get(0), attention), attention)), report);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = toJson(result);
            if (importance) {
                ObjectNode imp = root.putObject("importance");
                importances.forEach((model, results) -> {
                    ArrayNode a = imp.putArray(model);
                    results.forEach(r -> a.addObject().put("covariate", r.covariate()).put("role", r.role().label())
                            .put("baseline_mase", r.baseline()).put("mase_shuffled", r.mase())
                            .put("importance", r.importance()));
                });
            }
            stdout.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            stdout.print(result.table());
            if (importance) {
                stdout.print(importanceTable(importances, net.seed));
            }
        }
        stdout.flush();
        return 0;
    }

    private BacktestResult run(List<TimeSeries> series, List<Forecaster> forecasters, BacktestOptions options,
                               PrintWriter err) {
        return Backtest.run(series, forecasters, options, (model, fold, total) -> {
            if (!quiet) {
                err.printf(Locale.ROOT, "fitting %s (fold %d/%d)%n", model, fold + 1, total);
                err.flush();
            }
        });
    }

    /**
     * The attribution of each network's (and each ensemble member network's) forecast of the first series from the
     * latest origin, as the last fold made it (its history cut where that fold cut it); none for models without a
     * network.
     */
    static Map<String, org.seqcast.forecast.explain.Attribution> lastFoldAttributions(BacktestResult result,
                                                                                   TimeSeries s) {
        return lastFoldAttributions(result, s, new LinkedHashMap<>());
    }

    /**
     * {@link #lastFoldAttributions(BacktestResult, TimeSeries)}, putting the attention weights of each network that
     * has Attention layers into {@code attention} under the same label.
     */
    static Map<String, org.seqcast.forecast.explain.Attribution> lastFoldAttributions(BacktestResult result,
            TimeSeries s, Map<String, List<org.seqcast.forecast.explain.AttentionWeights>> attention) {
        Map<String, org.seqcast.forecast.explain.Attribution> out = new LinkedHashMap<>();
        result.lastFitted().forEach((model, fitted) -> {
            List<ExplainCommand.Explained> networks = ExplainCommand.networks(fitted, new java.util.ArrayList<>());
            if (networks.isEmpty()) {
                return;
            }
            FoldResult last = result.folds(model).stream().filter(f -> f.seriesId().equals(s.id()))
                    .reduce((a, b) -> b).orElseThrow();
            TimeSeries history = s.knownAt(last.trainSize(), fitted.futureCovariates());
            for (ExplainCommand.Explained n : networks) {
                String label = (n.label().equals(model) ? model : model + ": " + n.label()) + ", series '" + s.id()
                        + "' from " + history.index().lastLabel();
                out.put(label, n.explain(history, org.seqcast.forecast.explain.IntegratedGradients.DEFAULT_STEPS));
                List<org.seqcast.forecast.explain.AttentionWeights> weights = n.attention(history);
                if (!weights.isEmpty()) {
                    attention.put(label, weights);
                }
            }
        });
        return out;
    }

    /** The importances as a table: per model and covariate, its role, the MASE shuffled and the MASE lost. */
    static String importanceTable(Map<String, List<PermutationImportance.Result>> importances, long seed) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nPermutation importance: MASE lost when a"
                + " covariate is shuffled (seed %d; about 0: the model does not use it)%n", seed));
        sb.append(String.format(Locale.ROOT, "%-12s %-16s %-13s %9s %9s %11s%n", "model", "covariate", "role", "MASE",
                "shuffled", "importance"));
        importances.forEach((model, results) -> results.forEach(r -> sb.append(String.format(Locale.ROOT,
                "%-12s %-16s %-13s %9.3f %9.3f %+11.3f%n", model, r.covariate(), r.role().label(), r.baseline(),
                r.mase(), r.importance()))));
        return sb.toString();
    }

    static ObjectNode toJson(BacktestResult result) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("horizon", result.horizon());
        root.put("folds", result.options().folds());
        root.put("step", result.options().step());
        root.put("refit", result.options().refit());
        root.put("drop_last", result.options().dropLast());
        ArrayNode models = root.putArray("models");
        for (ModelSummary s : result.summary()) {
            ObjectNode n = models.addObject();
            n.put("model", s.model());
            n.put("series", s.series());
            metrics(n, s.mean());
            n.put("skill_vs_snaive", s.skill());
            n.put("beats_snaive", !s.failsToBeatSeasonalNaive());
            n.put("fallbacks", s.fallbacks());
            ArrayNode mae = n.putArray("mae_by_step");
            for (double v : s.maeByStep()) {
                mae.add(v);
            }
            ArrayNode mase = n.putArray("mase_by_step");
            for (double v : s.maseByStep()) {
                mase.add(v);
            }
            if (!s.intervals().isEmpty()) {
                intervals(n.putObject("intervals"), s.intervals());
            }
        }
        return root;
    }

    /** A model's interval scores: per level coverage and width, MSIS, scaled pinball loss, verdict. */
    private static void intervals(ObjectNode n, IntervalSummary s) {
        ArrayNode levels = n.putArray("levels");
        ArrayNode coverage = n.putArray("coverage");
        ArrayNode width = n.putArray("width");
        for (int c = 0; c < s.levels().length; c++) {
            levels.add(s.levels()[c]);
            coverage.add(s.coverage()[c]);
            width.add(s.width()[c]);
        }
        n.put("msis", s.msis());
        n.put("scaled_pinball", s.scaledPinball());
        n.put("verdict", s.verdict());
    }

    private static void metrics(ObjectNode n, MetricReport r) {
        n.put("mse", r.mse());
        n.put("rmse", r.rmse());
        n.put("mae", r.mae());
        n.put("mape", r.mape());
        n.put("smape", r.smape());
        n.put("mase", r.mase());
    }

    private static void writeFolds(BacktestResult result, Path file) throws IOException {
        StringBuilder w = new StringBuilder("model,series,fold,origin,train_size,mse,rmse,mae,mape,smape,mase\n");
        for (FoldResult f : result.folds()) {
            MetricReport r = f.metrics();
            w.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%s,%s,%s,%s,%s,%s%n", ForecastCsv.csvCell(f.model()),
                    ForecastCsv.csvCell(f.seriesId()), f.fold() + 1, f.forecast().label(0), f.trainSize(), r.mse(),
                    r.rmse(), r.mae(), r.mape(), r.smape(), r.mase()));
        }
        org.seqcast.format.AtomicFile.write(file, w.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                file.toString());
    }
}
