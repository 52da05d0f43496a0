/**
 * Layers and the two models, Keras-style: {@link org.seqcast.nn.LSTM}, {@link org.seqcast.nn.GRU},
 * {@link org.seqcast.nn.SimpleRNN}, {@link org.seqcast.nn.Dense}, {@link org.seqcast.nn.Dropout}, the wrappers
 * {@link org.seqcast.nn.Bidirectional} and {@link org.seqcast.nn.RepeatVector}, and the convolutional layers {@link org.seqcast.nn.Conv1D}, {@link org.seqcast.nn.Pooling1D} (max and average),
 * {@link org.seqcast.nn.GlobalAveragePooling1D} and {@link org.seqcast.nn.Flatten}, and the attention-related
 * {@link org.seqcast.nn.LayerNormalization} and {@link org.seqcast.nn.Attention} (dot-product self-attention), also
 * {@link org.seqcast.nn.AdditiveAttention}, {@link org.seqcast.nn.BatchNormalization} and {@link org.seqcast.nn.Masking}, stacked by
 * {@link org.seqcast.nn.Sequential} or wired into a directed acyclic graph with named inputs and outputs by
 * {@link org.seqcast.nn.Graph} (residual sums, concatenation, last step). Layers own parameters (PyTorch names
 * and layout) and activation buffers and call the kernels of {@link org.seqcast.nn.kernels}; they contain no
 * gate math themselves. Between layers sequences are time-major (T, B, F); the models' public API is batch-first.
 * The Transformer kinds: {@link org.seqcast.nn.MultiHeadAttention}, {@link org.seqcast.nn.PositionalEncoding}
 * (sinusoidal and learned) and the encoder block {@link org.seqcast.nn.TransformerEncoder} built into a Graph.
 *
 * <p>{@link org.seqcast.nn.LayerSpec} is the vocabulary of layers as data: one immutable record per kind with its
 * hyperparameters, defaults, parameter names and shapes; {@code spec.build()} makes the layer and
 * {@code layer.spec()} gives it back, so {@code Sequential.of(model.specs())} rebuilds a model's architecture.
 * Everything outside the engine (model files, importers, the ONNX exporter) works on specs.
 */
package org.seqcast.nn;
