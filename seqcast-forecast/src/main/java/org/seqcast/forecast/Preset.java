package org.seqcast.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.seqcast.data.TimeSeries;

/**
 * Named starting points for a network's settings, so that a user who gives only the data and the horizon gets
 * settings chosen by measurement rather than {@link RnnConfig}'s neutral defaults. A preset sets some options of
 * an {@link RnnConfig.Builder} ({@link #applyTo}); options set after it win.
 *
 * <p>{@link #AUTO} is what the command-line tool uses unless told otherwise; {@link #resolve} turns it into a
 * concrete preset for the data. It was chosen on validation origins only (the last h points of each training
 * part of the tourism and M1 competition data, never their holdouts): the measurements are in docs/ACCURACY.md,
 * "Choosing the presets", and {@code tools/accuracy/ensemble_validation.sh} reproduces them.
 */
public enum Preset {
    /**
     * Chooses {@link #LOG_MAE} for the kind of data it was chosen on, {@link #NONE} otherwise: see
     * {@link #resolve}.
     */
    AUTO("log-mae for series without covariates, negative values or a median below 1 (log-mae-deseason when"
            + " they are also seasonal with a season of 2 to " + EnsembleForecaster.LONG_SEASON + " steps,"
            + " log-mae-refit when they are non-seasonal with a median length under " + EnsembleForecaster.LONG_HISTORY
            + " horizons); none otherwise (chosen on validation origins)"),
    /** RnnConfig's defaults: no transform, standard scaling per series, MSE loss. */
    NONE("no transform, standard scaling per series, MSE loss (RnnConfig's defaults)"),
    /**
     * log(1 + y), no further scaling, MAE loss: the network sees relative changes, and its error on the log scale
     * is close to a percentage error. Needs values ≥ 0. For values much below 1 log(1 + y) is nearly y, so small
     * numbers reach the network unscaled: {@link #AUTO} avoids that, and chooses it only for series without
     * covariates (chosen on such data; covariates themselves are standardised whatever the target's scaling).
     */
    LOG_MAE("log1p transform, no scaling, MAE loss (values >= 0)"),
    /**
     * {@link #LOG_MAE}, and after early stopping each network is fitted again on every window, the validation
     * part's included, for the epochs early stopping chose ({@link RnnConfig#refit}). {@link #AUTO} chooses it for
     * short non-seasonal series (yearly data), where the validation part holds about half of the windows.
     */
    LOG_MAE_REFIT("log-mae, then each network fitted again on every window for the epochs early stopping chose"
            + " (values >= 0)"),
    /**
     * {@link #LOG_MAE} on seasonally adjusted series: a recurrent network named by its cell ({@code lstm},
     * {@code gru}, {@code rnn}) is fitted as the hybrid {@link DecomposedForecaster} ({@code lstm-deseason}), which
     * divides each seasonal series by its classical multiplicative seasonal indices (thetaf's seasonality test
     * decides per series) and multiplies the forecasts back. {@link #AUTO} chooses it for seasonal series with a
     * season of 2 to {@link EnsembleForecaster#LONG_SEASON} steps, where the adjusted networks beat the plain ones
     * as single forecasters on validation origins of tourism, M1 and M4 hourly data (see {@link #deseasonalises}).
     */
    LOG_MAE_DESEASON("log-mae on seasonally adjusted series: a network named by its cell, lstm, is fitted as"
            + " lstm" + DecomposedForecaster.SUFFIX + " (values >= 0)");

    private final String description;

    Preset(String description) {
        this.description = description;
    }

    /** One line for help texts and docs. */
    public String description() {
        return description;
    }

    /** The name users type: lower case, '-' for '_'. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The names of every preset, comma-separated, as help texts list them. */
    public static String names() {
        return Arrays.stream(values()).map(Preset::label).collect(Collectors.joining(", "));
    }

