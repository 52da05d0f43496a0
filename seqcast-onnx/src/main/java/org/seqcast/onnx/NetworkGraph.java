package org.seqcast.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seqcast.nn.Layer;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.onnx.proto.OnnxProto.AttributeProto;
import org.seqcast.onnx.proto.OnnxProto.TensorProto;
import org.seqcast.tensor.Parameter;

/**
 * The one home of the mapping from layers to ONNX operators (opset {@value OnnxExport#OPSET}), by a
 * {@link LayerSpec.Visitor} over the layers' specs, so a new layer kind cannot compile without a mapping here.
 * {@link LayerNodes} maps one layer; this class chains them for a {@link Sequential}, and {@link FunctionalGraph}
 * applies them to the layer nodes of an {@link org.seqcast.nn.Graph}.
 * Between nodes, sequences are time-major (T, B, F) as in the engine, because ONNX Runtime's recurrent kernels
 * implement only {@code layout = 0}; the graph's own input and output are batch-first like
 * {@link Sequential#predict}.
 * <pre>
 *   network input   x (B, T, F)  --Transpose perm [1,0,2]-->  (T, B, F)        (a (B, F) input is used as is)
 *   LSTM / GRU / SimpleRNN (H units; weights: {@link RecurrentWeights})
 *                   ONNX LSTM / GRU / RNN, direction forward, zero initial state, hidden_size H
 *                   GRU: linear_before_reset = 1 for resetAfter(true), 0 for resetAfter(false)
 *                   activations (only when not the defaults; names and parameters: {@link OnnxActivation}):
 *                     LSTM [recurrentActivation, activation, activation]   (ONNX f, g, h; default Sigmoid, Tanh, Tanh)
 *                     GRU  [recurrentActivation, activation]               (ONNX f, g; default Sigmoid, Tanh)
 *                     RNN  [activation]                                    (ONNX f; default Tanh)
 *                   returnSequences:  Y (T, 1, B, H)  --Squeeze axis 1-->  (T, B, H)
 *                   otherwise:        Y_h (1, B, H)   --Squeeze axis 0-->  (B, H)   (the last step)
 *   Dense(O, act)   on (B, F):    Gemm(x, weight (O, F), bias, transB = 1)
 *                   on (T, B, F): MatMul(x, weightᵀ (F, O)) + Add(bias (O))
 *                   then the activation's operator: Relu, Tanh, Sigmoid, HardSigmoid, Softmax axis -1 (nothing for
 *                   linear; Conv1D's softmax: axis 1 of its channels-first output)
 *   Dropout         identity at inference: no node
 *   Bidirectional(layer, merge)
 *                   the layer's operator with direction bidirectional, W (2, G·H, I), R (2, G·H, H), B (2, 2·G·H)
 *                   (forward, then the _reverse weights), activations listed for both directions;
 *                   returnSequences: Y (T, 2, B, H), otherwise Y_h (2, B, H); Slice + Squeeze the direction axis
 *                   into →h and ←h, then concat: Concat axis -1; sum: Add; mul: Mul; ave: Div(Add, 2)
 *   RepeatVector(n) (B, F) --Unsqueeze axis 0--> (1, B, F) --Expand [n, 1, 1]--> (n, B, F)
 *   Conv1D          Transpose perm [1,2,0] (T, B, I) → (B, I, T), Conv (weight (O, I, k) as stored, bias, strides,
 *                   dilations; valid: pads [0, 0]; causal: pads [(k − 1)·d, 0]; same: auto_pad SAME_UPPER, the odd
 *                   padded step after, as TensorFlow), the activation's operator, Transpose perm [2,0,1] → (T', B, O)
 *   MaxPooling1D    the same transposes around MaxPool (kernel_shape, strides, pads [0, 0] or SAME_UPPER: padded
 *                   steps never win)
 *   AveragePooling1D  likewise around AveragePool (count_include_pad = 0: padded steps left out of the mean)
 *   GlobalAveragePooling1D  ReduceMean over axis 0 (time), keepdims 0: (T, B, F) → (B, F)
 *   Flatten         on (T, B, F): Transpose perm [1,0,2] then Flatten axis 1 → (B, T·F); on (B, F): no node
 *   Attention       Transpose to (B, T, F); dot: MatMul(X, Transpose(X)), Mul scale; concat: Add(Unsqueeze axis 2,
 *                   Unsqueeze axis 1), Mul scale, Tanh, ReduceSum axis -1, Mul concat_score_weight; causal: Add
 *                   (Trilu(ones) − 1) · 1e9; Softmax axis -1, MatMul with X, Transpose back to (T, B, F)
 *   LayerNormalization  ReduceMean axis -1, Sub, Mul, ReduceMean, Add ε, Sqrt, Div, Mul γ, Add β (opset 14 has no
 *                   LayerNormalization operator)
 *   AdditiveAttention  Transpose to (B, T, F); Add(Unsqueeze axis 2, Unsqueeze axis 1), Tanh, Mul scale (F), ReduceSum
 *                   axis -1; causal as Attention; Softmax axis -1, MatMul with X, Transpose back to (T, B, F)
 *   Masking         refused (OnnxExportException): ONNX's recurrent operators have no per-step mask
 *   BatchNormalization  inference: BatchNormalization (epsilon; γ or ones, β or zeros, the moving mean and variance)
 *                   on (B, F), or between Transposes to (B, F, T) and back on sequences
 *   MultiHeadAttention  Transpose to (B, T, I); per role MatMul kernel (I, N·D), Add bias, Reshape (0, 0, N, D),
 *                   Transpose to heads first; MatMul(Q, Kᵀ), Mul 1/√K; causal: Add (Trilu(ones) − 1) · 1e9; Softmax axis
 *                   -1, MatMul V, Transpose, Reshape (0, 0, N·V), MatMul (N·V, O), Add bias; Transpose back
 *   SinusoidalPositionalEncoding  T from Shape/Slice/Squeeze, Range(0, T, 1), ⊗ frequencies, Sin and Cos masked to
 *                   even and odd features, Unsqueeze axis 1, Add
 *   LearnedPositionalEncoding  Slice of the table's first T rows (T from Shape), Unsqueeze axis 1, Add
 *   network output  (B, O), or (T, B, O) --Transpose perm [1,0,2]--> (B, T, O) when the last layer returns sequences
 * </pre>
 * Unsupported (an {@link OnnxExportException} says which layer and why): layers outside {@link LayerSpec}'s
 * kinds (a user subclass of {@link Layer} has no known math), a model that is not built, and non-finite weights.
 * Initial states ({@link org.seqcast.nn.Stepper}, {@code Recurrent.forward(x, ctx, state)}) are not part of
 * the graph: it always starts from zeros, as {@link Sequential#predict} does.
 */
