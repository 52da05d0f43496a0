package org.seqcast.eval;

import org.seqcast.forecast.Forecast;
import org.seqcast.metrics.MetricReport;

/**
 * One model's forecast of one series at one origin, with the actual values and its errors.
 *
 * @param model     forecaster name
 * @param seriesId  series id
 * @param fold      origin number, 0 = earliest
 * @param trainSize points the model saw for this series
 * @param forecast  the forecast
 * @param actual    the H held-out values
 * @param metrics   the measures over the H steps (MASE scaled by the in-sample seasonal naive MAE of the fold's
 *                  training part)
 * @param maseScale the in-sample seasonal-naive MAE used to scale MASE (NaN if undefined)
 */
public record FoldResult(String model, String seriesId, int fold, int trainSize, Forecast forecast, double[] actual,
                         MetricReport metrics, double maseScale) {
    public FoldResult {
        actual = actual.clone();
    }

    @Override
    public double[] actual() {
        return actual.clone();
    }

    /** The scores of the forecast's intervals and quantiles ({@link IntervalScores#NONE} for a point forecast). */
    public IntervalScores intervalScores() {
        return IntervalScores.of(forecast.distribution(), actual, maseScale);
    }
}
