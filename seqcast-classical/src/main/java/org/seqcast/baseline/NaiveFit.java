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
}
