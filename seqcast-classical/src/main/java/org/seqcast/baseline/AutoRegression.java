package org.seqcast.baseline;

/**
 * Autoregression by Yule–Walker with the order chosen by AIC, as R's {@code ar()} default
 * ({@code ar.yw}, demean = TRUE, aic = TRUE):
 * <pre>
 *   x_t = y_t − ȳ,   c_k = (1/n) Σ_{t=1}^{n−k} x_t x_{t+k}                         (sample autocovariances)
 *   for p = 1..P: solve the Yule–Walker equations Σ_j a_j c_{|i−j|} = c_i (i = 1..p) by Levinson–Durbin,
 *                 σ²_p = σ²_{p−1} (1 − a_{pp}²), σ²_0 = c_0
 *   AIC_p = n log σ²_p + 2p + 2,   P = min(n − 1, ⌊10 log₁₀ n⌋),   p̂ = argmin AIC_p
 * </pre>
 * and forecasts by the AR recursion (see {@link ArFit#forecast(int)}).
 */
public final class AutoRegression {
    /** The shortest history. */
    public static final int MIN_LENGTH = 2;

    private AutoRegression() {
    }

    /** Fits with R's default largest order min(n − 1, ⌊10 log₁₀ n⌋). */
    public static ArFit fit(double[] history) {
        Series.require(history, MIN_LENGTH, "an autoregression");
        int n = history.length;
        return fit(history, Math.min(n - 1, (int) Math.floor(10 * StrictMath.log10(n))));
    }

    /**
     * Fits AR(p), p = 0..maxOrder, and keeps the one with the smallest AIC.
     *
     * @throws IllegalArgumentException if maxOrder is not in 1..n−1, the history is shorter than 2, has a non-finite
     *                                  value or is constant
     */
    public static ArFit fit(double[] history, int maxOrder) {
        Series.require(history, MIN_LENGTH, "an autoregression");
        int n = history.length;
        if (maxOrder < 1 || maxOrder >= n) {
            throw new IllegalArgumentException("the largest order must be in 1.." + (n - 1) + " for " + n
                    + " values; got " + maxOrder);
        }
        double mean = colMean(history);
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = history[t] - mean;
        }
        double[] c = autocovariance(x, maxOrder);
        if (c[0] == 0) {
            throw new IllegalArgumentException("an autoregression needs a non-constant history");
        }
        double[][] coefs = new double[maxOrder][maxOrder];
        double[] vars = new double[maxOrder];
        eureka(maxOrder, c, coefs, vars);
        double[] aic = new double[maxOrder + 1];
        double best = Double.POSITIVE_INFINITY;
        int order = 0;
        for (int k = 0; k <= maxOrder; k++) {
            double v = k == 0 ? c[0] : vars[k - 1];
            aic[k] = n * StrictMath.log(v) + 2 * k + 2;
            if (aic[k] < best) {
                best = aic[k];
                order = k;
            }
        }
        for (int k = 0; k <= maxOrder; k++) {
            aic[k] -= best;
        }
        double[] a = new double[order];
        for (int j = 0; j < order; j++) {
            a[j] = coefs[order - 1][j];
        }
        double varPred = (order == 0 ? c[0] : vars[order - 1]) * n / (n - (order + 1.0));
        return new ArFit(a, mean, varPred, aic, java.util.Arrays.copyOfRange(history, n - order, n));
    }

    /** r_0..r_maxLag: the sample autocorrelations of R's acf() (demeaned, divided by n, clamped to [−1, 1]). */
    static double[] autocorrelation(double[] y, int maxLag) {
        double mean = colMean(y);
        double[] x = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            x[t] = y[t] - mean;
        }
        double[] c = acf(x, maxLag);
        double se = Math.sqrt(c[0]);
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double a = c[k] / (se * se);
            r[k] = Math.max(-1, Math.min(1, a));
        }
        return r;
    }

    /** c_0..c_maxLag of x after acf()'s own demeaning (x is already demeaned by ar(), so this removes rounding). */
    private static double[] autocovariance(double[] x, int maxLag) {
        double mean = colMean(x);
        double[] z = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            z[t] = x[t] - mean;
        }
        return acf(z, maxLag);
    }

    private static double[] acf(double[] x, int maxLag) {
        int n = x.length;
        double[] c = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double s = 0;
            for (int t = 0; t < n - k; t++) {
                s += x[t + k] * x[t];
            }
            c[k] = s / n;
        }
        return c;
    }

    private static double colMean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /**
     * Levinson–Durbin recursion as R's eureka.f: solves toeplitz(r) f = r(1..) for orders 1..lr; coefs[l−1][j] is
     * coefficient j+1 of the order-l fit and vars[l−1] its prediction variance.
     */
    private static void eureka(int lr, double[] r, double[][] f, double[] var) {
        double[] a = new double[lr + 1];
        double v = r[0];
        double d = r[1];
        a[1] = 1.0;
        f[0][0] = r[1] / v;
        double q = f[0][0] * r[1];
        var[0] = (1 - f[0][0] * f[0][0]) * r[0];
        if (lr == 1) {
            return;
        }
        for (int l = 2; l <= lr; l++) {
            a[l] = -d / v;
            if (l > 2) {
                int l1 = (l - 2) / 2;
                int l2 = l1 + 1;
                for (int j = 2; j <= l2; j++) {
                    double hold = a[j];
                    int k = l - j + 1;
                    a[j] = a[j] + a[l] * a[k];
                    a[k] = a[k] + a[l] * hold;
                }
                if (2 * l1 != l - 2) {
                    a[l2 + 1] = a[l2 + 1] * (1.0 + a[l]);
                }
            }
            v = v + a[l] * d;
            f[l - 1][l - 1] = (r[l] - q) / v;
            for (int j = 1; j <= l - 1; j++) {
                f[l - 1][j - 1] = f[l - 2][j - 1] + f[l - 1][l - 1] * a[l - j + 1];
            }
            var[l - 1] = var[l - 2] * (1 - f[l - 1][l - 1] * f[l - 1][l - 1]);
            if (l == lr) {
                return;
            }
            d = 0.0;
            q = 0.0;
            for (int i = 1; i <= l; i++) {
                int k = l - i + 2;
                d = d + a[i] * r[k - 1];
                q = q + f[l - 1][i - 1] * r[k - 1];
            }
        }
    }
}
