package org.seqcast.forecast;

import java.util.Arrays;
import java.util.Locale;
import org.seqcast.metrics.MetricReport;

/**
 * What each training window's loss is divided by, per series i (the network's loss weighs every window of
 * series i by w_i = (1/s_i) / mean over training windows of 1/s):
 * <ul>
 *   <li>NONE: nothing (w = 1), every window counts the same in model units;</li>
 *   <li>SNAIVE: s_i, the mean absolute error of the in-sample seasonal naive forecast of the series in model
 *       units (transform and scaling applied, training part only; lag m, or 1 when the training part is not
 *       longer than m), so an MAE loss becomes a MASE-like scale-free loss and series with large
 *       period-to-period changes no longer dominate it. A series whose scale is 0 gets the mean weight.</li>
 * </ul>
 */
public enum LossScale {
    NONE, SNAIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LossScale parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown loss scale '" + text + "'; use none or snaive");
        }
    }

    /**
     * s = mean_t |z_t − z_{t−m}| over t in [m, end) (m = 1 when end ≤ m): MASE's scale
     * ({@link org.seqcast.metrics.Metrics#seasonalNaiveScale}) of the training part; NaN where that is undefined
     * (end &lt; 2, or a zero scale).
     *
     * @param z   a series in model units
     * @param end the end of its training part
     * @param m   the seasonal period
     */
    static double seasonalNaiveMae(double[] z, int end, int m) {
        return MetricReport.maseScale(Arrays.copyOf(z, end), end > m ? m : 1);
    }
}
