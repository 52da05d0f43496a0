package org.seqcast.train;

/**
 * Progress callbacks of a fit (Keras's callbacks, Smile's training status). Called on the training
 * thread; the library itself prints nothing, so progress bars and logs are listeners.
 */
public interface TrainingListener {
    default void onTrainBegin(TrainingPlan plan) {
    }

    /** After each batch's update; {@code batch} counts from 1. */
    default void onBatchEnd(int epoch, int batch, int batches, double loss) {
    }

    default void onEpochEnd(EpochResult result) {
    }

    default void onTrainEnd(History history) {
    }
}
