package org.seqcast.baseline;

/**
 * R's {@code decompose()}: classical decomposition by a centred moving average of one season.
 * <pre>
 *   trend_t  = Σ_j w_j y_{t+j}        (w = (½, 1, …, 1, ½)/m over t−m/2..t+m/2 for even m, 1/m over m values for odd m)
 *   detrended: y_t − trend_t (additive) or y_t / trend_t (multiplicative)
 *   figure_i = mean of the detrended values at positions i, i+m, i+2m, …     (i = 0..m−1, from the first value)
 *   figure  −= mean(figure)  (additive)   or   figure /= mean(figure)  (multiplicative)
 *   seasonal_t = figure_{t mod m}
 * </pre>
 * Positions count from the first value of the series, as in R, whatever the calendar.
 */
final class ClassicalDecomposition {
    private ClassicalDecomposition() {
    }

    /** The seasonal component seasonal_t, t = 0..n−1 (needs n ≥ 2m). */
    static double[] seasonal(double[] y, int m, boolean multiplicative) {
        double[] figure = figure(y, m, multiplicative);
        double[] s = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            s[t] = figure[t % m];
        }
        return s;
    }

    /** The normalised seasonal figure, one value per position in the season. */
    static double[] figure(double[] y, int m, boolean multiplicative) {
        int n = y.length;
        if (m < 2 || n < 2 * m) {
            throw new IllegalArgumentException("classical decomposition needs period ≥ 2 and at least two periods");
        }
        double[] w;
        if (m % 2 == 0) {
            w = new double[m + 1];
            w[0] = 0.5 / m;
            w[m] = 0.5 / m;
            for (int j = 1; j < m; j++) {
                w[j] = 1.0 / m;
            }
        } else {
            w = new double[m];
            java.util.Arrays.fill(w, 1.0 / m);
        }
        int nf = w.length;
        int shift = nf / 2;
        double[] figure = new double[m];
        double[] sum = new double[m];
        int[] count = new int[m];
        double[] detrended = new double[n];
        for (int t = 0; t < n; t++) {
            if (t + shift - (nf - 1) < 0 || t + shift >= n) {
                detrended[t] = Double.NaN;
                continue;
            }
            double z = 0;
            for (int j = 0; j < nf; j++) {
                z += w[j] * y[t + shift - j];
            }
            detrended[t] = multiplicative ? y[t] / z : y[t] - z;
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isNaN(detrended[t])) {
                sum[t % m] += detrended[t];
                count[t % m]++;
            }
        }
        for (int i = 0; i < m; i++) {
            // R's mean(): sum / count, corrected by the mean residual.
            double mean = sum[i] / count[i];
            double c = 0;
            for (int t = i; t < n; t += m) {
                if (!Double.isNaN(detrended[t])) {
                    c += detrended[t] - mean;
                }
            }
            figure[i] = mean + c / count[i];
        }
        double centre = Series.mean(figure, 0, m);
        for (int i = 0; i < m; i++) {
            figure[i] = multiplicative ? figure[i] / centre : figure[i] - centre;
        }
        return figure;
    }
}
