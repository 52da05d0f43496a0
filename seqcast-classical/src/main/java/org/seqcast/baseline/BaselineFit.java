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
 */
public sealed interface BaselineFit permits MeanFit, NaiveFit, SeasonalNaiveFit, DriftFit, EtsFit, ThetaFit, ArFit {
    /** The point forecasts ŷ_{n+1}..ŷ_{n+h}. */
    double[] forecast(int h);

    /** The residual variance σ² of the one-step in-sample errors (see the table above); NaN when undefined. */
    double sigma2();
}
