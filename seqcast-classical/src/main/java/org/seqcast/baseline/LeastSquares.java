package org.seqcast.baseline;

/** Ordinary least squares by Householder QR (what R's lsfit and lm do, without pivoting). */
final class LeastSquares {
    private LeastSquares() {
    }

    /**
     * The coefficients b minimising Σ_t (y_t − Σ_j x[t][j] b_j)², for a design of full column rank.
     *
     * @param x n rows of p regressors (include a column of ones for an intercept)
     */
    static double[] solve(double[][] x, double[] y) {
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
                throw new IllegalArgumentException("regressors are collinear");
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
        double[] coef = new double[p];
        for (int j = p - 1; j >= 0; j--) {
            double s = b[j];
            for (int k = j + 1; k < p; k++) {
                s -= a[j][k] * coef[k];
            }
            coef[j] = s / diag[j];
        }
        return coef;
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
}
