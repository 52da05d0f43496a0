package org.seqcast.baseline;

/**
 * What a classical method estimated from one history y_1..y_n: its parameters and final states, from which it
 * forecasts any horizon, and σ², the variance of its one-step in-sample errors as R's {@code forecast} computes it
 * for that method (the variance prediction intervals start from):
 * <pre>
 *   mean            Σ (y_t − ȳ)² / (n − 1)                              R's meanf: sd(y)²
 *   naive, snaive   Σ (y_t − y_{t−m})² / (n − m)                        R's lagwalk: mean of squared lag-m changes
 *   drift           Σ (d_t − d̄)² / (n − 2),  d_t = y_t − y_{t−1}         R's rwf(drift = TRUE): lm(d ~ 1)'s sigma²
 *   ets forms       Σ e_t² / (n − parameterCount)                       R's ets()$sigma2
 *   theta           the σ² of its SES fit (on the seasonally adjusted history), as thetaf's intervals use it
 *   ar              var.pred                                            R's ar()$var.pred
 * </pre>
 * σ² is NaN where R's is undefined (no degrees of freedom left: a single value for the mean, one season for the
 * seasonal naive method, two values for drift). Every fit is an immutable, validated value.
 * <p>
 * Prediction intervals ({@link #intervals(int, double...)}) are R's for the method with its {@code level=}
 * argument: ŷ_k ± q · se_k with q the normal quantile Φ⁻¹(½ + c/200) (for the mean Student's t with n − 1 degrees
 * of freedom), and se_k the standard deviation of the k-step forecast error ({@link #standardErrors(int)}):
 * <pre>
 *   mean            σ √(1 + 1/n)                                     R's meanf
 *   naive, snaive   σ √j,  j = ⌊(k − 1)/m⌋ + 1  (m = 1 for naive)     naive, snaive (lagwalk)
 *   drift           √(σ² k + k² σ²/(n − 1)), the second term          rwf(drift = TRUE)
 *                   the drift's error
 *   additive ets    σ √(1 + Σ_{j=1}^{k−1} c_j²),  c_j = H Fʲ⁻¹ G       forecast.ets class 1: ANN, AAN, AAdN,
 *                                                                    ANA, AAA, AAdA
 *   ETS(M,·,M)      the exact variance, Hyndman et al. (2008, §6.5)  forecast.ets class 3: MNM, MAM
 *   theta           σ_ses √(1 + (k − 1) α²), deseasonalised units,   thetaf
 *                   around the reseasonalised forecast
 *   ar              σ √(1 + ψ_1² + … + ψ_{k−1}²), ψ the MA(∞) weights predict.ar, forecast.ar
 * </pre>
 * None of these simulate: every interval is a deterministic function of the fit.
 */
public sealed interface BaselineFit permits MeanFit, NaiveFit, SeasonalNaiveFit, DriftFit, EtsFit, ThetaFit, ArFit {
    /** The point forecasts ŷ_{n+1}..ŷ_{n+h}. */
    double[] forecast(int h);

    /** The residual variance σ² of the one-step in-sample errors (see the table above); NaN when undefined. */
    double sigma2();

    /**
     * se_1..se_h, the standard deviations of the 1..h-step forecast errors as R computes them for this method (see
     * the second table above); NaN where σ² is undefined.
     */
    double[] standardErrors(int h);

    /**
     * The central prediction intervals of steps 1..h at coverages {@code levels} (percent, in (0, 100), in any
     * order: the result has them sorted, as R does), as R's forecast function for this method gives them with
     * {@code level = levels}.
     *
     * @throws IllegalArgumentException if h &lt; 1, a level is outside (0, 100) or given twice, or σ²
     *                                  is undefined (too short a history)
     */
    default PredictionIntervals intervals(int h, double... levels) {
        PredictionIntervals.checkedLevels(levels);
        Series.requireHorizon(h);
        Series.requireVariance(this);
        return PredictionIntervals.symmetric(levels, forecast(h), standardErrors(h), Quantiles::normal);
    }
}
