package org.seqcast.eval;

import java.util.TreeSet;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.metrics.IntervalMetrics;

/**
 * The interval and quantile scores of one forecast of H steps (one series at one origin), with the definitions
 * of {@link IntervalMetrics}. Every central interval the distribution holds is scored: every pair of quantiles
 * at levels τ and 1 − τ (τ &lt; 0.5) is the interval of coverage 100·(1 − 2τ) percent.
 *
 * @param levels        the coverages scored, percent, increasing (empty for a point forecast)
 * @param coverage      per level, the percentage of the H actual values inside the interval
 * @param width         per level, the mean width in the series' units
 * @param msis          the mean scaled interval score of the {@value #MSIS_LEVEL}% interval (M4); NaN without
 *                      one, or where the scale (MASE's) is undefined
 * @param scaledPinball the pinball loss averaged over steps and over every quantile level the distribution holds,
 *                      divided by the scale; NaN where the scale is undefined or there is no distribution
 */
public record IntervalScores(double[] levels, double[] coverage, double[] width, double msis,
                             double scaledPinball) {
    /** The coverage of the interval MSIS scores, percent (M4's 95%, α = 0.05). */
    public static final double MSIS_LEVEL = 95;

    /** The scores of a point forecast: no levels, NaN scores. */
    public static final IntervalScores NONE = new IntervalScores(new double[0], new double[0], new double[0],
            Double.NaN, Double.NaN);

    public IntervalScores {
        levels = levels.clone();
        coverage = coverage.clone();
        width = width.clone();
        if (coverage.length != levels.length || width.length != levels.length) {
            throw new IllegalArgumentException("coverage and width need one value per level (" + levels.length + ")");
        }
    }

    /** The scores of a forecast's distribution against the H actual values, scaled by {@code scale} (NaN: none). */
    public static IntervalScores of(ForecastDistribution d, double[] actual, double scale) {
        if (d.isEmpty()) {
            return NONE;
        }
        double[] cs = centralLevels(d);
        double[] coverage = new double[cs.length];
        double[] width = new double[cs.length];
        double msis = Double.NaN;
        for (int c = 0; c < cs.length; c++) {
            double[] lo = d.lower(cs[c]);
            double[] hi = d.upper(cs[c]);
            coverage[c] = IntervalMetrics.coverage(actual, lo, hi);
            width[c] = IntervalMetrics.width(lo, hi);
            if (cs[c] == MSIS_LEVEL && scale > 0) {
                msis = IntervalMetrics.intervalScore(actual, lo, hi, alpha(MSIS_LEVEL)) / scale;
            }
        }
        double pinball = scale > 0 ? IntervalMetrics.pinball(actual, d.values(), d.levels()) / scale : Double.NaN;
        return new IntervalScores(cs, coverage, width, msis, pinball);
    }

    /** α = 1 − c/100, the miss rate of the interval of coverage c percent. */
    public static double alpha(double level) {
        return (100 - level) / 100;
    }

    /**
     * The coverages (percent, increasing) of the central intervals in {@code d}: 100·(1 − 2τ) for every level
     * τ &lt; 0.5 whose mirror 1 − τ is a level too, on a 1e-9 grid (so 0.025 and 0.975 make exactly 95).
     */
    public static double[] centralLevels(ForecastDistribution d) {
        double[] q = d.levels();
        TreeSet<Double> out = new TreeSet<>();
        for (double tau : q) {
            if (tau < 0.5 && ForecastDistribution.position(q, 1 - tau) >= 0) {
                out.add(Math.rint((100 - 200 * tau) * 1e9) / 1e9);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The observed coverage at {@code level}, or NaN when this forecast has no such interval. */
    public double coverage(double level) {
        int c = ForecastDistribution.position(levels, level);
        return c < 0 ? Double.NaN : coverage[c];
    }

    /** The mean width at {@code level}, or NaN when this forecast has no such interval. */
    public double width(double level) {
        int c = ForecastDistribution.position(levels, level);
        return c < 0 ? Double.NaN : width[c];
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[] coverage() {
        return coverage.clone();
    }

    @Override
    public double[] width() {
        return width.clone();
    }
}
