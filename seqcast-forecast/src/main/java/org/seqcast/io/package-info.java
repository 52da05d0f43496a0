/**
 * Model files: {@link org.seqcast.io.ModelFile} saves any fitted forecaster (a network, a classical method, a
 * network on seasonally adjusted series, an ensemble of any of them, any of them with conformal intervals:
 * {@link org.seqcast.io.ForecasterKind}) as one {@code .seqcast} file, on a path, a
 * stream or a byte array, and loads it back bit for bit (the same forecasts); it also describes a file for
 * {@code seqcast inspect}. A model file is a zip of two entries:
 * <pre>
 *   model.seqcast (zip)
 *   ├── manifest.json        format 2: versions, the forecaster section ({"kind": "rnn" | "baseline" | "ensemble" | "hybrid" | "conformal", its
 *   │                        config; an ensemble's members' own sections), data schema, provenance (data SHA-256,
 *   │                        metrics), weights SHA-256
 *   └── weights.safetensors  every network's state dict, PyTorch's tensor names (member k of an ensemble under
 *                            "members.k."), float32 ({@link org.seqcast.format.Safetensors})
 * </pre>
 * The manifest is bound by Jackson to the {@link org.seqcast.io.Manifest} records (the section records are
 * sealed under {@link org.seqcast.io.ForecasterSection}); format 1 files (one network) are read and upgraded.
 * The weights can be read by Python's {@code safetensors} and loaded into the equivalent PyTorch modules
 * ({@code tools/modelfile/check_model.py}). Every problem with a file, from a missing path to a flipped byte,
 * is a {@link org.seqcast.format.ModelFileException} that names the file, the problem (a manifest field by its
 * JSON path) and what to do.
 */
package org.seqcast.io;
