package org.seqcast.metrics;

/**
 * Forecast accuracy measures as pure functions of the actual values y_1..y_h and the forecasts f_1..f_h, with
 * the definitions of R's {@code forecast::accuracy} (checked against it, see {@code tools/golden/accuracy_r.R}):
 * <pre>
 *   MSE   = (1/h) Σ (y_t − f_t)²                    RMSE = √MSE
 *   MAE   = (1/h) Σ |y_t − f_t|
 *   MAPE  = (100/h) Σ |y_t − f_t| / |y_t|            (undefined when some y_t = 0)
 *   sMAPE = (200/h) Σ |y_t − f_t| / (|y_t| + |f_t|)  (the M3 competition's definition, in percent)
 *   MASE  = MAE / ((1/(n−m)) Σ_{t=m+1..n} |x_t − x_{t−m}|)   on the in-sample series x_1..x_n, season m
 * </pre>
 * MASE's denominator is the in-sample MAE of the seasonal naive forecast (the naive one when m = 1), so MASE < 1
 * means better than that benchmark on average. Sums run in double, in index order.
 */
public final class Metrics {
    private Metrics() {
    }

    /** Mean squared error. */
    public static double mse(double[] actual, double[] forecast) {
        check(actual, forecast);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            double e = actual[t] - forecast[t];
            s += e * e;
        }
        return s / actual.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] actual, double[] forecast) {
        return Math.sqrt(mse(actual, forecast));
    }

    /** Mean absolute error. */
    public static double mae(double[] actual, double[] forecast) {
        check(actual, forecast);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            s += Math.abs(actual[t] - forecast[t]);
        }
        return s / actual.length;
    }

    /**
     * Mean absolute percentage error, in percent.
     *
     * @throws IllegalArgumentException if an actual value is 0 (MAPE is undefined there; use sMAPE or MASE)
     */
    public static double mape(double[] actual, double[] forecast) {
        check(actual, forecast);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            if (actual[t] == 0) {
                throw new IllegalArgumentException("MAPE is undefined: actual value at position " + t
                        + " is 0; use sMAPE or MASE for series with zeros");
            }
            s += Math.abs((actual[t] - forecast[t]) / actual[t]);
        }
        return 100 * s / actual.length;
    }

    /**
     * Symmetric MAPE as in the M3 competition, in percent (0 to 200). A step where actual and forecast are both 0
     * has no error and counts as 0.
     */
    public static double smape(double[] actual, double[] forecast) {
        check(actual, forecast);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            double denominator = Math.abs(actual[t]) + Math.abs(forecast[t]);
            if (denominator > 0) {
                s += Math.abs(actual[t] - forecast[t]) / denominator;
            }
        }
        return 200 * s / actual.length;
    }

    /**
     * The in-sample MAE of the seasonal naive forecast, (1/(n−m)) Σ_{t=m+1..n} |x_t − x_{t−m}|: MASE's scale.
     *
     * @throws IllegalArgumentException if the series is not longer than m, or its scale is 0 (a series that
     *                                  repeats itself exactly every m steps, where MASE is undefined)
     */
    public static double seasonalNaiveScale(double[] insample, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("seasonal period must be at least 1; got " + m);
        }
        if (insample.length <= m) {
            throw new IllegalArgumentException("MASE needs an in-sample series longer than the seasonal period " + m
                    + "; got " + insample.length + " values");
        }
        double s = 0;
        for (int t = m; t < insample.length; t++) {
            s += Math.abs(insample[t] - insample[t - m]);
        }
        double scale = s / (insample.length - m);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("MASE is undefined: the in-sample series repeats itself exactly every "
                    + m + " steps, so the seasonal naive error it is scaled by is " + scale);
        }
        return scale;
    }

    /** Mean absolute scaled error: MAE over the in-sample seasonal naive MAE with season m (1 for non-seasonal). */
    public static double mase(double[] actual, double[] forecast, double[] insample, int m) {
        return mae(actual, forecast) / seasonalNaiveScale(insample, m);
    }

    private static void check(double[] actual, double[] forecast) {
        if (actual.length != forecast.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values but forecast has "
                    + forecast.length + "; they must cover the same steps");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("cannot measure an empty forecast");
        }
        for (int t = 0; t < actual.length; t++) {
            if (!Double.isFinite(actual[t]) || !Double.isFinite(forecast[t])) {
                throw new IllegalArgumentException("non-finite value at position " + t + ": actual " + actual[t]
                        + ", forecast " + forecast[t]);
            }
        }
    }
}
