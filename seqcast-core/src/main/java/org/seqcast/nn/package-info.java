/**
 * Layers and the {@link org.seqcast.nn.Sequential} model, Keras-style: {@link org.seqcast.nn.LSTM},
 * {@link org.seqcast.nn.GRU}, {@link org.seqcast.nn.SimpleRNN}, {@link org.seqcast.nn.Dense},
 * {@link org.seqcast.nn.Dropout}. Layers own parameters (PyTorch names and layout) and activation buffers
 * and call the kernels of {@link org.seqcast.nn.kernels}; they contain no gate math themselves.
 * Between layers sequences are time-major (T, B, F); the model's public API is batch-first.
 */
package org.seqcast.nn;
