package org.seqcast.eval;

/**
 * A rolling-origin backtest: {@code folds} forecast origins, {@code step} points apart, the last one H points
 * before the end of each series. Fold k (0-based) fits on points [0, n − H − (folds − 1 − k)·step) and is
 * scored on the H points that follow. {@code folds = 1} is the plain last-H holdout of the M competitions.
 * <p>
 * With {@code dropLast = D > 0} every series first loses its last D points, which the backtest never reads;
 * n above is then the length after the drop. With D = H on a competition's data (in-sample part and holdout),
 * every origin lies inside the training part: validation origins on which settings can be chosen without
 * looking at the holdout.
 *
 * @param folds    number of origins, ≥ 1
 * @param step     points between origins, ≥ 1 (usually H)
 * @param refit    refit every model at every origin (true), or fit once at the first origin and only forecast
 *                 from the later ones (local baselines always use each origin's full past)
 * @param dropLast points removed from the end of every series before anything else, ≥ 0 (0 = none)
 */
public record BacktestOptions(int folds, int step, boolean refit, int dropLast) {
    public BacktestOptions {
        if (folds < 1) {
            throw new IllegalArgumentException("folds must be at least 1; got " + folds);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1; got " + step);
        }
        if (dropLast < 0) {
            throw new IllegalArgumentException("dropLast must be 0 (keep every point) or more; got " + dropLast);
        }
    }

    /** Options that use every point of the series (dropLast = 0). */
    public BacktestOptions(int folds, int step, boolean refit) {
        this(folds, step, refit, 0);
    }

    /** The last-H holdout. */
    public static BacktestOptions holdout() {
        return new BacktestOptions(1, 1, true);
    }

    /** These options with the last {@code points} of every series removed first (validation origins). */
    public BacktestOptions droppingLast(int points) {
        return new BacktestOptions(folds, step, refit, points);
    }
}
