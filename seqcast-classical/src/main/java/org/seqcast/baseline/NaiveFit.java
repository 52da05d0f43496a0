package org.seqcast.baseline;

/**
 * The naive method fitted to y_1..y_n: ŷ_{n+k} = y_n (R's naive, a random walk).
 *
 * @param last   y_n
 * @param n      the number of values
 * @param sigma2 Σ_{t=2}^{n} (y_t − y_{t−1})² / (n − 1), R's lagwalk sd²; NaN for n = 1
 */
public record NaiveFit(double last, int n, double sigma2) implements BaselineFit {
    public NaiveFit {
        Series.requireFitted(n, 1, sigma2, "naive");
        if (!Double.isFinite(last)) {
            throw new IllegalArgumentException("last value must be finite; got " + last);
        }
    }

    @Override
    public double[] forecast(int h) {
        Series.requireHorizon(h);
        double[] f = new double[h];
        java.util.Arrays.fill(f, last);
        return f;
    }

    /** se_k = σ √k: a random walk's errors add up (R's naive). */
    @Override
    public double[] standardErrors(int h) {
        Series.requireHorizon(h);
        double[] se = new double[h];
        for (int k = 1; k <= h; k++) {
            se[k - 1] = Math.sqrt(sigma2 * k);
        }
        return se;
    }
}
