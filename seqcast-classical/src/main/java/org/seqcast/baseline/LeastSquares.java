package org.seqcast.baseline;

/** Ordinary least squares by Householder QR (what R's lsfit and lm do, without pivoting). */
final class LeastSquares {
    private LeastSquares() {
    }

    /**
     * The coefficients b minimising Σ_t (y_t − Σ_j x[t][j] b_j)², for a design of full column rank.
     *
     * @param x n rows of p regressors (include a column of ones for an intercept)
     * @throws IllegalArgumentException if a column is exactly a combination of the columns before it
     */
    static double[] solve(double[][] x, double[] y) {
        Qr qr = decompose(x, y);
        for (double d : qr.diag) {
            if (d == 0) {
                throw new IllegalArgumentException("regressors are collinear");
            }
        }
        return qr.coefficients();
    }

    /**
     * The Householder QR of X (n × p, n ≥ p) applied to y: X = Q R, Q orthogonal (n × n), R upper triangular
     * (p × p). Step j reflects column j's part from row j on onto ±‖·‖ e_j, with H_j = I − 2vvᵀ/(vᵀv), and applies
     * H_j to the later columns and to y. A column that is exactly a combination of the earlier ones gets a zero on
     * R's diagonal and no reflection; callers decide what that means.
     */
    static Qr decompose(double[][] x, double[] y) {
        int n = y.length;
        int p = x[0].length;
        double[][] a = new double[n][];
        for (int t = 0; t < n; t++) {
            a[t] = x[t].clone();
        }
        double[] b = y.clone();
        double[] diag = new double[p];
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (int t = j; t < n; t++) {
                norm = StrictMath.hypot(norm, a[t][j]);
            }
            if (norm == 0) {
                continue;
            }
            double alpha = a[j][j] > 0 ? -norm : norm;
            double v0 = a[j][j] - alpha;
            a[j][j] = v0;
            double vnorm2 = v0 * v0;
            for (int t = j + 1; t < n; t++) {
                vnorm2 += a[t][j] * a[t][j];
            }
            // Apply I − 2vvᵀ/(vᵀv) to the remaining columns and to y.
            for (int k = j + 1; k < p; k++) {
                double s = 0;
                for (int t = j; t < n; t++) {
                    s += a[t][j] * a[t][k];
                }
                double f = 2 * s / vnorm2;
                for (int t = j; t < n; t++) {
                    a[t][k] -= f * a[t][j];
                }
            }
            double s = 0;
            for (int t = j; t < n; t++) {
                s += a[t][j] * b[t];
            }
            double f = 2 * s / vnorm2;
            for (int t = j; t < n; t++) {
                b[t] -= f * a[t][j];
            }
            diag[j] = alpha;
        }
        return new Qr(a, diag, b);
    }

    /** Intercept and slope of the straight line through (x_t, y_t), t = from..to−1, with x_t = t − from + x0. */
    static double[] line(double[] y, int from, int to, double x0) {
        double[][] design = new double[to - from][];
        double[] yy = new double[to - from];
        for (int t = from; t < to; t++) {
            design[t - from] = new double[] {1, x0 + (t - from)};
            yy[t - from] = y[t];
        }
        return solve(design, yy);
    }

    /**
     * A Householder QR of X applied to y (see {@link #decompose}): R's diagonal in {@code diag}, its strictly upper
     * part in {@code a[j][k]} for k &gt; j (the rest of {@code a} holds the reflections), and Qᵀy in {@code qty}.
     * Owned by the caller of decompose: not copied.
     */
    static final class Qr {
        final double[][] a;
        final double[] diag;
        final double[] qty;

        private Qr(double[][] a, double[] diag, double[] qty) {
            this.a = a;
            this.diag = diag;
            this.qty = qty;
        }

        /** b solving R b = (Qᵀy)_{1..p} by back substitution (R's diagonal must be non-zero). */
        double[] coefficients() {
            int p = diag.length;
            double[] coef = new double[p];
            for (int j = p - 1; j >= 0; j--) {
                double s = qty[j];
                for (int k = j + 1; k < p; k++) {
                    s -= a[j][k] * coef[k];
                }
                coef[j] = s / diag[j];
            }
            return coef;
        }

        /** R⁻¹ (p × p, upper triangular), column by column by back substitution: (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ. */
        double[][] inverseR() {
            int p = diag.length;
            double[][] inv = new double[p][p];
            for (int c = 0; c < p; c++) {
                for (int j = c; j >= 0; j--) {
                    double s = j == c ? 1 : 0;
                    for (int k = j + 1; k <= c; k++) {
                        s -= a[j][k] * inv[k][c];
                    }
                    inv[j][c] = s / diag[j];
                }
            }
            return inv;
        }
    }
}
