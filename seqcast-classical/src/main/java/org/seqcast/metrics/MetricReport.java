package org.seqcast.metrics;

/**
 * Every measure of {@link Metrics} for one forecast.
 *
 * @param mape NaN when an actual value is 0 (MAPE undefined)
 * @param mase NaN when no in-sample series was given or its seasonal naive error is 0
 */
public record MetricReport(double mse, double rmse, double mae, double mape, double smape, double mase) {
    /** Measures {@code forecast} against {@code actual}, MASE scaled on {@code insample} with season m. */
    public static MetricReport of(double[] actual, double[] forecast, double[] insample, int m) {
        return of(actual, forecast, insample == null ? Double.NaN : maseScale(insample, m));
    }

    /** {@link Metrics#seasonalNaiveScale}, or NaN where MASE is undefined (too short a series, or a zero scale). */
    public static double maseScale(double[] insample, int m) {
        try {
            return Metrics.seasonalNaiveScale(insample, m);
        } catch (IllegalArgumentException undefined) {
            return Double.NaN;
        }
    }

    /**
     * Measures {@code forecast} against {@code actual}, MASE as MAE / {@code maseScale} (a
     * {@link Metrics#seasonalNaiveScale} the caller already has; NaN for an undefined MASE).
     */
    public static MetricReport of(double[] actual, double[] forecast, double maseScale) {
        double mape;
        try {
            mape = Metrics.mape(actual, forecast);
        } catch (IllegalArgumentException zeroActual) {
            mape = Double.NaN;
        }
        double mae = Metrics.mae(actual, forecast);
        return new MetricReport(Metrics.mse(actual, forecast), Metrics.rmse(actual, forecast), mae, mape,
                Metrics.smape(actual, forecast), maseScale > 0 ? mae / maseScale : Double.NaN);
    }
}
