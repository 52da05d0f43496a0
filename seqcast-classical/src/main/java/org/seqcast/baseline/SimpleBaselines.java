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
 * for k = 1..h. The time-index-aware forecasters of the forecasting workflow wrap these.
 */
public final class SimpleBaselines {
    private SimpleBaselines() {
    }

    /** The historical mean, h times. */
    public static double[] mean(double[] history, int h) {
        check(history, h, 1, "mean");
        double s = 0;
        for (double y : history) {
            s += y;
        }
        return repeat(s / history.length, h);
    }

    /** The last value, h times. */
    public static double[] naive(double[] history, int h) {
        check(history, h, 1, "naive");
        return repeat(history[history.length - 1], h);
    }

    /** The value one season of m steps earlier. */
    public static double[] seasonalNaive(double[] history, int h, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("seasonal period must be at least 1; got " + m);
        }
        check(history, h, m, "seasonal naive with period " + m);
        int n = history.length;
        double[] f = new double[h];
        for (int k = 1; k <= h; k++) {
            f[k - 1] = history[n - m + (k - 1) % m];
        }
        return f;
    }

    /** The last value plus k times the average change over the history (a random walk with drift). */
    public static double[] drift(double[] history, int h) {
        check(history, h, 2, "drift");
        int n = history.length;
        double slope = (history[n - 1] - history[0]) / (n - 1);
        double[] f = new double[h];
        for (int k = 1; k <= h; k++) {
            f[k - 1] = history[n - 1] + k * slope;
        }
        return f;
    }

    private static double[] repeat(double v, int h) {
        double[] f = new double[h];
        java.util.Arrays.fill(f, v);
        return f;
    }

    private static void check(double[] history, int h, int minLength, String method) {
        if (h < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + h);
        }
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
