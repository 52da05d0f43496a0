package org.seqcast.forecast;

import java.util.function.Supplier;
import org.seqcast.data.TimeIndex;

/**
 * The forecast of one series for the H steps after its history: the point forecast and, when the model gives
 * one, its distribution (quantiles and/or central intervals per step, {@link ForecastDistribution}).
 *
 * <p>Backtests and metrics score the point values; the distribution travels with them to the writers and the
 * report. A forecast without a distribution carries {@link ForecastDistribution#NONE}.
 *
 * @param seriesId     the series' id
 * @param model        the forecaster's name
 * @param index        the time stamps of the H forecast points (the index that follows the history)
 * @param values       ŷ_{n+1..n+H} in the series' own units
 * @param note         empty, or how the forecast departed from the model (e.g. a fallback for a too-short history)
 * @param distribution the quantiles or intervals of the H steps in the same units, or
 *                     {@link ForecastDistribution#NONE}
 */
public record Forecast(String seriesId, String model, TimeIndex index, double[] values, String note,
                       ForecastDistribution distribution) {
    /** A point forecast without a note. */
    public Forecast(String seriesId, String model, TimeIndex index, double[] values) {
        this(seriesId, model, index, values, "");
    }

    /** A point forecast. */
    public Forecast(String seriesId, String model, TimeIndex index, double[] values, String note) {
        this(seriesId, model, index, values, note, ForecastDistribution.NONE);
    }

    public Forecast {
        note = note == null ? "" : note;
        distribution = distribution == null ? ForecastDistribution.NONE : distribution;
        if (values.length != index.size()) {
            throw new IllegalArgumentException("forecast has " + values.length + " values for " + index.size()
                    + " time stamps");
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException(model + " produced a non-finite forecast " + values[k]
                        + " for series '" + seriesId + "' at step " + (k + 1));
            }
        }
        if (!distribution.isEmpty() && distribution.horizon() != values.length) {
            throw new IllegalArgumentException("the distribution of " + model + "'s forecast of series '" + seriesId
                    + "' has " + distribution.horizon() + " steps for a forecast of " + values.length
                    + "; give one row per forecast step");
        }
        values = values.clone();
    }

    /** This forecast carrying {@code distribution} (of the same H steps) instead of its own. */
    public Forecast withDistribution(ForecastDistribution distribution) {
        return new Forecast(seriesId, model, index, values, note, distribution);
    }

    /**
     * This forecast carrying quantiles at {@code levels} (strictly increasing in (0, 1)); {@code quantiles[k][j]}
     * is step k's quantile at level j. Bad input is refused with the series, step and level named.
     */
    public Forecast withQuantiles(double[] levels, double[][] quantiles) {
        return attach(() -> ForecastDistribution.ofQuantiles(levels, quantiles));
    }

    /**
     * This forecast carrying central intervals at {@code coverages} (percent, strictly increasing in (0, 100));
     * {@code lower[k][c]} and {@code upper[k][c]} bound step k's interval of coverage c. Bad input is refused
     * with the series, step and level named.
     */
    public Forecast withIntervals(double[] coverages, double[][] lower, double[][] upper) {
        return attach(() -> ForecastDistribution.ofIntervals(coverages, lower, upper));
    }

    /**
     * This forecast with the intervals a caller chose among those it carries: all of them for null, point values only
     * for an empty array, else exactly the central intervals at {@code coverages} (percent, strictly increasing). Each
     * level's bounds are its own, so a subset gives the same numbers as the whole.
     *
     * @throws MissingLevelException when the forecast carries no interval at one of {@code coverages}, naming it and
     *                               the coverages it does carry
     */
    public Forecast withLevels(double[] coverages) {
        if (coverages == null) {
            return this;
        }
        if (coverages.length == 0) {
            return withDistribution(ForecastDistribution.NONE);
        }
        double[] stored = distribution.coverages();
        double[][] lower = new double[horizon()][coverages.length];
        double[][] upper = new double[horizon()][coverages.length];
        for (int c = 0; c < coverages.length; c++) {
            double level = coverages[c];
            if (java.util.Arrays.stream(stored).noneMatch(x -> x == level)) {
                throw new MissingLevelException(model, seriesId, level, stored);
            }
            double[] lo = distribution.lower(level);
            double[] hi = distribution.upper(level);
            for (int k = 0; k < horizon(); k++) {
                lower[k][c] = lo[k];
                upper[k][c] = hi[k];
            }
        }
        return withIntervals(coverages, lower, upper);
    }

    /** Builds a distribution and attaches it; its refusals name this forecast's model and series. */
    private Forecast attach(Supplier<ForecastDistribution> distribution) {
        ForecastDistribution d;
        try {
            d = distribution.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + "'s forecast of series '" + seriesId + "': " + e.getMessage(),
                    e);
        }
        return withDistribution(d);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** True when the forecast carries a note (the model fell back to something simpler). */
    public boolean hasNote() {
        return !note.isEmpty();
    }

    /** True when the forecast carries quantiles or intervals besides its point values. */
    public boolean hasDistribution() {
        return !distribution.isEmpty();
    }

    public int horizon() {
        return values.length;
    }

    /** The time stamp of step k (0-based) as text. */
    public String label(int k) {
        return index.label(k);
    }
}
