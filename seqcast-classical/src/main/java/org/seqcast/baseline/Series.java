package org.seqcast.baseline;

import java.util.Objects;

/** The input checks shared by the fitted baselines; every message names the method and the offending value. */
final class Series {
    private Series() {
    }

    /** A non-null history of at least minLength finite values. */
    static void require(double[] history, int minLength, String method) {
        Objects.requireNonNull(history, "history");
        if (history.length < minLength) {
            throw new IllegalArgumentException(method + " needs at least " + minLength + " past values; got "
                    + history.length);
        }
        for (int t = 0; t < history.length; t++) {
            if (!Double.isFinite(history[t])) {
                throw new IllegalArgumentException("history has " + history[t] + " at position " + t
                        + "; fill or drop missing values first");
            }
        }
    }

    /** Every value strictly positive (multiplicative seasonality divides by the values). */
    static void requirePositive(double[] history, String method) {
        for (int t = 0; t < history.length; t++) {
            if (!(history[t] > 0)) {
                throw new IllegalArgumentException(method + " needs positive values; history has " + history[t]
                        + " at position " + t);
            }
        }
    }

    /**
     * The checks of a fitted simple method: n ≥ minN, and σ² non-negative, or NaN exactly when no degree of
     * freedom is left (n = minN).
     */
    static void requireFitted(int n, int minN, double sigma2, String method) {
        if (n < minN) {
            throw new IllegalArgumentException(method + " needs n of at least " + minN + "; got " + n);
        }
        boolean undefined = n == minN;
        if (undefined ? !Double.isNaN(sigma2) : !(sigma2 >= 0)) {
            throw new IllegalArgumentException(method + ": sigma2 must be " + (undefined
                    ? "NaN for n = " + n + " (no degree of freedom left)" : "non-negative") + "; got " + sigma2);
        }
    }

    /** σ² is defined: prediction intervals need it. */
    static void requireVariance(BaselineFit fit) {
        if (Double.isNaN(fit.sigma2())) {
            throw new IllegalArgumentException("no prediction intervals for " + fit + ": the variance of its one-step "
                    + "errors is undefined (no degree of freedom left); fit it on a longer history");
        }
    }

    static void requireHorizon(int h) {
        if (h < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + h);
        }
    }

    /** R's mean(): the sum divided by n, then corrected by the mean of the residuals. */
    static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += x[t];
        }
        int n = to - from;
        double m = s / n;
        double c = 0;
        for (int t = from; t < to; t++) {
            c += x[t] - m;
        }
        return m + c / n;
    }

    static boolean isConstant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }
}
