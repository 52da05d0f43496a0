package org.seqcast.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.seqcast.data.TimeSeries;

/**
 * A conformal calibration, ready to put intervals around point forecasts: per horizon step k and coverage c the
 * radius r_{k,c}, the ⌈(n+1)·c/100⌉-th smallest of the step's n calibration scores (the finite-sample
 * correction of split conformal prediction; Vovk, Gammerman &amp; Shafer 2005; Lei, G'Sell, Rinaldo, Tibshirani
 * &amp; Wasserman 2018, "Distribution-free predictive inference for regression", JASA 113(523)). The interval of
 * coverage c around the point forecast ŷ_k made from history x is ŷ_k ± r_{k,c}·s(x), s the
 * {@link ConformalScore}'s scale: symmetric, and nested because the radius grows with c. What it guarantees,
 * and when, is said in {@link ConformalForecaster}.
 *
 * @param levels  the coverages in percent, strictly increasing in (0, 100)
 * @param score   what the scores measure, and so what the radius is multiplied by
 * @param radius  H × C: radius[k][c] for step k (0-based) and coverage {@code levels[c]}; finite, ≥ 0, not
 *                decreasing in c
 * @param windows n, the calibration scores each step's radius was chosen from
 */
public record ConformalCalibration(double[] levels, ConformalScore score, double[][] radius, int windows) {
    public ConformalCalibration {
        double[] sorted = ConformalConfig.checkLevels(levels);
        if (!Arrays.equals(sorted, levels)) {
            throw new IllegalArgumentException("levels must be increasing, one per radius column; got "
                    + Arrays.toString(levels));
        }
        levels = sorted;
        if (score == null) {
            throw new IllegalArgumentException("score must be ABSOLUTE or SCALED; got null");
        }
        radius = checkRadius(radius, levels.length);
        for (double c : levels) {
            if (windows < minimumWindows(c)) {
                throw tooFew(c, windows);
            }
        }
    }

    /**
     * The calibration of {@code scores[k]}, the n scores of step k (any order, all steps the same n), at
     * {@code levels} (percent).
     *
     * @throws IllegalArgumentException naming the level when n is too small for it ({@link #minimumWindows})
     */
    public static ConformalCalibration of(double[] levels, ConformalScore score, double[][] scores) {
        double[] cs = ConformalConfig.checkLevels(levels);
        if (scores.length == 0) {
            throw new IllegalArgumentException("calibration scores: none for any step; give H rows of n scores");
        }
        int n = scores[0].length;
        for (double c : cs) {
            if (n < minimumWindows(c)) {
                throw tooFew(c, n);
            }
        }
        double[][] radius = new double[scores.length][cs.length];
        for (int k = 0; k < scores.length; k++) {
            if (scores[k].length != n) {
                throw new IllegalArgumentException("calibration scores: step " + (k + 1) + " has " + scores[k].length
                        + " scores and step 1 has " + n + "; every step needs the same windows");
            }
            double[] sorted = scores[k].clone();
            Arrays.sort(sorted);
            for (int c = 0; c < cs.length; c++) {
                radius[k][c] = sorted[rank(n, cs[c]) - 1];
            }
        }
        return new ConformalCalibration(cs, score, radius, n);
    }

    /** ⌈(n+1)·c/100⌉: the rank, among n sorted scores, of the radius of coverage c percent (exact decimal). */
    public static int rank(int n, double level) {
        return BigDecimal.valueOf(level).multiply(BigDecimal.valueOf(n + 1L))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValueExact();
    }

    /**
     * The fewest scores n for which the rank ⌈(n+1)·c/100⌉ is at most n, i.e. n ≥ c/(100 − c): 4 for 80%, 19
     * for 95%, 99 for 99%.
     */
    public static int minimumWindows(double level) {
        return BigDecimal.valueOf(level).divide(BigDecimal.valueOf(100).subtract(BigDecimal.valueOf(level)), 0,
                RoundingMode.CEILING).intValueExact();
    }

    /** H, the steps calibrated. */
    public int horizon() {
        return radius.length;
    }

    /**
     * {@code point} (made from {@code history}) carrying the calibrated intervals ŷ_k ± r_{k,c}·s(history), in
     * place of any distribution it had. A history whose scale is undefined (a constant one, for scaled scores)
     * gets intervals of width 0, and the forecast's note says so.
     */
    public Forecast apply(Forecast point, TimeSeries history) {
        if (point.horizon() != radius.length) {
            throw new IllegalArgumentException("the calibration covers " + radius.length + " steps but "
                    + point.model() + "'s forecast of series '" + point.seriesId() + "' has " + point.horizon());
        }
        double s = score.scale(history);
        Forecast base = point;
        if (!(s >= 0)) {
            s = 0;
            String why = "intervals of width 0: the history is constant, so the scale of its conformal scores is 0";
            base = new Forecast(point.seriesId(), point.model(), point.index(), point.values(),
                    point.hasNote() ? point.note() + "; " + why : why);
        }
        double[] y = point.values();
        double[][] lower = new double[y.length][levels.length];
        double[][] upper = new double[y.length][levels.length];
        for (int k = 0; k < y.length; k++) {
            for (int c = 0; c < levels.length; c++) {
                lower[k][c] = y[k] - radius[k][c] * s;
                upper[k][c] = y[k] + radius[k][c] * s;
            }
        }
        return base.withIntervals(levels, lower, upper);
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[][] radius() {
        return checkRadius(radius, levels.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConformalCalibration c && Arrays.equals(levels, c.levels) && score == c.score
                && Arrays.deepEquals(radius, c.radius) && windows == c.windows;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(levels) * 31 + Arrays.deepHashCode(radius)) * 31 + score.hashCode() * 7 + windows;
    }

    @Override
    public String toString() {
        return "ConformalCalibration[levels=" + Arrays.toString(levels) + ", score=" + score + ", " + radius.length
                + " steps, " + windows + " windows]";
    }

    private static IllegalArgumentException tooFew(double level, int n) {
        return new IllegalArgumentException("levels: the " + ForecastDistribution.percent(level) + "% interval needs"
                + " at least " + minimumWindows(level) + " calibration windows (the ⌈(n+1)·"
                + ForecastDistribution.percent(level / 100) + "⌉-th smallest of n scores must exist); got " + n);
    }

    /** A deep copy of the H × C radii, checked: finite, ≥ 0, not decreasing with the coverage. */
    private static double[][] checkRadius(double[][] radius, int levels) {
        if (radius == null || radius.length == 0) {
            throw new IllegalArgumentException("radius: give one row per horizon step");
        }
        double[][] out = new double[radius.length][];
        for (int k = 0; k < radius.length; k++) {
            if (radius[k] == null || radius[k].length != levels) {
                throw new IllegalArgumentException("radius: step " + (k + 1) + " needs one value per level ("
                        + levels + ")");
            }
            for (int c = 0; c < levels; c++) {
                double r = radius[k][c];
                if (!(r >= 0 && Double.isFinite(r)) || (c > 0 && r < radius[k][c - 1])) {
                    throw new IllegalArgumentException("radius: step " + (k + 1) + " level " + (c + 1) + " is " + r
                            + "; radii must be finite, ≥ 0 and not decrease as the coverage grows");
                }
            }
            out[k] = radius[k].clone();
        }
        return out;
    }
}
