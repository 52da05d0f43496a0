package org.seqcast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.ConformalCalibration;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.CovariateRoles;
import org.seqcast.forecast.FittedBaseline;
import org.seqcast.forecast.FittedConformal;
import org.seqcast.forecast.EnsembleForecaster;
import org.seqcast.forecast.DecomposedForecaster;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.FittedEnsemble;
import org.seqcast.forecast.Forecasters;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Strategy;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;
import org.seqcast.train.History;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seqcast fit}: fits a forecaster (a network, a baseline or an ensemble) on a CSV file and saves it as one model file. */
@Command(name = "fit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = ModelList.Help.class,
        description = {"Fit a forecaster on the series of a CSV file and save it as a .seqcast model file "
            + "(manifest.json + weights.safetensors): by default the recommended ensemble (networks and classical "
            + "methods combined by the median, 'seqcast models'), or any forecaster that backtest --models accepts: "
            + "a single recurrent network (one global model for many series; --cell or --model), a baseline "
            + "(refitted on each history it forecasts from) or a network on seasonally adjusted series. Only --data, "
            + "--horizon and --out are required; networks start from --preset (chosen for the data) and hold out the "
            + "last part of each series (10%%, at least H points) for early stopping. With --levels the model file "
            + "also holds a calibration of prediction intervals, made on the training data, and 'seqcast forecast' "
            + "prints them (lo80,hi80,lo95,hi95); the default model gets 80%% and 95%% intervals unless --levels says "
            + "otherwise (none: point forecasts only), or the data are too short to calibrate them (a warning)."},
        footer = {"", "Examples:",
            "  seqcast fit --data airpassengers.csv --horizon 12 --out air.seqcast",
            "  seqcast fit --data airpassengers.csv -H 12 --levels 80,95 --out air-intervals.seqcast",
            "  seqcast fit --data airpassengers.csv -H 12 --cell gru --units 64 --epochs 200 --out air-gru.seqcast",
            "  seqcast fit --data airpassengers.csv -H 12 --model theta --out theta.seqcast",
            "  seqcast fit --data airpassengers.csv -H 12 --model theta --levels 80,95 --out theta-80-95.seqcast",
            "  seqcast fit --data seatbelts.csv --target drivers --covariates kms,PetrolPrice,law -H 12 --out sb.seqcast",
            "  seqcast fit --data tourism_quarterly.csv --id series_id --target value -H 8 --transform log1p --scaling none \\",
            "      --loss mae --out tourism-q.seqcast"})
