/**
 * The fit loop ({@link org.seqcast.train.Trainer}) and what surrounds it: options, early stopping,
 * learning-rate reduction on plateau or a {@link org.seqcast.train.LearningRateSchedule}, progress listeners and
 * the training history. No I/O. The trainer sees a model only as a {@link org.seqcast.train.Trainable} and its
 * data as {@link org.seqcast.train.Samples} (named tensors, and optional per-sample weights, sliced and shuffled
 * together), so it trains {@code Sequential} and {@code Graph} alike and does not
 * depend on {@code org.seqcast.nn}.
 */
package org.seqcast.train;
