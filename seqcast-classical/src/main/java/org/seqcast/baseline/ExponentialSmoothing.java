package org.seqcast.baseline;

/**
 * Exponential smoothing fitted as R forecast 8.20's {@code ets()}: simple exponential smoothing ({@code ses}),
 * Holt's linear trend ({@code holt}, optionally damped) and Holt-Winters with additive or multiplicative seasonality
 * ({@code hw}), as pure functions of the history y_1..y_n (no time index). With one-step forecast ŷ_t and error
 * e_t = y_t − ŷ_t (additive) or (y_t − ŷ_t)/ŷ_t (multiplicative):
 * <pre>
 *   SES        ŷ_t = ℓ_{t−1}                 ℓ_t = α y_t + (1−α) ℓ_{t−1}
 *   Holt       ŷ_t = ℓ_{t−1} + φ b_{t−1}     ℓ_t = α y_t + (1−α)(ℓ_{t−1} + φ b_{t−1})
 *                                            b_t = φ b_{t−1} + (β/α)(ℓ_t − ℓ_{t−1} − φ b_{t−1})    (φ = 1 undamped)
 *   HW add.    ŷ_t = ℓ_{t−1} + φ b_{t−1} + s_{t−m}
 *              ℓ_t = α (y_t − s_{t−m}) + (1−α)(ℓ_{t−1} + φ b_{t−1})
 *              s_t = s_{t−m} + γ (y_t − ℓ_{t−1} − φ b_{t−1} − s_{t−m}),  b_t as Holt
 *   HW mult.   ŷ_t = (ℓ_{t−1} + b_{t−1}) s_{t−m}
 *              ℓ_t = α y_t / s_{t−m} + (1−α)(ℓ_{t−1} + b_{t−1})
 *              s_t = s_{t−m} + γ (y_t / (ℓ_{t−1} + b_{t−1}) − s_{t−m}),  b_t as Holt
 * </pre>
 * β and γ are in R's state-space parametrisation (b_t = φ b_{t−1} + β e_t and s_t = s_{t−m} + γ e_t for additive
 * errors), so the textbook β* = β/α and γ* = γ/(1−α). The smoothing parameters and the initial states ℓ₀, b₀,
 * s_0..s_{−m+2} (the last seasonal state follows from Σ s = 0, or = m for multiplicative) are fitted together by
 * a port of R's Nelder–Mead (at most 2000 evaluations) from R's starting values (forecast's initstate and
 * α₀ = 1e-4 + 0.2(0.9998)/m, β₀ = 1e-4 + 0.1(α₀ − 1e-4), γ₀ = 1e-4 + 0.05(1 − α₀ − 1e-4), φ₀ = 0.9782), inside
 * R's default bounds "both": 1e-4 ≤ α ≤ 0.9999, 1e-4 ≤ β ≤ α, 1e-4 ≤ γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98, and admissible.
 * {@link EtsCriterion#LIKELIHOOD} (the default here, as ets()'s) maximises the likelihood; {@link EtsCriterion#MSE}
 * minimises the mean squared one-step error, which is what R's ses(), holt() and hw() do — pass it to reproduce
 * them. All arithmetic is IEEE double with {@code StrictMath}, so a fit is the same on every JVM.
 */
public final class ExponentialSmoothing {
    private static final int MAX_EVALUATIONS = 2000;
    private static final double REL_TOL = Math.sqrt(Math.ulp(1.0));

    private ExponentialSmoothing() {
    }

    /** Simple exponential smoothing ETS(A,N,N) by maximum likelihood; needs 7 values. */
    public static EtsFit ses(double[] history) {
        return fit(history, EtsSpec.simple(), EtsCriterion.LIKELIHOOD);
    }

    /** Simple exponential smoothing ETS(A,N,N): ℓ_t = α y_t + (1−α) ℓ_{t−1}, ŷ_{n+k} = ℓ_n; needs 7 values. */
    public static EtsFit ses(double[] history, EtsCriterion criterion) {
        return fit(history, EtsSpec.simple(), criterion);
    }

    /** Holt's linear trend ETS(A,A,N) or damped ETS(A,Ad,N) by maximum likelihood; needs 9 (damped 10) values. */
    public static EtsFit holt(double[] history, boolean damped) {
        return fit(history, EtsSpec.holt(damped), EtsCriterion.LIKELIHOOD);
    }

