package org.seqcast.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;

/**
 * Builds the Seqcast {@link Sequential} for a {@link ModelConfig} from the layers' {@link LayerSpec}s and loads the file's weights into it, checking
 * every stored shape against what the layer needs (Keras's layout: kernel (I, G·H), recurrent_kernel (H, G·H),
 * bias (G·H) or (2, 3H); Conv1D kernel (k, I, O), bias (O)) and converting through {@link KerasLayout}.
 */
final class ModelAssembler {
    private final String file;

    private ModelAssembler(String file) {
        this.file = file;
    }

    /** The built model with weights, and its per-sample input shape. */
    record Result(Sequential model, int[] inputShape) {
    }

    /**
     * @param notes receives a note when the input shape had to be taken from the first kernel
     */
    static Result assemble(ModelConfig config, WeightReader weights, String file, List<String> notes) {
        return new ModelAssembler(file).build(config, weights, notes);
    }

    private Result build(ModelConfig config, WeightReader reader, List<String> notes) {
        List<Map<String, WeightArray>> stored = new ArrayList<>();
        for (KerasLayer l : config.layers()) {
            stored.add(stored(l, reader));
        }
        int[] input = config.inputShape();
        if (input == null) {
            input = inferInput(config.layers(), stored);
            notes.add("the config records no input shape: taken from the first kernel as "
                    + WeightArray.shapeText(input) + (input.length == 2 ? " (any number of time steps)" : ""));
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        List<LayerSpec> specs = new ArrayList<>();
        int[] shape = input;
        String previous = "the input";
        for (int k = 0; k < config.layers().size(); k++) {
            KerasLayer l = config.layers().get(k);
            LayerSpec spec = l.spec();
            int index = k;
            layerState(l, stored.get(k), shape, previous).forEach((name, t) -> state.put(index + "." + name, t));
            specs.add(spec);
            try {
                shape = spec.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new KerasImportException(file, l.where(), null, "cannot take " + previous + "'s output "
                        + WeightArray.shapeText(shape) + ": " + e.getMessage(), e);
            }
            previous = l.where();
        }
        Sequential model = Sequential.of(specs);
        try {
            model.build(input);
            model.loadStateDict(state);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KerasImportException(file, "the weights do not fit Seqcast's network: " + e.getMessage(), e);
        }
        return new Result(model, input);
    }

    /**
     * Checks that layer {@code l} can read {@code previous}'s output of per-sample {@code shape}, and returns its
     * weights from the file ({@code stored}) checked and in Seqcast's layout, named as Seqcast's layer names them.
     */
    private Map<String, Tensor> layerState(KerasLayer l, Map<String, WeightArray> stored, int[] shape, String previous) {
        LayerSpec spec = l.spec();
        if ((spec instanceof LayerSpec.Recurrent || spec instanceof LayerSpec.Bidirectional) && shape.length != 2) {
            throw new KerasImportException(file, l.where(), null, "needs a sequence (timesteps, features) but "
                    + previous + " gives one vector per sample (return_sequences=False)", null);
        }
        if (l instanceof KerasLayer.LayerNormalization n && !n.normalizesLastAxis(shape.length)) {
            throw new KerasImportException(file, l.where(), "axis=" + n.axis(), "not supported: on "
                    + WeightArray.shapeText(shape) + " the features are axis " + shape.length + " (or -1); Seqcast"
                    + " normalizes the features only", null);
        }
        if (l instanceof KerasLayer.BatchNormalization b && !b.normalizesLastAxis(shape.length)) {
            throw new KerasImportException(file, l.where(), "axis=" + b.axis(), "not supported: on "
                    + WeightArray.shapeText(shape) + " the features are axis " + shape.length + " (or -1); Seqcast"
                    + " normalizes each feature only", null);
        }
        return spec.accept(new Weights(l, stored, shape[shape.length - 1]));
    }

    /** The weights a layer has in the file; none for layers without parameters (whose groups are empty). */
    private static Map<String, WeightArray> stored(KerasLayer l, WeightReader reader) {
        return l instanceof KerasLayer.Dropout || l instanceof KerasLayer.RepeatVector
                || l instanceof KerasLayer.Weightless
                || (l instanceof KerasLayer.Attention a && a.spec().parameters(1).isEmpty())
                || (l instanceof KerasLayer.AdditiveAttention aa && !aa.spec().useScale()) ? Map.of() : reader.read(l);
    }

    /**
     * Builds the Seqcast {@link Graph} of a Keras Functional model: one node per Keras layer, named as it, in
     * topological order; each output named as its node, with an MSE loss (for fine-tuning; predictions ignore it).
     */
    static Graph assembleGraph(FunctionalConfig config, WeightReader weights, String file) {
        return new ModelAssembler(file).buildGraph(config, weights);
    }

    private Graph buildGraph(FunctionalConfig config, WeightReader reader) {
        Graph.Builder g = Graph.builder();
        Map<String, Graph.Node> built = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (FunctionalConfig.Input in : config.inputs()) {
            built.put(in.name(), g.input(in.name(), in.shape()));
            where.put(in.name(), "input '" + in.name() + "'");
        }
        for (FunctionalConfig.Node n : config.nodes()) {
            Graph.Node[] in = n.inputs().stream().map(i -> {
                Graph.Node b = built.get(i);
                if (b == null) {
                    throw new KerasImportException(file, n.where(), null, "reads '" + i + "', which is not built"
                            + " (an InputLayer missing from input_layers?)", null);
                }
                return b;
            }).toArray(Graph.Node[]::new);
            try {
                built.put(n.name(), n.layer() == null ? merge(g, n, in) : layerNode(g, n, in[0],
                        where.get(n.inputs().get(0)), reader, state));
            } catch (KerasImportException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new KerasImportException(file, n.where(), null, e.getMessage(), e);
            }
            where.put(n.name(), n.where());
        }
        for (String out : config.outputs()) {
            Graph.Node node = built.get(out);
            if (node == null) {
                throw new KerasImportException(file, "output_layers names '" + out + "', which is not a layer of the"
                        + " model");
            }
            g.output(out, node, org.seqcast.nn.loss.Loss.mse());
        }
        try {
            Graph graph = g.build();
            graph.loadStateDict(state);
            return graph;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KerasImportException(file, "the model does not fit Seqcast's graph: " + e.getMessage(), e);
        }
    }

    private Graph.Node layerNode(Graph.Builder g, FunctionalConfig.Node n, Graph.Node in, String previous,
                                 WeightReader reader, Map<String, Tensor> state) {
        layerState(n.layer(), stored(n.layer(), reader), in.shape(), previous)
                .forEach((name, t) -> state.put(n.name() + "." + name, t));
        return g.layer(n.name(), n.layer().spec(), in);
    }

    private Graph.Node merge(Graph.Builder g, FunctionalConfig.Node n, Graph.Node[] in) {
        return switch (n.merge()) {
            case ADD -> g.add(n.name(), in);
            case CONCATENATE -> {
                if (n.axis() != -1 && n.axis() != in[0].shape().length) {
                    throw new KerasImportException(file, n.where(), "axis=" + n.axis(), "not supported: on "
                            + WeightArray.shapeText(in[0].shape()) + " the features are axis " + in[0].shape().length
                            + " (or -1); Seqcast concatenates the features only", null);
                }
                yield g.concat(n.name(), in);
            }
        };
    }

    /** A layer's weights from the file, checked and in Seqcast's layout, for each kind of layer. */
    private final class Weights implements LayerSpec.Visitor<Map<String, Tensor>> {
        private final KerasLayer layer;
        private final Map<String, WeightArray> stored;
        private final int features;

        Weights(KerasLayer layer, Map<String, WeightArray> stored, int features) {
            this.layer = layer;
            this.stored = stored;
            this.features = features;
        }

        @Override
        public Map<String, Tensor> lstm(LayerSpec.Lstm spec) {
            return recurrentState((KerasLayer.Recurrent) layer, stored, features, false);
        }

        @Override
        public Map<String, Tensor> gru(LayerSpec.Gru spec) {
            return recurrentState((KerasLayer.Recurrent) layer, stored, features, true);
        }

        @Override
        public Map<String, Tensor> simpleRnn(LayerSpec.SimpleRnn spec) {
            return recurrentState((KerasLayer.Recurrent) layer, stored, features, false);
        }

        @Override
        public Map<String, Tensor> dense(LayerSpec.Dense spec) {
            KerasLayer.Dense d = layer instanceof KerasLayer.TimeDistributed td ? td.dense() : (KerasLayer.Dense) layer;
            WeightArray kernel = require(d, stored, "kernel", features, features, d.units());
            WeightArray bias = d.useBias() ? require(d, stored, "bias", features, d.units()) : null;
            unexpected(d, stored, d.useBias() ? List.of("kernel", "bias") : List.of("kernel"));
            return KerasLayout.dense(kernel.data(), features, d.units(), bias == null ? null : bias.data());
        }

        @Override
        public Map<String, Tensor> dropout(LayerSpec.Dropout spec) {
            return Map.of();
        }

        // ---- Wrappers around recurrent layers ----

        /** The forward layer's weights as the wrapped layer's, the backward layer's with the suffix _reverse. */
        @Override
        public Map<String, Tensor> bidirectional(LayerSpec.Bidirectional spec) {
            KerasLayer.Bidirectional bi = (KerasLayer.Bidirectional) layer;
            boolean gru = spec.layer() instanceof LayerSpec.Gru;
            Map<String, Tensor> out = new LinkedHashMap<>(recurrentState(direction(bi, "forward"),
                    direction(stored, WeightReader.FORWARD), features, gru));
            recurrentState(direction(bi, "backward"), direction(stored, WeightReader.BACKWARD),
                    features, gru).forEach((k, v) -> out.put(k + LayerSpec.Bidirectional.REVERSE_SUFFIX, v));
            return out;
        }

        @Override
        public Map<String, Tensor> repeatVector(LayerSpec.RepeatVector spec) {
            return Map.of();
        }

        // convolutional kinds

        @Override
        public Map<String, Tensor> conv1d(LayerSpec.Conv1d spec) {
            int k = spec.kernelSize();
            WeightArray kernel = require(layer, stored, "kernel", features, k, features, spec.filters());
            WeightArray bias = spec.useBias() ? require(layer, stored, "bias", features, spec.filters()) : null;
            unexpected(layer, stored, spec.useBias() ? List.of("kernel", "bias") : List.of("kernel"));
            return KerasLayout.conv1d(kernel.data(), k, features, spec.filters(), bias == null ? null : bias.data());
        }

        @Override
        public Map<String, Tensor> maxPooling1d(LayerSpec.MaxPooling1d spec) {
            return Map.of();
        }

        @Override
        public Map<String, Tensor> averagePooling1d(LayerSpec.AveragePooling1d spec) {
            return Map.of();
        }

        @Override
        public Map<String, Tensor> globalAveragePooling1d(LayerSpec.GlobalAveragePooling1d spec) {
            return Map.of();
        }

        @Override
        public Map<String, Tensor> flatten(LayerSpec.Flatten spec) {
            return Map.of();
        }

        // attention-related kinds

        /** gamma (F) and beta (F) are PyTorch's weight and bias as they are. */
        @Override
        public Map<String, Tensor> layerNormalization(LayerSpec.LayerNormalization spec) {
            WeightArray gamma = require(layer, stored, "gamma", features, features);
            WeightArray beta = require(layer, stored, "beta", features, features);
            unexpected(layer, stored, List.of("gamma", "beta"));
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put(LayerSpec.LayerNormalization.WEIGHT, Tensor.wrap(gamma.data().clone(), features));
            out.put(LayerSpec.LayerNormalization.BIAS, Tensor.wrap(beta.data().clone(), features));
            return out;
        }

        /** scale (1) with use_scale and concat_score_weight (1) with score_mode concat, Keras's variables as they are. */
        @Override
        public Map<String, Tensor> attention(LayerSpec.Attention spec) {
            List<String> roles = spec.parameters(features).stream().map(p -> p.name()).toList();
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String role : roles) {
                out.put(role, Tensor.wrap(require(layer, stored, role, features, 1).data().clone(), 1));
            }
            unexpected(layer, stored, roles);
            return out;
        }

        // Transformer kinds

        /**
         * query/kernel (I, N, K), query/bias (N, K), ... attention_output/bias (O): Keras's tensors as they are,
         * under the roles query_kernel, ..., which are Seqcast's parameter names.
         */
        @Override
        public Map<String, Tensor> multiHeadAttention(LayerSpec.MultiHeadAttention spec) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (LayerSpec.ParameterSpec p : spec.parameters(features)) {
                int[] shape = p.shape().stream().mapToInt(Integer::intValue).toArray();
                out.put(p.name(), Tensor.wrap(require(layer, stored, p.name(), features, shape).data().clone(), shape));
            }
            unexpected(layer, stored, out.keySet().stream().toList());
            return out;
        }

