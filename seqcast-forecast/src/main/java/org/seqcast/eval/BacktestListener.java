package org.seqcast.eval;

/** Progress of a backtest: called on the calling thread before each model is fitted at each origin. */
@FunctionalInterface
public interface BacktestListener {
    void onFit(String model, int fold, int folds);

    BacktestListener NONE = (model, fold, folds) -> { };
}
