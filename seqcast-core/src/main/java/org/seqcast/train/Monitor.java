package org.seqcast.train;

/** The quantities a callback can monitor. */
final class Monitor {
    static final String LOSS = "loss";
    static final String VAL_LOSS = "val_loss";

    private Monitor() {
    }

    static void check(String monitor) {
        if (!LOSS.equals(monitor) && !VAL_LOSS.equals(monitor)) {
            throw new IllegalArgumentException("monitor must be \"loss\" or \"val_loss\"; got " + monitor);
        }
    }

    static double value(String monitor, EpochResult r) {
        return LOSS.equals(monitor) ? r.loss() : r.valLoss();
    }
}
