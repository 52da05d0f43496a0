package org.seqcast.baseline;

/**
 * The historical mean fitted to y_1..y_n: ŷ_{n+k} = ȳ (R's meanf).
 *
 * @param mean   ȳ = (1/n) Σ y_t
 * @param n      the number of values
 * @param sigma2 Σ (y_t − ȳ)² / (n − 1), R's sd(y)²; NaN for n = 1
 */
public record MeanFit(double mean, int n, double sigma2) implements BaselineFit {
    public MeanFit {
        Series.requireFitted(n, 1, sigma2, "mean");
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite; got " + mean);
        }
    }

    @Override
    public double[] forecast(int h) {
        Series.requireHorizon(h);
        double[] f = new double[h];
        java.util.Arrays.fill(f, mean);
        return f;
    }
}
