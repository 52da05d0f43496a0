package org.seqcast.baseline;

/**
 * The exponential smoothing recursions in forecast's C form (etscalc.c), on the state vector
 * x = (ℓ, b, s_1, …, s_m) with s_1 the most recent seasonal state and s_m the one due next. One step:
 * <pre>
 *   q   = ℓ_{t−1} + φ b_{t−1}                               (ℓ_{t−1} without trend)
 *   ŷ_t = q (+ s_m)  additive seasonality,  q · s_m  multiplicative,  q  none
 *   ℓ_t = q + α (p_t − q),   p_t = y_t − s_m  |  y_t / s_m  |  y_t
 *   b_t = φ b_{t−1} + (β/α)(ℓ_t − ℓ_{t−1} − φ b_{t−1})
 *   s_1 ← s_m + γ (u_t − s_m),  u_t = y_t − q  |  y_t / q;   s_2..s_m ← the old s_1..s_{m−1}
 * </pre>
 * With e_t = y_t − ŷ_t (additive errors) or (y_t − ŷ_t)/ŷ_t (multiplicative) these are the ETS state space
 * equations ℓ_t = q + α e_t (· q·s_m for multiplicative errors) etc. of Hyndman et al. (2008).
 */
final class EtsRecursion {
    private static final double TOL = 1e-10;
    private static final double HUGE = 1e10;

    /** One pass over the data. */
    record Pass(double lik, double mse, double sse, double[] errors, double[] finalState) {
    }

    private EtsRecursion() {
    }

    /**
     * Runs the recursion from the full initial state x0 and returns lik = n log Σ e_t² (+ 2 Σ log|ŷ_t| with
     * multiplicative errors), the mean squared one-step error Σ (y_t − ŷ_t)² / n, Σ e_t² and the final state.
     */
    static Pass run(double[] y, EtsSpec spec, double alpha, double beta, double gamma, double phi, double[] x0,
            boolean keepErrors) {
        int m = spec.seasonal() ? spec.period() : 1;
        boolean trend = spec.trend();
        Seasonality season = spec.seasonality();
        boolean multError = spec.multiplicativeError();
        int off = trend ? 2 : 1;
        double l = x0[0];
        double b = trend ? x0[1] : 0;
        double[] s = new double[m];
        double[] olds = new double[m];
        if (season != Seasonality.NONE) {
            System.arraycopy(x0, off, s, 0, m);
        }
        double[] errors = keepErrors ? new double[y.length] : null;
        double sse = 0;
        double logf = 0;
        double amse = 0;
        for (int i = 0; i < y.length; i++) {
            double oldl = l;
            double oldb = b;
            double[] swap = olds;
            olds = s;
            s = swap;
            // One-step forecast.
            double f = trend ? oldl + phi * oldb : oldl;
            if (season == Seasonality.ADDITIVE) {
                f += olds[m - 1];
            } else if (season == Seasonality.MULTIPLICATIVE) {
                f *= olds[m - 1];
            }
            double e = multError ? (y[i] - f) / f : y[i] - f;
            if (keepErrors) {
                errors[i] = e;
            }
            double tmp = y[i] - f;
            amse = (amse * i + tmp * tmp) / (i + 1.0);
            // Update.
            double phib = trend ? phi * oldb : 0;
            double q = oldl + phib;
            double p;
            if (season == Seasonality.NONE) {
                p = y[i];
            } else if (season == Seasonality.ADDITIVE) {
                p = y[i] - olds[m - 1];
            } else {
                p = Math.abs(olds[m - 1]) < TOL ? HUGE : y[i] / olds[m - 1];
            }
            l = q + alpha * (p - q);
            if (trend) {
                b = phib + (beta / alpha) * (l - oldl - phib);
            }
            if (season != Seasonality.NONE) {
                double u;
                if (season == Seasonality.ADDITIVE) {
                    u = y[i] - q;
                } else {
                    u = Math.abs(q) < TOL ? HUGE : y[i] / q;
                }
                s[0] = olds[m - 1] + gamma * (u - olds[m - 1]);
                System.arraycopy(olds, 0, s, 1, m - 1);
            }
            sse += e * e;
            logf += StrictMath.log(Math.abs(f));
        }
        double lik = y.length * StrictMath.log(sse);
        if (multError) {
            lik += 2 * logf;
        }
        double[] fin = new double[x0.length];
        fin[0] = l;
        if (trend) {
            fin[1] = b;
        }
        if (season != Seasonality.NONE) {
            System.arraycopy(s, 0, fin, off, m);
        }
        return new Pass(lik, amse, sse, errors, fin);
    }

    /**
     * Point forecasts from the final state, as R's forecast.ets. Additive errors (class 1):
     * ŷ_{n+k} = ℓ_n + (φ + φ² + … + φ^k) b_n (+ s_{m − ((k−1) mod m)}). Multiplicative seasonality (class 3): the
     * conditional mean of Hyndman et al. (2008, ch. 6), which for k ≤ m is (ℓ_n + k b_n) s_{m−k+1} and beyond one
     * season adds γ σ² terms: with M_k = (ℓ, b)ᵀ(s_1..s_m) updated as M ← F₁ M F₂ᵀ + σ² G₁ M G₂ᵀ.
     */
    static double[] forecast(EtsSpec spec, double alpha, double beta, double gamma, double phi, double sigma2,
            double[] state, int h) {
        return spec.multiplicativeError() ? multiplicative(spec, alpha, beta, gamma, phi, sigma2, state, h)
                : additive(spec, phi, state, h);
    }

    private static double[] additive(EtsSpec spec, double phi, double[] x, int h) {
        int m = spec.period();
        int off = spec.trend() ? 2 : 1;
        double[] f = new double[h];
        double phistar = phi;
        for (int i = 0; i < h; i++) {
            f[i] = spec.trend() ? x[0] + phistar * x[1] : x[0];
            if (spec.seasonal()) {
                int j = Math.floorMod(m - 1 - i, m);
                f[i] += x[off + j];
            }
            phistar += Math.abs(phi - 1.0) < TOL ? 1.0 : StrictMath.pow(phi, i + 2);
        }
        return f;
    }

    private static double[] multiplicative(EtsSpec spec, double alpha, double beta, double gamma, double phi,
            double sigma2, double[] x, int h) {
        int m = spec.period();
        int rows = spec.trend() ? 2 : 1;
        double[][] mh = new double[rows][m];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < m; j++) {
                mh[r][j] = x[r] * x[rows + j];
            }
        }
        double[] f = new double[h];
        for (int i = 0; i < h; i++) {
            double mu = 0;
            for (int r = 0; r < rows; r++) {
                mu += mh[r][m - 1];
            }
            f[i] = mu;
            // F1 M: level row gets level + trend, trend row φ·trend.
            double[][] fm = new double[rows][m];
            for (int j = 0; j < m; j++) {
                fm[0][j] = rows == 2 ? mh[0][j] + mh[1][j] : mh[0][j];
                if (rows == 2) {
                    fm[1][j] = phi * mh[1][j];
                }
            }
            double last = rows == 2 ? mh[0][m - 1] + mh[1][m - 1] : mh[0][m - 1];
            double[][] next = new double[rows][m];
            for (int r = 0; r < rows; r++) {
                double g = r == 0 ? alpha : beta;
                next[r][0] = fm[r][m - 1] + sigma2 * gamma * g * last;
                for (int j = 1; j < m; j++) {
                    next[r][j] = fm[r][j - 1];
                }
            }
            mh = next;
        }
        return f;
    }
}
