package org.seqcast.forecast;

import java.util.Arrays;
import org.seqcast.baseline.PredictionIntervals;

/**
 * The settings of a {@link ConformalForecaster}; the one home of their defaults ({@link #defaults()}): the 80%
 * and 95% intervals, {@link ConformalScore#SCALED} scores, the inner forecaster refitted at every calibration
 * origin, as many origins as the highest level needs (automatic), origins one step apart.
 *
 * @param levels  the central interval coverages in percent, each in (0, 100), no duplicates; kept sorted
 * @param score   absolute or scaled errors ({@link ConformalScore})
 * @param refit   true: fit the inner forecaster anew at every calibration origin (split conformal, K + 1 fits);
 *                false ("cheap"): fit it once on the part before the first origin and forecast from every
 *                origin with that one fit (2 fits); see {@link ConformalForecaster} for the trade-off
 * @param origins K, the calibration origins per series at the end of the training part; 0 = the fewest that give
 *                the highest level enough calibration windows
 * @param step    points between consecutive calibration origins, ≥ 1
 */
public record ConformalConfig(double[] levels, ConformalScore score, boolean refit, int origins, int step) {
    /** The levels shown when none are chosen. */
    private static final double[] DEFAULT_LEVELS = {80, 95};

    public ConformalConfig {
        levels = checkLevels(levels);
        if (score == null) {
            throw new IllegalArgumentException("score must be ABSOLUTE or SCALED; got null");
        }
        if (origins < 0) {
            throw new IllegalArgumentException("origins must be at least 1 (or 0 to choose them from the levels); got "
                    + origins);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step between calibration origins must be at least 1; got " + step);
        }
    }

    /** 80% and 95% intervals from scaled scores, refitting at an automatic number of origins one step apart. */
    public static ConformalConfig defaults() {
        return new ConformalConfig(DEFAULT_LEVELS, ConformalScore.SCALED, true, 0, 1);
    }

    public ConformalConfig withLevels(double... levels) {
        return new ConformalConfig(levels, score, refit, origins, step);
    }

    public ConformalConfig withScore(ConformalScore score) {
        return new ConformalConfig(levels, score, refit, origins, step);
    }

    public ConformalConfig withRefit(boolean refit) {
        return new ConformalConfig(levels, score, refit, origins, step);
    }

    public ConformalConfig withOrigins(int origins) {
        return new ConformalConfig(levels, score, refit, origins, step);
    }

    public ConformalConfig withStep(int step) {
        return new ConformalConfig(levels, score, refit, origins, step);
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConformalConfig c && Arrays.equals(levels, c.levels) && score == c.score
                && refit == c.refit && origins == c.origins && step == c.step;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels) * 31 + java.util.Objects.hash(score, refit, origins, step);
    }

    @Override
    public String toString() {
        return "ConformalConfig[levels=" + Arrays.toString(levels) + ", score=" + score + ", refit=" + refit
                + ", origins=" + (origins == 0 ? "auto" : origins) + ", step=" + step + "]";
    }

    /** A sorted copy of the levels, each in (0, 100) percent and given once. */
    static double[] checkLevels(double[] levels) {
        return PredictionIntervals.checkedLevels(levels);       // one rule for every interval's levels
    }
}
