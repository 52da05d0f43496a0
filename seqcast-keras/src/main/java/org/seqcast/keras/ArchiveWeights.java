package org.seqcast.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weights in a .keras archive's {@code model.weights.h5} (Keras 3's saving_lib): every saveable's variables
 * are datasets {@code <path>/vars/0, 1, ...} in the layer's variable order. A Sequential's layers sit under
 * {@code layers/<snake_case(class name)>}, with {@code _1}, {@code _2}, ... for the second and later layers
 * of a class (the InputLayer is not among them), and a recurrent layer's variables under its {@code cell}:
 * <pre>
 *   layers/lstm/cell/vars/0, 1, 2        kernel (I, 4H), recurrent_kernel (H, 4H), bias (4H)
 *   layers/gru_1/cell/vars/0, 1, 2       kernel (I, 3H), recurrent_kernel (H, 3H), bias (2, 3H) or (3H)
 *   layers/dense/vars/0, 1               kernel (F, O), bias (O)
 *   layers/bidirectional/forward_layer/cell/vars/0, 1, 2, and backward_layer/cell/vars/0, 1, 2
 *   layers/time_distributed/layer/vars/0, 1  the wrapped Dense's kernel, bias
 * </pre>
 * Archives of Keras 2.13 to 2.15 used {@code _layer_checkpoint_dependencies} for {@code layers} (as Keras 3's
 * loader also accepts), possibly with the layer's own name; those paths are tried next.
 */
final class ArchiveWeights implements WeightReader {
    private static final String ENTRY = "model.weights.h5";
    private final Group root;
    private final String file;
    private final Map<KerasLayer, String> paths = new HashMap<>();

    /** @param layers the model's layers in order, which fixes the per-class counters of the paths */
    ArchiveWeights(Group root, List<KerasLayer> layers, String file) {
        this.root = root;
        this.file = file;
        Map<String, Integer> used = new HashMap<>();
        for (KerasLayer l : layers) {
            String base = snakeCase(l.className());
            int k = used.merge(base, 1, Integer::sum) - 1;
            paths.put(l, k == 0 ? base : base + "_" + k);
        }
    }

    /** Keras's naming.to_snake_case: "SimpleRNN" -> "simple_rnn", "LSTM" -> "lstm". */
    static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @Override
    public Map<String, WeightArray> read(KerasLayer layer) {
        if (layer instanceof KerasLayer.Bidirectional bi) {
            return bidirectional(bi);
        }
        if (layer instanceof KerasLayer.TimeDistributed td) {                 // the wrapper's "layer" attribute
            return read(td.dense(), paths.get(layer), layer.name(), "/layer");
        }
        return read(layer, paths.get(layer), layer.name(), "");
    }

    /**
     * A Bidirectional's two layers, {@code layers/bidirectional/forward_layer/cell/vars/...} and
     * {@code .../backward_layer/cell/vars/...} (its {@code layer/cell/vars}, the unused template, is empty).
     */
    private Map<String, WeightArray> bidirectional(KerasLayer.Bidirectional bi) {
        Map<String, WeightArray> out = new LinkedHashMap<>();
        read(bi.layer(), paths.get(bi), bi.name(), "/forward_layer").forEach((k, v) -> out.put(FORWARD + k, v));
        read(bi.layer(), paths.get(bi), bi.name(), "/backward_layer").forEach((k, v) -> out.put(BACKWARD + k, v));
        return out;
    }

    /** The variables of {@code layer} stored at {@code path} + {@code sub} (or under its name). */
    private Map<String, WeightArray> read(KerasLayer layer, String path, String name, String sub) {
        boolean recurrent = layer instanceof KerasLayer.Recurrent;
        List<String> tried = new ArrayList<>();
        for (String base : List.of("layers/" + path, "_layer_checkpoint_dependencies/" + path,
                "_layer_checkpoint_dependencies/" + name)) {
            String vars = base + sub + (recurrent ? "/cell/vars" : "/vars");
            tried.add(vars);
            if (H5.node(root, vars, file) instanceof Group g && !H5.guard(file, vars, g::getChildren).isEmpty()) {
                return roles(layer, g, vars);
            }
        }
        throw new KerasImportException(file, layer.where(), null, ENTRY + " holds no variables for this layer (looked"
                + " in " + String.join(", ", tried) + ")", null);
    }

    private Map<String, WeightArray> roles(KerasLayer layer, Group vars, String path) {
        if (layer instanceof KerasLayer.LayerNormalization) {
            return variables(layer, vars, path, List.of("gamma", "beta"), "");
        }
        if (layer instanceof KerasLayer.MultiHeadAttention) {
            throw new KerasImportException(file, layer.where(), null, "not supported in .keras archives yet: Seqcast"
                    + " reads MultiHeadAttention's weights from HDF5 files (model.save('m.h5'))", null);
        }
        if (layer instanceof KerasLayer.Attention a) {                    // scale, then concat_score_weight
            return variables(layer, vars, path, a.spec().parameters(1).stream().map(p -> p.name()).toList(), "");
        }
        if (layer instanceof KerasLayer.AdditiveAttention a) {            // scale with use_scale
            return variables(layer, vars, path, a.spec().parameters(1).stream().map(p -> p.name()).toList(), "");
        }
        if (layer instanceof KerasLayer.BatchNormalization b) {
            return variables(layer, vars, path, b.variables(), " with center=" + (b.spec().center() ? "True" : "False")
                    + ", scale=" + (b.spec().scale() ? "True" : "False"));
        }
        boolean recurrent = layer instanceof KerasLayer.Recurrent;
        boolean bias = recurrent ? ((KerasLayer.Recurrent) layer).useBias()
                : layer instanceof KerasLayer.Conv1D c ? c.spec().useBias() : ((KerasLayer.Dense) layer).useBias();
        List<String> names = new ArrayList<>(recurrent ? List.of("kernel", "recurrent_kernel") : List.of("kernel"));
        if (bias) {
            names.add("bias");
        }
        return variables(layer, vars, path, names, " with use_bias=" + (bias ? "True" : "False"));
    }

    /** The variables 0, 1, ... of {@code vars} under {@code names}; {@code option} qualifies how many there must be. */
    private Map<String, WeightArray> variables(KerasLayer layer, Group vars, String path, List<String> names,
                                               String option) {
        int count = H5.guard(file, path, () -> vars.getChildren().size());
        if (count != names.size()) {
            throw new KerasImportException(file, layer.where(), null, ENTRY + ":" + path + " holds " + count
                    + " variables; " + layer.className() + option + " has "
                    + names.size() + " (" + String.join(", ", names) + ")", null);
        }
        Map<String, WeightArray> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String source = ENTRY + ":" + path + "/" + i;
            Node n = H5.node(vars, String.valueOf(i), file);
            if (!(n instanceof Dataset ds)) {
                throw new KerasImportException(file, layer.where(), null, source + " is missing", null);
            }
            out.put(names.get(i), H5.floats(ds, source, file));
        }
        return out;
    }
}
