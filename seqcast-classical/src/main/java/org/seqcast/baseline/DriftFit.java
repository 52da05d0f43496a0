package org.seqcast.baseline;

/**
 * The random walk with drift fitted to y_1..y_n: ŷ_{n+k} = y_n + k b with b = (y_n − y_1)/(n − 1), the mean
 * change (R's rwf(drift = TRUE)).
 *
 * @param last   y_n
 * @param slope  b, the drift per step
 * @param n      the number of values
 * @param sigma2 Σ_{t=2}^{n} (d_t − b)² / (n − 2) with d_t = y_t − y_{t−1}: the residual variance of R's
 *               lm(d ~ 1); NaN for n = 2
 */
public record DriftFit(double last, double slope, int n, double sigma2) implements BaselineFit {
    public DriftFit {
        Series.requireFitted(n, 2, sigma2, "drift");
        if (!Double.isFinite(last) || !Double.isFinite(slope)) {
            throw new IllegalArgumentException("last value and slope must be finite; got " + last + ", " + slope);
        }
    }

    /** The standard error of the slope, √(σ² / (n − 1)) (R's drift.se). */
    public double slopeStandardError() {
        return Math.sqrt(sigma2 / (n - 1));
    }

    @Override
    public double[] forecast(int h) {
        Series.requireHorizon(h);
        double[] f = new double[h];
        for (int k = 1; k <= h; k++) {
            f[k - 1] = last + k * slope;
        }
        return f;
    }

    /**
     * se_k = √(σ² k + (k · se_b)²) with se_b the slope's standard error: the random walk's error plus that of the
     * estimated drift (R's rwf(drift = TRUE)). As in R, σ² here divides by n − 1 instead of n − 2 when b is
     * exactly 0.
     */
    @Override
    public double[] standardErrors(int h) {
        Series.requireHorizon(h);
        double seb = slopeStandardError();
        // R's forecast.lagwalk divides the squared residuals by (n − 1) − (drift != 0): n − 1 when b is exactly 0.
        double mse = slope == 0 ? sigma2 * (n - 2) / (n - 1) : sigma2;
        double[] se = new double[h];
        for (int k = 1; k <= h; k++) {
            se[k - 1] = Math.sqrt(mse * k + (k * seb) * (k * seb));
        }
        return se;
    }
}
