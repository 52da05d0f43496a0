package org.seqcast.cli;

import java.util.List;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.CovariateRoles;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.LossScale;
import org.seqcast.forecast.Preset;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.tensor.Parallel;
import org.seqcast.train.LearningRateSchedule;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Network and training options shared by fit and backtest: the settings start from --preset ({@link Preset#AUTO}
 * unless given) and every option given overrides them; options neither given nor set by the preset keep
 * {@link RnnConfig}'s defaults.
 */
final class NetworkOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec mixee;

    @Option(names = "--preset", paramLabel = "NAME", converter = Converters.PresetConverter.class,
            descriptionKey = "preset", description = "The networks' starting settings (filled in from Preset by ModelList.Help).")
    Preset preset;

    @Option(names = "--window", paramLabel = "W", description = "Input steps per window (default: 2*max(H, m), shortened for short series).")
    Integer window;

    @Option(names = "--units", paramLabel = "N", description = "Hidden units per recurrent layer (default: 32).")
    Integer units;

    @Option(names = "--layers", paramLabel = "N", description = "Stacked recurrent layers (default: 1).")
    Integer layers;

    @Option(names = "--dropout", paramLabel = "RATE", description = "Dropout after each recurrent layer (default: 0).")
    Double dropout;

    @Option(names = "--strategy", paramLabel = "S", converter = Converters.StrategyConverter.class, description = "direct (Dense(H) head) or recursive (default: direct).")
    Strategy strategy;

    @Option(names = "--scaling", paramLabel = "S", converter = Converters.ScalingConverter.class, description = "standard, minmax, robust or none, per series, fitted on training data (default: standard, or the preset's).")
    Scaling scaling;

    @Option(names = "--transform", paramLabel = "T", converter = Converters.TransformConverter.class, description = "none, log or log1p applied to the target before scaling (default: none, or the preset's).")
    TargetTransform transform;

    @Option(names = "--anchor", paramLabel = "A", converter = Converters.AnchorConverter.class, description = "Targets relative to: last (value), season (seasonal naive) or none (default: last).")
    Anchor anchor;

    @Option(names = "--no-calendar", description = "Leave out the calendar features (month of year, day of week, time of day).")
    boolean noCalendar;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default: 100).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Minibatch size (default: 32).")
    Integer batchSize;

    @Option(names = {"--learning-rate", "--lr"}, paramLabel = "LR", description = "Learning rate (default: 0.001).")
    Double learningRate;

    @Option(names = "--optimizer", paramLabel = "NAME", converter = Converters.OptimizerConverter.class, description = "adam, adamw, sgd or rmsprop (default: adam).")
    String optimizer;

    @Option(names = "--loss", paramLabel = "NAME", converter = Converters.LossConverter.class, description = "mse, mae, huber or log_smape (sMAPE of the forecasts; needs --transform log or log1p and --scaling none) (default: mse, or the preset's).")
    String loss;

    @Option(names = "--loss-scale", paramLabel = "S", converter = Converters.LossScaleConverter.class,
            description = "Divide each series' training loss by: none, or snaive (its in-sample seasonal naive MAE in "
                + "model units; with --loss mae a MASE-like scale-free loss) (default: none).")
    LossScale lossScale;

    @Option(names = "--recent-horizons", paramLabel = "L",
            description = "Train only on windows whose targets end in the last L*H points of each series' training "
                + "part (N-BEATS style), 0 = every window (default: 0).")
    Integer recentHorizons;

    @Option(names = "--lr-schedule", paramLabel = "SPEC",
            description = "Learning-rate schedule: constant, cosine (annealed to 0 over --epochs), cosine:F (to F "
                + "times the rate) or step:N:G (times G every N epochs) (default: constant).")
    String lrSchedule;

    @Option(names = "--patience", paramLabel = "N", description = "Early-stopping patience in epochs, 0 = off (default: 10).")
    Integer patience;

    @Option(names = "--refit", description = "After early stopping, train a fresh network (same seed and window) on "
            + "every window, the validation part's included, for the epochs early stopping chose; costs a second fit "
            + "(default: off).")
    boolean refit;

    @Option(names = "--validation", paramLabel = "FRACTION", description = "Share of each series' end used for validation (default: 0.1, at least H points).")
    Double validation;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of all randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); results do not depend on it.")
    Integer threads;

    /** --threads, checked ({@link #threads(Integer, CommandLine)}), or all cores when absent. */
    int threads() {
        return threads(threads, mixee.commandLine());
    }

    /**
     * A command's --threads, checked (a usage error below 1 or above {@link RnnConfig.Limit#THREADS}), or all
     * cores when absent.
     */
    static int threads(Integer threads, CommandLine commandLine) {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(commandLine, "--threads must be at least 1; got " + threads);
        }
        if (threads != null && !RnnConfig.Limit.THREADS.allows(threads)) {
            throw new CommandLine.ParameterException(commandLine, "--threads " + RnnConfig.Limit.THREADS.problem(threads));
        }
        return threads == null ? Parallel.availableCores() : threads;
    }

    /**
     * The preset the networks start from on {@code series}: --preset (auto when absent) resolved for the data; a
     * preset that cannot handle the data is a usage error.
     */
    Preset preset(List<TimeSeries> series, int horizon) {
        try {
            return (preset == null ? Preset.AUTO : preset).resolve(series, horizon);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--preset: " + e.getMessage());
        }
    }

    /**
     * The configuration of a {@code cell} network for horizon H with the given covariates, starting from the
     * (resolved) {@code start} preset; an option out of range, or options that do not go together, are a usage
     * error.
     */
    RnnConfig config(Cell cell, int horizon, CovariateRoles roles, Preset start) {
        threads();
        check(window == null || window >= 1, "--window must be at least 1; got " + window);
        check(units == null || units >= 1, "--units must be at least 1; got " + units);
        check(layers == null || layers >= 1, "--layers must be at least 1; got " + layers);
        check(window == null || RnnConfig.Limit.WINDOW.allows(window), "--window " + RnnConfig.Limit.WINDOW.problem(
                window == null ? 0 : window));
        check(units == null || RnnConfig.Limit.UNITS.allows(units), "--units " + RnnConfig.Limit.UNITS.problem(
                units == null ? 0 : units));
        check(layers == null || RnnConfig.Limit.LAYERS.allows(layers), "--layers " + RnnConfig.Limit.LAYERS.problem(
                layers == null ? 0 : layers));
        check(dropout == null || dropout >= 0 && dropout < 1, "--dropout must be in [0, 1); got " + dropout);
        check(epochs == null || epochs >= 1, "--epochs must be at least 1; got " + epochs);
        check(batchSize == null || batchSize >= 1, "--batch-size must be at least 1; got " + batchSize);
        check(learningRate == null || learningRate > 0 && Double.isFinite(learningRate),
                "--learning-rate must be positive; got " + learningRate);
        check(patience == null || patience >= 0, "--patience must be 0 (off) or more; got " + patience);
        check(validation == null || validation >= 0 && validation < 0.5,
                "--validation must be in [0, 0.5); got " + validation);
        check(recentHorizons == null || recentHorizons >= 0,
                "--recent-horizons must be 0 (every window) or more; got " + recentHorizons);
        if (lrSchedule != null) {
            try {
                LearningRateSchedule.parse(lrSchedule, epochs == null ? 1 : epochs);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--lr-schedule: " + e.getMessage());
            }
        }
        RnnConfig.Builder b = roles.applyTo(start.applyTo(RnnConfig.builder(horizon))).cell(cell).seed(seed)
                .threads(threads());
        if (window != null) {
            b.window(window);
        }
        if (units != null) {
            b.units(units);
        }
        if (layers != null) {
            b.layers(layers);
        }
        if (dropout != null) {
            b.dropout(dropout);
        }
        if (strategy != null) {
            b.strategy(strategy);
        }
        if (scaling != null) {
            b.scaling(scaling);
        }
        if (transform != null) {
            b.transform(transform);
        }
        if (anchor != null) {
            b.anchor(anchor);
        }
        b.calendarFeatures(!noCalendar);
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        if (optimizer != null) {
            b.optimizer(optimizer);
        }
        if (loss != null) {
            b.loss(loss);
        }
        if (patience != null) {
            b.patience(patience);
        }
        if (validation != null) {
            b.validationFraction(validation);
        }
        if (lossScale != null) {
            b.lossScale(lossScale);
        }
        if (recentHorizons != null) {
            b.recentHorizons(recentHorizons);
        }
        if (lrSchedule != null) {
            b.schedule(lrSchedule);
        }
        if (refit) {
            b.refit(true);
        } else if (Integer.valueOf(0).equals(patience) || Double.valueOf(0).equals(validation)) {
            b.refit(false); // no early stopping given: nothing chose the epochs a preset's refit would train for
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // options that do not go together, e.g. --strategy recursive with --covariates
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(mixee.commandLine(), message);
        }
    }
}
