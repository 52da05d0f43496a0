package org.seqcast.train;

import java.util.List;

/**
 * The result of a fit: one {@link EpochResult} per epoch run, why training ended, and which epoch was best.
 *
 * @param epochs     the epochs that ran
 * @param stopReason why training ended, in words ("completed 100 epochs", "early stopping: ...", "non-finite loss ...")
 * @param diverged   true when a non-finite loss or gradient stopped training
 * @param bestEpoch  the epoch whose weights the model ends with when best weights were restored, else the last
 */
public record History(List<EpochResult> epochs, String stopReason, boolean diverged, int bestEpoch) {
    public History {
        epochs = List.copyOf(epochs);
    }

    /** Training loss per epoch. */
    public double[] loss() {
        return epochs.stream().mapToDouble(EpochResult::loss).toArray();
    }

    /** Validation loss per epoch (NaN without validation data). */
    public double[] valLoss() {
        return epochs.stream().mapToDouble(EpochResult::valLoss).toArray();
    }

    /** Learning rate per epoch. */
    public double[] learningRate() {
        return epochs.stream().mapToDouble(EpochResult::learningRate).toArray();
    }

    public int epochsRun() {
        return epochs.size();
    }
}
