package org.seqcast.baseline;

import java.util.Arrays;
import java.util.List;

/**
 * A fitted linear regression (see {@link LinearRegression}), R's {@code tslm} fit: it forecasts from the regressors'
 * future values, which is why it is not a {@link BaselineFit} (whose forecasts need nothing but the horizon). At
 * step k = 1..h, with x_{n+k} the row of the design at time n+k (trend n+k, the season continuing, the regressors'
 * future values), as R's {@code forecast(fit, newdata)} (forecast.lm, i.e. predict.lm with interval = "prediction"):
 * <pre>
 *   ŷ_{n+k} = x_{n+k}ᵀ b
 *   se_k    = σ √(1 + x_{n+k}ᵀ (XᵀX)⁻¹ x_{n+k}) = σ √(1 + ‖R⁻ᵀ x_{n+k}‖²)
 *   bounds  ŷ_{n+k} ± t_{n−p}(½ + c/200) · se_k                         Student's t with n − p df (R's qt)
 * </pre>
 *
 * @param terms        the intercept, trend and seasonal dummies
 * @param regressors   the regressors' names, in the order of their arrays
 * @param coefficients b, p values in the order of {@link #names()}: the terms', then the regressors'
 * @param inverseR     R⁻¹ (p × p, upper triangular) of the design's QR: (XᵀX)⁻¹ = R⁻¹R⁻ᵀ
 * @param sigma2       σ² = Σ residual² / (n − p); NaN when n = p (no degree of freedom left)
 * @param fitted       x_tᵀ b, t = 1..n: the in-sample fitted values
 */
