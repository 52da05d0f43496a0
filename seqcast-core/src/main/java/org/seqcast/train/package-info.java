/**
 * The fit loop ({@link org.seqcast.train.Trainer}) and what surrounds it: options, early stopping,
 * learning-rate reduction on plateau, progress listeners and the training history. No I/O.
 */
package org.seqcast.train;
