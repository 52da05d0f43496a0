package org.seqcast.forecast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a forecast says about the spread of each step, besides its point value: quantiles at levels the user
 * chose and/or central prediction intervals at coverages in percent. Immutable and validated.
 *
 * <p>One representation holds both: an H × L matrix of quantiles at the sorted levels {@link #levels()}. A
 * central interval of coverage c (in percent) is the pair of quantiles at (1 − c/100)/2 and (1 + c/100)/2, so
 * the 80% interval is [q0.1, q0.9] and the 95% one [q0.025, q0.975]; {@link #lower(double)} and
 * {@link #upper(double)} read them. Values must be finite and must not decrease as the level grows at any step,
 * which also makes every interval's lower bound at most its upper bound and the intervals nested.
 *
 * <p>{@link #quantileLevels()} and {@link #coverages()} are what the distribution was asked to show; they name
 * its output columns ({@link #columns()}): {@code lo80,hi80,lo95,hi95} for the intervals by increasing coverage,
 * then {@code q10,q50,q90} for the quantiles by increasing level. This class is the one home of those names; the
 * CSV and JSON writers and the report take them from here. {@link #NONE} is the empty distribution of a point
 * forecast: no levels, no columns.
 *
 * @param quantileLevels the quantile levels shown as quantiles, strictly increasing in (0, 1)
 * @param coverages      the central interval coverages in percent shown as intervals, strictly increasing in
 *                       (0, 100)
 * @param values         H × L: values[k][j] is the quantile of step k (0-based) at level {@code levels()[j]}, the
 *                       sorted union of {@code quantileLevels} and the interval bounds
 */
public record ForecastDistribution(double[] quantileLevels, double[] coverages, double[][] values) {
    /** The distribution of a point forecast: nothing beyond the point values. */
    public static final ForecastDistribution NONE = new ForecastDistribution(new double[0], new double[0],
            new double[0][]);

    private static final String QUANTILE = "quantile level";
    private static final String COVERAGE = "interval coverage";

    /** Levels closer than this are the same level (so that an interval bound computed from c meets a level). */
    public static final double SAME_LEVEL = 1e-9;

    public ForecastDistribution {
        quantileLevels = increasing(quantileLevels, QUANTILE, 1);
        coverages = increasing(coverages, COVERAGE, 100);
        double[] levels = levels(quantileLevels, coverages);
        values = copy(values, levels.length);
        Namer names = new Namer(quantileLevels, coverages);
        for (int k = 0; k < values.length; k++) {
            checkStep(values[k], k, levels, names);
        }
    }

    /**
     * Quantiles at {@code levels} (strictly increasing in (0, 1)), {@code values[k][j]} at step k and level j.
     */
    public static ForecastDistribution ofQuantiles(double[] levels, double[][] values) {
        return new ForecastDistribution(levels, new double[0], values);
    }

    /**
     * Quantiles at {@code levels} (strictly increasing in (0, 1)), {@code values[k][j]} at step k and level j, shown
     * as central intervals where they pair up and as quantiles otherwise: a level τ &lt; 0.5 whose partner 1 − τ
     * is among the levels gives the interval of coverage 100 − 200τ percent, every other level (the median 0.5,
     * say) its quantile. Levels 0.025, 0.1, 0.5, 0.9, 0.975 give the columns {@code lo80,hi80,lo95,hi95,q50}.
     */
    public static ForecastDistribution ofLevels(double[] levels, double[][] values) {
        double[] ls = increasing(levels, QUANTILE, 1);
        List<Double> coverages = new ArrayList<>();
        List<Double> alone = new ArrayList<>();
        for (int j = ls.length - 1; j >= 0; j--) {       // τ falling: coverages rising
            boolean paired = Math.abs(ls[j] - 0.5) >= SAME_LEVEL && position(ls, 1 - ls[j]) >= 0;
            if (!paired) {
                alone.add(0, ls[j]);
            } else if (ls[j] < 0.5) {
                coverages.add(100 - 200 * ls[j]);
            }
        }
        return new ForecastDistribution(alone.stream().mapToDouble(Double::doubleValue).toArray(),
                coverages.stream().mapToDouble(Double::doubleValue).toArray(), values);
    }

    /**
     * Central intervals at {@code coverages} (percent, strictly increasing in (0, 100)): {@code lower[k][c]} and
     * {@code upper[k][c]} bound step k's interval of coverage {@code coverages[c]}.
     */
    public static ForecastDistribution ofIntervals(double[] coverages, double[][] lower, double[][] upper) {
        double[] cs = increasing(coverages, COVERAGE, 100);
        double[][] lo = copy(lower, cs.length, "lower");
        double[][] hi = copy(upper, cs.length, "upper");
        if (lo.length != hi.length) {
            throw new IllegalArgumentException("interval bounds: lower has " + lo.length + " steps but upper has "
                    + hi.length + "; give both for every step");
        }
        // levels(): the lower bounds by decreasing coverage, then the upper bounds by increasing coverage
        int n = cs.length;
        double[][] q = new double[lo.length][2 * n];
        for (int k = 0; k < lo.length; k++) {
            for (int c = 0; c < n; c++) {
                q[k][n - 1 - c] = lo[k][c];
                q[k][n + c] = hi[k][c];
            }
        }
        return new ForecastDistribution(new double[0], cs, q);
    }

    /**
     * This distribution also showing the central intervals at {@code coverages} (percent), read from its
     * quantiles: each interval's bounds (1 − c/100)/2 and (1 + c/100)/2 must be among {@link #levels()}.
     */
    public ForecastDistribution withIntervals(double... coverages) {
        double[] cs = increasing(coverages, COVERAGE, 100);
        double[] have = levels();
        for (double c : cs) {
            for (double bound : bounds(c)) {
                if (position(have, bound) < 0) {
                    throw new IllegalArgumentException("the " + percent(c) + "% interval needs the quantile at level "
                            + bound + ", which this distribution does not have (levels " + Arrays.toString(have)
                            + "); give quantiles at " + bounds(c)[0] + " and " + bounds(c)[1]);
                }
            }
        }
        TreeSet<Double> all = new TreeSet<>();
        Arrays.stream(this.coverages).forEach(all::add);
        Arrays.stream(cs).forEach(all::add);
        return new ForecastDistribution(quantileLevels, all.stream().mapToDouble(Double::doubleValue).toArray(),
                values);
    }

    /**
     * This distribution with step k's values multiplied by {@code factors[k]} (one per step, positive and finite),
     * as when a forecast of a seasonally adjusted series is multiplied back by its seasonal indices: a positive
     * factor keeps every quantile a quantile, so the levels and columns stay as they are.
     */
    public ForecastDistribution scaled(double[] factors) {
        if (factors == null || factors.length != values.length) {
            throw new IllegalArgumentException("scaling a distribution of " + values.length + " steps needs one factor"
                    + " per step; got " + (factors == null ? "none" : factors.length));
        }
        double[][] out = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            if (!(factors[k] > 0) || !Double.isFinite(factors[k])) {
                throw new IllegalArgumentException("step " + (k + 1) + ": a distribution is scaled by positive, finite"
                        + " factors only; got " + factors[k]);
            }
            out[k] = values[k].clone();
            for (int j = 0; j < out[k].length; j++) {
                out[k][j] *= factors[k];
            }
        }
        return new ForecastDistribution(quantileLevels, coverages, out);
    }

    /** True for {@link #NONE}: no quantiles and no intervals. */
    public boolean isEmpty() {
        return quantileLevels.length == 0 && coverages.length == 0;
    }

    /** The number of steps H (0 when empty). */
    public int horizon() {
        return values.length;
    }

    /** Every level held, increasing: the quantile levels and the interval bounds. */
    public double[] levels() {
        return levels(quantileLevels, coverages);
    }

    @Override
    public double[] quantileLevels() {
        return quantileLevels.clone();
    }

    @Override
    public double[] coverages() {
        return coverages.clone();
    }

    @Override
    public double[][] values() {
        return copy(values, levels().length);
    }

    /** The H quantiles at {@code level}, one of {@link #levels()}. */
    public double[] quantile(double level) {
        int j = position(levels(), level);
        if (j < 0) {
            throw new IllegalArgumentException("no quantile at level " + level + "; the levels are "
                    + Arrays.toString(levels()));
        }
        return column(j);
    }

    /** The H lower bounds of the central interval of {@code coverage} percent (the quantile at (1 − c/100)/2). */
    public double[] lower(double coverage) {
        return bound(coverage, 0);
    }

    /** The H upper bounds of the central interval of {@code coverage} percent (the quantile at (1 + c/100)/2). */
    public double[] upper(double coverage) {
        return bound(coverage, 1);
    }

    /** The output column names: {@code lo<c>,hi<c>} per coverage, then {@code q<100·level>} per quantile level. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (double c : coverages) {
            out.add(lowerName(c));
            out.add(upperName(c));
        }
        for (double level : quantileLevels) {
            out.add(quantileName(level));
        }
        return List.copyOf(out);
    }

    /** Step k's values (0-based) by column name, in the order of {@link #columns()}. */
    public Map<String, Double> row(int k) {
        if (k < 0 || k >= values.length) {
            throw new IllegalArgumentException("step " + k + " is outside 0.." + (values.length - 1));
        }
        double[] levels = levels();
        Map<String, Double> out = new LinkedHashMap<>();
        for (double c : coverages) {
            double[] b = bounds(c);
            out.put(lowerName(c), values[k][position(levels, b[0])]);
            out.put(upperName(c), values[k][position(levels, b[1])]);
        }
        for (double level : quantileLevels) {
            out.put(quantileName(level), values[k][position(levels, level)]);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The columns of several distributions in one table: every interval of any of them by increasing coverage,
     * then every quantile level by increasing level (names as in {@link #columns()}); empty when all are empty.
     */
    public static List<String> columns(Collection<ForecastDistribution> distributions) {
        TreeSet<Double> cs = new TreeSet<>();
        TreeSet<Double> qs = new TreeSet<>();
        for (ForecastDistribution d : distributions) {
            Arrays.stream(d.coverages).forEach(cs::add);
            Arrays.stream(d.quantileLevels).forEach(qs::add);
        }
        return new ForecastDistribution(qs.stream().mapToDouble(Double::doubleValue).toArray(),
                cs.stream().mapToDouble(Double::doubleValue).toArray(), new double[0][]).columns();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForecastDistribution d && Arrays.equals(quantileLevels, d.quantileLevels)
                && Arrays.equals(coverages, d.coverages) && Arrays.deepEquals(values, d.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(quantileLevels) + Arrays.hashCode(coverages)) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return isEmpty() ? "ForecastDistribution[none]"
                : "ForecastDistribution[" + values.length + " steps, columns " + columns() + "]";
    }

    private double[] bound(double coverage, int side) {
        int j = position(levels(), bounds(coverage)[side]);
        if (j < 0) {
            throw new IllegalArgumentException("no " + percent(coverage) + "% interval: it needs the quantiles at "
                    + Arrays.toString(bounds(coverage)) + " and the levels are " + Arrays.toString(levels()));
        }
        return column(j);
    }

    private double[] column(int j) {
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = values[k][j];
        }
        return out;
    }

    /** The quantile levels of the central interval of coverage c percent: (1 − c/100)/2 and (1 + c/100)/2. */
    static double[] bounds(double coverage) {
        return new double[] {(100 - coverage) / 200, (100 + coverage) / 200};
    }

    private static String lowerName(double coverage) {
        return "lo" + percent(coverage);
    }

    private static String upperName(double coverage) {
        return "hi" + percent(coverage);
    }

    private static String quantileName(double level) {
        return "q" + percent(level * 100);
    }

    /**
     * A percentage as short text, as the column names write it: 80, 2.5, 99.9 (the shortest decimal of the
     * double, no exponent); for labels such as the report's "80%".
     */
    public static String percent(double p) {
        return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }

    /** The sorted union of the quantile levels and the interval bounds (levels within SAME_LEVEL are one). */
    private static double[] levels(double[] quantileLevels, double[] coverages) {
        List<Double> all = new ArrayList<>();
        Arrays.stream(quantileLevels).forEach(all::add);
        for (double c : coverages) {
            for (double b : bounds(c)) {
                if (all.stream().noneMatch(x -> Math.abs(x - b) < SAME_LEVEL)) {
                    all.add(b);
                }
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** Where {@code level} is in {@code levels} (within {@link #SAME_LEVEL}), or −1. */
    public static int position(double[] levels, double level) {
        for (int j = 0; j < levels.length; j++) {
            if (Math.abs(levels[j] - level) < SAME_LEVEL) {
                return j;
            }
        }
        return -1;
    }

    /** A copy of {@code xs}, checked: inside (0, hi) (so finite), strictly increasing. */
    private static double[] increasing(double[] xs, String what, double hi) {
        if (xs == null) {
            throw new IllegalArgumentException(what + "s are null; give an empty array for none");
        }
        for (int j = 0; j < xs.length; j++) {
            if (!(xs[j] > 0 && xs[j] < hi)) {
                throw new IllegalArgumentException(what + " " + xs[j] + " (position " + (j + 1) + ") is outside (0, "
                        + percent(hi) + ")" + (hi == 100 ? " percent" : ""));
            }
            if (j > 0 && Math.abs(xs[j] - xs[j - 1]) < SAME_LEVEL) {
                throw new IllegalArgumentException(what + " " + xs[j] + " is given twice; give each once");
            }
            if (j > 0 && xs[j] < xs[j - 1]) {
                throw new IllegalArgumentException(what + "s must be strictly increasing: " + xs[j] + " (position "
                        + (j + 1) + ") follows " + xs[j - 1] + "; give them in increasing order");
            }
        }
        return xs.clone();
    }

    /** A deep copy of the H × n matrix {@code m}, checked for shape. */
    private static double[][] copy(double[][] m, int n) {
        return copy(m, n, "quantile");
    }

    private static double[][] copy(double[][] m, int n, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " values are null");
        }
        if (n == 0) {
            return new double[0][];
        }
        double[][] out = new double[m.length][];
        for (int k = 0; k < m.length; k++) {
            if (m[k] == null || m[k].length != n) {
                throw new IllegalArgumentException(what + " values at step " + (k + 1) + " have "
                        + (m[k] == null ? "no row" : m[k].length + " columns") + " but there are " + n
                        + " levels; give an H × " + n + " matrix, one row per step and one column per level");
            }
            out[k] = m[k].clone();
        }
        return out;
    }

    /** Step k's quantiles: finite and non-decreasing in the level. */
    private static void checkStep(double[] q, int k, double[] levels, Namer names) {
        for (int j = 0; j < q.length; j++) {
            if (!Double.isFinite(q[j])) {
                throw new IllegalArgumentException("non-finite " + names.of(levels[j]) + " " + q[j] + " at step "
                        + (k + 1) + " (level " + levels[j] + ")");
            }
            if (j > 0 && q[j] < q[j - 1]) {
                throw new IllegalArgumentException("quantiles cross at step " + (k + 1) + ": " + names.of(levels[j])
                        + " (level " + levels[j] + ") is " + q[j] + ", below " + names.of(levels[j - 1]) + " (level "
                        + levels[j - 1] + ") at " + q[j - 1] + "; values must not decrease as the level grows");
            }
        }
    }

    /** The column name of a level in messages: its quantile name, or the interval bound it is. */
    private record Namer(double[] quantileLevels, double[] coverages) {
        String of(double level) {
            if (position(quantileLevels, level) >= 0) {
                return quantileName(level);
            }
            for (double c : coverages) {
                double[] b = bounds(c);
                if (Math.abs(b[0] - level) < SAME_LEVEL) {
                    return lowerName(c);
                }
                if (Math.abs(b[1] - level) < SAME_LEVEL) {
                    return upperName(c);
                }
            }
            return "quantile";
        }
    }
}
