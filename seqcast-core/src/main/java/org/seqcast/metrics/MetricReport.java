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
        double mape;
        try {
            mape = Metrics.mape(actual, forecast);
        } catch (IllegalArgumentException zeroActual) {
            mape = Double.NaN;
        }
        double mase;
        try {
            mase = insample == null ? Double.NaN : Metrics.mase(actual, forecast, insample, m);
        } catch (IllegalArgumentException undefined) {
            mase = Double.NaN;
        }
        return new MetricReport(Metrics.mse(actual, forecast), Metrics.rmse(actual, forecast),
                Metrics.mae(actual, forecast), mape, Metrics.smape(actual, forecast), mase);
    }
}