final class FitCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private DataOptions data = new DataOptions();

    @Option(names = {"-H", "--horizon"}, required = true, paramLabel = "H", description = "Forecast horizon in steps.")
    private int horizon;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL", description = "Model file to write (.seqcast).")
    private Path out;

    @Option(names = "--model", paramLabel = "NAME", descriptionKey = "model",
            description = "The forecaster to fit (filled in from the registry by ModelList.Help).")
    private String model;

    @Option(names = "--cell", paramLabel = "CELL", converter = Converters.CellConverter.class,
            descriptionKey = "cell", description = "The network's cell (filled in from Cell by ModelList.Help).")
    private Cell cell;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no warnings on stderr.")
    private boolean quiet;

    @Option(names = "--allow-diverged", description = "Save the model even when a network's training diverged"
            + " (a non-finite loss, gradient or weight stopped it; its forecasts may be far off), with a warning;"
            + " without it such a model is not saved and fit fails.")
    private boolean allowDiverged;

    @Mixin
    private IntervalOptions intervals = new IntervalOptions();

    @Mixin
    private NetworkOptions net = new NetworkOptions();

    @Override
    public Integer call() throws Exception {
        if (horizon < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--horizon must be at least 1; got " + horizon);
        }
        if (!org.seqcast.forecast.RnnConfig.Limit.HORIZON.allows(horizon)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--horizon "
                    + org.seqcast.forecast.RnnConfig.Limit.HORIZON.problem(horizon));
        }
        if (model != null && cell != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cell chooses the network when --model is"
                    + " absent; give --model " + cell.label() + " instead, or drop --cell");
        }
        OutputFiles.of().reads("--data", data.data).writes("--out", out).check();
        PrintWriter err = spec.commandLine().getErr();
        List<TimeSeries> series = data.read();
        Forecaster point = forecaster(series, err);
        if (point.name().equals(Forecasters.RECOMMENDED) && intervals.conformal()) {
            intervals.withDefault(Levels.defaults()); // the recommended model comes with its intervals
        }
        FittedForecaster fitted;
        try {
            fitted = fit(intervals.withLossGiven(net.loss).wrap(point), series, err);
        } catch (IllegalArgumentException e) {
            if (!intervals.defaulted() || !IntervalOptions.isCalibrationFailure(e)) {
                throw intervals.explain(e);
            }
            err.printf(Locale.ROOT, "warning: no %s intervals: %s; fitting without them (give --levels with lower"
                    + " levels, or longer series)%n", Levels.describe(intervals.levels().coverages()),
                    Levels.reason(e.getMessage()));
            err.flush();
            intervals.dropDefault();
            fitted = fit(point, series, err);
        }
        requireConverged(fitted, err);
        fitted.seriesWithoutWindows().forEach(idle -> Messages.warn(err, quiet, idle));
        FittedForecaster fittedPoint = IntervalOptions.point(fitted);
        Map<String, Double> metrics = fittedPoint instanceof FittedRnn rnn ? trainingMetrics(rnn)
                : fittedPoint instanceof FittedDecomposed d ? trainingMetrics(d.network()) : Map.of();
        ModelFile.save(fitted, ModelInfo.of(ModelInfo.sha256(data.data), series).withMetrics(metrics)
                .withColumns(data.timeColumnUsed(), data.id), out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                    json(fitted, series, metrics)));
        } else {
            stdout.print(summary(fitted, series));
            metrics.forEach((k, v) -> stdout.printf(Locale.ROOT, "%s %.6g%n", k, v));
        }
        stdout.flush();
        return 0;
    }

    /**
     * Refuses a model whose training diverged (its forecasts may be far off or explode), unless --allow-diverged
     * asks to keep it, then with a warning.
     */
    private void requireConverged(FittedForecaster fitted, PrintWriter err) {
        List<String> diverged = fitted.divergence();
        if (diverged.isEmpty()) {
            return;
        }
        String why = "training diverged (" + String.join("; ", diverged) + ")";
        if (!allowDiverged) {
            throw new IllegalArgumentException(why + "; the model was not saved to " + out + ", since its forecasts"
                    + " may be far off. Fit again with a lower --lr, --preset log-mae or --scaling standard, or give"
                    + " --allow-diverged to save it anyway");
        }
        Messages.warn(err, quiet, why + "; saving it to " + out + " anyway (--allow-diverged): its forecasts may be"
                + " far off");
    }

    /** Fits {@code forecaster}, saying first on stderr how a conformal one calibrates. */
    private FittedForecaster fit(Forecaster forecaster, List<TimeSeries> series, PrintWriter err) {
        if (forecaster instanceof ConformalForecaster c && !quiet) {
            err.printf(Locale.ROOT, "calibrating the %s intervals on the training data (%s), then fitting %s on all"
                    + " of it%n", Levels.describe(c.config().levels()), c.config().refit()
                    ? "refitted at every calibration origin" : "fitted once before the first calibration origin",
                    c.inner().name());
            err.flush();
        }
        return forecaster.fit(series);
    }

    /** The forecaster --model (or --cell) names, every network checked against the data's length. */
    private Forecaster forecaster(List<TimeSeries> series, PrintWriter err) {
        CovariateRoles roles = data.roles(series);
        String name = model != null ? model.trim().toLowerCase(Locale.ROOT)
                : cell != null ? cell.label() : Forecasters.RECOMMENDED;
        // an ensemble's members fit in parallel: their progress lines would interleave, so it gets one line
        boolean ensemble = Forecasters.exists(name) && Forecasters.entry(name).kind() == Forecasters.Kind.ENSEMBLE;
        Forecaster f = build(name, series, roles,
                quiet || ensemble ? null : label -> new Progress(err, label));
        if (f instanceof EnsembleForecaster e && !quiet) {
            err.printf(Locale.ROOT, "fitting the %s's %d members (%s) on %d thread(s)%n", name, e.members().size(),
                    String.join(", ", e.members().stream().map(Forecaster::name).toList()), e.threads());
            err.flush();
        }
        requireLongEnough(series, f);
        return f;
    }

    private Forecaster build(String name, List<TimeSeries> series, CovariateRoles roles,
                             java.util.function.Function<String, org.seqcast.train.TrainingListener> progress) {
        if (!Forecasters.exists(name)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '" + name + "' in --model; use"
                    + " one of " + String.join(", ", Forecasters.names()));
        }
        return ModelList.build(List.of(name), horizon, series, net, roles, progress).get(0);
    }

    private static Map<String, Double> trainingMetrics(FittedRnn fitted) {
        History h = fitted.trainingHistory();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("final_loss", h.loss()[h.epochsRun() - 1]);
        double[] val = h.valLoss();
        if (val.length > 0 && h.bestEpoch() >= 1 && !Double.isNaN(val[h.bestEpoch() - 1])) {
            metrics.put("best_val_loss", val[h.bestEpoch() - 1]);
        }
        return metrics;
    }

    /**
     * What was saved, in words: the network's size and training, the hybrid, the ensemble's members, or the
     * method; then the intervals' calibration when --levels asked for them.
     */
    private String summary(FittedForecaster saved, List<TimeSeries> series) {
        StringBuilder sb = new StringBuilder();
        FittedForecaster fitted = IntervalOptions.point(saved);
        if (fitted instanceof FittedRnn r) {
            sb.append(String.format(Locale.ROOT, "saved %s: %s, %s%n", out, r.name(), network(r)));
            sb.append(trained(r, series));
        } else if (fitted instanceof FittedDecomposed d) {
            long adjusted = d.adjustments().values().stream().filter(FittedDecomposed.Adjustment::adjusted).count();
            sb.append(String.format(Locale.ROOT, "saved %s: %s, a %s network on seasonally adjusted series (%d of %d"
                    + " adjusted), %s%n", out, d.name(), d.config().cell().label(), adjusted, d.adjustments().size(),
                    network(d.network())));
            sb.append(trained(d.network(), series));
        } else if (fitted instanceof FittedEnsemble e) {
            sb.append(String.format(Locale.ROOT, "saved %s: %s, the %s of %d members (%s), horizon %d%n", out,
                    e.name(), e.combination().label(), e.members().size(),
                    String.join(", ", e.members().stream().map(FittedForecaster::name).toList()), horizon));
            sb.append(String.format(Locale.ROOT, "fitted on %d series%n", series.size()));
        } else {
            sb.append(String.format(Locale.ROOT, "saved %s: %s, horizon %d (a local method: refitted on each history"
                    + " it forecasts from)%n", out, fitted.name(), horizon));
        }
        List<Double> quantiles = quantileLevels(fitted);
        if (saved instanceof FittedConformal c) {
            ConformalCalibration cal = c.calibration();
            sb.append(String.format(Locale.ROOT, "intervals: %s, conformal, calibrated on %d window(s) of %d steps"
                    + " (%s scores)%n", Levels.describe(cal.levels()), cal.windows(), cal.horizon(),
                    cal.score().name().toLowerCase(Locale.ROOT)));
        } else if (!quantiles.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "intervals: %s, the network's own quantiles at levels %s (pinball"
                    + " loss; they cannot cross)%n", Levels.describe(intervals.levels().coverages()), quantiles));
        } else if (saved instanceof FittedBaseline b && b.method().levels().length > 0) {
            sb.append(String.format(Locale.ROOT, "intervals: %s, the method's own (as R's forecast computes them)%n",
                    Levels.describe(b.method().levels())));
        }
        return sb.toString();
    }

    private ObjectNode json(FittedForecaster saved, List<TimeSeries> series, Map<String, Double> metrics) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        FittedForecaster fitted = IntervalOptions.point(saved);
        n.put("model", out.toString());
        n.put("name", fitted.name());
        n.put("series", series.size());
        n.put("horizon", horizon);
        if (fitted instanceof FittedRnn r) {
            putNetwork(n, r);
        } else if (fitted instanceof FittedDecomposed d) {
            putNetwork(n, d.network());
            n.put("adjusted_series", d.adjustments().values().stream().filter(FittedDecomposed.Adjustment::adjusted)
                    .count());
        } else if (fitted instanceof FittedEnsemble e) {
            n.put("combination", e.combination().label());
            e.members().forEach(m -> n.withArray("members").add(m.name()));
        }
        List<Double> quantiles = quantileLevels(fitted);
        if (saved instanceof FittedConformal c) {
            ConformalCalibration cal = c.calibration();
            for (double l : cal.levels()) {
                n.withArray("levels").add(l);
            }
            n.put("calibration_windows", cal.windows());
            n.put("calibration_score", cal.score().name().toLowerCase(Locale.ROOT));
        } else if (!quantiles.isEmpty()) {
            for (double l : intervals.levels().coverages()) {
                n.withArray("levels").add(l);
            }
            quantiles.forEach(n.withArray("quantiles")::add);
            n.put("intervals", "quantile");
        } else if (saved instanceof FittedBaseline b && b.method().levels().length > 0) {
            for (double l : b.method().levels()) {
                n.withArray("levels").add(l);
            }
            n.put("intervals", "classical");
        }
        metrics.forEach(n::put);
        return n;
    }

    /** "1 layer(s) of 4 units, window 24, horizon 12, 1,234 parameters". */
    private static String network(FittedRnn r) {
        RnnConfig c = r.config();
        return String.format(Locale.ROOT, "%d layer(s) of %d units, window %d, horizon %d, %,d parameters", c.layers(),
                c.units(), c.window(), c.horizon(), r.network().parameterCount());
    }

    /** "trained on 1 of 2 series (60 windows, 12 for validation): 3 epochs, reason" and a line end. */
    private static String trained(FittedRnn r, List<TimeSeries> series) {
        History h = r.trainingHistory();
        int idle = r.seriesWithoutWindows().size();
        return String.format(Locale.ROOT, "trained on %s series (%d windows, %d for validation): %d epochs, %s%n",
                idle == 0 ? Integer.toString(series.size()) : (series.size() - idle) + " of " + series.size(),
                r.trainingWindows(), r.validationWindows(), h.epochsRun(), h.stopReason());
    }

    /** The network's fields of fit's JSON: its cell, window, size and training. */
    private static void putNetwork(ObjectNode n, FittedRnn r) {
        History h = r.trainingHistory();
        n.put("cell", r.config().cell().label());
        n.put("window", r.config().window());
        n.put("parameters", r.network().parameterCount());
        n.put("training_windows", r.trainingWindows());
        n.put("validation_windows", r.validationWindows());
        n.put("epochs_run", h.epochsRun());
        n.put("stop_reason", h.stopReason());
    }

    /** The quantile levels of a quantile network, alone or inside a hybrid; empty for any other model. */
    private static List<Double> quantileLevels(FittedForecaster f) {
        RnnConfig c = f instanceof FittedRnn r ? r.config() : f instanceof FittedDecomposed d ? d.config() : null;
        return c != null && c.hasQuantiles() ? c.quantiles() : List.of();
    }

    /** Fails, stating the minimum length, when no series holds one training window plus the validation part. */
    private void requireLongEnough(List<TimeSeries> series, Forecaster f) {
        if (f instanceof EnsembleForecaster e) {
            e.members().forEach(m -> requireLongEnough(series, m));
        } else if (f instanceof RnnForecaster r) {
            requireLongEnough(series, r.config());
        } else if (f instanceof DecomposedForecaster d) {
            requireLongEnough(series, d.config());
        }
    }

    private void requireLongEnough(List<TimeSeries> series, RnnConfig config) {
        int longest = series.stream().mapToInt(TimeSeries::size).max().orElse(0);
        int min = RnnForecaster.minimumLength(config);
        if (longest < min) {
            int targets = config.strategy() == Strategy.DIRECT ? config.horizon() : 1;
            int window = Math.max(1, config.window());
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s %d points, too few to fit a "
                    + "horizon of %d: a series needs at least %d (a window of %d input step(s) and %d target(s) for "
                    + "training, then %d held out for validation); give more data, a shorter --horizon%s or a "
                    + "smaller --validation", data.data, series.size() == 1 ? "the series has" : "the longest series has",
                    longest, horizon, min, window, targets, min - window - targets,
                    config.window() > 0 ? ", a shorter --window" : ""));
        }
    }
}
