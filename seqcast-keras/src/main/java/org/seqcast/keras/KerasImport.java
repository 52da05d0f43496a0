package org.seqcast.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.seqcast.nn.Graph;

/**
 * Imports a Keras model file as a Seqcast {@link org.seqcast.nn.Sequential} (a Keras Sequential model) or a
 * {@link Graph} (a Keras Functional model):
 * <pre>{@code
 * ImportedModel m = KerasImport.load(Path.of("model.h5"));
 * Tensor y = m.model().predict(x);          // Sequential: x (B, T, I), as Keras's model.predict
 * Map<String, Tensor> ys = m.graph().predict(Map.of("input_1", x));   // Functional: by input and output layer names
 * }</pre>
 * A Functional model becomes a Graph with one node per Keras layer, named as the layer: its InputLayers are the
 * graph's inputs, its {@code output_layers} the graph's outputs; {@code Add} and {@code Concatenate} (last axis)
 * merge nodes, and {@code Attention} and {@code AdditiveAttention} are imported when called on one sequence as query
 * and value ({@code Attention()([x, x])}), {@code MultiHeadAttention} likewise ({@code MultiHeadAttention(...)(x, x)}, from
 * HDF5 files). Shared layers (called more than once), layers with several outputs and other
 * multi-input layers are refused naming the layer.
 * Reads Keras 2 HDF5 files (Keras 2.1 on, standalone or tf.keras), Keras 3 legacy HDF5 files and Keras 3
 * {@code .keras} archives (the format is told from the file's first bytes, not its name) holding a Sequential
 * model of InputLayer, LSTM, GRU (reset_after True or False), SimpleRNN, Dense, Dropout, Bidirectional,
 * RepeatVector, TimeDistributed(Dense), Conv1D (valid, same or causal padding, strides, dilation), MaxPooling1D,
 * AveragePooling1D, GlobalAveragePooling1D, Flatten, LayerNormalization (axis -1), BatchNormalization (axis -1) and
 * Masking (before LSTM, GRU and SimpleRNN). Activations linear, sigmoid, tanh, relu, hard_sigmoid and (Dense, Conv1D)
 * softmax are honoured as the Keras version that wrote the file defines
 * them. Weights are converted to Seqcast's (PyTorch's) layout as {@link KerasLayout} describes; the imported
 * model predicts what Keras predicts, to float32 rounding (see docs/KERAS.md).
 *
 * <p>Everything else (other layers, stateful or backwards layers, other activations) is
 * refused with a {@link KerasImportException} naming the file, the layer and the option; so are truncated or
 * corrupted files, missing weights and weights of the wrong shape. Options that act only in Keras's training
 * are ignored and listed in {@link ImportedModel#notes()}.
 */
public final class KerasImport {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private KerasImport() {
    }

    /**
     * Reads {@code file} and returns the network, built, with the file's weights.
     *
     * @throws KerasImportException when the file cannot be read or holds something Seqcast cannot import; the
     *                              message names the file and, where it applies, the layer and the option
     */
    public static ImportedModel load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new KerasImportException(name, Files.exists(file) ? "not a regular file" : "no such file");
        }
        byte[] head = head(file, name);
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return KerasArchive.read(file, name);
        }
        if (isHdf5(file, name)) {
            return readHdf5(file, name);
        }
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < Math.min(4, head.length); k++) {
            hex.append(k > 0 ? " " : "").append(String.format("%02x", head[k] & 0xff));
        }
        throw new KerasImportException(name, "not a Keras model file: it is neither HDF5 (.h5) nor a zip archive"
                + " (.keras)" + (head.length == 0 ? "; it is empty" : " (the first bytes are " + hex + ")"));
    }

    private static ImportedModel readHdf5(Path path, String file) {
        try (HdfFile h5 = H5.open(path, file)) {
            String config = H5.string(h5, "model_config", file);
            if (config == null) {
                throw new KerasImportException(file, H5.strings(h5, "layer_names", file) != null
                        ? "the file holds weights only (model.save_weights); Seqcast needs the whole model, saved"
                        + " with model.save(...), for the architecture"
                        : "no model_config attribute: not a model saved by Keras's model.save");
            }
            String version = H5.string(h5, "keras_version", file);
            if (version == null) {
                throw new KerasImportException(file, "no keras_version attribute: the file predates Keras 2 or was not"
                        + " written by Keras; Seqcast imports files of Keras 2 and 3");
            }
            int major = major(version, file);
            String backend = H5.string(h5, "backend", file);
            Group weights = H5.childGroup(h5, "model_weights", file);
            if (weights == null) {
                throw new KerasImportException(file, "no model_weights group: the model was saved without weights");
            }
            return assemble(parse(config, "model_config", file), major, version, backend,
                    major >= 3 ? KerasFormat.KERAS3_LEGACY_HDF5 : KerasFormat.KERAS2_HDF5,
                    layers -> new Hdf5Weights(weights, file), file);
        }
    }

    /** Builds the model from a parsed config and a weight reader made for its layers. */
    static ImportedModel assemble(JsonNode config, int major, String version, String backend, KerasFormat format,
                                  Function<List<KerasLayer>, WeightReader> weights, String file) {
        if (KerasConfig.isFunctional(config)) {
            FunctionalConfig parsed = KerasConfig.parseFunctional(config, major, version, file);
            Graph graph = ModelAssembler.assembleGraph(parsed, weights.apply(parsed.layers()), file);
            int[] input = parsed.inputs().size() == 1 ? parsed.inputs().get(0).shape() : new int[0];
            return new ImportedModel(null, graph, input, parsed.notes(), version, backend, format);
        }
        ModelConfig parsed = KerasConfig.parse(config, major, version, file);
        List<String> notes = new ArrayList<>(parsed.notes());
        ModelAssembler.Result r = ModelAssembler.assemble(parsed, weights.apply(parsed.layers()), file, notes);
        return new ImportedModel(r.model(), null, r.inputShape(), notes, version, backend, format);
    }

    /** Parses JSON text from the file. */
    static JsonNode parse(String json, String what, String file) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new KerasImportException(file, what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new KerasImportException(file, what + " is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
    }

    /**
     * The major version of a Keras version string ("2.3.0-tf" -> 2).
     *
     * @throws KerasImportException for versions other than 2 and 3
     */
    static int major(String version, String file) {
        String digits = version.strip().replaceFirst("^(\\d+).*$", "$1");
        if (!digits.matches("\\d+")) {
            throw new KerasImportException(file, "keras_version '" + version + "' is not a version number");
        }
        int major = Integer.parseInt(digits);
        if (major < 2 || major > 3) {
            throw new KerasImportException(file, "written by Keras " + version + "; Seqcast imports files of Keras 2"
                    + " and 3" + (major < 2 ? " (load it in Keras 2 and save it again)" : ""));
        }
        return major;
    }

    private static byte[] head(Path file, String name) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            throw new KerasImportException(name, "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** The HDF5 signature at offset 0, 512, 1024, 2048, ... (a user block shifts it). */
    private static boolean isHdf5(Path file, String name) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(8);
            for (long off = 0; off + 8 <= size; off = off == 0 ? 512 : off * 2) {
                buf.clear();
                ch.position(off);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // fill the eight bytes
                }
                if (Arrays.equals(buf.array(), HDF5_SIGNATURE)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new KerasImportException(name, "cannot read the file: " + e.getMessage(), e);
        }
    }
}
