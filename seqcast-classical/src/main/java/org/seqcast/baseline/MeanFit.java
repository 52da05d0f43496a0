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

    /** se_k = σ √(1 + 1/n) for every k: the error of a new value around an estimated mean (R's meanf). */
    @Override
    public double[] standardErrors(int h) {
        Series.requireHorizon(h);
        double[] se = new double[h];
        java.util.Arrays.fill(se, Math.sqrt(sigma2) * Math.sqrt(1 + 1.0 / n));
        return se;
    }

    /** ȳ ± t_{n−1}(½ + c/200) · σ √(1 + 1/n): R's meanf uses Student's t with n − 1 degrees of freedom. */
    @Override
    public PredictionIntervals intervals(int h, double... levels) {
        PredictionIntervals.checkedLevels(levels);
        Series.requireHorizon(h);
        Series.requireVariance(this);
        return PredictionIntervals.symmetric(levels, forecast(h), standardErrors(h), p -> Quantiles.student(p, n - 1));
    }
}
