package org.seqcast.train;

/**
 * What one epoch produced.
 *
 * @param epoch        1-based epoch number
 * @param loss         mean training loss over the epoch's batches (weighted by batch size), L2 penalty included
 * @param valLoss      validation loss after the epoch, or NaN without validation data
 * @param learningRate the learning rate used during the epoch
 * @param millis       wall-clock time of the epoch
 */
public record EpochResult(int epoch, double loss, double valLoss, double learningRate, long millis) {
    public boolean hasValLoss() {
        return !Double.isNaN(valLoss);
    }
}
