package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/** The layer vocabulary: specs and layers round-trip, specs know their layers' parameters and shapes. */
class LayerSpecTest {
    /** Every kind with every option away from its default, and with the defaults. */
    static List<LayerSpec> everyKindAndOption() {
        return List.of(
                new LayerSpec.Lstm(3),
                new LayerSpec.Lstm(4).returnSequences(true).activation(Activation.RELU)
                        .recurrentActivation(Activation.HARD_SIGMOID_KERAS2).l2(0.01),
                new LayerSpec.Gru(2),
                new LayerSpec.Gru(5).returnSequences(true).resetAfter(false).activation(Activation.LINEAR)
                        .recurrentActivation(Activation.HARD_SIGMOID).l2(1e-3),
                new LayerSpec.SimpleRnn(6),
                new LayerSpec.SimpleRnn(7).returnSequences(true).activation(Activation.RELU).l2(0.3),
                new LayerSpec.Dense(1),
                new LayerSpec.Dense(8).activation(Activation.TANH).l2(0.1),
                new LayerSpec.Dropout(0),
                new LayerSpec.Dropout(0.25),
                // Wrappers around recurrent layers.
                new LayerSpec.Bidirectional(new LayerSpec.Lstm(3)),
                new LayerSpec.Bidirectional(new LayerSpec.Gru(2).returnSequences(true).resetAfter(false))
                        .mergeMode(LayerSpec.Bidirectional.Merge.SUM),
                new LayerSpec.Bidirectional(new LayerSpec.SimpleRnn(4).activation(Activation.RELU),
                        LayerSpec.Bidirectional.Merge.MUL),
                new LayerSpec.Bidirectional(new LayerSpec.Lstm(2).returnSequences(true).l2(0.1),
                        LayerSpec.Bidirectional.Merge.AVE),
                new LayerSpec.RepeatVector(1),
                new LayerSpec.RepeatVector(6),
                // convolutional kinds
                new LayerSpec.Conv1d(4, 2),
                new LayerSpec.Conv1d(3, 2).strides(2).padding(LayerSpec.Padding.CAUSAL).dilationRate(2)
                        .activation(Activation.RELU).useBias(false).l2(0.01),
                new LayerSpec.Conv1d(2, 3).padding(LayerSpec.Padding.SAME).activation(Activation.TANH),
                new LayerSpec.MaxPooling1d(2),
                new LayerSpec.MaxPooling1d(3).strides(1).padding(LayerSpec.Padding.SAME),
                new LayerSpec.AveragePooling1d(2),
                new LayerSpec.AveragePooling1d(2).strides(1).padding(LayerSpec.Padding.SAME),
                new LayerSpec.GlobalAveragePooling1d(),
                new LayerSpec.Flatten(),
                // attention-related kinds
                new LayerSpec.LayerNormalization(),
                new LayerSpec.LayerNormalization(1e-5),
                new LayerSpec.Attention(),
                new LayerSpec.Attention().useScale(true).causal(true),
                new LayerSpec.Attention(true, true, LayerSpec.Attention.ScoreMode.CONCAT),
                new LayerSpec.Attention().scoreMode(LayerSpec.Attention.ScoreMode.CONCAT),
                // Transformer kinds
                new LayerSpec.MultiHeadAttention(2, 3),
                new LayerSpec.MultiHeadAttention(3, 2).valueDim(4).useBias(false).outputDim(5).causal(true),
                new LayerSpec.SinusoidalPositionalEncoding(),
                new LayerSpec.SinusoidalPositionalEncoding(100.0),
                new LayerSpec.LearnedPositionalEncoding(12),
                // additive attention and batch normalization
                new LayerSpec.AdditiveAttention(),
                new LayerSpec.AdditiveAttention().useScale(false).causal(true),
                new LayerSpec.BatchNormalization(),
                new LayerSpec.BatchNormalization(0.9, 1e-5, false, true),
                new LayerSpec.BatchNormalization().center(true).scale(false).momentum(0).epsilon(0.1),
                new LayerSpec.Dense(3).activation(Activation.SOFTMAX),
                new LayerSpec.Masking(),
                new LayerSpec.Masking(-1.5));
    }

    @Test
    void everySpecRoundTripsThroughItsLayer() {
        for (LayerSpec spec : everyKindAndOption()) {
            Layer layer = spec.build();
            assertEquals(spec, layer.spec(), spec::toString);
            assertEquals(spec.kind().className(), layer.kind());
            assertEquals(spec, layer.spec().build().spec());
        }
    }

