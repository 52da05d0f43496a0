package org.seqcast.baseline;

/**
 * The deterministic benchmark forecasts every neural model is compared against, as pure functions of the
 * history y_1..y_n and the horizon h, with R forecast's definitions (checked against {@code meanf}, {@code naive},
 * {@code snaive} and {@code rwf(drift = TRUE)}, see {@code tools/golden/accuracy_r.R}):
 * <pre>
 *   mean:            ŷ_{n+k} = (1/n) Σ y_t
 *   naive:           ŷ_{n+k} = y_n
 *   seasonal naive:  ŷ_{n+k} = y_{n − m + ((k − 1) mod m) + 1}        (the value one season earlier)
 *   drift:           ŷ_{n+k} = y_n + k (y_n − y_1) / (n − 1)
 * </pre>
 * for k = 1..h. The {@code fit…} functions return what each method estimated ({@link MeanFit}, {@link NaiveFit},
 * {@link SeasonalNaiveFit}, {@link DriftFit}, with R's σ²); the time-index-aware forecasters of the forecasting
 * workflow wrap these.
 */
public final class SimpleBaselines {
    private SimpleBaselines() {
    }

    /** The historical mean, h times. */
    public static double[] mean(double[] history, int h) {
        requireHorizon(h);
        return fitMean(history).forecast(h);
    }

    /** The last value, h times. */
    public static double[] naive(double[] history, int h) {
        requireHorizon(h);
        return fitNaive(history).forecast(h);
    }

    /** The value one season of m steps earlier. */
    public static double[] seasonalNaive(double[] history, int h, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("seasonal period must be at least 1; got " + m);
        }
        requireHorizon(h);
        return fitSeasonalNaive(history, m).forecast(h);
    }

    /** The last value plus k times the average change over the history (a random walk with drift). */
    public static double[] drift(double[] history, int h) {
        requireHorizon(h);
        return fitDrift(history).forecast(h);
    }

    /** The mean ȳ and σ² = Σ (y_t − ȳ)² / (n − 1) (R's meanf and its sd); needs one value. */
    public static MeanFit fitMean(double[] history) {
        check(history, 1, "mean");
        int n = history.length;
        double s = 0;
        for (double y : history) {
            s += y;
        }
        double mean = s / n;
        double ss = 0;
        for (double y : history) {
            ss += (y - mean) * (y - mean);
        }
        return new MeanFit(mean, n, ss / (n - 1));
    }

    /** The last value and σ² = mean of the squared one-step changes (R's naive); needs one value. */
    public static NaiveFit fitNaive(double[] history) {
        check(history, 1, "naive");
        int n = history.length;
        return new NaiveFit(history[n - 1], n, meanSquaredChange(history, 1));
    }

    /** The last season and σ² = mean of the squared lag-m changes (R's snaive); needs m values. */
    public static SeasonalNaiveFit fitSeasonalNaive(double[] history, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("seasonal period must be at least 1; got " + m);
        }
        check(history, m, "seasonal naive with period " + m);
        int n = history.length;
        return new SeasonalNaiveFit(java.util.Arrays.copyOfRange(history, n - m, n), n, meanSquaredChange(history, m));
    }

    /**
     * The last value, the slope b = (y_n − y_1)/(n − 1) and σ² = Σ (d_t − b)² / (n − 2) over the changes d_t
     * (R's rwf(drift = TRUE), whose lm(d ~ 1) estimates b as the mean change); needs two values.
     */
    public static DriftFit fitDrift(double[] history) {
        check(history, 2, "drift");
        int n = history.length;
        double slope = (history[n - 1] - history[0]) / (n - 1);
        double ss = 0;
        for (int t = 1; t < n; t++) {
            double r = history[t] - history[t - 1] - slope;
            ss += r * r;
        }
        return new DriftFit(history[n - 1], slope, n, ss / (n - 2));
    }

    /** Σ_{t>lag} (y_t − y_{t−lag})² / (n − lag): NaN when n = lag. */
    private static double meanSquaredChange(double[] y, int lag) {
        double ss = 0;
        for (int t = lag; t < y.length; t++) {
            double d = y[t] - y[t - lag];
            ss += d * d;
        }
        return ss / (y.length - lag);
    }

    private static void requireHorizon(int h) {
        if (h < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + h);
        }
    }

    private static void check(double[] history, int minLength, String method) {
        if (history.length < minLength) {
            throw new IllegalArgumentException("the " + method + " forecast needs at least " + minLength
                    + " past values; got " + history.length);
        }
        for (int t = 0; t < history.length; t++) {
            if (!Double.isFinite(history[t])) {
                throw new IllegalArgumentException("history has " + history[t] + " at position " + t
                        + "; fill or drop missing values first");
            }
        }
    }
}
