package org.seqcast.forecast;

import org.seqcast.data.TimeSeries;
import org.seqcast.metrics.MetricReport;

/**
 * What a conformal calibration score measures: the absolute error |y_{t+k} − ŷ_{t+k|t}| of step k from origin
 * t, divided by a scale s(x_1..x_t) of the history the forecast was made from. The interval of a new forecast
 * is ŷ ± r·s with r a quantile of the scores, so a scaled score lets one set of scores serve series of any
 * size.
 */
public enum ConformalScore {
    /**
     * s = 1: errors in the series' units. Right for one series, or for series on one scale; pooled over series
     * of different sizes, the big series' errors would set everyone's intervals.
     */
    ABSOLUTE,
    /**
     * s = the history's in-sample MAE of the seasonal naive forecast (MASE's scale,
     * {@link MetricReport#maseScale}), or of the naive forecast when that is undefined (a history at most one
     * season long, or one that repeats itself exactly every season); undefined (NaN) for a constant history.
     */
    SCALED;

    /** The scale s of scores computed from, and intervals drawn around forecasts from, {@code history}. */
    public double scale(TimeSeries history) {
        return switch (this) {
            case ABSOLUTE -> 1;
            case SCALED -> {
                double[] x = history.values();
                double seasonal = MetricReport.maseScale(x, history.seasonalPeriod());
                yield seasonal > 0 ? seasonal : MetricReport.maseScale(x, 1);
            }
        };
    }
}
