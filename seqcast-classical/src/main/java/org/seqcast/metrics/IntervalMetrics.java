package org.seqcast.metrics;

/**
 * Scores of prediction intervals and quantile forecasts as pure functions of the actual values y_1..y_h, the
 * interval bounds L_t ≤ U_t or the quantiles q_t(τ), with the definitions of the M4 competition (Makridakis,
 * Spiliotis &amp; Assimakopoulos 2020, "The M4 Competition: 100,000 time series and 61 forecasting methods",
 * International Journal of Forecasting 36(1), and the competitors' guide):
 * <pre>
 *   coverage = (100/h) Σ 1{L_t ≤ y_t ≤ U_t}                                  (percent; nominal 100·(1 − α))
 *   width    = (1/h) Σ (U_t − L_t)
 *   IS_α(y; L, U) = (U − L) + (2/α)(L − y)·1{y &lt; L} + (2/α)(y − U)·1{y &gt; U}  (the interval score)
 *   MSIS     = (1/h) Σ IS_α(y_t; L_t, U_t) / s                                 (M4: α = 0.05, the 95% interval)
 *   ρ_τ(y; q) = τ·(y − q) if y ≥ q, (1 − τ)·(q − y) otherwise                   (the pinball or quantile loss)
 *   scaled pinball = (1/(h·J)) Σ_t Σ_j ρ_τj(y_t; q_t(τ_j)) / s                 (over J quantile levels τ_j)
 * </pre>
 * where s = (1/(n−m)) Σ_{t=m+1..n} |x_t − x_{t−m}| is MASE's scale, the in-sample MAE of the seasonal naive
 * forecast on the series x_1..x_n before the forecast origin ({@link Metrics#seasonalNaiveScale}, its one
 * home). An interval that always covers scores its scaled width; every miss adds 2/α times its distance
 * outside the interval, so MSIS rewards narrow intervals that still cover (the interval score is a proper
 * scoring rule: Gneiting &amp; Raftery 2007, "Strictly proper scoring rules, prediction, and estimation", JASA
 * 102(477)). CRPS = 2 ∫₀¹ ρ_τ dτ, so twice the scaled pinball averaged over levels spread evenly over (0, 1)
 * approximates the scaled CRPS (the M5 competition averaged its scaled pinball loss over nine levels likewise,
 * scaled by the naive instead of the seasonal naive error). The scaled scores are undefined where MASE is: the
 * functions that take an in-sample series throw then, as {@link Metrics#mase} does; callers that keep going use
 * {@link MetricReport#maseScale} (NaN there) and the unscaled functions. Sums run in double, in index order.
 */
public final class IntervalMetrics {
    private IntervalMetrics() {
    }

    /** The percentage of steps whose actual value lies in its interval, bounds included. */
    public static double coverage(double[] actual, double[] lower, double[] upper) {
        check(actual, lower, upper);
        int hits = 0;
        for (int t = 0; t < actual.length; t++) {
            hits += covers(actual[t], lower[t], upper[t]) ? 1 : 0;
        }
        return 100.0 * hits / actual.length;
    }

    /** Whether L ≤ y ≤ U. */
    public static boolean covers(double y, double lower, double upper) {
        return lower <= y && y <= upper;
    }

    /** The mean width (1/h) Σ (U_t − L_t), in the series' units. */
    public static double width(double[] lower, double[] upper) {
        check(lower, lower, upper);
        double s = 0;
        for (int t = 0; t < lower.length; t++) {
            s += upper[t] - lower[t];
        }
        return s / lower.length;
    }

    /**
     * The interval score of one step, IS_α(y; L, U) = (U − L) + (2/α)(L − y)·1{y &lt; L} + (2/α)(y − U)·1{y &gt; U},
     * for the central interval of coverage 1 − α.
     */
    public static double intervalScore(double y, double lower, double upper, double alpha) {
        checkAlpha(alpha);
        double penalty = y < lower ? lower - y : y > upper ? y - upper : 0;
        return upper - lower + 2 / alpha * penalty;
    }