        @Override
        public Map<String, Tensor> sinusoidalPositionalEncoding(LayerSpec.SinusoidalPositionalEncoding spec) {
            throw new IllegalStateException(spec.kind().className() + " is not a Keras layer");
        }

        @Override
        public Map<String, Tensor> learnedPositionalEncoding(LayerSpec.LearnedPositionalEncoding spec) {
            throw new IllegalStateException(spec.kind().className() + " is not a Keras layer");
        }

        // additive attention and batch normalization

        /** scale (F) with use_scale, Keras's variable as it is. */
        @Override
        public Map<String, Tensor> additiveAttention(LayerSpec.AdditiveAttention spec) {
            if (!spec.useScale()) {
                unexpected(layer, stored, List.of());
                return Map.of();
            }
            WeightArray scale = require(layer, stored, LayerSpec.AdditiveAttention.SCALE, features, features);
            unexpected(layer, stored, List.of(LayerSpec.AdditiveAttention.SCALE));
            return Map.of(LayerSpec.AdditiveAttention.SCALE, Tensor.wrap(scale.data().clone(), features));
        }

        /** gamma, beta, moving_mean, moving_variance (F each) are PyTorch's weight, bias, running_mean, running_var. */
        @Override
        public Map<String, Tensor> batchNormalization(LayerSpec.BatchNormalization spec) {
            List<String> keras = ((KerasLayer.BatchNormalization) layer).variables();
            List<String> ours = spec.parameters(features).stream().map(p -> p.name()).toList();
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (int k = 0; k < keras.size(); k++) {
                out.put(ours.get(k), Tensor.wrap(require(layer, stored, keras.get(k), features, features).data().clone(),
                        features));
            }
            unexpected(layer, stored, keras);
            return out;
        }

