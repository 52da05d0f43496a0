package org.seqcast.eval;

import org.seqcast.metrics.MetricReport;

/**
 * One model's backtest scores: each measure averaged over folds per series, then over series (the mean of
 * per-series values, as the M and tourism competitions report); NaN values (MAPE of a series with a zero,
 * MASE of a series with a zero seasonal-naive error) are left out of the mean.
 *
 * @param model      forecaster name
 * @param series     number of series
 * @param folds      number of origins
 * @param mean       mean MSE, RMSE, MAE, MAPE, sMAPE and MASE
 * @param maeByStep  MAE of step k = 1..H over every series and fold
 * @param smapeByStep sMAPE of step k
 * @param maseByStep |error| of step k divided by the series' in-sample seasonal-naive MAE, averaged
 * @param skill      mean MASE divided by the seasonal naive's mean MASE: below 1 beats seasonal naive
 * @param fallbacks  forecasts that carry a note: made by a simpler method (too short a history), with fewer
 *                   terms (a regressor constant over the history), with an unseen category; the notes say which
 * @param intervals  the scores of the forecasts' intervals and quantiles ({@link IntervalSummary#NONE} when they
 *                   carry none)
 */
public record ModelSummary(String model, int series, int folds, MetricReport mean, double[] maeByStep,
                           double[] smapeByStep, double[] maseByStep, double skill, int fallbacks,
                           IntervalSummary intervals) {
    /** The summary of a model whose forecasts carry no intervals. */
    public ModelSummary(String model, int series, int folds, MetricReport mean, double[] maeByStep,
                        double[] smapeByStep, double[] maseByStep, double skill, int fallbacks) {
        this(model, series, folds, mean, maeByStep, smapeByStep, maseByStep, skill, fallbacks, IntervalSummary.NONE);
    }

    public ModelSummary {
        intervals = intervals == null ? IntervalSummary.NONE : intervals;
        maeByStep = maeByStep.clone();
        smapeByStep = smapeByStep.clone();
        maseByStep = maseByStep.clone();
    }

    @Override
    public double[] maeByStep() {
        return maeByStep.clone();
    }

    @Override
    public double[] smapeByStep() {
        return smapeByStep.clone();
    }

    @Override
    public double[] maseByStep() {
        return maseByStep.clone();
    }

    /** True when the model's MASE is not lower than the seasonal naive's (false when the skill is undefined). */
    public boolean failsToBeatSeasonalNaive() {
        return skill >= 1;
    }

    /** The comparison in words, the one wording the text table and the report share. */
    public String verdict() {
        if (model.equals(Backtest.REFERENCE)) {
            return "reference";
        }
        if (Double.isNaN(skill)) {
            return "skill undefined (MASE undefined)";
        }
        return failsToBeatSeasonalNaive() ? "does NOT beat seasonal naive" : "beats seasonal naive";
    }
}
