/**
 * Seqcast: recurrent neural network forecasting for the JVM.
 *
 * <p>Packages, from the bottom up: {@link org.seqcast.tensor} (storage, seeded randomness, threads),
 * {@link org.seqcast.nn.kernels} (the only place with gate math: forward and backward side by side),
 * {@link org.seqcast.nn} (layers and the {@link org.seqcast.nn.Sequential} model),
 * {@link org.seqcast.nn.loss}, {@link org.seqcast.optim} and {@link org.seqcast.train} (the fit loop's
 * options, callbacks and history).
 */
package org.seqcast;
