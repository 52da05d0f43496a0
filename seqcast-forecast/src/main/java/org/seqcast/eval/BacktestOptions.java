package org.seqcast.eval;

/**
 * A rolling-origin backtest: {@code folds} forecast origins, {@code step} points apart, the last one H points
 * before the end of each series. Fold k (0-based) fits on points [0, n − H − (folds − 1 − k)·step) and is
 * scored on the H points that follow. {@code folds = 1} is the plain last-H holdout of the M competitions.
 *
 * @param folds number of origins, ≥ 1
 * @param step  points between origins, ≥ 1 (usually H)
 * @param refit refit every model at every origin (true), or fit once at the first origin and only forecast
 *              from the later ones (local baselines always use each origin's full past)
 */
public record BacktestOptions(int folds, int step, boolean refit) {
    public BacktestOptions {
        if (folds < 1) {
            throw new IllegalArgumentException("folds must be at least 1; got " + folds);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1; got " + step);
        }
    }

    /** The last-H holdout. */
    public static BacktestOptions holdout() {
        return new BacktestOptions(1, 1, true);
    }
}