    /**
     * Holt's linear trend: ℓ_t = α y_t + (1−α)(ℓ_{t−1} + φ b_{t−1}), b_t = φ b_{t−1} + (β/α)(ℓ_t − ℓ_{t−1} − φ b_{t−1}),
     * ŷ_{n+k} = ℓ_n + (φ + … + φ^k) b_n, φ = 1 unless damped; needs 9 (damped 10) values.
     */
    public static EtsFit holt(double[] history, boolean damped, EtsCriterion criterion) {
        return fit(history, EtsSpec.holt(damped), criterion);
    }

    /** Holt-Winters by maximum likelihood; see {@link #holtWinters(double[], int, Seasonality, boolean, EtsCriterion)}. */
    public static EtsFit holtWinters(double[] history, int period, Seasonality seasonality, boolean damped) {
        return fit(history, EtsSpec.holtWinters(period, seasonality, damped), EtsCriterion.LIKELIHOOD);
    }

    /**
     * Holt-Winters with additive seasonality, ETS(A,A,A) (damped: ETS(A,Ad,A)):
     * ℓ_t = α(y_t − s_{t−m}) + (1−α)(ℓ_{t−1} + φb_{t−1}), s_t = s_{t−m} + γ(y_t − ℓ_{t−1} − φb_{t−1} − s_{t−m}),
     * ŷ_{n+k} = ℓ_n + (φ + … + φ^k) b_n + s_{n+k−m};
     * or multiplicative seasonality, ETS(M,A,M): ℓ_t = α y_t/s_{t−m} + (1−α)(ℓ_{t−1} + b_{t−1}),
     * s_t = s_{t−m} + γ(y_t/(ℓ_{t−1} + b_{t−1}) − s_{t−m}), ŷ_{n+k} = (ℓ_n + k b_n) s_{n+k−m} (k ≤ m).
     * Needs period + 9 values (damped period + 10), period 2..24, positive values for multiplicative seasonality.
     */
    public static EtsFit holtWinters(double[] history, int period, Seasonality seasonality, boolean damped,
            EtsCriterion criterion) {
        return fit(history, EtsSpec.holtWinters(period, seasonality, damped), criterion);
    }

    /**
     * Fits any supported form (see {@link EtsSpec}) by the given criterion.
     *
     * @throws IllegalArgumentException if the history is shorter than {@link EtsSpec#minLength()}, has a non-finite
     *                                  value, or has a non-positive value for multiplicative seasonality
     */
    public static EtsFit fit(double[] history, EtsSpec spec, EtsCriterion criterion) {
        if (spec == null || criterion == null) {
            throw new IllegalArgumentException("spec and criterion must not be null");
        }
        Series.require(history, spec.minLength(), spec.description());
        if (spec.multiplicativeError()) {
            Series.requirePositive(history, spec.description());
        }
        double[] y = history.clone();
        double[] start = startingPoint(y, spec);
        EtsObjective objective = new EtsObjective(y, spec, criterion);
        NelderMead.Result r = NelderMead.minimize(objective, start, REL_TOL, MAX_EVALUATIONS);
        return objective.fitAt(r.x());
    }

    /** R's initparam then initstate: (α, β, γ, φ as present, ℓ₀, b₀, s_1..s_{m−1}). */
    private static double[] startingPoint(double[] y, EtsSpec spec) {
        int m = spec.seasonal() ? spec.period() : 1;
        double lo = EtsBounds.LOWER;
        double up = EtsBounds.UPPER;
        double alpha = lo + 0.2 * (up - lo) / m;
        double[] smoothing = new double[4];
        int k = 0;
        smoothing[k++] = alpha;
        if (spec.trend()) {
            double beta = lo + 0.1 * (Math.min(up, alpha) - lo);
            smoothing[k++] = beta < 0 || beta > alpha ? alpha - 0.001 : beta;
        }
        if (spec.seasonal()) {
            double gamma = lo + 0.05 * (Math.min(up, 1 - alpha) - lo);
            smoothing[k++] = gamma < 0 || gamma > 1 - alpha ? 1 - alpha - 0.001 : gamma;
        }
        if (spec.damped()) {
            smoothing[k++] = EtsBounds.PHI_LOWER + 0.99 * (EtsBounds.PHI_UPPER - EtsBounds.PHI_LOWER);
        }
        double[] states = EtsStart.states(y, spec);
        double[] par = new double[k + states.length];
        System.arraycopy(smoothing, 0, par, 0, k);
        System.arraycopy(states, 0, par, k, states.length);
        return par;
    }
}
