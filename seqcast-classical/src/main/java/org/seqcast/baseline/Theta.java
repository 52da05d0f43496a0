package org.seqcast.baseline;

/**
 * The Theta method of Assimakopoulos and Nikolopoulos (2000) as R forecast 8.20's {@code thetaf()}, which is
 * simple exponential smoothing with drift (Hyndman and Billah 2003):
 * <ol>
 *   <li>seasonality test (m &gt; 1, non-constant history, n &gt; 2m): with r_k the lag-k autocorrelation, the
 *       history is seasonal when |r_m| / √((1 + 2 Σ_{k=1}^{m−1} r_k²) / n) &gt; Φ⁻¹(0.95) = 1.6449;</li>
 *   <li>if seasonal, x_t = y_t / s_t with s the multiplicative classical decomposition (R's decompose()) — unless an
 *       index is below 1e-4 in absolute value, then the method stays non-seasonal;</li>
 *   <li>SES on x fitted as R's ses() (least squares, {@link EtsCriterion#MSE}), giving α and ℓ_n;</li>
 *   <li>drift = b/2 with b the least-squares slope of x_t on t = 0..n−1;</li>
 *   <li>ŷ_{n+k} = [ℓ_n + drift ((k−1) + (1 − (1−α)^n)/α)] · s_{n−m+((k−1) mod m)+1}.</li>
 * </ol>
 * As in R, values need not be positive; with values of both signs a seasonal multiplicative decomposition is
 * meaningless, so pass period 1 for such series. Steps 1 and 2 are {@link SeasonalAdjustment}. One difference
 * from R: when step 2 finds an index near zero R warns, does not adjust, but still multiplies the forecasts by the
 * indices; here the method is then non-seasonal throughout, as R's warning says.
 */
public final class Theta {
    /** The shortest history: that of SES. */
    public static final int MIN_LENGTH = EtsSpec.simple().minLength();

    private Theta() {
    }

    /**
     * Fits the Theta method to y_1..y_n with seasonal period m (1 for none).
     *
     * @throws IllegalArgumentException if m &lt; 1, the history is shorter than 7 values or has a non-finite value
     */
    public static ThetaFit fit(double[] history, int period) {
        if (period < 1) {
            throw new IllegalArgumentException("seasonal period must be at least 1; got " + period);
        }
        Series.require(history, MIN_LENGTH, "the Theta method");
        int n = history.length;
        double[] x = history.clone();
        double[] indices = SeasonalAdjustment.lastSeasonIndices(history, period);
        if (indices.length > 0) {
            for (int t = 0; t < n; t++) {
                x[t] = x[t] / SeasonalAdjustment.indexAt(indices, n, t);
            }
        }
        EtsFit ses = ExponentialSmoothing.ses(x, EtsCriterion.MSE);
        double drift = LeastSquares.line(x, 0, n, 0)[1] / 2;
        return new ThetaFit(ses, drift, indices);
    }
}
