package org.seqcast.train;

/**
 * Multiplies the learning rate by {@code factor} when the monitored loss has not improved by more than
 * {@code minDelta} for {@code patience} epochs, then waits {@code cooldown} epochs (Keras's
 * {@code ReduceLROnPlateau}; its defaults: factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minLr 0).
 */
public record ReduceLROnPlateau(String monitor, double factor, int patience, double minDelta, int cooldown,
                                double minLr) {
    public ReduceLROnPlateau {
        Monitor.check(monitor);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau factor must be in (0, 1); got " + factor);
        }
        if (patience < 0 || cooldown < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau patience and cooldown must be >= 0; got "
                    + patience + " and " + cooldown);
        }
        if (!(minDelta >= 0) || !(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau minDelta and minLr must be >= 0; got "
                    + minDelta + " and " + minLr);
        }
    }

    /** Keras's defaults, monitoring val_loss. */
    public static ReduceLROnPlateau defaults() {
        return new ReduceLROnPlateau(Monitor.VAL_LOSS, 0.1, 10, 1e-4, 0, 0.0);
    }
}
