package org.seqcast.baseline;

/**
 * R forecast's starting values of the ets states (initstate), which the optimiser then refines:
 * <ul>
 *   <li>seasonal, n ≥ 3m: the classical decomposition of the whole history gives the seasonal figure;
 *       n &lt; 3m: the residuals y_t − (c₀ + c₁t) (or ratios y_t / (c₀ + c₁t)) of a regression of y on 1, t,
 *       sin(2πt/m), cos(2πt/m) (the sine dropped for m = 2), t = 1..n;</li>
 *   <li>the seasonal states s_1..s_{m−1} are the seasonal values at positions m, m−1, …, 2 (multiplicative: at least
 *       0.01, and rescaled by 1/Σ(s + 0.01) if they sum above m); the last state is implied by normalisation;</li>
 *   <li>level and trend from the first max(10, 2m) seasonally adjusted values: their mean (no trend) or the
 *       intercept ℓ₀ and slope b₀ of a least-squares line over t = 1, 2, ….</li>
 * </ul>
 */
final class EtsStart {
    private EtsStart() {
    }

    /** The free initial states (ℓ₀, b₀, s_1..s_{m−1}), as R's initstate returns them. */
    static double[] states(double[] y, EtsSpec spec) {
        int n = y.length;
        int m = 1;
        double[] seas = new double[0];
        double[] adjusted = y;
        if (spec.seasonal()) {
            m = spec.period();
            boolean mult = spec.seasonality() == Seasonality.MULTIPLICATIVE;
            double[] seasonal = n < 3 * m ? fourierSeasonal(y, m, mult) : ClassicalDecomposition.seasonal(y, m, mult);
            seas = new double[m - 1];
            for (int k = 0; k < m - 1; k++) {
                seas[k] = seasonal[m - 1 - k];
            }
            adjusted = new double[n];
            if (!mult) {
                for (int t = 0; t < n; t++) {
                    adjusted[t] = y[t] - seasonal[t];
                }
            } else {
                double sum = 0;
                double sumPlus = 0;
                for (int k = 0; k < m - 1; k++) {
                    seas[k] = Math.max(seas[k], 0.01);
                    sum += seas[k];
                    sumPlus += seas[k] + 0.01;
                }
                if (sum > m) {
                    for (int k = 0; k < m - 1; k++) {
                        seas[k] /= sumPlus;
                    }
                }
                for (int t = 0; t < n; t++) {
                    adjusted[t] = y[t] / Math.max(seasonal[t], 0.01);
                }
            }
        }
        int maxn = Math.min(Math.max(10, 2 * m), n);
        double[] out = new double[(spec.trend() ? 2 : 1) + seas.length];
        if (!spec.trend()) {
            out[0] = Series.mean(adjusted, 0, maxn);
        } else {
            double[] line = LeastSquares.line(adjusted, 0, maxn, 1);
            double l0 = line[0];
            double b0 = line[1];
            if (Math.abs(l0 + b0) < 1e-8) {
                l0 = l0 * (1 + 0.001);
                b0 = b0 * (1 - 0.001);
            }
            out[0] = l0;
            out[1] = b0;
        }
        System.arraycopy(seas, 0, out, out.length - seas.length, seas.length);
        return out;
    }

    /** The seasonal part left by a regression on trend and one Fourier pair (R: tslm(y ~ trend + fourier(y, 1))). */
    private static double[] fourierSeasonal(double[] y, int m, boolean mult) {
        int n = y.length;
        boolean withSine = m > 2;
        double[][] x = new double[n][];
        for (int t = 1; t <= n; t++) {
            double arg = 2.0 * (1.0 / m) * t;
            x[t - 1] = withSine ? new double[] {1, t, sinpi(arg), cospi(arg)} : new double[] {1, t, cospi(arg)};
        }
        double[] c = LeastSquares.solve(x, y);
        double[] s = new double[n];
        for (int t = 1; t <= n; t++) {
            double level = c[0] + c[1] * t;
            s[t - 1] = mult ? y[t - 1] / level : y[t - 1] - level;
        }
        return s;
    }

    /** sin(πx) with R's exact values at multiples of ½. */
    static double sinpi(double x) {
        x = x % 2.0;
        if (x <= -1) {
            x += 2.0;
        } else if (x > 1.0) {
            x -= 2.0;
        }
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        if (x == 0.5) {
            return 1.0;
        }
        if (x == -0.5) {
            return -1.0;
        }
        return StrictMath.sin(Math.PI * x);
    }

    /** cos(πx) with R's exact values at multiples of ½. */
    static double cospi(double x) {
        x = Math.abs(x) % 2.0;
        if (x % 1.0 == 0.5) {
            return 0.0;
        }
        if (x == 1.0) {
            return -1.0;
        }
        if (x == 0.0) {
            return 1.0;
        }
        return StrictMath.cos(Math.PI * x);
    }
}