        @Override
        public Map<String, Tensor> masking(LayerSpec.Masking spec) {
            return Map.of();
        }
    }

    /** The wrapped layer as messages name one direction of it. */
    private static KerasLayer.Recurrent direction(KerasLayer.Bidirectional bi, String word) {
        KerasLayer.Recurrent r = bi.layer();
        return new KerasLayer.Recurrent(bi.where() + ", " + word + " layer", r.className(), r.name(), r.units(),
                r.returnSequences(), r.activation(), r.recurrentActivation(), r.resetAfter(), r.useBias());
    }

    /**
     * The roles of one direction of a Bidirectional without their prefix; a role of neither direction stays as it
     * is, so that the check for unexpected weights names it.
     */
    private static Map<String, WeightArray> direction(Map<String, WeightArray> stored, String prefix) {
        Map<String, WeightArray> out = new LinkedHashMap<>();
        stored.forEach((role, w) -> {
            if (role.startsWith(prefix)) {
                out.put(role.substring(prefix.length()), w);
            } else if (!role.startsWith(WeightReader.FORWARD) && !role.startsWith(WeightReader.BACKWARD)) {
                out.put(role, w);
            }
        });
        return out;
    }

    /** @param gru whether the layer is a GRU, whose bias is (2, 3H) with reset_after and (3H) without */
    private Map<String, Tensor> recurrentState(KerasLayer.Recurrent r, Map<String, WeightArray> w, int features,
                                               boolean gru) {
        int gh = r.gates() * r.units();
        WeightArray kernel = require(r, w, "kernel", features, features, gh);
        WeightArray recurrent = require(r, w, "recurrent_kernel", features, r.units(), gh);
        WeightArray bias = null;
        boolean twoRows = gru && r.resetAfter();
        if (r.useBias()) {
            bias = w.get("bias");
            int[] expected = twoRows ? new int[] {2, gh} : new int[] {gh};
            if (bias == null) {
                throw missing(r, w, "bias");
            }
            if (!Arrays.equals(bias.shape(), expected)) {
                String hint = gru
                        ? bias.shape().length == 2 ? "; a (2, 3H) bias belongs to a GRU with reset_after=True"
                        : "; a (3H) bias belongs to a GRU with reset_after=False" : "";
                throw shape(r, bias, expected, features, hint);
            }
        }
        unexpected(r, w, r.useBias() ? List.of("kernel", "recurrent_kernel", "bias") : List.of("kernel", "recurrent_kernel"));
        return KerasLayout.recurrent(r.className(), r.units(), kernel.data(), features, recurrent.data(),
                bias == null ? null : bias.data(), twoRows);
    }

    /** The weight {@code role} of a layer on {@code features} inputs, which must have exactly {@code shape}. */
    private WeightArray require(KerasLayer l, Map<String, WeightArray> w, String role, int features, int... shape) {
        WeightArray a = w.get(role);
        if (a == null) {
            throw missing(l, w, role);
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw shape(l, a, shape, features, "");
        }
        return a;
    }

    private KerasImportException missing(KerasLayer l, Map<String, WeightArray> w, String role) {
        return new KerasImportException(file, l.where(), null, "the file holds no " + role + " for this layer (it holds "
                + w.keySet() + ")", null);
    }

    private KerasImportException shape(KerasLayer l, WeightArray a, int[] expected, int features, String hint) {
        String what = l instanceof KerasLayer.Recurrent r ? r.className() + "(" + r.units() + ")"
                : l instanceof KerasLayer.Conv1D c ? "Conv1D(" + c.spec().filters() + ", " + c.spec().kernelSize() + ")"
                : l instanceof KerasLayer.Dense d ? "Dense(" + d.units() + ")" : l.className();
        return new KerasImportException(file, l.where(), null, "weight " + a.source() + " has shape " + a.shapeText()
                + " but " + what + " on " + features + " input features needs "
                + WeightArray.shapeText(expected) + hint, null);
    }

    private void unexpected(KerasLayer l, Map<String, WeightArray> w, List<String> known) {
        for (String role : w.keySet()) {
            if (!known.contains(role)) {
                throw new KerasImportException(file, l.where(), null, "unexpected weight " + w.get(role).source()
                        + " (a " + l.className() + " has " + String.join(", ", known) + ")", null);
            }
        }
    }

    /** (T = -1, I) from the first recurrent or Conv1D kernel, or (F) from a first Dense kernel. */
    private int[] inferInput(List<KerasLayer> layers, List<Map<String, WeightArray>> stored) {
        for (int k = 0; k < layers.size(); k++) {
            WeightArray kernel = stored.get(k).get(layers.get(k) instanceof KerasLayer.Bidirectional
                    ? WeightReader.FORWARD + "kernel" : "kernel");
            if (kernel != null && layers.get(k) instanceof KerasLayer.Conv1D && kernel.shape().length == 3) {
                return new int[] {-1, kernel.shape()[1]};                        // Conv1D kernel (k, I, O)
            }
            if (kernel != null && kernel.shape().length == 2) {
                return layers.get(k) instanceof KerasLayer.Recurrent || layers.get(k) instanceof KerasLayer.Bidirectional
                        ? new int[] {-1, kernel.shape()[0]}
                        : new int[] {kernel.shape()[0]};
            }
        }
        throw new KerasImportException(file, "the config records no input shape and no layer has a kernel to take it"
                + " from");
    }
}
