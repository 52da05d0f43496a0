package org.seqcast.baseline;

import java.util.Arrays;

/**
 * A fitted autoregression (see {@link AutoRegression}): y_t − μ = Σ_{j=1}^{p} a_j (y_{t−j} − μ) + ε_t.
 *
 * @param coefficients       a_1..a_p (p = 0: white noise around the mean)
 * @param mean               μ, the mean of the history
 * @param innovationVariance R's var.pred: the Levinson–Durbin prediction variance times n / (n − (p + 1))
 * @param aic                n log σ²_k + 2k + 2 for k = 0..order.max, less its minimum (R's ar()$aic)
 * @param recent             the last p values of the history, oldest first, from which forecasts start
 */
public record ArFit(double[] coefficients, double mean, double innovationVariance, double[] aic, double[] recent)
        implements BaselineFit {
    public ArFit {
        if (coefficients == null || aic == null || recent == null) {
            throw new IllegalArgumentException("coefficients, aic and recent values must not be null");
        }
        coefficients = coefficients.clone();
        aic = aic.clone();
        recent = recent.clone();
        if (recent.length != coefficients.length) {
            throw new IllegalArgumentException("an AR(" + coefficients.length + ") forecast needs the last "
                    + coefficients.length + " values; got " + recent.length);
        }
        if (aic.length <= coefficients.length) {
            throw new IllegalArgumentException("aic must cover orders 0.." + coefficients.length);
        }
        for (double[] a : new double[][] {coefficients, recent}) {
            for (double v : a) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("coefficients and recent values must be finite");
                }
            }
        }
        if (!Double.isFinite(mean) || !(innovationVariance >= 0)) {
            throw new IllegalArgumentException("mean must be finite and the innovation variance non-negative");
        }
    }

    /** σ², the innovation variance (R's var.pred, which predict.ar's standard errors start from). */
    @Override
    public double sigma2() {
        return innovationVariance;
    }

    /** The order p. */
    public int order() {
        return coefficients.length;
    }

    /** The largest order that was considered. */
    public int maxOrder() {
        return aic.length - 1;
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[] aic() {
        return aic.clone();
    }

    @Override
    public double[] recent() {
        return recent.clone();
    }

    /**
     * Forecasts by the recursion x̂_{n+k} = Σ_j a_j x̂_{n+k−j} on x = y − μ (observed values where n+k−j ≤ n), then
     * ŷ = x̂ + μ, as R's {@code predict(ar(y), n.ahead = h)$pred}.
     */
    @Override
    public double[] forecast(int h) {
        Series.requireHorizon(h);
        int p = coefficients.length;
        double[] x = new double[p + h];
        for (int j = 0; j < p; j++) {
            x[j] = recent[j] - mean;
        }
        double[] f = new double[h];
        for (int k = 0; k < h; k++) {
            double s = 0;
            for (int j = 1; j <= p; j++) {
                s += coefficients[j - 1] * x[p + k - j];
            }
            x[p + k] = s;
            f[k] = s + mean;
        }
        return f;
    }

    /**
     * se_k = σ √(ψ_0² + … + ψ_{k−1}²) with the MA(∞) weights ψ_0 = 1, ψ_j = Σ_{i=1}^{min(j, p)} a_i ψ_{j−i}
     * (R's predict.ar standard errors, which forecast.ar's intervals use).
     */
    @Override
    public double[] standardErrors(int h) {
        Series.requireHorizon(h);
        int p = coefficients.length;
        double[] psi = new double[h];
        double[] se = new double[h];
        double sum = 0;
        for (int j = 0; j < h; j++) {
            double w = j == 0 ? 1 : 0;
            for (int i = 1; i <= Math.min(j, p); i++) {
                w += coefficients[i - 1] * psi[j - i];
            }
            psi[j] = w;
            sum += w * w;
            se[j] = Math.sqrt(innovationVariance * sum);
        }
        return se;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArFit a && Arrays.equals(coefficients, a.coefficients) && Double.compare(mean, a.mean) == 0
                && Double.compare(innovationVariance, a.innovationVariance) == 0 && Arrays.equals(aic, a.aic)
                && Arrays.equals(recent, a.recent);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients) * 31 + Double.hashCode(mean) * 17 + Arrays.hashCode(recent);
    }

    @Override
    public String toString() {
        return "AR(" + order() + "): mean=" + mean + ", coefficients " + Arrays.toString(coefficients)
                + ", variance " + innovationVariance;
    }
}
