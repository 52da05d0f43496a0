package org.seqcast.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a Keras HDF5 model file (Keras 2, and Keras 3's legacy format): {@code model_weights} lists
 * the layers with weights in its {@code layer_names} attribute; each layer's group lists its weights in
 * {@code weight_names}, as paths relative to the group:
 * <pre>
 *   model_weights/lstm/lstm/lstm_cell/kernel:0             tf.keras 2.x     ("lstm/lstm_cell/kernel:0")
 *   model_weights/gru_1/gru_1/kernel:0                     Keras 2.0-2.3    ("gru_1/kernel:0")
 *   model_weights/simple_rnn/kernel                        Keras 3.0        ("kernel")
 *   model_weights/lstm/sequential/lstm/lstm_cell/kernel    later Keras 3    ("sequential/lstm/lstm_cell/kernel")
 * </pre>
 * A weight's role is the last part of its name without the {@code :0} suffix.
 */
final class Hdf5Weights implements WeightReader {
    private final Group modelWeights;
    private final List<String> layerNames;
    private final String file;

    Hdf5Weights(Group modelWeights, String file) {
        this.modelWeights = modelWeights;
        this.file = file;
        List<String> names = H5.strings(modelWeights, "layer_names", file);
        if (names == null) {
            throw new KerasImportException(file, "model_weights has no layer_names attribute; the file was not"
                    + " written by Keras's model.save");
        }
        this.layerNames = names;
    }

    @Override
    public Map<String, WeightArray> read(KerasLayer layer) {
        Group g = layerNames.contains(layer.name()) ? H5.childGroup(modelWeights, layer.name(), file) : null;
        if (g == null) {
            throw new KerasImportException(file, layer.where(), null, "no weights for this layer: model_weights has"
                    + " groups for " + layerNames, null);
        }
        List<String> names = H5.strings(g, "weight_names", file);
        if (names == null || names.isEmpty()) {
            throw new KerasImportException(file, layer.where(), null, "model_weights/" + layer.name() + " lists no"
                    + " weights (weight_names is missing or empty)", null);
        }
        Map<String, WeightArray> out = new LinkedHashMap<>();
        for (String name : names) {
            String source = "model_weights/" + layer.name() + "/" + name;
            Node n = H5.node(g, name, file);
            if (!(n instanceof Dataset ds)) {
                throw new KerasImportException(file, layer.where(), null, "weight " + source + " is listed in"
                        + " weight_names but missing from the file", null);
            }
            String role = layer instanceof KerasLayer.Bidirectional ? direction(name, layer, source) + role(name)
                    : layer instanceof KerasLayer.MultiHeadAttention ? sublayerRole(name) : role(name);
            if (out.put(role, H5.floats(ds, source, file)) != null) {
                throw new KerasImportException(file, layer.where(), null, "two weights named " + role + " in"
                        + " weight_names " + names, null);
            }
        }
        return out;
    }

    /**
     * A Bidirectional's weight names hold its two layers' names, {@code forward_<name>} and {@code backward_<name>}
     * (e.g. "bidirectional/forward_lstm/lstm_cell/kernel:0"): the role's prefix.
     */
    private String direction(String weightName, KerasLayer layer, String source) {
        for (String part : weightName.split("/")) {
            if (part.startsWith("forward_")) {
                return FORWARD;
            }
            if (part.startsWith("backward_")) {
                return BACKWARD;
            }
        }
        throw new KerasImportException(file, layer.where(), null, "weight " + source + " belongs to neither the"
                + " forward_ nor the backward_ layer of this Bidirectional", null);
    }

    /** MultiHeadAttention's "mha/query/kernel:0" -> "query_kernel": the sublayer and the variable. */
    static String sublayerRole(String weightName) {
        String[] parts = weightName.split("/");
        return parts.length < 2 ? role(weightName) : parts[parts.length - 2] + "_" + role(weightName);
    }

    /** "lstm/lstm_cell/kernel:0" -> "kernel". */
    static String role(String weightName) {
        String base = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = base.lastIndexOf(':');
        return colon > 0 ? base.substring(0, colon) : base;
    }
}
