package org.seqcast.baseline;

import java.util.Arrays;

/**
 * A fitted exponential smoothing model (see {@link ExponentialSmoothing} for the equations). Parameters a form does
 * not have hold the values that switch them off: β = 0 without trend, γ = 0 without seasonality, φ = 1 undamped.
 * States are (ℓ, b, s_1..s_m) with b only with a trend and s only with seasonality; s_1 is the most recent seasonal
 * state and s_m the one applied to the next value (R's order in {@code fit$states}).
 *
 * @param spec          the model form
 * @param criterion     what was minimised
 * @param alpha         level smoothing α
 * @param beta          trend smoothing β (R's parametrisation: b_t = φ b_{t−1} + β e_t with additive errors)
 * @param gamma         seasonal smoothing γ
 * @param phi           damping φ
 * @param initialState  the fitted states before the first value (R's {@code fit$states[1, ]})
 * @param finalState    the states after the last value, from which forecasts start
 * @param n             the number of values fitted
 * @param logLikelihood R's ets log-likelihood −½ [n log Σ e_t² + 2 Σ log|ŷ_t|] (the last sum only with
 *                      multiplicative errors; constants dropped as in R)
 * @param aic           −2 logLikelihood + 2 (parameterCount + 1), as R's ets (σ² counts as a parameter)
 * @param mse           the mean squared one-step error (1/n) Σ (y_t − ŷ_t)²
 * @param sigma2        Σ e_t² / (n − parameterCount), R's fit$sigma2 (used by multiplicative forecasts)
 */
public record EtsFit(EtsSpec spec, EtsCriterion criterion, double alpha, double beta, double gamma, double phi,
        double[] initialState, double[] finalState, int n, double logLikelihood, double aic, double mse,
        double sigma2) implements BaselineFit {

    public EtsFit {
        if (spec == null || criterion == null) {
            throw new IllegalArgumentException("spec and criterion must not be null");
        }
        if (initialState == null || finalState == null || initialState.length != spec.stateCount()
                || finalState.length != spec.stateCount()) {
            throw new IllegalArgumentException(spec.rName() + " has " + spec.stateCount() + " states");
        }
        initialState = initialState.clone();
        finalState = finalState.clone();
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1]; got " + alpha);
        }
        if (spec.trend() ? !(beta >= 0 && beta <= alpha) : beta != 0) {
            throw new IllegalArgumentException("beta must be in [0, alpha] with a trend and 0 without; got " + beta);
        }
        if (spec.seasonal() ? !(gamma >= 0 && gamma <= 1 - alpha) : gamma != 0) {
            throw new IllegalArgumentException("gamma must be in [0, 1 − alpha] with seasonality and 0 without; got "
                    + gamma);
        }
        if (spec.damped() ? !(phi > 0 && phi <= 1) : phi != 1) {
            throw new IllegalArgumentException("phi must be in (0, 1] when damped and 1 otherwise; got " + phi);
        }
        if (n < spec.minLength()) {
            throw new IllegalArgumentException("n must be at least " + spec.minLength() + "; got " + n);
        }
        for (double v : finalState) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("final state must be finite: " + Arrays.toString(finalState));
            }
        }
        if (!(mse >= 0) || !(sigma2 >= 0) || Double.isNaN(logLikelihood)) {
            throw new IllegalArgumentException("mse and sigma2 must be non-negative and the likelihood a number");
        }
    }

    @Override
    public double[] initialState() {
        return initialState.clone();
    }

    @Override
    public double[] finalState() {
        return finalState.clone();
    }

    /** The number of estimated parameters and free initial states (R's length(fit$par)). */
    public int parameterCount() {
        return spec.parameterCount();
    }

    /**
     * The point forecasts ŷ_{n+1}..ŷ_{n+h} from the final state, as R's {@code forecast(fit, h)$mean}:
     * <pre>
     *   additive errors:            ŷ_{n+k} = ℓ_n + (φ + φ² + … + φ^k) b_n + s_{m − ((k−1) mod m)}
     *   multiplicative seasonality: ŷ_{n+k} = (ℓ_n + k b_n) s_{m − ((k−1) mod m)}          for k ≤ m,
     * </pre>
     * beyond one season the multiplicative mean adds the σ²γ terms of R's class-3 formula (Hyndman et al. 2008,
     * §6.5); terms a form lacks are left out.
     */
    @Override
    public double[] forecast(int h) {
        Series.requireHorizon(h);
        return EtsRecursion.forecast(spec, alpha, beta, gamma, phi, sigma2, finalState, h);
    }

    /**
     * se_k = √v_k with v_k R's analytic forecast variance: class 1 (additive errors) and class 3 (multiplicative
     * seasonality), see {@link EtsVariance}; R's forecast.ets uses these, not simulation, for every form here.
     */
    @Override
    public double[] standardErrors(int h) {
        Series.requireHorizon(h);
        double[] v = EtsVariance.of(this, h);
        for (int k = 0; k < h; k++) {
            v[k] = Math.sqrt(v[k]);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EtsFit f && spec.equals(f.spec) && criterion == f.criterion
                && Double.compare(alpha, f.alpha) == 0 && Double.compare(beta, f.beta) == 0
                && Double.compare(gamma, f.gamma) == 0 && Double.compare(phi, f.phi) == 0
                && Arrays.equals(initialState, f.initialState) && Arrays.equals(finalState, f.finalState)
                && n == f.n && Double.compare(logLikelihood, f.logLikelihood) == 0
                && Double.compare(aic, f.aic) == 0 && Double.compare(mse, f.mse) == 0
                && Double.compare(sigma2, f.sigma2) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(spec, criterion, alpha, beta, gamma, phi, n, logLikelihood)
                + Arrays.hashCode(initialState) * 17 + Arrays.hashCode(finalState);
    }

    @Override
    public String toString() {
        return spec.rName() + " by " + criterion + ": alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma
                + ", phi=" + phi + ", initial state " + Arrays.toString(initialState) + ", logLik=" + logLikelihood
                + ", AIC=" + aic;
    }
}