    @Test
    void everyKindIsCovered() {
        List<LayerSpec.Kind> seen = everyKindAndOption().stream().map(LayerSpec::kind).distinct().toList();
        assertEquals(List.of(LayerSpec.Kind.values()), seen);
        for (LayerSpec.Kind k : LayerSpec.Kind.values()) {
            assertEquals(k, LayerSpec.Kind.ofType(k.type().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(java.util.Optional.of(k), LayerSpec.Kind.ofClassName(k.className()));
        }
        assertEquals(java.util.Optional.empty(), LayerSpec.Kind.ofClassName("Conv2D"));
    }

    @Test
    void theDefaultsAreTheLayers() {
        assertEquals(new LSTM(3).spec(), new LayerSpec.Lstm(3));
        assertEquals(new GRU(3).spec(), new LayerSpec.Gru(3));
        assertEquals(new SimpleRNN(3).spec(), new LayerSpec.SimpleRnn(3));
        assertEquals(new Dense(3).spec(), new LayerSpec.Dense(3));
        assertEquals(new Conv1D(4, 3).spec(), new LayerSpec.Conv1d(4, 3));
        assertEquals(new LayerNormalization().spec(), new LayerSpec.LayerNormalization());
        assertEquals(1e-3, new LayerSpec.LayerNormalization(null).epsilon());
        assertEquals(Pooling1D.max(2).spec(), new LayerSpec.MaxPooling1d(2));
        assertEquals(Pooling1D.average(3).spec(), new LayerSpec.AveragePooling1d(3, 3, LayerSpec.Padding.VALID));
        assertEquals(new LayerSpec.Conv1d(4, 3, 1, LayerSpec.Padding.VALID, 1, Activation.LINEAR, true, 0),
                new LayerSpec.Conv1d(4, 3));
        LayerSpec.Gru gru = new LayerSpec.Gru(3, false, null, null, null, 0);
        assertEquals(Boolean.TRUE, gru.resetAfter());
        assertEquals(Activation.SIGMOID, gru.recurrentActivation());
        assertEquals(Activation.TANH, gru.activation());
    }

    @Test
    void aSequentialRoundTripsThroughItsSpecs() {
        List<LayerSpec> specs = List.of(new LayerSpec.Gru(4).returnSequences(true).resetAfter(false),
                new LayerSpec.Dropout(0.1), new LayerSpec.Lstm(3).returnSequences(true).l2(0.2),
                new LayerSpec.SimpleRnn(2).activation(Activation.RELU), new LayerSpec.Dense(2).activation(Activation.SIGMOID));
        Sequential model = Sequential.of(specs).seed(3).build(5, 2);
        assertEquals(specs, model.specs());
        Sequential copy = Sequential.of(model.specs()).seed(3).build(5, 2);
        Tensor x = Tensor.wrap(new float[] {0.5f, -1f, 2f, 0f, 1f, 1f, -0.3f, 0.2f, 0.9f, -2f}, 1, 5, 2);
        assertArrayEquals(model.predict(x).data(), copy.predict(x).data());
    }

    @Test
    void parametersAndOutputShapesAreThoseOfTheBuiltLayer() {
        for (LayerSpec spec : everyKindAndOption()) {
            for (int[] in : List.of(new int[] {5, 3}, new int[] {-1, 1}, new int[] {4})) {
                boolean sequence = in.length == 2;
                if ((spec instanceof LayerSpec.Recurrent || spec instanceof LayerSpec.Bidirectional) && !sequence) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.outputShape(in));
                    assertTrue(e.getMessage().contains("sequence input"), e.getMessage());
                    continue;
                }
                if (spec instanceof LayerSpec.RepeatVector && sequence) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.outputShape(in));
                    assertTrue(e.getMessage().contains("one vector per sample"), e.getMessage());
                    continue;
                }
                if (refusedBySpecAndLayer(spec, in)) {
                    continue;
                }
                Layer layer = spec.build();
                int[] out = layer.build(in, new Rng(1), "layer 0");
                assertArrayEquals(out, spec.outputShape(in), spec + " on " + Arrays.toString(in));
                List<LayerSpec.ParameterSpec> built = new ArrayList<>();
                for (Parameter p : layer.parameters()) {
                    built.add(new LayerSpec.ParameterSpec(p.name(), Arrays.stream(p.shape()).boxed().toList()));
                }
                assertEquals(built, spec.parameters(in[in.length - 1]), spec::toString);
            }
        }
        assertEquals(List.of(new LayerSpec.ParameterSpec("weight_ih_l0", List.of(12, 3)),
                new LayerSpec.ParameterSpec("weight_hh_l0", List.of(12, 3)), new LayerSpec.ParameterSpec("bias_ih_l0", List.of(12)),
                new LayerSpec.ParameterSpec("bias_hh_l0", List.of(12))), new LayerSpec.Lstm(3).parameters(3));
    }

    /**
     * Whether the convolutional kinds refuse this input: a vector (they need a sequence), Flatten any length; the
     * layer then refuses it with the same message.
     */
    private static boolean refusedBySpecAndLayer(LayerSpec spec, int[] in) {
        boolean vectorRefused = in.length == 1 && java.util.EnumSet.of(LayerSpec.Kind.CONV1D, LayerSpec.Kind.MAX_POOLING1D,
                LayerSpec.Kind.AVERAGE_POOLING1D, LayerSpec.Kind.GLOBAL_AVERAGE_POOLING1D, LayerSpec.Kind.ATTENTION,
                LayerSpec.Kind.ADDITIVE_ATTENTION, LayerSpec.Kind.MASKING).contains(spec.kind());
        vectorRefused |= in.length == 1 && java.util.EnumSet.of(LayerSpec.Kind.MULTI_HEAD_ATTENTION,
                LayerSpec.Kind.SINUSOIDAL_POSITIONAL_ENCODING, LayerSpec.Kind.LEARNED_POSITIONAL_ENCODING).contains(spec.kind());
        boolean anyLengthRefused = spec instanceof LayerSpec.Flatten && in.length == 2 && in[0] == -1;
        if (!vectorRefused && !anyLengthRefused) {
            return false;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.outputShape(in));
        assertTrue(e.getMessage().contains(vectorRefused ? "sequence input" : "fixed number of timesteps"), e.getMessage());
        IllegalArgumentException fromLayer = assertThrows(IllegalArgumentException.class,
                () -> spec.build().build(in, new Rng(1), "layer 0"));
        assertEquals("layer 0: " + e.getMessage(), fromLayer.getMessage());
        return true;
    }

    @Test
    void convolutionalShapesFollowKeras() {
        // valid: ⌊(T − span)/s⌋ + 1; same: ⌈T/s⌉; causal: ⌊(T − 1)/s⌋ + 1
        assertArrayEquals(new int[] {8, 4}, new LayerSpec.Conv1d(4, 3).outputShape(new int[] {10, 2}));
        assertArrayEquals(new int[] {6, 4}, new LayerSpec.Conv1d(4, 3).dilationRate(2).outputShape(new int[] {10, 2}));
        assertArrayEquals(new int[] {4, 4}, new LayerSpec.Conv1d(4, 3).strides(2).outputShape(new int[] {10, 2}));
        assertArrayEquals(new int[] {5, 1}, new LayerSpec.Conv1d(1, 4).strides(2).padding(LayerSpec.Padding.SAME)
                .outputShape(new int[] {10, 2}));
        assertArrayEquals(new int[] {10, 1}, new LayerSpec.Conv1d(1, 4).dilationRate(3)
                .padding(LayerSpec.Padding.CAUSAL).outputShape(new int[] {10, 2}));
        assertArrayEquals(new int[] {-1, 1}, new LayerSpec.Conv1d(1, 4).outputShape(new int[] {-1, 2}));
        assertArrayEquals(new int[] {3, 2}, new LayerSpec.MaxPooling1d(3).outputShape(new int[] {10, 2}));
        assertArrayEquals(new int[] {4, 2}, new LayerSpec.AveragePooling1d(3).padding(LayerSpec.Padding.SAME)
                .outputShape(new int[] {10, 2}));
        assertArrayEquals(new int[] {2}, new LayerSpec.GlobalAveragePooling1d().outputShape(new int[] {10, 2}));
        assertArrayEquals(new int[] {20}, new LayerSpec.Flatten().outputShape(new int[] {10, 2}));
        // TensorFlow's same padding puts the odd step after: T = 10, k = 4 pads 1 before and 2 after
        assertEquals(1, LayerSpec.Padding.SAME.before(10, 4, 1));
        assertEquals(2, LayerSpec.Padding.SAME.after(10, 4, 1));
        assertEquals(0, LayerSpec.Padding.SAME.before(10, 2, 2));
        assertEquals(4, LayerSpec.Padding.CAUSAL.before(10, 5, 1));
        assertEquals(List.of(new LayerSpec.ParameterSpec("weight", List.of(4, 3, 2)),
                new LayerSpec.ParameterSpec("bias", List.of(4))), new LayerSpec.Conv1d(4, 2).parameters(3));
        assertEquals(List.of(new LayerSpec.ParameterSpec("weight", List.of(4, 3, 2))),
                new LayerSpec.Conv1d(4, 2).useBias(false).parameters(3));
    }

    @Test
    void badConvolutionalSpecsSayWhichFieldAndWhy() {
        assertMessage(() -> new LayerSpec.Conv1d(0, 3), "conv1d filters", "positive", "got 0");
        assertMessage(() -> new LayerSpec.Conv1d(2, 0), "conv1d kernel_size", "got 0");
        assertMessage(() -> new LayerSpec.Conv1d(2, 3).strides(0), "conv1d strides", "got 0");
        assertMessage(() -> new LayerSpec.Conv1d(2, 3).dilationRate(-1), "conv1d dilation_rate", "got -1");
        assertMessage(() -> new LayerSpec.Conv1d(2, 3).l2(-1), "conv1d l2", ">= 0");
        assertMessage(() -> new LayerSpec.MaxPooling1d(0), "max_pooling1d pool_size", "got 0");
        assertMessage(() -> new LayerSpec.AveragePooling1d(2).strides(0), "average_pooling1d strides", "got 0");
        assertMessage(() -> new LayerSpec.MaxPooling1d(2).padding(LayerSpec.Padding.CAUSAL), "max_pooling1d padding",
                "valid or same", "causal");
        assertMessage(() -> LayerSpec.Padding.of("full"), "'full'", "valid, same or causal");
        assertMessage(() -> new LayerSpec.Conv1d(2, 3).dilationRate(2).outputShape(new int[] {4, 1}), "Conv1D",
                "window of 5 steps", "at least 5 timesteps; got 4");
        assertMessage(() -> new LayerSpec.MaxPooling1d(3).outputShape(new int[] {2, 1}), "MaxPooling1D",
                "at least 3 timesteps; got 2");
        assertMessage(() -> new Sequential(new Conv1D(2, 3), new Dense(1)).build(2, 1), "layer 0 (Conv1D)",
                "at least 3 timesteps");
        assertMessage(() -> new Sequential(new Conv1D(2, 3), new Flatten(), new Dense(1)).build(-1, 1),
                "layer 1 (Flatten)", "fixed number of timesteps");
        assertMessage(() -> new Sequential(new Conv1D(2, 3), new LSTM(2)).build(-1, 1).stepper(1), "layer 0 (Conv1D)",
                "one step at a time");
    }

    @Test
    void badAttentionRelatedSpecsSayWhichFieldAndWhy() {
        assertMessage(() -> new LayerSpec.LayerNormalization(0.0), "layer_normalization epsilon", "> 0", "got 0.0");
        assertMessage(() -> new LayerSpec.LayerNormalization(Double.NaN), "layer_normalization epsilon", "NaN");
        assertMessage(() -> new LayerSpec.LayerNormalization().outputShape(new int[] {2, 3, 4}), "LayerNormalization expects");
        assertMessage(() -> new LayerSpec.Attention().outputShape(new int[] {4}), "Attention expects a sequence input");
        assertMessage(() -> LayerSpec.Attention.ScoreMode.of("general"), "score_mode", "dot or concat", "'general'");
        assertMessage(() -> new Sequential(new LSTM(2), new Attention()).build(-1, 1), "layer 1 (Attention)",
                "sequence input");
        assertMessage(() -> new Sequential(new Attention(), new LSTM(2)).build(-1, 1).stepper(1), "layer 0 (Attention)",
                "one step at a time");
    }

    @Test
    void badTransformerSpecsSayWhichFieldAndWhy() {
        assertMessage(() -> new LayerSpec.MultiHeadAttention(0, 2), "multi_head_attention num_heads", "positive", "got 0");
        assertMessage(() -> new LayerSpec.MultiHeadAttention(2, -1), "multi_head_attention key_dim", "got -1");
        assertMessage(() -> new LayerSpec.MultiHeadAttention(2, 2).valueDim(0), "multi_head_attention value_dim", "got 0");
        assertMessage(() -> new LayerSpec.MultiHeadAttention(2, 2).outputDim(0), "multi_head_attention output_dim", "got 0");
        assertMessage(() -> new Sequential(new LSTM(2), new MultiHeadAttention(2, 2)).build(-1, 1),
                "layer 1 (MultiHeadAttention)", "sequence input");
        assertMessage(() -> new Sequential(new MultiHeadAttention(1, 2), new LSTM(2)).build(-1, 1).stepper(1),
                "layer 0 (MultiHeadAttention)", "one step at a time");
        assertMessage(() -> new LayerSpec.SinusoidalPositionalEncoding(1.0), "sinusoidal_positional_encoding",
                "max_wavelength", "> 1", "got 1.0");
        assertMessage(() -> new LayerSpec.LearnedPositionalEncoding(0), "learned_positional_encoding max_length", "got 0");
        assertMessage(() -> new Sequential(new LayerSpec.LearnedPositionalEncoding(5).build()).build(6, 2),
                "layer 0 (LearnedPositionalEncoding)", "max_length = 5", "has 6", "at least 6");
        Sequential anyLength = new Sequential(new LayerSpec.LearnedPositionalEncoding(5).build(), new LSTM(1)).build(-1, 2);
        assertMessage(() -> anyLength.predict(Tensor.zeros(1, 7, 2)), "max_length = 5", "has 7");
        assertMessage(() -> new Sequential(new LayerSpec.SinusoidalPositionalEncoding().build(), new LSTM(1)).build(-1, 1)
                .stepper(1), "layer 0 (SinusoidalPositionalEncoding)", "one step at a time");
    }

    @Test
    void badAdditiveAttentionAndBatchNormalizationSpecsSayWhichFieldAndWhy() {
        assertMessage(() -> new LayerSpec.AdditiveAttention().outputShape(new int[] {4}),
                "AdditiveAttention expects a sequence input");
        assertMessage(() -> new Sequential(new AdditiveAttention(), new LSTM(2)).build(-1, 1).stepper(1),
                "layer 0 (AdditiveAttention)", "one step at a time");
        assertMessage(() -> new LayerSpec.BatchNormalization().momentum(1), "batch_normalization momentum", "[0, 1)",
                "got 1.0");
        assertMessage(() -> new LayerSpec.BatchNormalization().momentum(-0.1), "batch_normalization momentum");
        assertMessage(() -> new LayerSpec.BatchNormalization().epsilon(0), "batch_normalization epsilon", "> 0");
        assertMessage(() -> new LayerSpec.BatchNormalization().epsilon(Double.NaN), "batch_normalization epsilon", "NaN");
        assertMessage(() -> new LayerSpec.BatchNormalization().outputShape(new int[] {2, 3, 4}),
                "BatchNormalization expects");
        // softmax normalizes over a layer's outputs: the recurrent cells, whose activations act per gate, refuse it
        assertMessage(() -> new LayerSpec.Lstm(2).activation(Activation.SOFTMAX), "lstm activation", "element-wise",
                "softmax", "Dense or Conv1D");
        assertMessage(() -> new LayerSpec.Gru(2).recurrentActivation(Activation.SOFTMAX), "gru recurrent_activation");
        assertMessage(() -> new LayerSpec.SimpleRnn(2).activation(Activation.SOFTMAX), "rnn activation");
        assertMessage(() -> new LSTM(2).activation(Activation.SOFTMAX), "LSTM activation", "element-wise");
        assertMessage(() -> new GRU(2).recurrentActivation(Activation.SOFTMAX), "GRU recurrentActivation");
        assertMessage(() -> new SimpleRNN(2).activation(Activation.SOFTMAX), "SimpleRNN activation");
        assertMessage(() -> Activation.of("gelu"), "'gelu'", "softmax");
    }

    @Test
    void batchNormalizationDefaultsAndNamesAreKerasAndPyTorchs() {
        LayerSpec.BatchNormalization d = new LayerSpec.BatchNormalization(null, null, null, null);
        assertEquals(0.99, d.momentum());
        assertEquals(1e-3, d.epsilon());
        assertEquals(true, d.center());
        assertEquals(true, d.scale());
        assertEquals(new BatchNormalization().spec(), d);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var"),
                d.parameters(3).stream().map(LayerSpec.ParameterSpec::name).toList());
        assertEquals(List.of("bias", "running_mean", "running_var"),
                d.scale(false).parameters(3).stream().map(LayerSpec.ParameterSpec::name).toList());
        assertEquals(Boolean.TRUE, new LayerSpec.AdditiveAttention(null, false).useScale());
        assertEquals(new AdditiveAttention().spec(), new LayerSpec.AdditiveAttention());
        assertEquals(List.of(new LayerSpec.ParameterSpec("scale", List.of(5))), new LayerSpec.AdditiveAttention().parameters(5));
    }

    @Test
    void badSpecsSayWhichFieldAndWhy() {
        assertMessage(() -> new LayerSpec.Lstm(0), "lstm units", "positive", "got 0");
        assertMessage(() -> new LayerSpec.Gru(-2), "gru units", "got -2");
        assertMessage(() -> new LayerSpec.SimpleRnn(0), "rnn units");
        assertMessage(() -> new LayerSpec.Dense(0), "dense units");
        assertMessage(() -> new LayerSpec.Lstm(2).l2(-1), "lstm l2", ">= 0", "got -1.0");
        assertMessage(() -> new LayerSpec.Gru(2).l2(Double.NaN), "gru l2", "NaN");
        assertMessage(() -> new LayerSpec.SimpleRnn(2).l2(Double.POSITIVE_INFINITY), "rnn l2", "finite");
        assertMessage(() -> new LayerSpec.Dense(2).l2(-0.5), "dense l2");
        assertMessage(() -> new LayerSpec.Dropout(1), "dropout rate", "[0, 1)", "got 1.0");
        assertMessage(() -> new LayerSpec.Dropout(-0.1), "dropout rate");
        assertMessage(() -> new LayerSpec.Dropout(Double.NaN), "dropout rate", "NaN");
        assertMessage(() -> new LayerSpec.Dense(2).parameters(0), "input features", "got 0");
        assertMessage(() -> new LayerSpec.Dense(2).outputShape(new int[] {2, 3, 4}), "Dense expects");
        assertMessage(() -> LayerSpec.Kind.ofType("conv2d"), "'conv2d'", "lstm, gru, rnn, dense, dropout", LayerSpec.Kind.types());
        assertMessage(() -> new LayerSpec.ParameterSpec("w", List.of(2, 0)), "w", "positive");
        assertMessage(() -> new LayerSpec.Bidirectional(null), "bidirectional", "wrapped recurrent layer");
        assertMessage(() -> LayerSpec.Bidirectional.Merge.of("max"), "merge_mode", "concat, sum, mul or ave", "'max'");
        assertMessage(() -> new LayerSpec.RepeatVector(0), "repeat_vector n", "positive", "got 0");
    }

    @Test
    void bidirectionalNamesItsReverseParametersAsPyTorch() {
        List<String> names = new LayerSpec.Bidirectional(new LayerSpec.Gru(2)).parameters(3).stream()
                .map(LayerSpec.ParameterSpec::name).toList();
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse",
                "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse"), names);
        assertArrayEquals(new int[] {4}, new LayerSpec.Bidirectional(new LayerSpec.Gru(2)).outputShape(new int[] {5, 3}));
        assertArrayEquals(new int[] {5, 2}, new LayerSpec.Bidirectional(new LayerSpec.Gru(2).returnSequences(true),
                LayerSpec.Bidirectional.Merge.AVE).outputShape(new int[] {5, 3}));
    }

    @Test
    void aLayerOutsideTheVocabularyHasNoSpec() {
        Layer custom = new Layer() {
            @Override
            public String kind() {
                return "Custom";
            }

            @Override
            protected int[] doBuild(int[] inShape, Rng rng, String position) {
                return inShape;
            }

            @Override
            public Tensor forward(Tensor x, Context ctx) {
                return x;
            }

            @Override
            public Tensor backward(Tensor dy, Context ctx) {
                return dy;
            }

            @Override
            public String describe() {
                return "";
            }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Dense(2), custom).specs());
        assertTrue(e.getMessage().contains("Custom") && e.getMessage().contains(LayerSpec.Kind.classNames()),
                e.getMessage());
    }

    @Test
    void specsAreValuesNotLayers() {
        LayerSpec.Lstm a = new LayerSpec.Lstm(3);
        assertEquals(a, new LayerSpec.Lstm(3, false, Activation.TANH, Activation.SIGMOID, 0));
        assertNotEquals(a, a.returnSequences(true));
        assertEquals(new LayerSpec.Lstm(3), a);                        // the wither made a new record
        assertTrue(a.build() != a.build());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }
}
