/**
 * File formats that need only the engine, shared by the forecasting workflow, the Keras importer and the CLI:
 * {@link org.seqcast.format.Safetensors} (weights by name, the format PyTorch and Hugging Face use),
 * {@link org.seqcast.format.Npy} (NumPy arrays), {@link org.seqcast.format.NetworkSpec} (a network's architecture
 * as JSON, with PyTorch module names; its layers are {@link org.seqcast.nn.LayerSpec}s, bound to JSON by
 * {@link org.seqcast.format.LayerSpecJson}) and {@link org.seqcast.format.AtomicFile} (every file written for a user is
 * written whole or not at all). Every unreadable file is a {@link org.seqcast.format.ModelFileException} naming the
 * file, the problem and what to do.
 */
package org.seqcast.format;
