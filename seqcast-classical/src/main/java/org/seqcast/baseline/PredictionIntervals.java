package org.seqcast.baseline;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Central prediction intervals of a fitted method for steps 1..H, as R's {@code forecast} gives them with its
 * {@code level=} argument: at coverage c (percent) and step k, ŷ_k ± q_c · se_k, with se_k the standard deviation of
 * the k-step forecast error (see {@link BaselineFit#standardErrors(int)}) and q_c the (½ + c/200)-quantile of the
 * normal distribution (of Student's t with n − 1 degrees of freedom for the mean).
 *
 * @param levels   the coverages c in percent, in (0, 100), increasing (given in any order, they are sorted)
 * @param forecast the point forecasts ŷ_1..ŷ_H
 * @param lower    H × C: {@code lower[k][c]} is step k's lower bound at {@code levels[c]} (0-based k and c)
 * @param upper    H × C: the upper bounds likewise
 */
public record PredictionIntervals(double[] levels, double[] forecast, double[][] lower, double[][] upper) {
    public PredictionIntervals {
        double[] sorted = checkedLevels(levels);
        if (!Arrays.equals(sorted, levels)) {
            throw new IllegalArgumentException("levels must be increasing, one column of bounds each; got "
                    + Arrays.toString(levels));
        }
        levels = sorted;
        if (forecast == null) {
            throw new IllegalArgumentException("forecast must not be null");
        }
        forecast = forecast.clone();
        lower = copy(lower, forecast.length, levels.length, "lower");
        upper = copy(upper, forecast.length, levels.length, "upper");
    }

    /**
     * ŷ_k ± q(½ + c/200) · se_k for every step k and level c, with q a quantile function (the normal's or a t's).
     *
     * @throws IllegalArgumentException if a level is outside (0, 100) or given twice
     */
    static PredictionIntervals symmetric(double[] levels, double[] forecast, double[] standardErrors,
            DoubleUnaryOperator quantile) {
        double[] cs = checkedLevels(levels);
        int h = forecast.length;
        double[][] lo = new double[h][cs.length];
        double[][] hi = new double[h][cs.length];
        for (int c = 0; c < cs.length; c++) {
            double q = quantile.applyAsDouble(0.5 + cs[c] / 200);
            for (int k = 0; k < h; k++) {
                double w = q * standardErrors[k];
                lo[k][c] = forecast[k] - w;
                hi[k][c] = forecast[k] + w;
            }
        }
        return new PredictionIntervals(cs, forecast, lo, hi);
    }

    /** The number of steps H. */
    public int horizon() {
        return forecast.length;
    }

    /** The H lower bounds at coverage {@code level}, one of {@link #levels()}. */
    public double[] lower(double level) {
        return column(lower, level);
    }

    /** The H upper bounds at coverage {@code level}, one of {@link #levels()}. */
    public double[] upper(double level) {
        return column(upper, level);
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[] forecast() {
        return forecast.clone();
    }

    @Override
    public double[][] lower() {
        return copy(lower, forecast.length, levels.length, "lower");
    }

    @Override
    public double[][] upper() {
        return copy(upper, forecast.length, levels.length, "upper");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PredictionIntervals p && Arrays.equals(levels, p.levels)
                && Arrays.equals(forecast, p.forecast) && Arrays.deepEquals(lower, p.lower)
                && Arrays.deepEquals(upper, p.upper);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(levels) + Arrays.hashCode(forecast)) + Arrays.deepHashCode(lower)
                + 17 * Arrays.deepHashCode(upper);
    }

    @Override
    public String toString() {
        return "prediction intervals at " + Arrays.toString(levels) + "% for " + forecast.length + " steps";
    }

    private double[] column(double[][] bounds, double level) {
        for (int c = 0; c < levels.length; c++) {
            if (levels[c] == level) {
                double[] out = new double[bounds.length];
                for (int k = 0; k < out.length; k++) {
                    out[k] = bounds[k][c];
                }
                return out;
            }
        }
        throw new IllegalArgumentException("no interval at level " + level + "; the levels are "
                + Arrays.toString(levels));
    }

    /**
     * The coverages sorted (as R's forecast functions sort {@code level}), checked: at least one, each in (0, 100)
     * percent, none given twice.
     *
     * @throws IllegalArgumentException naming the offending level and what to give instead
     */
    public static double[] checkedLevels(double[] levels) {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("levels: give at least one interval coverage in percent, e.g. 80, 95");
        }
        for (double c : levels) {
            if (!(c > 0 && c < 100)) {
                throw new IllegalArgumentException("levels: " + percent(c) + " is outside (0, 100); give coverages in"
                        + " percent, e.g. 80, 95");
            }
        }
        double[] sorted = levels.clone();
        Arrays.sort(sorted);
        for (int c = 1; c < sorted.length; c++) {
            if (sorted[c] == sorted[c - 1]) {
                throw new IllegalArgumentException("levels: " + percent(sorted[c]) + " is given twice; give each coverage"
                        + " once");
            }
        }
        return sorted;
    }

    /** A coverage as people write it: 95, 99.5. */
    private static String percent(double c) {
        return c == Math.rint(c) && Math.abs(c) < 1e15 ? Long.toString((long) c) : Double.toString(c);
    }

    private static double[][] copy(double[][] m, int h, int c, String what) {
        if (m == null || m.length != h) {
            throw new IllegalArgumentException(what + " bounds must have one row per step (" + h + "); got "
                    + (m == null ? "none" : m.length));
        }
        double[][] out = new double[h][];
        for (int k = 0; k < h; k++) {
            if (m[k] == null || m[k].length != c) {
                throw new IllegalArgumentException(what + " bounds at step " + (k + 1) + " must have one value per "
                        + "level (" + c + ")");
            }
            out[k] = m[k].clone();
        }
        return out;
    }
}
