package org.seqcast.cli;

import java.util.List;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.CalibrationException;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.DecomposedForecaster;
import org.seqcast.forecast.FittedConformal;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import picocli.CommandLine.Option;

/**
 * {@code --levels} of fit and backtest: conformal prediction intervals ({@link ConformalForecaster}) around every
 * model's point forecasts, calibrated on the training data. Without the option (or with {@code none}) the models
 * are not wrapped at all, so every output stays what it was, unless the command sets default levels
 * ({@link #withDefault}: fit does for its default model). A baseline is refitted at every calibration origin
 * (the library's default, {@link org.seqcast.forecast.ConformalConfig#defaults()}; it refits on each history anyway, so both modes give
 * it the same intervals); a network, a hybrid or an ensemble is fitted once before the first origin and forecasts
 * from every origin with that fit (two fits in all instead of one per origin; see {@link ConformalForecaster}).
 */
final class IntervalOptions {
    @Option(names = "--levels", paramLabel = "C,C", converter = Converters.LevelsConverter.class,
            description = "Prediction intervals at these coverages in percent, e.g. 80,95, or none (default: none,"
                    + " point forecasts only; fit's default model: 80,95 when the data are long enough): conformal"
                    + " intervals calibrated on the last H-step windows of the training data (the highest level"
                    + " decides how many windows, so how long the series must be)."
                    + " Baselines are refitted at every calibration origin;"
                    + " networks, hybrids and ensembles are fitted once before the first origin (2 fits instead"
                    + " of one per origin).")
    private Levels levels;

    /** The levels when --levels is not given (none unless a command sets others). */
    private Levels fallback = Levels.NONE;

    /** The levels in force: --levels, or the command's default when it is not given. */
    Levels levels() {
        return levels != null ? levels : fallback;
    }

    /** Sets the levels used when --levels is not given. */
    IntervalOptions withDefault(Levels defaults) {
        this.fallback = defaults;
        return this;
    }

    /** Whether the levels in force are a default the user did not ask for (so too little history is no error). */
    boolean defaulted() {
        return levels == null && !fallback.isNone();
    }

    /** From now on no intervals unless --levels was given (after a default could not be calibrated). */
    void dropDefault() {
        this.fallback = Levels.NONE;
    }

    /** Where intervals come from. */
    enum Method {
        /** Calibrated on the training data's own errors, for any model. */
        CONFORMAL,
        /** The classical method's own, as R's forecast computes them (classical methods only). */
        CLASSICAL,
        /** A network's own quantile head, trained with the pinball loss (single networks only). */
        QUANTILE
    }

    @Option(names = "--intervals", paramLabel = "METHOD", defaultValue = "conformal",
            converter = Converters.IntervalMethodConverter.class,
            description = "With --levels: conformal (default; any model, calibrated on the training data), classical"
                    + " (a classical method's own intervals as R's forecast computes them; classical models only) or"
                    + " quantile (a network that forecasts the intervals' bounds and the median itself, trained with"
                    + " the pinball loss, its quantiles unable to cross; single networks only, direct strategy, no"
                    + " --loss).")
    Method method = Method.CONFORMAL;

    /** Whether the intervals asked for are conformal ones (the default method). */
    boolean conformal() {
        return method == Method.CONFORMAL;
    }

    boolean any() {
        return !levels().isNone();
    }

    /** {@code f} itself without --levels, else {@code f} with conformal or its classical intervals at the levels. */
    Forecaster wrap(Forecaster f) {
        if (!any()) {
            if (!conformal()) {
                throw new IllegalArgumentException("--intervals " + method.name().toLowerCase(java.util.Locale.ROOT)
                        + " says where intervals come from, but no --levels says which: add e.g. --levels 80,95");
            }
            return f;
        }
        if (method == Method.QUANTILE) {
            return quantile(f);
        }
        if (method == Method.CLASSICAL) {
            if (f instanceof BaselineForecaster b) {
                return b.withLevels(levels().coverages());
            }
            throw new IllegalArgumentException("--intervals classical: " + f.name() + " is not a classical method, so it"
                    + " has no intervals of its own; use --intervals conformal for it");
        }
        return ConformalForecaster.recommended(f, levels().coverages());
    }

    /** The --loss the user gave (null: none, the preset's or the default applies); set by the command. */
    private String lossGiven;

    /** Tells these options which --loss the user gave (null for none): --intervals quantile refuses one. */
    IntervalOptions withLossGiven(String loss) {
        this.lossGiven = loss;
        return this;
    }

    /**
     * A network as a quantile network at the levels' bounds and the median (the pinball loss replaces the
     * preset's loss); any other model, or a network told to train with an explicit --loss, is refused.
     */
    private Forecaster quantile(Forecaster f) {
        if (!(f instanceof RnnForecaster) && !(f instanceof DecomposedForecaster)) {
            throw new IllegalArgumentException("--intervals quantile: " + f.name() + " is not a single network, so it"
                    + " has no quantile head; use --intervals conformal for it");
        }
        if (lossGiven != null) {
            throw new IllegalArgumentException("--intervals quantile trains " + f.name() + " with the pinball loss of"
                    + " its quantiles; drop --loss " + lossGiven);
        }
        List<Double> quantiles = RnnConfig.intervalLevels(levels().coverages());
        return f instanceof DecomposedForecaster d ? d.withQuantiles(quantiles)
                : ((RnnForecaster) f).withQuantiles(quantiles);
    }

    /** Where the intervals come from and at which levels, in words (for reports). */
    String describe() {
        String at = Levels.describe(levels().coverages());
        return switch (method) {
            case CLASSICAL -> "classical (each method's own, as R's forecast computes them), " + at;
            case CONFORMAL -> "conformal, " + at + ", calibrated on each fold's training part";
            case QUANTILE -> "quantile, " + at + ", the network's own quantiles (pinball loss, non-crossing)";
        };
    }

    List<Forecaster> wrap(List<Forecaster> forecasters) {
        return forecasters.stream().map(this::wrap).toList();
    }

    /** The point forecaster inside {@code fitted}: the inner one of a conformal forecaster, else itself. */
    static FittedForecaster point(FittedForecaster fitted) {
        return fitted instanceof FittedConformal c ? c.inner() : fitted;
    }

    /**
     * A failure of the conformal calibration (too little history for a level) as the user should read it:
     * naming --levels; any other failure unchanged. The library's messages start with "levels: " or "conformal
     * calibration" and say the minimum history; the rest of the message is kept.
     */
    RuntimeException explain(IllegalArgumentException e) {
        return explain(e, "");
    }

    /** Whether {@code e} is the library saying the training data are too short for the levels' calibration. */
    static boolean isCalibrationFailure(IllegalArgumentException e) {
        return e instanceof CalibrationException;
    }

    /** As {@link #explain(IllegalArgumentException)}, with {@code where} (what the training data was) appended. */
    RuntimeException explain(IllegalArgumentException e, String where) {
        String m = e.getMessage();
        if (m == null || !any()) {
            return e;
        }
        if (!Levels.reason(m).equals(m)) {
            return new IllegalArgumentException("--levels " + levels() + ": " + Levels.reason(m) + where, e);
        }
        if (m.startsWith("conformal calibration")) {
            return new IllegalArgumentException("--levels " + levels() + ": " + m + "; give longer series or drop"
                    + " --levels" + where, e);
        }
        return e;
    }
}
