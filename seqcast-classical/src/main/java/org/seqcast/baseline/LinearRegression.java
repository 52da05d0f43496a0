package org.seqcast.baseline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Linear regression of a series on regressors, trend and seasonal dummies by ordinary least squares, as R's
 * {@code forecast::tslm} (lm on the design of {@link RegressionTerms} and the regressors) and
 * {@code forecast(fit, newdata = ...)}:
 * <pre>
 *   y_t = x_tᵀ b + ε_t,   x_t = (1, [t + 1], [season dummies of t], z_{1,t}, …, z_{k,t})      (p columns)
 *   X = Q R (Householder, no pivoting),   b = R⁻¹ (Qᵀy)_{1..p}
 *   σ² = Σ (y_t − x_tᵀ b)² / (n − p)                                    R's summary(lm)$sigma², n − p df
 * </pre>
 * and forecasts ŷ_{n+k} = x_{n+k}ᵀ b with the regressors' future values, trend and season continuing (see
 * {@link RegressionFit}). The design's column order is R's for the formula {@code y ~ trend + season + z_1 + … +
 * z_k}. Unlike lm, which drops a column that is (nearly) a combination of the others and reports its coefficient as
 * NA, this refuses such a design and names the column: a regressor's remaining norm after the columns before it must
 * exceed {@value #COLLINEARITY_TOLERANCE} of its own norm (the tolerance of lm's QR).
 */
public final class LinearRegression {
    /** A column is collinear when its norm left after the earlier columns is at most this fraction of its norm. */
    public static final double COLLINEARITY_TOLERANCE = 1e-7;

    private LinearRegression() {
    }

    /** Fits with the regressors named x1..xk (tslm would name them after the data's columns). */
    public static RegressionFit fit(double[] y, double[][] xPast, RegressionTerms terms) {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= (xPast == null ? 0 : xPast.length); j++) {
            names.add("x" + j);
        }
        return fit(y, names, xPast, terms);
    }

    /**
     * Fits y_1..y_n on the terms and the k regressors {@code xPast[j]} (regressor j over the history, n values, named
     * {@code names.get(j)}).
     *
     * @param y      the history, n finite values
     * @param names  the regressors' names, distinct and different from the terms' names ("(Intercept)", "trend",
     *               "season2", …); their coefficients carry these names
     * @param xPast  k arrays of n finite values, one per regressor (k = 0: trend and season only)
     * @param terms  intercept (always), trend, seasonal dummies
     * @throws IllegalArgumentException if the lengths disagree, a value is not finite, n is smaller than the number
     *                                  of coefficients p, a regressor is constant, or a column is collinear with
     *                                  the columns before it (each message names the regressor or term)
     */
    public static RegressionFit fit(double[] y, List<String> names, double[][] xPast, RegressionTerms terms) {
        if (terms == null) {
            throw new IllegalArgumentException("terms must not be null; use RegressionTerms.intercept() for none");
        }
        List<String> regressors = checkedNames(names, terms);
        List<String> columns = columns(terms, regressors);
        Series.require(y, columns.size(), "a linear regression with " + columns.size() + " coefficients " + columns);
        int n = y.length;
        checkRegressors(xPast, regressors, n, "past", "value of the history");
        requireNonConstant(xPast, regressors);
        double[][] design = new double[n][];
        for (int t = 0; t < n; t++) {
            design[t] = RegressionFit.designRow(terms, xPast, t, t);
        }
        LeastSquares.Qr qr = LeastSquares.decompose(design, y);
        requireFullRank(design, qr.diag, columns, terms.count());
        double[] b = qr.coefficients();
        double[] fitted = new double[n];
        for (int t = 0; t < n; t++) {
            fitted[t] = dot(design[t], b);
        }
        return new RegressionFit(terms, regressors, b, qr.inverseR(), residualVariance(y, fitted, n - b.length),
                fitted);
    }

    /** σ² = Σ (y_t − ŷ_t)² / df, R's summary(lm)$sigma²; NaN when df = 0 (R's 0/0). */
    private static double residualVariance(double[] y, double[] fitted, int df) {
        if (df == 0) {
            return Double.NaN;
        }
        double rss = 0;
        for (int t = 0; t < y.length; t++) {
            double e = y[t] - fitted[t];
            rss += e * e;
        }
        return rss / df;
    }

    /** The coefficients' names in design order: the terms', then the regressors'. */
    static List<String> columns(RegressionTerms terms, List<String> regressors) {
        List<String> all = terms.names();
        all.addAll(regressors);
        return all;
    }

    /** The regressors' names, checked: non-blank, distinct, none a term's name. */
    static List<String> checkedNames(List<String> names, RegressionTerms terms) {
        if (names == null) {
            throw new IllegalArgumentException("regressor names must not be null; give an empty list for none");
        }
        Set<String> seen = new HashSet<>(terms.names());
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("regressor " + j + " has no name; give each regressor a name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("regressor " + j + " is named '" + name + "', which is already "
                        + "the name of a term or an earlier regressor; give each column its own name");
            }
        }
        return List.copyOf(names);
    }

    /**
     * One array of {@code length} finite values per named regressor.
     *
     * @param when "past" or "future"
     * @param per  what each value stands for ("value of the history", "step of the horizon")
     */
    static void checkRegressors(double[][] x, List<String> names, int length, String when, String per) {
        int k = names.size();
        if (x == null || x.length != k) {
            throw new IllegalArgumentException("expected " + k + " " + when + " regressor arrays " + names
                    + ", one per regressor of the fit; got " + (x == null ? "none (null)" : x.length));
        }
        for (int j = 0; j < k; j++) {
            String which = "regressor '" + names.get(j) + "' (index " + j + ")";
            if (x[j] == null) {
                throw new IllegalArgumentException(which + " has no " + when + " values (null); expected " + length
                        + ", one per " + per);
            }
            if (x[j].length != length) {
                throw new IllegalArgumentException(which + " has " + x[j].length + " " + when + " values; expected "
                        + length + ", one per " + per);
            }
            for (int t = 0; t < length; t++) {
                if (!Double.isFinite(x[j][t])) {
                    throw new IllegalArgumentException(which + " has " + x[j][t] + " at " + when + " position " + t
                            + "; fill or drop missing values first");
                }
            }
        }
    }

    /** A constant regressor duplicates the intercept (lm would drop it). */
    private static void requireNonConstant(double[][] xPast, List<String> names) {
        for (int j = 0; j < xPast.length; j++) {
            if (Series.isConstant(xPast[j])) {
                throw new IllegalArgumentException("regressor '" + names.get(j) + "' (index " + j + ") is constant ("
                        + xPast[j][0] + ") over the history, so it duplicates the intercept; drop it");
            }
        }
    }

    /**
     * Each column keeps more than the tolerance of its norm after the columns before it (R's |R_jj| vs ‖X_j‖). No
     * column is zero: a regressor would be constant, and every season occurs since n ≥ p ≥ m.
     */
    private static void requireFullRank(double[][] design, double[] diag, List<String> columns, int termCount) {
        for (int j = 0; j < diag.length; j++) {
            double norm = 0;
            for (double[] row : design) {
                norm = StrictMath.hypot(norm, row[j]);
            }
            String which = j < termCount ? "term '" + columns.get(j) + "'"
                    : "regressor '" + columns.get(j) + "' (index " + (j - termCount) + ")";
            if (Math.abs(diag[j]) <= COLLINEARITY_TOLERANCE * norm) {
                throw new IllegalArgumentException(which + " is collinear with the columns before it "
                        + columns.subList(0, j) + " (the part of it they do not explain is " + Math.abs(diag[j]) / norm
                        + " of its norm); drop it or combine it with them");
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
