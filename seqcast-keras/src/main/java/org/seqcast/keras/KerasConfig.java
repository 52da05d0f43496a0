package org.seqcast.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.kernels.Activation;

/**
 * Reads a Keras model config (the JSON of {@code model_config} or {@code config.json}) into a {@link ModelConfig}:
 * a Sequential model of InputLayer, LSTM, GRU, SimpleRNN, Dense, Dropout, Bidirectional, RepeatVector,
 * TimeDistributed(Dense), Conv1D, MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D and Flatten (channels_last
 * only). Every option that would change
 * the model's outputs and that Seqcast cannot honour is refused with a {@link KerasImportException} naming
 * the layer and the option; options that only matter in Keras's training (dropout masks, regularizers,
 * constraints, initializers) are ignored with a note.
 *
 * <p>Config shapes accepted: {@code {"class_name": "Sequential", "config": {"layers": [...]}}} (Keras 2.2.3 on,
 * Keras 3) and {@code {"class_name": "Sequential", "config": [...]}} (Keras 2.0 to 2.2.2); each layer
 * {@code {"class_name": ..., "config": {...}}}. The input shape comes from the InputLayer's
 * {@code batch_input_shape} (Keras 2) or {@code batch_shape} (Keras 3), else the first layer's
 * {@code batch_input_shape}, else the model's {@code build_input_shape} or {@code build_config.input_shape}.
 *
 * <p>Functional models ({@link #isFunctional}) are read by {@link #parseFunctional} into a {@link FunctionalConfig},
 * each layer with the same reading as in a Sequential model.
 */
final class KerasConfig {
    private static final Map<String, String> REFUSED_LAYERS = Map.of(
            "CuDNNLSTM", "the cuDNN layer of TensorFlow 1 keeps two bias vectors; rebuild it as LSTM and save again",
            "CuDNNGRU", "the cuDNN layer of TensorFlow 1 keeps two bias vectors; rebuild it as GRU(reset_after=True)"
                    + " and save again",
            "RNN", "the generic RNN wrapper around a cell is not supported; use LSTM, GRU or SimpleRNN");

    private KerasConfig() {
    }

