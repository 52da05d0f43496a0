package org.seqcast.train;

/**
 * Stops training when the monitored loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs (Keras's {@code EarlyStopping}). With {@code restoreBestWeights} (the default
 * here) the model ends with the weights of its best epoch, whether or not it stopped early.
 *
 * @param monitor            "val_loss" (default) or "loss"
 * @param patience           epochs without improvement before stopping, ≥ 0
 * @param minDelta           the smallest decrease that counts as an improvement, ≥ 0
 * @param restoreBestWeights whether to end with the best epoch's weights
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
    public EarlyStopping {
        Monitor.check(monitor);
        if (patience < 0) {
            throw new IllegalArgumentException("early-stopping patience must be >= 0; got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("early-stopping minDelta must be finite and >= 0; got " + minDelta);
        }
    }

    /** Monitors val_loss, restores the best weights. */
    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(Monitor.VAL_LOSS, patience, 0.0, true);
    }
}