    /** The preset called {@code text} (case and '-'/'_' ignored); an unknown name lists the known ones. */
    public static Preset parse(String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Preset p : values()) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + text + "'; use one of " + names());
    }

    /**
     * The concrete preset for {@code series} forecast H steps ahead; every preset but {@link #AUTO} is itself. AUTO
     * becomes {@link #LOG_MAE} for data like those it was chosen on (tourism and M1: positive values in the
     * hundreds to thousands, no covariates), that is when the series have no covariates, no negative value and a
     * median value (over all series, missing values aside) of at least 1, and {@link #LOG_MAE_REFIT} when they are
     * also non-seasonal and short (median length under {@link EnsembleForecaster#LONG_HISTORY}·H); otherwise
     * {@link #NONE}, whose standard scaling handles covariates, negative values and small numbers alike. Throws
     * when a concrete preset cannot handle the data (log-mae on negative values), naming the series and value.
     */
    public Preset resolve(List<TimeSeries> series, int horizon) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("a preset is resolved for at least one series; got none");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        return switch (this) {
            case AUTO -> {
                if (firstNegative(series) != null || !series.stream().allMatch(s -> s.covariateNames().isEmpty())
                        || median(series) < 1) {
                    yield NONE;
                }
                if (adjustableSeason(series)) {
                    yield LOG_MAE_DESEASON;
                }
                yield shortAndNotSeasonal(series, horizon) ? LOG_MAE_REFIT : LOG_MAE;
            }
            case NONE -> NONE;
            case LOG_MAE, LOG_MAE_REFIT, LOG_MAE_DESEASON -> {
                String negative = firstNegative(series);
                if (negative != null) {
                    throw new IllegalArgumentException("preset " + label() + " needs values >= 0, but " + negative
                            + "; use preset none or auto");
                }
                yield this;
            }
        };
    }

    /**
     * Non-seasonal series (m = 1) whose median length is under {@link EnsembleForecaster#LONG_HISTORY} horizons:
     * where {@link #AUTO} refits. Chosen on validation origins of tourism and M1 yearly data, where refitting lowered
     * the recommended ensemble's mean ratio to theta from 0.951 to 0.926 (M1 yearly sMAPE 16.97 to 16.18); on
     * their quarterly and monthly data it changed nothing (0.917 against 0.916) at twice the networks' cost, and
     * long series keep their windows for training anyway (docs/ACCURACY.md, "Choosing the ensemble's members").
     */
    private static boolean shortAndNotSeasonal(List<TimeSeries> series, int horizon) {
        return series.get(0).seasonalPeriod() < 2
                && Forecasters.Settings.history(series) < (long) EnsembleForecaster.LONG_HISTORY * horizon;
    }

    /**
     * Seasons of 2 to {@link EnsembleForecaster#LONG_SEASON} steps (quarterly, monthly, daily, hourly data): where
     * {@link #AUTO} fits single networks on seasonally adjusted series. Chosen on validation origins (the last H
     * points of each training series): as single forecasters, lstm-deseason and gru-deseason beat lstm and gru on
     * the mean of their competition-metric and MASE ratios to theta on tourism and M1 quarterly and monthly data
     * and on MASE on M4 hourly data. Longer seasons keep the plain networks, which beat the adjusted ones on M4
     * weekly data given m = 52 (docs/ACCURACY.md, "Single networks on seasonally adjusted series" and "Choosing
     * the ensemble's members").
     */
    private static boolean adjustableSeason(List<TimeSeries> series) {
        int m = series.get(0).seasonalPeriod();
        return m >= 2 && m <= EnsembleForecaster.LONG_SEASON;
    }

    /**
     * Whether single networks named by their cell are fitted on seasonally adjusted series
     * ({@link DecomposedForecaster}) under this preset: only {@link #LOG_MAE_DESEASON}. The recommended ensemble's
     * members are not affected: it names its adjusted members itself.
     */
    public boolean deseasonalises() {
        return this == LOG_MAE_DESEASON;
    }

    /**
     * Sets this preset's options on {@code builder} and returns it. {@link #AUTO} must be {@link #resolve resolved}
     * first (it depends on the data).
     */
    public RnnConfig.Builder applyTo(RnnConfig.Builder builder) {
        return switch (this) {
            case AUTO -> throw new IllegalStateException("preset auto depends on the data: resolve(series) first");
            case NONE -> builder;
            case LOG_MAE -> builder.transform(TargetTransform.LOG1P).scaling(Scaling.NONE).loss("mae");
            case LOG_MAE_REFIT -> LOG_MAE.applyTo(builder).refit(true);
            case LOG_MAE_DESEASON -> LOG_MAE.applyTo(builder);
        };
    }

    /** The median of every value of every series (NaN left out; 0 when there is none). */
    private static double median(List<TimeSeries> series) {
        double[] all = series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).filter(v -> !Double.isNaN(v))
                .toArray();
        return all.length == 0 ? 0 : Combination.median(all);
    }

    /** "series 'id' has -3.0 at label" for the first negative value, or null when there is none. */
    private static String firstNegative(List<TimeSeries> series) {
        for (TimeSeries s : series) {
            double[] y = s.values();
            for (int t = 0; t < y.length; t++) {
                if (y[t] < 0) {
                    return "series '" + s.id() + "' has " + y[t] + " at " + s.index().label(t);
                }
            }
        }
        return null;
    }
}