final class NetworkGraph {
    private final Sequential network;
    private final GraphBuilder g;
    /** Per layer, its mapping, holding the names of its initializers. */
    private final List<LayerNodes> layers = new ArrayList<>();

    /** Checks the network and adds its weights to {@code g} as initializers (once, however often it is emitted). */
    NetworkGraph(Sequential network, GraphBuilder g) {
        List<LayerSpec> specs = requireSupported(network);
        this.network = network;
        this.g = g;
        for (int k = 0; k < specs.size(); k++) {
            layers.add(new LayerNodes(g, network.layers().get(k), specs.get(k), "layer" + k + "_"));
        }
    }

    /**
     * The specs of the network's layers; throws an {@link OnnxExportException} naming the first layer that cannot
     * be exported, or when the model is not built or holds a non-finite weight.
     */
    static List<LayerSpec> requireSupported(Sequential network) {
        if (!network.isBuilt()) {
            throw new OnnxExportException("the network is not built: build it (Sequential.build) or train it before"
                    + " exporting, so that its input shape and weights are known");
        }
        List<Layer> layers = network.layers();
        List<LayerSpec> specs = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            specs.add(LayerNodes.requireSupported(layers.get(k), "layer " + k));
        }
        return specs;
    }

    /**
     * Emits the layers once, reading the batch-first input {@code x} and returning the name of the batch-first
     * output; {@code prefix} starts every value name (the recursive forecaster emits the network once per step).
     */
    String emit(String x, String prefix) {
        boolean sequence = network.inputShape().length == 2;
        String cur = sequence ? g.swapBatchTime(x, prefix + "time_major") : x;
        for (int k = 0; k < layers.size(); k++) {
            cur = layers.get(k).emit(cur, prefix + "layer" + k + "_");
            sequence = layers.get(k).returnsSequence();
        }
        return sequence ? g.swapBatchTime(cur, prefix + "batch_first") : cur;
    }

    /**
     * One built layer's mapping: its weights as initializers (added once, by the constructor) and its nodes
     * (added by each {@link #emit}). It reads and writes sequences time-major (T, B, F) and vectors as (B, F);
     * whether its input and output are sequences is the layer's own built shapes. {@link NetworkGraph} chains
     * these for a {@link Sequential}, {@link FunctionalGraph} applies them to the nodes of an
     * {@link org.seqcast.nn.Graph}.
     */
    static final class LayerNodes {
        private final GraphBuilder g;
        private final Layer layer;
        private final LayerSpec spec;
        /** The names of its initializers (none for Dropout). */
        private final List<String> w;

        /**
         * Adds the layer's weights to {@code g} as initializers named {@code prefix} + W, R, B (recurrent) or
         * weight / weightT, bias (Dense); {@code spec} is what {@link #requireSupported} returned for it.
         */
        LayerNodes(GraphBuilder g, Layer layer, LayerSpec spec, String prefix) {
            this.g = g;
            this.layer = layer;
            this.spec = spec;
            this.w = spec.accept(new Initializers(prefix));
        }

        /**
         * The layer's spec; throws an {@link OnnxExportException} naming it ({@code where}, e.g. "layer 1" or
         * "node 'lstm'") when it has no mapping or holds a non-finite weight.
         */
        static LayerSpec requireSupported(Layer l, String where) {
            LayerSpec spec;
            try {
                spec = l.spec();
            } catch (UnsupportedOperationException e) {
                throw new OnnxExportException(where + " (" + l.kind() + ", " + l.getClass().getName() + ") has no"
                        + " ONNX mapping; only " + LayerSpec.Kind.classNames() + " layers can be exported");
            }
            if (spec.kind() == LayerSpec.Kind.MASKING) {
                throw new OnnxExportException(where + " (Masking) cannot be exported: ONNX's LSTM, GRU and RNN operators"
                        + " skip only the steps after each sequence's length (sequence_lens), not masked steps anywhere;"
                        + " export the network without its Masking layer, on unpadded sequences");
            }
            for (Parameter p : l.parameters()) {
                for (float v : p.value()) {
                    if (!Float.isFinite(v)) {
                        throw new OnnxExportException(where + " (" + l.kind() + ") weight " + p.name()
                                + " holds " + v + ": training diverged; retrain before exporting");
                    }
                }
            }
            return spec;
        }

        /** Whether the layer reads a sequence (T, B, F) rather than a vector (B, F). */
        boolean takesSequence() {
            return layer.inputShapeBuilt().length == 2;
        }

        /** Whether the layer returns a sequence (T, B, H) rather than a vector (B, H). */
        boolean returnsSequence() {
            return layer.outputShape().length == 2;
        }

        /** The layer's nodes on {@code x} (time-major when a sequence); returns the name of its output. */
        String emit(String x, String prefix) {
            return spec.accept(new Nodes(x, takesSequence(), prefix));
        }

        /**
         * The layer's nodes on several values: a MultiHeadAttention's query, value and optional key (a Graph's
         * cross-attention); one value is {@link #emit(String, String)}.
         */
        String emit(List<String> inputs, String prefix) {
            if (inputs.size() == 1) {
                return emit(inputs.get(0), prefix);
            }
            Nodes nodes = new Nodes(inputs.get(0), takesSequence(), prefix);
            nodes.value = inputs.get(1);
            nodes.key = inputs.size() > 2 ? inputs.get(2) : inputs.get(1);
            return spec.accept(nodes);
        }

        /** A layer's weights as initializers, in the layout its operator reads. */
        private final class Initializers implements LayerSpec.Visitor<List<String>> {
            private final String p;

            Initializers(String prefix) {
                this.p = prefix;
            }

            @Override
            public List<String> lstm(LayerSpec.Lstm spec) {
                return recurrent(spec);
            }

            @Override
            public List<String> gru(LayerSpec.Gru spec) {
                return recurrent(spec);
            }

            @Override
            public List<String> simpleRnn(LayerSpec.SimpleRnn spec) {
                return recurrent(spec);
            }

            private List<String> recurrent(LayerSpec.Recurrent spec) {
                RecurrentWeights w = RecurrentWeights.of(spec, layer);
                int gh = w.gates() * w.units();
                return List.of(g.floats(p + "W", w.w(), 1, gh, w.inputs()),
                        g.floats(p + "R", w.r(), 1, gh, w.units()), g.floats(p + "B", w.b(), 1, 2L * gh));
            }

            @Override
            public List<String> dense(LayerSpec.Dense spec) {
                float[] wt = param(layer, LayerSpec.Dense.WEIGHT);
                int o = spec.units();
                int f = wt.length / o;
                String weight = takesSequence()
                        ? g.floats(p + "weightT", transpose(wt, o, f), f, o) : g.floats(p + "weight", wt, o, f);
                return List.of(weight, g.floats(p + "bias", param(layer, LayerSpec.Dense.BIAS), o));
            }

            @Override
            public List<String> dropout(LayerSpec.Dropout spec) {
                return List.of();
            }

            // ---- Bidirectional: both directions stacked on ONNX's num_directions axis ----

            @Override
            public List<String> bidirectional(LayerSpec.Bidirectional spec) {
                RecurrentWeights f = RecurrentWeights.of(spec.layer(), layer);
                RecurrentWeights b = RecurrentWeights.of(spec.layer(), layer, LayerSpec.Bidirectional.REVERSE_SUFFIX);
                int gh = f.gates() * f.units();
                return List.of(g.floats(p + "W", join(f.w(), b.w()), 2, gh, f.inputs()),
                        g.floats(p + "R", join(f.r(), b.r()), 2, gh, f.units()), g.floats(p + "B", join(f.b(), b.b()), 2, 2L * gh));
            }

            @Override
            public List<String> repeatVector(LayerSpec.RepeatVector spec) {
                return List.of();
            }

            // convolutional kinds

            @Override
            public List<String> conv1d(LayerSpec.Conv1d spec) {
                float[] weight = param(layer, LayerSpec.Conv1d.WEIGHT);
                int o = spec.filters();
                int k = spec.kernelSize();
                String wName = g.floats(p + "weight", weight, o, weight.length / (o * k), k);   // (O, I, k), ONNX's layout
                return spec.useBias() ? List.of(wName, g.floats(p + "bias", param(layer, LayerSpec.Conv1d.BIAS), o))
                        : List.of(wName);
            }

            @Override
            public List<String> maxPooling1d(LayerSpec.MaxPooling1d spec) {
                return List.of();
            }

            @Override
            public List<String> averagePooling1d(LayerSpec.AveragePooling1d spec) {
                return List.of();
            }

            @Override
            public List<String> globalAveragePooling1d(LayerSpec.GlobalAveragePooling1d spec) {
                return List.of();
            }

            @Override
            public List<String> flatten(LayerSpec.Flatten spec) {
                return List.of();
            }

            // attention-related kinds

            @Override
            public List<String> layerNormalization(LayerSpec.LayerNormalization spec) {
                float[] gamma = param(layer, LayerSpec.LayerNormalization.WEIGHT);
                return List.of(g.floats(p + "gamma", gamma, gamma.length),
                        g.floats(p + "beta", param(layer, LayerSpec.LayerNormalization.BIAS), gamma.length),
                        g.floats(p + "epsilon", new float[] {(float) (double) spec.epsilon()}));
            }

            @Override
            public List<String> attention(LayerSpec.Attention spec) {
                List<String> out = new ArrayList<>();
                if (spec.useScale()) {
                    out.add(g.floats(p + "scale", param(layer, LayerSpec.Attention.SCALE), 1));
                }
                if (spec.scoreMode() == LayerSpec.Attention.ScoreMode.CONCAT) {
                    out.add(g.floats(p + "concat_score_weight", param(layer, LayerSpec.Attention.CONCAT_SCORE_WEIGHT), 1));
                    out.add(g.longs(p + "feature_axis", -1));
                }
                if (spec.causal()) {
                    out.add(g.floats(p + "one", new float[] {1f}, 1));
                    out.add(g.floats(p + "masked", new float[] {MASKED}, 1));
                }
                return out;
            }

            // Transformer kinds

            /**
             * Kernels read as matrices, (I, N·K) and (N·V, O), as stored; biases flattened (zeros without use_bias);
             * the reshape targets (0, 0, N, K), (0, 0, N, V), (0, 0, N·V); 1/√K; the causal mask's constants.
             */
            @Override
            public List<String> multiHeadAttention(LayerSpec.MultiHeadAttention spec) {
                int in = layer.inputShapeBuilt()[1];
                int nk = spec.numHeads() * spec.keyDim();
                int nv = spec.numHeads() * spec.valueDim();
                int o = spec.outputFeatures(in);
                List<String> out = new ArrayList<>();
                out.add(g.floats(p + "query_kernel", param(layer, LayerSpec.MultiHeadAttention.QUERY_KERNEL), in, nk));
                out.add(g.floats(p + "query_bias", bias(LayerSpec.MultiHeadAttention.QUERY_BIAS, nk), nk));
                out.add(g.floats(p + "key_kernel", param(layer, LayerSpec.MultiHeadAttention.KEY_KERNEL), in, nk));
                out.add(g.floats(p + "key_bias", bias(LayerSpec.MultiHeadAttention.KEY_BIAS, nk), nk));
                out.add(g.floats(p + "value_kernel", param(layer, LayerSpec.MultiHeadAttention.VALUE_KERNEL), in, nv));
                out.add(g.floats(p + "value_bias", bias(LayerSpec.MultiHeadAttention.VALUE_BIAS, nv), nv));
                out.add(g.floats(p + "output_kernel", param(layer, LayerSpec.MultiHeadAttention.OUTPUT_KERNEL), nv, o));
                out.add(g.floats(p + "output_bias", bias(LayerSpec.MultiHeadAttention.OUTPUT_BIAS, o), o));
                out.add(g.longs(p + "key_heads", 0, 0, spec.numHeads(), spec.keyDim()));
                out.add(g.longs(p + "value_heads", 0, 0, spec.numHeads(), spec.valueDim()));
                out.add(g.longs(p + "merged", 0, 0, nv));
                out.add(g.floats(p + "scale", new float[] {(float) (1 / Math.sqrt(spec.keyDim()))}, 1));
                if (spec.causal()) {
                    out.add(g.floats(p + "one", new float[] {1f}, 1));
                    out.add(g.floats(p + "masked", new float[] {MASKED}, 1));
                }
                return out;
            }

            /** A bias parameter, or zeros when the layer has none (use_bias false). */
            private float[] bias(String name, int size) {
                return layer.parameters().stream().anyMatch(q -> q.name().equals(name)) ? param(layer, name)
                        : new float[size];
            }

            /** Each feature's frequency (F), masks of the even (sin) and odd (cos) features, Range's scalars. */
            @Override
            public List<String> sinusoidalPositionalEncoding(LayerSpec.SinusoidalPositionalEncoding spec) {
                int f = layer.inputShapeBuilt()[1];
                float[] frequency = new float[f];
                float[] even = new float[f];
                float[] odd = new float[f];
                for (int k = 0; k < f; k++) {
                    frequency[k] = (float) spec.frequency(k, f);
                    even[k] = k % 2 == 0 ? 1f : 0f;
                    odd[k] = 1f - even[k];
                }
                return List.of(g.floats(p + "frequency", frequency, f), g.floats(p + "sin_mask", even, f),
                        g.floats(p + "cos_mask", odd, f), g.floats(p + "zero", new float[] {0f}),
                        g.floats(p + "step", new float[] {1f}), g.longs(p + "time_axis", 0));
            }

            /** The table (max_length, F). */
            @Override
            public List<String> learnedPositionalEncoding(LayerSpec.LearnedPositionalEncoding spec) {
                int f = layer.inputShapeBuilt()[1];
                return List.of(g.floats(p + "positions", param(layer, LayerSpec.LearnedPositionalEncoding.WEIGHT),
                        spec.maxLength(), f), g.longs(p + "start", 0), g.longs(p + "time_axis", 0));
            }

            // additive attention and batch normalization

            /** scale (F) with use_scale, the feature axis, and the causal mask's constants. */
            @Override
            public List<String> additiveAttention(LayerSpec.AdditiveAttention spec) {
                List<String> out = new ArrayList<>();
                if (spec.useScale()) {
                    float[] scale = param(layer, LayerSpec.AdditiveAttention.SCALE);
                    out.add(g.floats(p + "scale", scale, scale.length));
                }
                out.add(g.longs(p + "feature_axis", -1));
                if (spec.causal()) {
                    out.add(g.floats(p + "one", new float[] {1f}, 1));
                    out.add(g.floats(p + "masked", new float[] {MASKED}, 1));
                }
                return out;
            }

            /** γ (ones without scale), β (zeros without center), the moving mean and variance: BatchNormalization's inputs. */
            @Override
            public List<String> batchNormalization(LayerSpec.BatchNormalization spec) {
                float[] mean = param(layer, LayerSpec.BatchNormalization.RUNNING_MEAN);
                int f = mean.length;
                float[] ones = new float[f];
                java.util.Arrays.fill(ones, 1f);
                float[] gamma = spec.scale() ? param(layer, LayerSpec.BatchNormalization.WEIGHT) : ones;
                float[] beta = spec.center() ? param(layer, LayerSpec.BatchNormalization.BIAS) : new float[f];
                return List.of(g.floats(p + "gamma", gamma, f), g.floats(p + "beta", beta, f),
                        g.floats(p + "moving_mean", mean, f),
                        g.floats(p + "moving_variance", param(layer, LayerSpec.BatchNormalization.RUNNING_VAR), f));
            }

            @Override
            public List<String> masking(LayerSpec.Masking spec) {
                throw new IllegalStateException("Masking is refused by requireSupported");
            }
        }

        /** A layer's nodes on the time-major value {@code x}; returns the name of the layer's output. */
        private final class Nodes implements LayerSpec.Visitor<String> {
            private final String x;
            private final boolean sequence;
            private final String p;
            /** Set while emitting the wrapped layer of a Bidirectional: then both directions run and merge. */
            private LayerSpec.Bidirectional.Merge merge;

            /** A MultiHeadAttention's value and key when they are other values than x (cross-attention), else null. */
            private String value;
            private String key;

            Nodes(String x, boolean sequence, String prefix) {
                this.x = x;
                this.sequence = sequence;
                this.p = prefix;
            }

            @Override
            public String lstm(LayerSpec.Lstm spec) {                                   // ONNX f, g, h
                return recurrent(spec, "LSTM", List.of(), List.of(spec.recurrentActivation(), spec.activation(), spec.activation()),
                        List.of(Activation.SIGMOID, Activation.TANH, Activation.TANH));
            }

            @Override
            public String gru(LayerSpec.Gru spec) {                                     // ONNX f, g
                return recurrent(spec, "GRU", List.of(GraphBuilder.intAttr("linear_before_reset", spec.resetAfter() ? 1 : 0)),
                        List.of(spec.recurrentActivation(), spec.activation()), List.of(Activation.SIGMOID, Activation.TANH));
            }

            @Override
            public String simpleRnn(LayerSpec.SimpleRnn spec) {                         // ONNX f
                return recurrent(spec, "RNN", List.of(), List.of(spec.activation()), List.of(Activation.TANH));
            }

            private String recurrent(LayerSpec.Recurrent spec, String op, List<AttributeProto> own, List<Activation> functions,
                                     List<Activation> defaults) {
                List<String> inputs = List.of(x, w.get(0), w.get(1), w.get(2));
                List<AttributeProto> attrs = new ArrayList<>();
                attrs.add(GraphBuilder.intAttr("hidden_size", spec.units()));
                attrs.addAll(own);
                if (!functions.equals(defaults)) {
                    List<Activation> perDirection = merge == null ? functions
                            : java.util.stream.Stream.concat(functions.stream(), functions.stream()).toList();
                    attrs.addAll(OnnxActivation.recurrentAttributes(perDirection.stream().map(OnnxActivation::of).toList()));
                }
                if (merge != null) {
                    attrs.add(GraphBuilder.stringAttr("direction", "bidirectional"));
                    return bidirectionalOutput(spec, op, inputs, attrs.toArray(new AttributeProto[0]));
                }
                AttributeProto[] a = attrs.toArray(new AttributeProto[0]);
                if (spec.returnSequences()) {
                    String y = g.node(op, inputs, List.of(g.fresh(p + "Y")), a).get(0);        // (T, 1, B, H)
                    return g.squeeze(y, 1, p + "sequence");                                       // (T, B, H)
                }
                String yh = g.node(op, inputs, List.of("", g.fresh(p + "Y_h")), a).get(1);      // (1, B, H)
                return g.squeeze(yh, 0, p + "last");                                              // (B, H)
            }

            @Override
            public String dense(LayerSpec.Dense spec) {
                String y = sequence
                        ? g.node("Add", p + "dense", List.of(g.node("MatMul", p + "matmul", List.of(x, w.get(0))), w.get(1)))
                        : g.node("Gemm", p + "dense", List.of(x, w.get(0), w.get(1)), GraphBuilder.intAttr("transB", 1));
                return activation(y, spec.activation(), -1);
            }

            /**
             * act(y) by the activation's operator; nothing for linear; softmax normalizes over {@code featureAxis}, the
             * axis of the layer's outputs (−1, or 1 in a convolution's channels-first layout).
             */
            private String activation(String y, Activation activation, int featureAxis) {
                if (activation == Activation.LINEAR) {
                    return y;
                }
                OnnxActivation act = OnnxActivation.of(activation);
                AttributeProto[] params = act.hasParameters()
                        ? new AttributeProto[] {GraphBuilder.floatAttr("alpha", act.alpha()), GraphBuilder.floatAttr("beta", act.beta())}
                        : activation == Activation.SOFTMAX ? new AttributeProto[] {GraphBuilder.intAttr("axis", featureAxis)}
                        : new AttributeProto[0];
                return g.node(act.name(), p + act.name().toLowerCase(Locale.ROOT), List.of(y), params);
            }

            @Override
            public String dropout(LayerSpec.Dropout spec) {                             // the identity at inference
                return x;
            }

            // ---- Bidirectional ----

            @Override
            public String bidirectional(LayerSpec.Bidirectional spec) {
                merge = spec.mergeMode();
                return spec.layer().acceptRecurrent(this);
            }

            /**
             * The operator with direction bidirectional; Y (T, 2, B, H) or Y_h (2, B, H) split into →h and ←h (ONNX
             * already returns the reverse direction's Y in forward time order, and its Y_h after x_0), then merged.
             */
            private String bidirectionalOutput(LayerSpec.Recurrent spec, String op, List<String> inputs, AttributeProto[] a) {
                boolean seq = spec.returnSequences();
                int axis = seq ? 1 : 0;                                                          // num_directions
                String all = seq ? g.node(op, inputs, List.of(g.fresh(p + "Y")), a).get(0)         // (T, 2, B, H)
                        : g.node(op, inputs, List.of("", g.fresh(p + "Y_h")), a).get(1);        // (2, B, H)
                String f = g.squeeze(g.slice(all, axis, 0, 1, p + "fwd_slice"), axis, p + "fwd");
                String b = g.squeeze(g.slice(all, axis, 1, 2, p + "bwd_slice"), axis, p + "bwd");
                return switch (merge) {
                    case CONCAT -> g.node("Concat", p + "concat", List.of(f, b), GraphBuilder.intAttr("axis", -1));
                    case SUM -> g.node("Add", p + "sum", List.of(f, b));
                    case MUL -> g.node("Mul", p + "mul", List.of(f, b));
                    case AVE -> g.node("Div", p + "ave", List.of(g.node("Add", p + "sum", List.of(f, b)),
                            g.floats(p + "two", new float[] {2f})));
                };
            }

            /** (B, F) --Unsqueeze axis 0--> (1, B, F) --Expand to [n, 1, 1]--> (n, B, F), time-major. */
            @Override
            public String repeatVector(LayerSpec.RepeatVector spec) {
                String one = g.unsqueeze(x, 0, p + "step");
                return g.node("Expand", p + "repeat", List.of(one, g.longs(p + "repeats", spec.n(), 1, 1)));
            }

            // convolutional kinds

            @Override
            public String conv1d(LayerSpec.Conv1d spec) {
                List<AttributeProto> attrs = new ArrayList<>(List.of(GraphBuilder.intsAttr("kernel_shape", spec.kernelSize()),
                        GraphBuilder.intsAttr("strides", spec.strides()), GraphBuilder.intsAttr("dilations", spec.dilationRate())));
                attrs.add(padding(spec.padding(), spec.span()));
                List<String> inputs = new ArrayList<>(List.of(channelsFirst(x)));
                inputs.addAll(w);                                                         // weight (O, I, k), bias (O)
                String z = g.node("Conv", p + "conv", inputs, attrs.toArray(new AttributeProto[0]));   // (B, O, T')
                return timeMajor(activation(z, spec.activation(), 1));
            }

            @Override
            public String maxPooling1d(LayerSpec.MaxPooling1d spec) {
                return pool("MaxPool", spec.poolSize(), spec.strides(), spec.padding());
            }

            @Override
            public String averagePooling1d(LayerSpec.AveragePooling1d spec) {  // count_include_pad = 0, the default
                return pool("AveragePool", spec.poolSize(), spec.strides(), spec.padding());
            }

            private String pool(String op, int size, int strides, LayerSpec.Padding padding) {
                String z = g.node(op, p + op.toLowerCase(Locale.ROOT), List.of(channelsFirst(x)),
                        GraphBuilder.intsAttr("kernel_shape", size), GraphBuilder.intsAttr("strides", strides),
                        padding(padding, size));
                return timeMajor(z);
            }

            /** Keras's padding as ONNX attributes: explicit pads, or SAME_UPPER, which depends on the length. */
            private AttributeProto padding(LayerSpec.Padding padding, int span) {
                return switch (padding) {
                    case VALID -> GraphBuilder.intsAttr("pads", 0, 0);
                    case CAUSAL -> GraphBuilder.intsAttr("pads", span - 1, 0);
                    case SAME -> GraphBuilder.stringAttr("auto_pad", "SAME_UPPER");
                };
            }

            /** (T, B, F) → (B, F, T), the channels-first layout of ONNX's Conv and pooling. */
            private String channelsFirst(String v) {
                return g.node("Transpose", p + "channels_first", List.of(v), GraphBuilder.intsAttr("perm", 1, 2, 0));
            }

            /** (B, F, T) → (T, B, F). */
            private String timeMajor(String v) {
                return g.node("Transpose", p + "time_major", List.of(v), GraphBuilder.intsAttr("perm", 2, 0, 1));
            }

            @Override
            public String globalAveragePooling1d(LayerSpec.GlobalAveragePooling1d spec) {
                return g.node("ReduceMean", p + "mean", List.of(x), GraphBuilder.intsAttr("axes", 0),
                        GraphBuilder.intAttr("keepdims", 0));
            }

            @Override
            public String flatten(LayerSpec.Flatten spec) {
                if (!sequence) {
                    return x;
                }
                return g.node("Flatten", p + "flatten", List.of(g.swapBatchTime(x, p + "batch_first")),
                        GraphBuilder.intAttr("axis", 1));
            }

            // attention-related kinds

            /**
             * Opset 14 has no LayerNormalization operator (it came in 17), so it is built from its equation over the
             * last axis: c = x − ReduceMean(x), y = γ · c / Sqrt(ReduceMean(c · c) + ε) + β.
             */
            @Override
            public String layerNormalization(LayerSpec.LayerNormalization spec) {
                String mu = g.node("ReduceMean", p + "mean", List.of(x), GraphBuilder.intsAttr("axes", -1),
                        GraphBuilder.intAttr("keepdims", 1));                                   // μ
                String c = g.node("Sub", p + "centered", List.of(x, mu));                       // x − μ
                String var = g.node("ReduceMean", p + "variance", List.of(g.node("Mul", p + "square", List.of(c, c))),
                        GraphBuilder.intsAttr("axes", -1), GraphBuilder.intAttr("keepdims", 1)); // σ²
                String std = g.node("Sqrt", p + "std", List.of(g.node("Add", p + "plus_epsilon", List.of(var, w.get(2)))));
                String xHat = g.node("Div", p + "normalized", List.of(c, std));                 // x̂
                return g.node("Add", p + "shift", List.of(g.node("Mul", p + "scale", List.of(xHat, w.get(0))), w.get(1)));
            }

            /**
             * Self-attention batch-first: dot scores S = X · Xᵀ (MatMul after Transpose) times the scale, or concat
             * scores w · ReduceSum(Tanh(c · (X_i + X_j))) over the features (Unsqueeze both ways, Add broadcasting to
             * (B, T, T, F)); a causal mask added (−1e9 above the diagonal, as Keras does: Trilu keeps the lower
             * triangle of ones, (L − 1) · 1e9); Softmax over the last axis; Y = A · X, back to time-major.
             */
            @Override
            public String attention(LayerSpec.Attention spec) {
                String xb = g.swapBatchTime(x, p + "batch_first");                                  // X (B, T, F)
                int next = 0;
                String s;
                if (spec.scoreMode() == LayerSpec.Attention.ScoreMode.DOT) {
                    String xt = g.node("Transpose", p + "keys", List.of(xb), GraphBuilder.intsAttr("perm", 0, 2, 1));
                    s = g.node("MatMul", p + "scores", List.of(xb, xt));                          // X · Xᵀ (B, T, T)
                    if (spec.useScale()) {
                        s = g.node("Mul", p + "scaled", List.of(s, w.get(next++)));                 // c · S
                    }
                } else {
                    String sum = g.node("Add", p + "pairs", List.of(g.unsqueeze(xb, 2, p + "queries"),
                            g.unsqueeze(xb, 1, p + "keys")));                                       // x_i + x_j (B, T, T, F)
                    if (spec.useScale()) {
                        sum = g.node("Mul", p + "scaled", List.of(sum, w.get(next++)));             // c (x_i + x_j)
                    }
                    String total = g.node("ReduceSum", p + "feature_sum", List.of(g.node("Tanh", p + "tanh",
                            List.of(sum)), w.get(next + 1)), GraphBuilder.intAttr("keepdims", 0));  // Σ_f tanh(·)
                    s = g.node("Mul", p + "scores", List.of(total, w.get(next)));                  // w · Σ_f
                    next += 2;
                }
                if (spec.causal()) {
                    String ones = g.node("Expand", p + "ones", List.of(w.get(next), g.node("Shape", p + "shape", List.of(s))));
                    String lower = g.node("Trilu", p + "lower", List.of(ones), GraphBuilder.intAttr("upper", 0));
                    String mask = g.node("Mul", p + "mask", List.of(g.node("Sub", p + "above", List.of(lower, w.get(next))),
                            w.get(next + 1)));                                                    // (L − 1) · 1e9
                    s = g.node("Add", p + "causal", List.of(s, mask));
                }
                String weights = g.node("Softmax", p + "weights", List.of(s), GraphBuilder.intAttr("axis", -1));
                return g.swapBatchTime(g.node("MatMul", p + "attended", List.of(weights, xb)), p + "time_major");
            }

            // Transformer kinds

            /**
             * Batch-first X (B, T, I); per role p = X W + b (MatMul, Add), Reshape to (B, T, N, ·) and Transpose to
             * Q (B, N, T, K), Kᵀ (B, N, K, T), V (B, N, T, V); S = Q Kᵀ · 1/√K; the causal mask as Attention's
             * (Trilu); Softmax axis -1; C = A V, Transpose and Reshape to (B, T, N·V); Y = C W^o + b^o, time-major.
             */
            @Override
            public String multiHeadAttention(LayerSpec.MultiHeadAttention spec) {
                String xb = g.swapBatchTime(x, p + "batch_first");                                  // X (B, T, I)
                String vb = value == null ? xb : g.swapBatchTime(value, p + "value_batch_first");
                String kb = key == null ? xb : key.equals(value) ? vb : g.swapBatchTime(key, p + "key_batch_first");
                String q = heads(xb, "query", 0, 8, 0, 2, 1, 3);                                    // Q (B, N, T, K)
                String kt = heads(kb, "key", 2, 8, 0, 2, 3, 1);                                     // Kᵀ (B, N, K, T)
                String v = heads(vb, "value", 4, 9, 0, 2, 1, 3);                                    // V (B, N, T, V)
                String s = g.node("Mul", p + "scores", List.of(g.node("MatMul", p + "dot", List.of(q, kt)),
                        w.get(11)));                                                                // Q Kᵀ / √K
                if (spec.causal()) {
                    String ones = g.node("Expand", p + "ones", List.of(w.get(12), g.node("Shape", p + "shape", List.of(s))));
                    String lower = g.node("Trilu", p + "lower", List.of(ones), GraphBuilder.intAttr("upper", 0));
                    String mask = g.node("Mul", p + "mask", List.of(g.node("Sub", p + "above", List.of(lower, w.get(12))),
                            w.get(13)));                                                          // (L − 1) · 1e9
                    s = g.node("Add", p + "causal", List.of(s, mask));
                }
                String a = g.node("Softmax", p + "weights", List.of(s), GraphBuilder.intAttr("axis", -1));
                String c = g.node("Transpose", p + "steps_first", List.of(g.node("MatMul", p + "attended", List.of(a, v))),
                        GraphBuilder.intsAttr("perm", 0, 2, 1, 3));                                 // (B, T, N, V)
                String merged = g.node("Reshape", p + "merged", List.of(c, w.get(10)));             // (B, T, N·V)
                String y = g.node("Add", p + "output", List.of(g.node("MatMul", p + "projected", List.of(merged,
                        w.get(6))), w.get(7)));                                                     // C W^o + b^o
                return g.swapBatchTime(y, p + "time_major");
            }

            /** Transpose(Reshape(X W + b, (0, 0, N, D)), perm): one projection split into heads. */
            private String heads(String xb, String role, int weight, int shape, long... perm) {
                String projected = g.node("Add", p + role, List.of(g.node("MatMul", p + role + "_product",
                        List.of(xb, w.get(weight))), w.get(weight + 1)));
                String split = g.node("Reshape", p + role + "_heads", List.of(projected, w.get(shape)));
                return g.node("Transpose", p + role + "_transposed", List.of(split), GraphBuilder.intsAttr("perm", perm));
            }

            /**
             * PE (T, F) for the input's T: positions Range(0, T, 1) as floats (T from Shape, Slice, Squeeze, Cast),
             * angles = positions ⊗ frequency, Sin · sin_mask + Cos · cos_mask; Unsqueeze to (T, 1, F), Add to x.
             */
            @Override
            public String sinusoidalPositionalEncoding(LayerSpec.SinusoidalPositionalEncoding spec) {
                String steps = g.squeeze(timeSteps(w.get(5)), 0, p + "steps");                      // T, a scalar
                String t = g.node("Range", p + "positions", List.of(w.get(3),
                        g.cast(steps, TensorProto.DataType.FLOAT, p + "steps_float"), w.get(4)));   // 0, 1, …, T − 1
                String angles = g.node("Mul", p + "angles", List.of(g.unsqueeze(t, 1, p + "column"), w.get(0)));
                String pe = g.node("Add", p + "encoding", List.of(
                        g.node("Mul", p + "sines", List.of(g.node("Sin", p + "sin", List.of(angles)), w.get(1))),
                        g.node("Mul", p + "cosines", List.of(g.node("Cos", p + "cos", List.of(angles)), w.get(2)))));
                return g.node("Add", p + "added", List.of(x, g.unsqueeze(pe, 1, p + "per_step")));  // x + PE
            }

            /** The table's first T rows (Slice with T from the input's shape), Unsqueeze to (T, 1, F), Add to x. */
            @Override
            public String learnedPositionalEncoding(LayerSpec.LearnedPositionalEncoding spec) {
                String rows = g.node("Slice", p + "rows", List.of(w.get(0), w.get(1), timeSteps(w.get(2)), w.get(2)));
                return g.node("Add", p + "added", List.of(x, g.unsqueeze(rows, 1, p + "per_step")));  // x + P[:T]
            }

            /** x's length T as a one-element int64 tensor: Slice(Shape(x), [0], [1]). */
            private String timeSteps(String axis) {
                return g.node("Slice", p + "length", List.of(g.node("Shape", p + "input_shape", List.of(x)), axis,
                        g.longs(p + "one", 1), axis));
            }

            // additive attention and batch normalization

            /**
             * Additive self-attention batch-first: S = ReduceSum(scale ⊙ Tanh(X_i + X_j)) over the features (Unsqueeze
             * both ways, Add broadcasting to (B, T, T, F)); the causal mask as {@link #attention}; Softmax over the
             * keys; Y = A · X, back to time-major.
             */
            @Override
            public String additiveAttention(LayerSpec.AdditiveAttention spec) {
                String xb = g.swapBatchTime(x, p + "batch_first");                                  // X (B, T, F)
                int next = 0;
                String u = g.node("Tanh", p + "tanh", List.of(g.node("Add", p + "pairs", List.of(
                        g.unsqueeze(xb, 2, p + "queries"), g.unsqueeze(xb, 1, p + "keys")))));   // tanh(x_i + x_j)
                if (spec.useScale()) {
                    u = g.node("Mul", p + "scaled", List.of(u, w.get(next++)));                    // c ⊙ tanh(·)
                }
                String s = g.node("ReduceSum", p + "scores", List.of(u, w.get(next++)),
                        GraphBuilder.intAttr("keepdims", 0));                                      // Σ_f (B, T, T)
                if (spec.causal()) {
                    String ones = g.node("Expand", p + "ones", List.of(w.get(next), g.node("Shape", p + "shape", List.of(s))));
                    String lower = g.node("Trilu", p + "lower", List.of(ones), GraphBuilder.intAttr("upper", 0));
                    String mask = g.node("Mul", p + "mask", List.of(g.node("Sub", p + "above", List.of(lower, w.get(next))),
                            w.get(next + 1)));                                                    // (L − 1) · 1e9
                    s = g.node("Add", p + "causal", List.of(s, mask));
                }
                String weights = g.node("Softmax", p + "weights", List.of(s), GraphBuilder.intAttr("axis", -1));
                return g.swapBatchTime(g.node("MatMul", p + "attended", List.of(weights, xb)), p + "time_major");
            }

            /** ONNX's BatchNormalization in inference mode, channels on axis 1: (B, F) as is, (T, B, F) as (B, F, T). */
            @Override
            public String batchNormalization(LayerSpec.BatchNormalization spec) {
                List<String> inputs = new ArrayList<>(List.of(sequence ? channelsFirst(x) : x));
                inputs.addAll(w);
                String y = g.node("BatchNormalization", p + "batch_norm", inputs,
                        GraphBuilder.floatAttr("epsilon", (float) (double) spec.epsilon()));
                return sequence ? timeMajor(y) : y;
            }

            @Override
            public String masking(LayerSpec.Masking spec) {
                throw new IllegalStateException("Masking is refused by requireSupported");
            }
        }
    }

    /**
     * The time dimension of the network's sequence output, by the rule {@link FunctionalGraph} follows for a node:
     * the input's symbolic {@code "time"} while every layer returns as many steps as it reads; the number of steps
     * when a layer makes a sequence of fixed length (RepeatVector's n from a vector, or a length-changing layer after
     * such a fixed length); else {@code "output_time"} (strided or valid convolutions and poolings on any length).
     */
    static Object outputTime(Sequential network) {
        Object time = "time";
        for (Layer l : network.layers()) {
            int[] out = l.outputShape();
            if (out.length != 2) {
                continue;
            }
            boolean fromVector = l.inputShapeBuilt().length != 2;
            if (fromVector || !keepsLength(l)) {
                time = out[0] != -1 && (fromVector || time instanceof Integer) ? (Object) out[0] : "output_time";
            }
        }
        return time;
    }

    /**
     * Whether a layer maps a sequence of any length T to T steps (or to a vector): its spec's output length on two
     * probe lengths, so that no list of kinds is repeated here.
     */
    static boolean keepsLength(Layer layer) {
        int[] in = layer.inputShapeBuilt();
        if (in.length != 2 || layer.outputShape().length != 2) {
            return true;
        }
        for (int t : new int[] {1000, 1001}) {
            if (layer.spec().outputShape(new int[] {t, in[1]})[0] != t) {
                return false;
            }
        }
        return true;
    }

    /** What a causal mask adds to the scores of later steps, as Keras's Attention: −1e9. */
    private static final float MASKED = 1e9f;

    /** A built layer's parameter by name. */
    static float[] param(Layer layer, String name) {
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        throw new OnnxExportException(layer.kind() + " has no parameter " + name);
    }

    /** a followed by b. */
    private static float[] join(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