    /**
     * @param root       the parsed JSON
     * @param kerasMajor the major version of the Keras that wrote the file (2 or 3)
     * @param version    that version as recorded, for messages
     * @param file       how messages name the file
     */
    static ModelConfig parse(JsonNode root, int kerasMajor, String version, String file) {
        String modelClass = root.path("class_name").asText("");
        if (!modelClass.equals("Sequential")) {
            throw new KerasImportException(file, modelClass.equals("Functional") || modelClass.equals("Model")
                    ? "the file holds a functional model (class_name '" + modelClass + "'); Seqcast imports Sequential"
                    + " models only: rebuild it as keras.Sequential with the same layers, copy the weights"
                    + " (set_weights) and save again"
                    : "the model class is '" + modelClass + "'; Seqcast imports Keras Sequential models only");
        }
        JsonNode config = root.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new KerasImportException(file, "the model config lists no layers");
        }
        Reader reader = new Reader(kerasMajor, version, file);
        for (int k = 0; k < layers.size(); k++) {
            reader.layer(k, layers.get(k));
        }
        if (reader.layers.isEmpty()) {
            throw new KerasImportException(file, "the model has no layers besides its input");
        }
        if (reader.inputShape == null) {
            JsonNode built = config.path("build_input_shape");
            built = built.isArray() ? built : root.path("build_config").path("input_shape");
            if (built.isArray()) {
                reader.inputShape = inputShape(built, file, "model", "build_input_shape");
            }
        }
        return new ModelConfig(reader.layers, reader.inputShape, reader.notes);
    }

    /** Whether {@code root} is a Functional model's config (class_name Functional, or Model in Keras 2). */
    static boolean isFunctional(JsonNode root) {
        String cls = root.path("class_name").asText("");
        return cls.equals("Functional") || cls.equals("Model");
    }

    /**
     * Reads a Functional model's config: each layer with its {@code inbound_nodes} (Keras 2: {@code [[[name, node,
     * tensor, kwargs], ...]]}; Keras 3: {@code [{"args": [...], "kwargs": {...}}]} whose tensors carry a
     * {@code keras_history} [name, node, tensor]), {@code input_layers} and {@code output_layers}. Layers are read
     * as in a Sequential model; Add, Concatenate (last axis) and Attention on one sequence ([x, x]) are the merges
     * and multi-input layers supported. A layer called more than once (shared) is refused.
     */
    static FunctionalConfig parseFunctional(JsonNode root, int kerasMajor, String version, String file) {
        JsonNode config = root.path("config");
        JsonNode layers = config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new KerasImportException(file, "the model config lists no layers");
        }
        Reader reader = new Reader(kerasMajor, version, file);
        Map<String, FunctionalConfig.Input> inputs = new LinkedHashMap<>();
        List<FunctionalConfig.Node> nodes = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            JsonNode layer = layers.get(k);
            String cls = layer.path("class_name").asText("");
            JsonNode cfg = layer.path("config");
            String name = layer.path("name").asText(cfg.path("name").asText(""));
            String where = "layer " + k + " '" + name + "' (" + cls + ")";
            if (name.isEmpty() || name.contains(".")) {
                throw new KerasImportException(file, where, null, "a layer needs a name without '.'", null);
            }
            if (cls.equals("InputLayer")) {
                JsonNode shape = cfg.has("batch_shape") ? cfg.get("batch_shape") : cfg.path("batch_input_shape");
                inputs.put(name, new FunctionalConfig.Input(name, inputShape(shape, file, where,
                        cfg.has("batch_shape") ? "batch_shape" : "batch_input_shape")));
                continue;
            }
            List<String> in = inbound(layer.path("inbound_nodes"), where, file);
            switch (cls) {
                case "Add" -> {
                    reader.common(where, cfg);
                    nodes.add(new FunctionalConfig.Node(name, null, FunctionalConfig.Merge.ADD, in, where, -1));
                }
                case "Concatenate" -> {
                    int axis = cfg.path("axis").asInt(-1);
                    if (axis != -1 && axis != 2 && axis != 1) {
                        throw new KerasImportException(file, where, "axis=" + axis, "not supported: Seqcast concatenates"
                                + " along the last axis (the features) only; save the layer with axis=-1", null);
                    }
                    reader.common(where, cfg);
                    nodes.add(new FunctionalConfig.Node(name, null, FunctionalConfig.Merge.CONCATENATE, in, where,
                            axis));
                }
                case "Attention" -> nodes.add(new FunctionalConfig.Node(name, reader.attention(where, name, cfg,
                        layer.path("inbound_nodes"), in), null, List.of(in.get(0)), where, -1));
                case "AdditiveAttention" -> nodes.add(new FunctionalConfig.Node(name, reader.additiveAttention(where,
                        name, cfg, layer.path("inbound_nodes"), in), null, List.of(in.get(0)), where, -1));
                case "MultiHeadAttention" -> nodes.add(new FunctionalConfig.Node(name, reader.multiHeadAttention(where,
                        name, cfg, layer.path("inbound_nodes"), in), null, List.of(in.get(0)), where, -1));
                default -> {
                    if (in.size() != 1) {
                        throw new KerasImportException(file, where, null, "reads " + in.size() + " tensors " + in
                                + "; Seqcast's merges are Add and Concatenate, and every other layer reads one tensor",
                                null);
                    }
                    int before = reader.layers.size();
                    reader.layer(k, layer);
                    nodes.add(new FunctionalConfig.Node(name, reader.layers.get(before), null, in, where, -1));
                }
            }
        }
        List<String> inputOrder = endpoints(config.path("input_layers"), "input_layers", file);
        for (String i : inputOrder) {
            if (!inputs.containsKey(i)) {
                throw new KerasImportException(file, "input_layers names '" + i + "', which is not an InputLayer of the"
                        + " model (its InputLayers are " + inputs.keySet() + ")");
            }
        }
        List<String> outputs = endpoints(config.path("output_layers"), "output_layers", file);
        List<FunctionalConfig.Input> orderedInputs = inputOrder.stream().map(inputs::get).toList();
        return new FunctionalConfig(orderedInputs, topological(nodes, inputs.keySet(), file), outputs, reader.notes);
    }

    /** The names of the layers whose outputs a layer reads, from its single call's inbound node. */
    private static List<String> inbound(JsonNode inboundNodes, String where, String file) {
        if (!inboundNodes.isArray() || inboundNodes.size() != 1) {
            throw new KerasImportException(file, where, null, inboundNodes.isArray() && inboundNodes.size() > 1
                    ? "the layer is called " + inboundNodes.size() + " times (a shared layer); Seqcast imports layers"
                    + " called once" : "no inbound_nodes: the config does not say what the layer reads", null);
        }
        JsonNode call = inboundNodes.get(0);
        List<JsonNode> history = new ArrayList<>();
        if (call.isArray()) {                                   // Keras 2: [[name, node, tensor, kwargs], ...]
            call.forEach(history::add);
        } else {                                                // Keras 3: {"args": [...], "kwargs": {...}}
            collectHistory(call.path("args"), history);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode h : history) {
            if (!h.isArray() || h.size() < 3 || !h.get(0).isTextual()) {
                throw new KerasImportException(file, where, null, "inbound node " + h + " is not [layer, node, tensor]",
                        null);
            }
            if (h.get(2).asInt(0) != 0) {
                throw new KerasImportException(file, where, null, "reads output " + h.get(2).asInt() + " of '"
                        + h.get(0).asText() + "'; Seqcast's layers have one output", null);
            }
            names.add(h.get(0).asText());
        }
        if (names.isEmpty()) {
            throw new KerasImportException(file, where, null, "its inbound node names no tensor", null);
        }
        return names;
    }

    /** Every {@code keras_history} in Keras 3 call arguments, in order. */
    private static void collectHistory(JsonNode args, List<JsonNode> out) {
        if (args.isObject() && args.path("class_name").asText("").equals("__keras_tensor__")) {
            out.add(args.path("config").path("keras_history"));
        } else if (args.isArray() || args.isObject()) {
            args.forEach(a -> collectHistory(a, out));
        }
    }

    /** {@code input_layers} / {@code output_layers}: [[name, node, tensor], ...] or one [name, node, tensor]. */
    private static List<String> endpoints(JsonNode list, String option, String file) {
        if (!list.isArray() || list.isEmpty()) {
            throw new KerasImportException(file, "the functional model's config has no " + option);
        }
        List<JsonNode> entries = new ArrayList<>();
        if (list.get(0).isTextual()) {
            entries.add(list);
        } else {
            list.forEach(entries::add);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : entries) {
            if (!e.isArray() || e.isEmpty() || !e.get(0).isTextual()) {
                throw new KerasImportException(file, option + " entry " + e + " is not [layer, node, tensor]");
            }
            out.add(e.get(0).asText());
        }
        return out;
    }

    /** The nodes ordered so that each comes after the nodes it reads (the config's order where it allows). */
    private static List<FunctionalConfig.Node> topological(List<FunctionalConfig.Node> nodes,
                                                           java.util.Set<String> inputs, String file) {
        java.util.Set<String> done = new java.util.HashSet<>(inputs);
        java.util.Set<String> known = new java.util.HashSet<>(inputs);
        nodes.forEach(n -> known.add(n.name()));
        for (FunctionalConfig.Node n : nodes) {
            for (String i : n.inputs()) {
                if (!known.contains(i)) {
                    throw new KerasImportException(file, n.where(), null, "reads '" + i + "', which is not a layer of"
                            + " the model", null);
                }
            }
        }
        List<FunctionalConfig.Node> out = new ArrayList<>();
        List<FunctionalConfig.Node> left = new ArrayList<>(nodes);
        while (!left.isEmpty()) {
            FunctionalConfig.Node ready = left.stream().filter(n -> done.containsAll(n.inputs())).findFirst()
                    .orElseThrow(() -> new KerasImportException(file, "the layers " + left.stream()
                            .map(FunctionalConfig.Node::name).toList() + " read each other in a cycle"));
            left.remove(ready);
            done.add(ready.name());
            out.add(ready);
        }
        return out;
    }

    /** (batch, T, I) or (batch, F) with null batch and T null for any length, to the per-sample shape. */
    static int[] inputShape(JsonNode shape, String file, String where, String option) {
        if (shape.size() == 3 || shape.size() == 2) {
            int[] out = new int[shape.size() - 1];
            boolean ok = true;
            for (int k = 1; k < shape.size(); k++) {
                JsonNode d = shape.get(k);
                ok &= d.isNull() ? k == 1 && shape.size() == 3 : d.canConvertToInt() && d.asInt() > 0;
                out[k - 1] = d.isNull() ? -1 : d.asInt();
            }
            if (ok) {
                return out;
            }
        }
        throw new KerasImportException(file, where, option + "=" + shape, "Seqcast takes inputs of shape (batch,"
                + " timesteps, features), timesteps possibly None, or (batch, features)", null);
    }

    /** Walks the layer list, collecting layers, the input shape and notes. */
    private static final class Reader {
        final int major;
        final String version;
        final String file;
        final List<KerasLayer> layers = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int[] inputShape;
        boolean hardSigmoidNoted;

        Reader(int major, String version, String file) {
            this.major = major;
            this.version = version;
            this.file = file;
        }

        void layer(int k, JsonNode layer) {
            String cls = layer.path("class_name").asText("");
            JsonNode cfg = layer.path("config");
            String name = cfg.path("name").asText(cls.isEmpty() ? "?" : cls.toLowerCase(Locale.ROOT));
            String where = "layer " + k + " '" + name + "' (" + cls + ")";
            if (cls.equals("InputLayer")) {
                if (k != 0) {
                    throw new KerasImportException(file, where, null, "an InputLayer may only come first", null);
                }
                JsonNode shape = cfg.has("batch_shape") ? cfg.get("batch_shape") : cfg.path("batch_input_shape");
                inputShape = inputShape(shape, file, where, cfg.has("batch_shape") ? "batch_shape" : "batch_input_shape");
                return;
            }
            if (inputShape == null && layers.isEmpty() && cfg.path("batch_input_shape").isArray()) {
                inputShape = inputShape(cfg.get("batch_input_shape"), file, where, "batch_input_shape");
            }
            if (cls.equals("TimeDistributed")) {                    // not a kind: it becomes a Dense
                layers.add(timeDistributed(where, name, cfg));
                return;
            }
            LayerSpec.Kind kind = LayerSpec.Kind.ofClassName(cls).orElse(null);
            if (kind == null) {
                throw new KerasImportException(file, where, null, "layer class " + cls + " is not"
                        + " supported" + (REFUSED_LAYERS.containsKey(cls) ? ": " + REFUSED_LAYERS.get(cls) : "")
                        + "; Seqcast imports InputLayer, " + LayerSpec.Kind.classNames(), null);
            }
            layers.add(switch (kind) {
                case LSTM, GRU, SIMPLE_RNN -> recurrent(where, cls, name, cfg);
                case DENSE -> dense(where, name, cfg);
                case DROPOUT -> dropout(where, name, cfg);
                case BIDIRECTIONAL -> bidirectional(where, name, cfg);
                case REPEAT_VECTOR -> repeatVector(where, name, cfg);
                case CONV1D -> conv1d(where, name, cfg);
                case MAX_POOLING1D, AVERAGE_POOLING1D -> pooling(kind, where, name, cfg);
                case GLOBAL_AVERAGE_POOLING1D -> globalAveragePooling(where, name, cfg);
                case FLATTEN -> flatten(where, name, cfg);
                case LAYER_NORMALIZATION -> layerNormalization(where, name, cfg);
                case ATTENTION -> throw new KerasImportException(file, where, null, "not supported in a Sequential"
                        + " model: Keras's Attention is called on [query, value], two inputs, which only a functional"
                        + " model gives it, and Seqcast imports Sequential models only (its attention kind is"
                        + " Attention()([x, x]) on one sequence)", null);
                case MULTI_HEAD_ATTENTION -> throw new KerasImportException(file, where, null, "not supported in a"
                        + " Sequential model: Keras's MultiHeadAttention is called on (query, value), which only a"
                        + " functional model gives it; save the model as a functional one", null);
                case SINUSOIDAL_POSITIONAL_ENCODING, LEARNED_POSITIONAL_ENCODING -> throw new KerasImportException(file,
                        where, null, "not a Keras layer: " + cls + " is Seqcast's own kind (keras_hub's"
                        + " SinePositionEncoding and PositionEmbedding return the encoding alone and are not imported)",
                        null);
                case ADDITIVE_ATTENTION -> throw new KerasImportException(file, where, null, "not supported in a"
                        + " Sequential model: Keras's AdditiveAttention is called on [query, value], two inputs, which"
                        + " only a functional model gives it (Seqcast imports AdditiveAttention()([x, x]) there)", null);
                case BATCH_NORMALIZATION -> batchNormalization(where, name, cfg);
                case MASKING -> masking(where, name, cfg);
            });
        }

        KerasLayer recurrent(String where, String cls, String name, JsonNode cfg) {
            int units = units(where, cfg);
            refuseIfTrue(where, cfg, "return_state", "a Sequential model cannot use the returned states");
            refuseIfTrue(where, cfg, "go_backwards", "Seqcast reads sequences forwards only");
            refuseIfTrue(where, cfg, "stateful", "Keras carries the state from batch to batch; Seqcast starts each"
                    + " sequence from zeros (use Sequential.stepper for streaming), so the outputs would differ");
            refuseIfTrue(where, cfg, "time_major", "inputs would be (timesteps, batch, features); save the model"
                    + " with time_major=False");
            if (cfg.path("unroll").asBoolean(false)) {
                note(where, "unroll=True only changes how Keras compiles the loop; the equations are the same");
            }
            Activation act = activation(where, cfg, "activation", "tanh");
            Activation rec = Activation.SIGMOID;
            if (!cls.equals(LayerSpec.Kind.SIMPLE_RNN.className())) {
                String fallback = major >= 3 || !version.matches("2\\.[012]\\..*") ? "sigmoid" : "hard_sigmoid";
                if (!cfg.has("recurrent_activation")) {
                    note(where, "no recurrent_activation in the config: Keras " + version + "'s default " + fallback
                            + " assumed");
                }
                rec = activation(where, cfg, "recurrent_activation", fallback);
            }
            if (!act.elementwise() || !rec.elementwise()) {
                throw new KerasImportException(file, where, (act.elementwise() ? "recurrent_activation=" : "activation=")
                        + Activation.SOFTMAX.kerasName(), "a recurrent cell's activations must be element-wise;"
                        + " softmax is imported in Dense and Conv1D only", null);
            }
            boolean resetAfter = false;
            if (cls.equals(LayerSpec.Kind.GRU.className())) {
                resetAfter = cfg.path("reset_after").asBoolean(major >= 3);
                if (!cfg.has("reset_after")) {
                    note(where, "no reset_after in the config: Keras " + version + "'s GRU computes reset_after="
                            + (resetAfter ? "True" : "False"));
                }
            }
            if (cfg.path("dropout").asDouble(0) > 0 || cfg.path("recurrent_dropout").asDouble(0) > 0) {
                note(where, "dropout=" + cfg.path("dropout").asDouble(0) + ", recurrent_dropout="
                        + cfg.path("recurrent_dropout").asDouble(0) + " act in Keras's training only and are not"
                        + " imported (predictions are unaffected; fine-tuning in Seqcast runs without them)");
            }
            trainingOnly(where, cfg, "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                    "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint");
            boolean useBias = useBias(where, cfg);
            if (cfg.path("zero_output_for_mask").asBoolean(false) && cfg.path("return_sequences").asBoolean(false)
                    && layers.stream().anyMatch(l -> l.spec() instanceof LayerSpec.Masking)) {
                throw new KerasImportException(file, where, "zero_output_for_mask=True", "not supported: Keras then"
                        + " outputs zeros at masked steps; Seqcast repeats the last output there (Keras's default)", null);
            }
            common(where, cfg);
            return new KerasLayer.Recurrent(where, cls, name, units, cfg.path("return_sequences").asBoolean(false),
                    act, rec, resetAfter, useBias);
        }

        // ---- Wrappers around recurrent layers ----

        /**
         * Bidirectional(layer, merge_mode): the wrapped layer read as any recurrent layer; a {@code backward_layer}
         * (Keras 3 always writes one) must be the same layer reading backwards.
         */
        KerasLayer bidirectional(String where, String name, JsonNode cfg) {
            JsonNode inner = cfg.path("layer");
            String innerCls = inner.path("class_name").asText("");
            LayerSpec.Kind kind = LayerSpec.Kind.ofClassName(innerCls).orElse(null);
            if (kind != LayerSpec.Kind.LSTM && kind != LayerSpec.Kind.GRU && kind != LayerSpec.Kind.SIMPLE_RNN) {
                throw new KerasImportException(file, where, "layer=" + (innerCls.isEmpty() ? "none" : innerCls),
                        "Seqcast's Bidirectional wraps LSTM, GRU or SimpleRNN only", null);
            }
            JsonNode mergeNode = cfg.path("merge_mode");
            if (mergeNode.isNull()) {
                throw new KerasImportException(file, where, "merge_mode=None", "not supported: Keras then returns the two"
                        + " directions as separate outputs; use concat, sum, mul or ave", null);
            }
            LayerSpec.Bidirectional.Merge merge;
            try {
                merge = LayerSpec.Bidirectional.Merge.of(mergeNode.asText("concat"));
            } catch (IllegalArgumentException e) {
                throw new KerasImportException(file, where, "merge_mode=" + mergeNode.asText(), e.getMessage(), null);
            }
            JsonNode innerCfg = inner.path("config");
            KerasLayer.Recurrent fwd = (KerasLayer.Recurrent) recurrent(where + ", forward layer", innerCls,
                    innerCfg.path("name").asText(name), innerCfg);
            JsonNode backward = cfg.path("backward_layer");
            if (backward.isObject()) {
                com.fasterxml.jackson.databind.node.ObjectNode bc = backward.path("config").deepCopy();
                bc.remove("go_backwards");
                KerasLayer.Recurrent bwd = (KerasLayer.Recurrent) recurrent(where + ", backward layer",
                        backward.path("class_name").asText(""), bc.path("name").asText(name), bc);
                if (!bwd.className().equals(fwd.className()) || !bwd.spec().equals(fwd.spec())
                        || bwd.useBias() != fwd.useBias()) {
                    throw new KerasImportException(file, where, "backward_layer", "a backward layer that differs from"
                            + " the forward one is not supported (forward " + fwd.spec() + ", backward " + bwd.spec() + ")",
                            null);
                }
            }
            common(where, cfg);
            return new KerasLayer.Bidirectional(where, name, fwd, merge);
        }

        KerasLayer repeatVector(String where, String name, JsonNode cfg) {
            JsonNode n = cfg.path("n");
            if (!n.canConvertToInt() || n.asInt() < 1) {
                throw new KerasImportException(file, where, "n=" + n, "RepeatVector needs a positive integer n", null);
            }
            common(where, cfg);
            return new KerasLayer.RepeatVector(where, name, n.asInt());
        }

        /** TimeDistributed(Dense) is Seqcast's Dense, which applies to every step; any other wrapped layer is refused. */
        KerasLayer timeDistributed(String where, String name, JsonNode cfg) {
            String inner = cfg.path("layer").path("class_name").asText("");
            if (!inner.equals(LayerSpec.Kind.DENSE.className())) {
                throw new KerasImportException(file, where, "layer=" + (inner.isEmpty() ? "none" : inner), "Seqcast"
                        + " imports TimeDistributed around Dense only", null);
            }
            KerasLayer.Dense dense = (KerasLayer.Dense) dense(where, name, cfg.path("layer").path("config"));
            common(where, cfg);
            return new KerasLayer.TimeDistributed(where, name, dense);
        }

        KerasLayer dense(String where, String name, JsonNode cfg) {
            int units = units(where, cfg);
            Activation act = activation(where, cfg, "activation", "linear");
            trainingOnly(where, cfg, "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                    "kernel_constraint", "bias_constraint");
            boolean useBias = useBias(where, cfg);
            common(where, cfg);
            return new KerasLayer.Dense(where, name, units, act, useBias);
        }

        KerasLayer dropout(String where, String name, JsonNode cfg) {
            double rate = cfg.path("rate").asDouble(-1);
            if (!(rate >= 0 && rate < 1)) {
                throw new KerasImportException(file, where, "rate=" + cfg.path("rate"), "a dropout rate must be in"
                        + " [0, 1)", null);
            }
            if (cfg.hasNonNull("noise_shape")) {
                note(where, "noise_shape=" + cfg.get("noise_shape") + " is ignored: Seqcast drops single values"
                        + " (dropout acts in training only; predictions are unaffected)");
            }
            return new KerasLayer.Dropout(where, name, rate);
        }

        // convolutional kinds

        KerasLayer conv1d(String where, String name, JsonNode cfg) {
            JsonNode filters = cfg.path("filters");
            if (!filters.canConvertToInt() || filters.asInt() < 1) {
                throw new KerasImportException(file, where, "filters=" + filters, "filters must be a positive integer",
                        null);
            }
            channelsLast(where, cfg);
            JsonNode groups = cfg.path("groups");
            if (!groups.isMissingNode() && groups.asInt(1) != 1) {
                throw new KerasImportException(file, where, "groups=" + groups, "not supported: grouped convolutions"
                        + " are not; save the layer with groups=1", null);
            }
            int k = single(where, cfg, "kernel_size", -1);
            int strides = single(where, cfg, "strides", 1);
            int dilation = single(where, cfg, "dilation_rate", 1);
            LayerSpec.Padding padding = padding(where, cfg, true);
            Activation act = activation(where, cfg, "activation", "linear");
            trainingOnly(where, cfg, "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                    "kernel_constraint", "bias_constraint");
            boolean useBias = cfg.path("use_bias").asBoolean(true);
            common(where, cfg);
            return new KerasLayer.Conv1D(where, name, checked(where, () -> new LayerSpec.Conv1d(filters.asInt(), k,
                    strides, padding, dilation, act, useBias, 0)));
        }

        KerasLayer pooling(LayerSpec.Kind kind, String where, String name, JsonNode cfg) {
            channelsLast(where, cfg);
            int p = single(where, cfg, "pool_size", 2);
            Integer strides = cfg.hasNonNull("strides") ? single(where, cfg, "strides", p) : null;
            LayerSpec.Padding padding = padding(where, cfg, false);
            common(where, cfg);
            return new KerasLayer.Weightless(where, name, checked(where, () -> kind == LayerSpec.Kind.MAX_POOLING1D
                    ? new LayerSpec.MaxPooling1d(p, strides, padding) : new LayerSpec.AveragePooling1d(p, strides, padding)));
        }

        KerasLayer globalAveragePooling(String where, String name, JsonNode cfg) {
            channelsLast(where, cfg);
            refuseIfTrue(where, cfg, "keepdims", "the output would keep a time axis of length 1; save the layer with"
                    + " keepdims=False");
            common(where, cfg);
            return new KerasLayer.Weightless(where, name, new LayerSpec.GlobalAveragePooling1d());
        }

        KerasLayer flatten(String where, String name, JsonNode cfg) {
            channelsLast(where, cfg);
            common(where, cfg);
            return new KerasLayer.Weightless(where, name, new LayerSpec.Flatten());
        }

        // attention-related kinds

        /**
         * LayerNormalization over one axis, the features' (checked against the input's rank when the model is
         * assembled), with gamma and beta; Keras 3's rms_scaling and a missing center or scale are refused.
         */
        /**
         * Attention called on [query, value] or [query, value, key] that are all one tensor: Seqcast's
         * self-attention. Keras 3 passes use_causal_mask in the call's kwargs, Keras 2 as the option causal.
         */
        KerasLayer attention(String where, String name, JsonNode cfg, JsonNode inboundNodes, List<String> in) {
            if (in.size() < 2 || in.size() > 3 || in.stream().distinct().count() != 1) {
                throw new KerasImportException(file, where, null, "called on " + in + ": Seqcast's attention is"
                        + " self-attention, Attention()([x, x]) with one tensor as query and value (and key)", null);
            }
            JsonNode call = inboundNodes.get(0);
            JsonNode kwargs = call.isObject() ? call.path("kwargs") : call.get(0).path(3);
            boolean causal = cfg.path("causal").asBoolean(false) || kwargs.path("use_causal_mask").asBoolean(false);
            if (kwargs.path("return_attention_scores").asBoolean(false)) {
                throw new KerasImportException(file, where, "return_attention_scores=True", "not supported: Seqcast's"
                        + " attention returns the attended sequence only", null);
            }
            if (cfg.path("dropout").asDouble(0) > 0) {
                note(where, "dropout=" + cfg.path("dropout").asDouble() + " acts in Keras's training only and is not"
                        + " imported");
            }
            LayerSpec.Attention.ScoreMode mode;
            try {
                mode = LayerSpec.Attention.ScoreMode.of(cfg.path("score_mode").asText("dot"));
            } catch (IllegalArgumentException e) {
                throw new KerasImportException(file, where, "score_mode=" + cfg.path("score_mode").asText(),
                        e.getMessage(), null);
            }
            boolean scale = cfg.path("use_scale").asBoolean(false);
            common(where, cfg);
            return new KerasLayer.Attention(where, name, new LayerSpec.Attention(scale, causal, mode));
        }

        // Transformer kinds

        /**
         * MultiHeadAttention called with one tensor as query, value and key: Seqcast's self-attention. The call
         * passes them positionally ({@code mha(x, x)}: Keras 3's args) or by keyword (Keras 2 records the value in
         * the inbound node's kwargs, {@code {"value": [name, node, tensor]}}; Keras 3 as keras tensors);
         * use_causal_mask comes from the call's kwargs. Options: num_heads, key_dim, value_dim (null: key_dim),
         * use_bias, output_shape (null or one size); attention_axes other than the time axis, attention masks and
         * returned scores are refused; dropout is noted (training only).
         */
        KerasLayer multiHeadAttention(String where, String name, JsonNode cfg, JsonNode inboundNodes, List<String> in) {
            JsonNode call = inboundNodes.get(0);
            JsonNode kwargs = call.isObject() ? call.path("kwargs") : call.get(0).path(3);
            List<String> tensors = new ArrayList<>(in);
            for (String role : List.of("query", "value", "key")) {
                JsonNode t = kwargs.path(role);
                if (t.isArray() && t.size() >= 1 && t.get(0).isTextual()) {
                    tensors.add(t.get(0).asText());                        // Keras 2: [name, node, tensor]
                } else if (t.isObject()) {
                    List<JsonNode> history = new ArrayList<>();
                    collectHistory(t, history);
                    history.forEach(h -> tensors.add(h.path(0).asText()));
                }
            }
            if (tensors.size() < 2 || tensors.stream().distinct().count() != 1) {
                throw new KerasImportException(file, where, null, "called on " + tensors + ": Seqcast imports"
                        + " MultiHeadAttention as self-attention, MultiHeadAttention(...)(x, x) with one tensor as"
                        + " query and value (and key)", null);
            }
            for (String option : List.of("attention_mask", "query_mask", "value_mask", "key_mask")) {
                if (!kwargs.path(option).isMissingNode() && !kwargs.path(option).isNull()) {
                    throw new KerasImportException(file, where, option, "not supported: Seqcast's MultiHeadAttention"
                            + " takes no mask but the causal one (use_causal_mask)", null);
                }
            }
            if (kwargs.path("return_attention_scores").asBoolean(false)) {
                throw new KerasImportException(file, where, "return_attention_scores=True", "not supported: Seqcast's"
                        + " MultiHeadAttention returns the attended sequence only", null);
            }
            JsonNode axes = cfg.path("attention_axes");
            if (!axes.isMissingNode() && !axes.isNull() && !(axes.isArray() && axes.size() == 1
                    && (axes.get(0).asInt() == 1 || axes.get(0).asInt() == -2))) {
                throw new KerasImportException(file, where, "attention_axes=" + axes, "not supported: Seqcast attends"
                        + " over the time axis only (attention_axes None or [1])", null);
            }
            if (cfg.path("dropout").asDouble(0) > 0) {
                note(where, "dropout=" + cfg.path("dropout").asDouble() + " acts in Keras's training only and is not"
                        + " imported");
            }
            LayerSpec.MultiHeadAttention spec;
            try {
                spec = new LayerSpec.MultiHeadAttention(cfg.path("num_heads").asInt(0), cfg.path("key_dim").asInt(0),
                        optionalSize(cfg.path("value_dim")), cfg.path("use_bias").asBoolean(true),
                        outputShape(where, cfg.path("output_shape")), kwargs.path("use_causal_mask").asBoolean(false));
            } catch (IllegalArgumentException e) {
                throw new KerasImportException(file, where, null, e.getMessage(), e);
            }
            common(where, cfg);
            return new KerasLayer.MultiHeadAttention(where, name, spec);
        }

        /** A size option that may be null. */
        private static Integer optionalSize(JsonNode n) {
            return n.isMissingNode() || n.isNull() ? null : n.asInt(0);
        }

        /** Keras's output_shape: null (the query's size), a size, or a one-element list. */
        private Integer outputShape(String where, JsonNode n) {
            if (n.isArray() && n.size() == 1) {
                return n.get(0).asInt(0);
            }
            if (n.isArray() || (!n.isMissingNode() && !n.isNull() && !n.canConvertToInt())) {
                throw new KerasImportException(file, where, "output_shape=" + n, "not supported: Seqcast's"
                        + " MultiHeadAttention outputs one feature axis (output_shape None or one size)", null);
            }
            return optionalSize(n);
        }

        KerasLayer layerNormalization(String where, String name, JsonNode cfg) {
            JsonNode axisNode = cfg.path("axis");
            JsonNode a = axisNode.isArray() && axisNode.size() == 1 ? axisNode.get(0) : axisNode;
            int axis = a.isMissingNode() || a.isNull() ? -1 : a.canConvertToInt() ? a.asInt() : 0;
            if (axis != -1 && axis < 1) {
                throw new KerasImportException(file, where, "axis=" + axisNode, "not supported: Seqcast normalizes the"
                        + " last axis (the features) only; save the layer with axis=-1", null);
            }
            refuseIfTrue(where, cfg, "rms_scaling", "Seqcast's LayerNormalization subtracts the mean");
            for (String option : List.of("center", "scale")) {
                if (!cfg.path(option).asBoolean(true)) {
                    throw new KerasImportException(file, where, option + "=False", "not supported: Seqcast's"
                            + " LayerNormalization always has gamma and beta; save the layer with " + option + "=True",
                            null);
                }
            }
            double epsilon = cfg.path("epsilon").asDouble(LayerSpec.LayerNormalization.DEFAULT_EPSILON);
            trainingOnly(where, cfg, "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
            common(where, cfg);
            return new KerasLayer.LayerNormalization(where, name, axis,
                    checked(where, () -> new LayerSpec.LayerNormalization(epsilon)));
        }

        // additive attention and batch normalization

        /**
         * AdditiveAttention called on [query, value] or [query, value, key] that are all one tensor: Seqcast's
         * additive self-attention, with Keras's use_scale (default True) and the causal mask as {@link #attention} reads it.
         */
        KerasLayer additiveAttention(String where, String name, JsonNode cfg, JsonNode inboundNodes, List<String> in) {
            if (in.size() < 2 || in.size() > 3 || in.stream().distinct().count() != 1) {
                throw new KerasImportException(file, where, null, "called on " + in + ": Seqcast's additive attention"
                        + " is self-attention, AdditiveAttention()([x, x]) with one tensor as query and value (and key)",
                        null);
            }
            JsonNode call = inboundNodes.get(0);
            JsonNode kwargs = call.isObject() ? call.path("kwargs") : call.get(0).path(3);
            boolean causal = cfg.path("causal").asBoolean(false) || kwargs.path("use_causal_mask").asBoolean(false);
            if (kwargs.path("return_attention_scores").asBoolean(false)) {
                throw new KerasImportException(file, where, "return_attention_scores=True", "not supported: Seqcast's"
                        + " attention returns the attended sequence only", null);
            }
            if (cfg.path("dropout").asDouble(0) > 0) {
                note(where, "dropout=" + cfg.path("dropout").asDouble() + " acts in Keras's training only and is not"
                        + " imported");
            }
            boolean scale = cfg.path("use_scale").asBoolean(LayerSpec.AdditiveAttention.DEFAULT_USE_SCALE);
            common(where, cfg);
            return new KerasLayer.AdditiveAttention(where, name, new LayerSpec.AdditiveAttention(scale, causal));
        }

        /**
         * BatchNormalization over one axis, the features' (checked against the input's rank when the model is
         * assembled), with momentum, epsilon, center and scale; renormalization, virtual batches and adjustments are
         * refused.
         */
        KerasLayer batchNormalization(String where, String name, JsonNode cfg) {
            JsonNode axisNode = cfg.path("axis");
            JsonNode a = axisNode.isArray() && axisNode.size() == 1 ? axisNode.get(0) : axisNode;
            int axis = a.isMissingNode() || a.isNull() ? -1 : a.canConvertToInt() ? a.asInt() : 0;
            if (axis != -1 && axis < 1) {
                throw new KerasImportException(file, where, "axis=" + axisNode, "not supported: Seqcast normalizes the"
                        + " last axis (the features) only; save the layer with axis=-1", null);
            }
            refuseIfTrue(where, cfg, "renorm", "batch renormalization is not implemented");
            for (String option : List.of("virtual_batch_size", "adjustment")) {
                if (cfg.hasNonNull(option)) {
                    throw new KerasImportException(file, where, option + "=" + cfg.get(option), "not supported: Seqcast's"
                            + " BatchNormalization normalizes whole batches with no adjustment", null);
                }
            }
            if (cfg.path("synchronized").asBoolean(false)) {
                note(where, "synchronized=True only matters across devices in Keras's training");
            }
            double momentum = cfg.path("momentum").asDouble(LayerSpec.BatchNormalization.DEFAULT_MOMENTUM);
            double epsilon = cfg.path("epsilon").asDouble(LayerSpec.BatchNormalization.DEFAULT_EPSILON);
            boolean center = cfg.path("center").asBoolean(true);
            boolean scale = cfg.path("scale").asBoolean(true);
            trainingOnly(where, cfg, "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
            common(where, cfg);
            return new KerasLayer.BatchNormalization(where, name, axis,
                    checked(where, () -> new LayerSpec.BatchNormalization(momentum, epsilon, center, scale)));
        }

        /** Masking(mask_value): no weights; the recurrent layers it reaches skip the masked steps. */
        KerasLayer masking(String where, String name, JsonNode cfg) {
            JsonNode v = cfg.path("mask_value");
            if (!v.isMissingNode() && !v.isNumber()) {
                throw new KerasImportException(file, where, "mask_value=" + v, "must be a number", null);
            }
            common(where, cfg);
            return new KerasLayer.Weightless(where, name, checked(where, () -> new LayerSpec.Masking(v.asDouble(0))));
        }

        /** A one-dimensional option: an integer or a list of one integer ({@code [3]}); {@code fallback} when absent (-1: required). */
        int single(String where, JsonNode cfg, String option, int fallback) {
            JsonNode v = cfg.path(option);
            if (v.isMissingNode() || v.isNull()) {
                if (fallback < 0) {
                    throw new KerasImportException(file, where, null, option + " is missing from the config", null);
                }
                return fallback;
            }
            JsonNode n = v.isArray() && v.size() == 1 ? v.get(0) : v;
            if (!n.canConvertToInt() || n.asInt() < 1 || (n.isNumber() && n.asDouble() != n.asInt())) {
                throw new KerasImportException(file, where, option + "=" + v, "must be a positive integer or a list of"
                        + " one (a 1-D layer)", null);
            }
            return n.asInt();
        }

        LayerSpec.Padding padding(String where, JsonNode cfg, boolean causalAllowed) {
            String p = cfg.path("padding").asText("valid");
            return switch (p.toLowerCase(Locale.ROOT)) {
                case "valid" -> LayerSpec.Padding.VALID;
                case "same" -> LayerSpec.Padding.SAME;
                case "causal" -> {
                    if (!causalAllowed) {
                        throw new KerasImportException(file, where, "padding=" + p, "a pooling layer pads valid or"
                                + " same", null);
                    }
                    yield LayerSpec.Padding.CAUSAL;
                }
                default -> throw new KerasImportException(file, where, "padding=" + p, "not supported: Seqcast pads"
                        + " valid, same" + (causalAllowed ? " or causal" : " or (Conv1D) causal"), null);
            };
        }

        void channelsLast(String where, JsonNode cfg) {
            String format = cfg.path("data_format").asText("channels_last");
            if (!format.equals("channels_last")) {
                throw new KerasImportException(file, where, "data_format=" + format, "not supported: Seqcast's"
                        + " sequences are (timesteps, features), Keras's channels_last", null);
            }
        }

        /** A spec, its validation failure as an import error naming the layer. */
        <S extends LayerSpec> S checked(String where, java.util.function.Supplier<S> spec) {
            try {
                return spec.get();
            } catch (IllegalArgumentException e) {
                throw new KerasImportException(file, where, null, e.getMessage(), e);
            }
        }

        int units(String where, JsonNode cfg) {
            JsonNode u = cfg.path("units");
            if (!u.canConvertToInt() || u.asInt() < 1) {
                throw new KerasImportException(file, where, "units=" + u, "units must be a positive integer", null);
            }
            return u.asInt();
        }

        Activation activation(String where, JsonNode cfg, String option, String fallback) {
            Activation a = KerasActivations.of(cfg.get(option), fallback, major, file, where, option);
            if ((a == Activation.HARD_SIGMOID || a == Activation.HARD_SIGMOID_KERAS2) && !hardSigmoidNoted) {
                notes.add(KerasActivations.hardSigmoidNote(major, version));
                hardSigmoidNoted = true;
            }
            return a;
        }

        boolean useBias(String where, JsonNode cfg) {
            boolean useBias = cfg.path("use_bias").asBoolean(true);
            if (!useBias) {
                note(where, "use_bias=False: Seqcast's biases are set to zero (outputs are the same; fine-tuning"
                        + " would train them)");
            }
            return useBias;
        }

        void refuseIfTrue(String where, JsonNode cfg, String option, String why) {
            if (cfg.path(option).asBoolean(false)) {
                throw new KerasImportException(file, where, option + "=True", "not supported: " + why, null);
            }
        }

        void trainingOnly(String where, JsonNode cfg, String... options) {
            List<String> set = new ArrayList<>();
            for (String o : options) {
                if (cfg.hasNonNull(o)) {
                    set.add(o);
                }
            }
            if (!set.isEmpty()) {
                note(where, String.join(", ", set) + " act in Keras's training only and are not imported");
            }
        }

        /** trainable and dtype, which every layer has. */
        void common(String where, JsonNode cfg) {
            if (!cfg.path("trainable").asBoolean(true)) {
                note(where, "trainable=False is not imported: fine-tuning in Seqcast would train this layer too");
            }
            JsonNode dtype = cfg.path("dtype");
            String d = dtype.isTextual() ? dtype.asText() : dtype.path("config").path("name").asText("float32");
            if (!d.equals("float32")) {
                note(where, "dtype " + d + ": Seqcast computes in float32");
            }
        }

        void note(String where, String text) {
            notes.add(where + ": " + text);
        }
    }
}
