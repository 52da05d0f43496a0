/**
 * Keras model import: {@link org.seqcast.keras.KerasImport#load} reads a Keras 2 HDF5 file, a Keras 3 legacy
 * HDF5 file or a Keras 3 {@code .keras} archive holding a Sequential model of InputLayer, LSTM, GRU, SimpleRNN,
 * Dense, Dropout, Bidirectional, RepeatVector, TimeDistributed(Dense), Conv1D, MaxPooling1D, AveragePooling1D,
 * GlobalAveragePooling1D, Flatten, LayerNormalization, BatchNormalization and Masking (Attention and AdditiveAttention
 * need a functional model), and returns an {@link org.seqcast.keras.ImportedModel}: the Seqcast
 * {@link org.seqcast.nn.Sequential} with the file's weights, its input shape (T, I), notes, and the Keras
 * version and backend. What cannot be imported is a {@link org.seqcast.keras.KerasImportException} naming the
 * file, the layer and the option.
 *
 * <p>Inside: {@code KerasImport} tells the format from the first bytes; {@code H5} is the only user of the
 * HDF5 reader (jhdf), {@code Hdf5Weights} and {@code ArchiveWeights} find each layer's weights in the two
 * layouts; {@code KerasConfig} reads the model config into {@code KerasLayer}s, refusing what Seqcast cannot
 * honour; {@code KerasActivations} resolves activation names per Keras version (hard_sigmoid changed in Keras 3);
 * {@code KerasLayout} is the one home of the Keras ↔ PyTorch weight mapping (transposes, GRU gate order z, r, h
 * → r, z, n, biases); {@code ModelAssembler} checks every shape and builds the network. See docs/KERAS.md.
 */
package org.seqcast.keras;