public record RegressionFit(RegressionTerms terms, List<String> regressors, double[] coefficients,
        double[][] inverseR, double sigma2, double[] fitted) {
    public RegressionFit {
        if (terms == null || coefficients == null || inverseR == null || fitted == null) {
            throw new IllegalArgumentException("terms, coefficients, inverseR and fitted values must not be null");
        }
        regressors = LinearRegression.checkedNames(regressors, terms);
        int p = terms.count() + regressors.size();
        if (coefficients.length != p) {
            throw new IllegalArgumentException("expected " + p + " coefficients " + LinearRegression.columns(terms,
                    regressors) + "; got " + coefficients.length);
        }
        coefficients = finite(coefficients.clone(), "coefficients");
        inverseR = square(inverseR, p);
        fitted = finite(fitted.clone(), "fitted values");
        Series.requireFitted(fitted.length, p, sigma2, "a linear regression with " + p + " coefficients");
    }

    /**
     * The coefficients' names in the order of {@link #coefficients()}: "(Intercept)", "trend", "season2".., then the
     * regressors'.
     */
    public List<String> names() {
        return List.copyOf(LinearRegression.columns(terms, regressors));
    }

    /** The coefficient named {@code name} (one of {@link #names()}). */
    public double coefficient(String name) {
        List<String> names = names();
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no coefficient named '" + name + "'; the coefficients are " + names);
        }
        return coefficients[j];
    }

    /** n, the length of the history. */
    public int n() {
        return fitted.length;
    }

    /** n − p, the residual degrees of freedom (R's df.residual). */
    public int degreesOfFreedom() {
        return fitted.length - coefficients.length;
    }

    /**
     * ŷ_{n+1}..ŷ_{n+h} with h the length of the future regressors' arrays (all the same; at least one regressor).
     */
    public double[] forecast(double[][] xFuture) {
        return forecast(horizonOf(xFuture), xFuture);
    }

    /**
     * ŷ_{n+1}..ŷ_{n+h} = x_{n+k}ᵀ b, with {@code xFuture[j]} regressor j's values over the horizon (h each; an empty
     * array when the fit has no regressors).
     *
     * @throws IllegalArgumentException if h &lt; 1, or a regressor's future values are missing, of another length
     *                                  than h, or not finite (naming the regressor)
     */
    public double[] forecast(int h, double[][] xFuture) {
        double[][] rows = futureDesign(h, xFuture);
        double[] f = new double[h];
        for (int k = 0; k < h; k++) {
            f[k] = LinearRegression.dot(rows[k], coefficients);
        }
        return f;
    }

    /** se_1..se_h = σ √(1 + ‖R⁻ᵀ x_{n+k}‖²), the standard errors of predict.lm's prediction intervals. */
    public double[] standardErrors(int h, double[][] xFuture) {
        double[][] rows = futureDesign(h, xFuture);
        double[] se = new double[h];
        for (int k = 0; k < h; k++) {
            se[k] = Math.sqrt(sigma2 * (1 + leverage(rows[k])));
        }
        return se;
    }

    /** The prediction intervals with h the length of the future regressors' arrays (at least one regressor). */
    public PredictionIntervals intervals(double[][] xFuture, double... levels) {
        return intervals(horizonOf(xFuture), xFuture, levels);
    }

    /**
     * R's {@code forecast(fit, newdata, level = levels)}: ŷ ± t_{n−p}(½ + c/200) · se_k at each coverage c percent.
     *
     * @throws IllegalArgumentException as {@link #forecast(int, double[][])}, if a level is outside (0, 100) or
     *                                  given twice, or if σ² is undefined (n = p)
     */
    public PredictionIntervals intervals(int h, double[][] xFuture, double... levels) {
        PredictionIntervals.checkedLevels(levels);
        if (Double.isNaN(sigma2)) {
            throw new IllegalArgumentException("no prediction intervals for " + this + ": with n = p = " + n()
                    + " no degree of freedom is left for σ²; fit it on a longer history or with fewer columns");
        }
        int df = degreesOfFreedom();
        return PredictionIntervals.symmetric(levels, forecast(h, xFuture), standardErrors(h, xFuture),
                q -> Quantiles.student(q, df));
    }

    /** x₀ᵀ(XᵀX)⁻¹x₀ = ‖w‖², w_j = Σ_{i ≤ j} x₀_i (R⁻¹)_{ij} (predict.lm's XRinv). */
    private double leverage(double[] row) {
        double q = 0;
        for (int j = 0; j < row.length; j++) {
            double w = 0;
            for (int i = 0; i <= j; i++) {
                w += row[i] * inverseR[i][j];
            }
            q += w * w;
        }
        return q;
    }

    private double[][] futureDesign(int h, double[][] xFuture) {
        Series.requireHorizon(h);
        LinearRegression.checkRegressors(xFuture, regressors, h, "future", "step of the horizon");
        int n = n();
        double[][] rows = new double[h][];
        for (int k = 0; k < h; k++) {
            rows[k] = designRow(terms, xFuture, k, n + k);
        }
        return rows;
    }

    private int horizonOf(double[][] xFuture) {
        if (regressors.isEmpty()) {
            throw new IllegalArgumentException("this fit has no regressors, so their arrays cannot give the horizon;"
                    + " give h: forecast(h, new double[0][]) or intervals(h, new double[0][], levels)");
        }
        int h = 0;
        for (int j = 0; xFuture != null && j < xFuture.length && h == 0; j++) {
            h = xFuture[j] == null ? 0 : xFuture[j].length;
        }
        LinearRegression.checkRegressors(xFuture, regressors, h, "future", "step of the horizon");
        return h;
    }

    /** The design row at 0-based time t: the terms' columns, then regressor j's value x[j][i]. */
    static double[] designRow(RegressionTerms terms, double[][] x, int i, int t) {
        int c = terms.count();
        double[] row = new double[c + x.length];
        terms.fill(t, row);
        for (int j = 0; j < x.length; j++) {
            row[c + j] = x[j][i];
        }
        return row;
    }

    private static double[] finite(double[] a, String what) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(what + " must be finite; got " + a[i] + " at position " + i);
            }
        }
        return a;
    }

    private static double[][] square(double[][] m, int p) {
        if (m.length != p) {
            throw new IllegalArgumentException("inverseR must be " + p + " × " + p + "; got " + m.length + " rows");
        }
        double[][] out = new double[p][];
        for (int i = 0; i < p; i++) {
            if (m[i] == null || m[i].length != p) {
                throw new IllegalArgumentException("inverseR must be " + p + " × " + p + "; row " + i + " is not");
            }
            out[i] = finite(m[i].clone(), "inverseR");
        }
        return out;
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[][] inverseR() {
        return square(inverseR, inverseR.length);
    }

    @Override
    public double[] fitted() {
        return fitted.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegressionFit r && terms.equals(r.terms) && regressors.equals(r.regressors)
                && Arrays.equals(coefficients, r.coefficients) && Arrays.deepEquals(inverseR, r.inverseR)
                && Double.compare(sigma2, r.sigma2) == 0 && Arrays.equals(fitted, r.fitted);
    }

    @Override
    public int hashCode() {
        return (terms.hashCode() * 31 + regressors.hashCode()) * 31 + Arrays.hashCode(coefficients) * 17
                + Double.hashCode(sigma2);
    }

    @Override
    public String toString() {
        return "linear regression on " + names() + ": coefficients " + Arrays.toString(coefficients) + ", sigma2 "
                + sigma2 + " (n = " + n() + ")";
    }
}
