package org.seqcast.train;

/**
 * What a fit is about to do, given to listeners at the start.
 *
 * @param epochs            the maximum number of epochs
 * @param batchesPerEpoch   batches in one epoch
 * @param trainSamples      training samples
 * @param validationSamples validation samples (0 without validation)
 */
public record TrainingPlan(int epochs, int batchesPerEpoch, int trainSamples, int validationSamples) {
}
