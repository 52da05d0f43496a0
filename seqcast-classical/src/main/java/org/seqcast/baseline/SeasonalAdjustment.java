package org.seqcast.baseline;

import java.util.Arrays;

/**
 * The multiplicative seasonal adjustment of R's {@code thetaf()} and the M4 competition's benchmarks, as a step
 * other methods can share:
 * <ol>
 *   <li>seasonality test (m &gt; 1, non-constant history, n &gt; 2m): with r_k the lag-k autocorrelation, the
 *       history is seasonal when |r_m| / √((1 + 2 Σ_{k=1}^{m−1} r_k²) / n) &gt; Φ⁻¹(0.95) = 1.6449;</li>
 *   <li>if seasonal, s_t from the multiplicative classical decomposition (R's {@code decompose()}); if an index
 *       is below 1e-4 in absolute value the history is left unadjusted;</li>
 *   <li>the adjusted history is x_t = y_t / s_t, and forecasts of x are multiplied by the indices of the last
 *       season, repeated: ŷ_{n+k} = x̂_{n+k} · s_{n−m+((k−1) mod m)+1}.</li>
 * </ol>
 * Pure functions of {@code double[]}; nothing here keeps state.
 */
public final class SeasonalAdjustment {
    /** Indices smaller than this in absolute value make the adjustment meaningless (thetaf's limit). */
    public static final double MIN_INDEX = 1e-4;
    private static final double Z95 = 1.6448536269514722;

    private SeasonalAdjustment() {
    }

    /**
     * The seasonal indices s_{n−m+1}..s_n of the last m positions, oldest first, when the test of step 1 finds the
     * history seasonal and no index is near zero; an empty array otherwise (no adjustment).
     *
     * @throws IllegalArgumentException if m &lt; 1 or the history has a non-finite value
     */
    public static double[] lastSeasonIndices(double[] history, int period) {
        if (period < 1) {
            throw new IllegalArgumentException("seasonal period must be at least 1; got " + period);
        }
        Series.require(history, 1, "a seasonal adjustment");
        if (!isSeasonal(history, period)) {
            return new double[0];
        }
        int n = history.length;
        double[] s = ClassicalDecomposition.seasonal(history, period, true);
        for (double v : s) {
            if (Math.abs(v) < MIN_INDEX) {
                return new double[0];
            }
        }
        return Arrays.copyOfRange(s, n - period, n);
    }

    /** thetaf's 90% test of the lag-m autocorrelation (false when m ≤ 1, n ≤ 2m or the history is constant). */
    public static boolean isSeasonal(double[] history, int m) {
        int n = history.length;
        if (m <= 1 || Series.isConstant(history) || n <= 2 * m) {
            return false;
        }
        double[] r = AutoRegression.autocorrelation(history, m);
        double s = 0;
        for (int k = 1; k < m; k++) {
            s += r[k] * r[k];
        }
        double stat = Math.sqrt((1 + 2 * s) / n);
        return Math.abs(r[m]) / stat > Z95;
    }

    /**
     * The index that applies at position t of a series (0-based) whose last season, ending at position n − 1,
     * has the given indices: {@code lastSeason[(t − (n − m)) mod m]}, for positions inside the history and after it.
     */
    public static double indexAt(double[] lastSeason, int n, int t) {
        int m = lastSeason.length;
        return lastSeason[Math.floorMod(t - (n - m), m)];
    }
}
