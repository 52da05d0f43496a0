package org.seqcast.baseline;

/**
 * What the exponential smoothing fit minimises over the smoothing parameters and the initial states, with e_t the
 * one-step error (y_t − ŷ_t for additive errors, (y_t − ŷ_t)/ŷ_t for multiplicative ones).
 */
public enum EtsCriterion {
    /**
     * Maximum likelihood: minimise −2 log L = n log(Σ e_t²) + 2 Σ log|ŷ_t| (the last sum only with
     * multiplicative errors), R's {@code ets(opt.crit = "lik")}, the default of {@code ets()}.
     */
    LIKELIHOOD,
    /**
     * Least squares: minimise the mean squared one-step error (1/n) Σ (y_t − ŷ_t)², R's
     * {@code ets(opt.crit = "mse")}, which is what R's {@code ses()}, {@code holt()} and {@code hw()} use.
     */
    MSE
}
