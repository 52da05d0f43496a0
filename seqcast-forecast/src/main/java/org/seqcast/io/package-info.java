/**
 * Model files: {@link org.seqcast.io.ModelFile} saves a trained {@link org.seqcast.forecast.FittedRnn} as one
 * {@code .seqcast} file and loads it back bit for bit (the same forecasts), and describes it for
 * {@code seqcast inspect}. A model file is a zip of two entries:
 * <pre>
 *   model.seqcast (zip)
 *   ├── manifest.json        format, versions, architecture, every config field, data schema, per-series scalers,
 *   │                        training provenance (seed, data SHA-256, loss curves, metrics), weights SHA-256
 *   └── weights.safetensors  the network's state dict, PyTorch's tensor names, float32 ({@link org.seqcast.format.Safetensors})
 * </pre>
 * The weights can be read by Python's {@code safetensors} and loaded into the equivalent PyTorch modules
 * ({@code tools/modelfile/check_model.py}). Every problem with a file, from a missing path to a flipped byte,
 * is a {@link org.seqcast.format.ModelFileException} that names the file, the problem and what to do.
 */
package org.seqcast.io;