    /** The mean interval score (1/h) Σ IS_α(y_t; L_t, U_t), unscaled (MSIS before division by the scale). */
    public static double intervalScore(double[] actual, double[] lower, double[] upper, double alpha) {
        check(actual, lower, upper);
        checkAlpha(alpha);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            s += intervalScore(actual[t], lower[t], upper[t], alpha);
        }
        return s / actual.length;
    }

    /**
     * The mean scaled interval score of the M4 competition: the mean interval score divided by the in-sample
     * seasonal naive MAE of {@code insample} with season m; M4 scores the 95% interval, α = 0.05.
     *
     * @throws IllegalArgumentException where MASE is undefined (see {@link Metrics#seasonalNaiveScale})
     */
    public static double msis(double[] actual, double[] lower, double[] upper, double alpha, double[] insample,
                              int m) {
        return intervalScore(actual, lower, upper, alpha) / Metrics.seasonalNaiveScale(insample, m);
    }

    /** The pinball loss of one step, ρ_τ(y; q) = τ·(y − q) if y ≥ q, else (1 − τ)·(q − y); τ in (0, 1). */
    public static double pinball(double y, double quantile, double tau) {
        checkLevel(tau);
        return y >= quantile ? tau * (y - quantile) : (1 - tau) * (quantile - y);
    }

    /**
     * The pinball loss averaged over steps and levels, (1/(h·J)) Σ_t Σ_j ρ_τj(y_t; q_t(τ_j)), unscaled.
     *
     * @param quantiles h × J: quantiles[t][j] is step t's quantile at {@code levels[j]}
     */
    public static double pinball(double[] actual, double[][] quantiles, double[] levels) {
        checkQuantiles(actual, quantiles, levels);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            for (int j = 0; j < levels.length; j++) {
                s += pinball(actual[t], quantiles[t][j], levels[j]);
            }
        }
        return s / (actual.length * levels.length);
    }

    /**
     * The scaled pinball loss: {@link #pinball(double[], double[][], double[])} divided by the in-sample seasonal
     * naive MAE of {@code insample} with season m (twice it approximates the scaled CRPS, see the class comment).
     *
     * @throws IllegalArgumentException where MASE is undefined (see {@link Metrics#seasonalNaiveScale})
     */
    public static double scaledPinball(double[] actual, double[][] quantiles, double[] levels, double[] insample,
                                       int m) {
        return pinball(actual, quantiles, levels) / Metrics.seasonalNaiveScale(insample, m);
    }

    private static void check(double[] actual, double[] lower, double[] upper) {
        if (actual.length != lower.length || actual.length != upper.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values, lower " + lower.length
                    + " and upper " + upper.length + "; they must cover the same steps");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("cannot score an empty interval forecast");
        }
        for (int t = 0; t < actual.length; t++) {
            if (!Double.isFinite(actual[t]) || !Double.isFinite(lower[t]) || !Double.isFinite(upper[t])) {
                throw new IllegalArgumentException("non-finite value at position " + t + ": actual " + actual[t]
                        + ", lower " + lower[t] + ", upper " + upper[t]);
            }
            if (lower[t] > upper[t]) {
                throw new IllegalArgumentException("interval at position " + t + " has lower bound " + lower[t]
                        + " above its upper bound " + upper[t] + "; give lower ≤ upper");
            }
        }
    }

    private static void checkQuantiles(double[] actual, double[][] quantiles, double[] levels) {
        if (actual.length == 0 || levels.length == 0) {
            throw new IllegalArgumentException("cannot score " + (actual.length == 0 ? "an empty forecast"
                    : "quantiles without levels"));
        }
        if (quantiles.length != actual.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values but quantiles has "
                    + quantiles.length + " rows; give one row per step");
        }
        for (int t = 0; t < actual.length; t++) {
            if (quantiles[t].length != levels.length) {
                throw new IllegalArgumentException("quantiles at position " + t + " has " + quantiles[t].length
                        + " values for " + levels.length + " levels; give one per level");
            }
            if (!Double.isFinite(actual[t])) {
                throw new IllegalArgumentException("non-finite actual value " + actual[t] + " at position " + t);
            }
        }
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1) (0.05 for a 95% interval); got " + alpha);
        }
    }

    private static void checkLevel(double tau) {
        if (!(tau > 0 && tau < 1)) {
            throw new IllegalArgumentException("quantile level must be in (0, 1); got " + tau);
        }
    }
}
