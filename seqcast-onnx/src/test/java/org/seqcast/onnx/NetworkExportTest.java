package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.nn.Bidirectional;
import org.seqcast.nn.Conv1D;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Dropout;
import org.seqcast.nn.GRU;
import org.seqcast.nn.AdditiveAttention;
import org.seqcast.nn.Attention;
import org.seqcast.nn.BatchNormalization;
import org.seqcast.nn.Flatten;
import org.seqcast.nn.LayerNormalization;
import org.seqcast.nn.GlobalAveragePooling1D;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Pooling1D;
import org.seqcast.nn.RepeatVector;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.SimpleRNN;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Tensor;

/**
 * Every layer mapping, run in ONNX Runtime against {@link Sequential#predict}: batch sizes 1, 3, 17 and sequence
 * lengths 1, 5, 24 through one exported graph (both dimensions symbolic). Weights are the seeded initialisation
 * with random biases, so that every bias block and its gate order matter.
 */
class NetworkExportTest {
    static final int FEATURES = 3;
    static final int[] BATCHES = {1, 3, 17};
    static final int[] LENGTHS = {1, 5, 24};

    static Stream<Arguments> architectures() {
        return Stream.of(
                arch("lstm", () -> seq(new LSTM(8), new Dense(2))),
                arch("gru_reset_after", () -> seq(new GRU(8), new Dense(2))),
                arch("gru_reset_before", () -> seq(new GRU(8).resetAfter(false), new Dense(2))),
                arch("rnn_tanh", () -> seq(new SimpleRNN(8), new Dense(2))),
                arch("rnn_relu", () -> seq(new SimpleRNN(8).activation(Activation.RELU), new Dense(2))),
                arch("stacked_lstm_gru_rnn", () -> seq(new LSTM(8).returnSequences(true),
                        new GRU(6).returnSequences(true), new SimpleRNN(5), new Dense(3))),
                arch("stacked_sequence_output", () -> seq(new LSTM(6).returnSequences(true),
                        new GRU(4).resetAfter(false).returnSequences(true), new Dense(2, Activation.TANH))),
                arch("dense_head_activations", () -> seq(new GRU(8), new Dense(6, Activation.RELU),
                        new Dense(5, Activation.TANH), new Dense(4, Activation.SIGMOID), new Dense(2))),
                arch("dropout", () -> seq(new LSTM(8).returnSequences(true), new Dropout(0.3), new GRU(6),
                        new Dropout(0.2), new Dense(3))),
                arch("dense_first_on_sequence", () -> seq(new Dense(5, Activation.RELU), new LSTM(4), new Dense(1))),
                arch("keras_activations", () -> seq(
                        new LSTM(6).recurrentActivation(Activation.HARD_SIGMOID_KERAS2).returnSequences(true),
                        new GRU(5).recurrentActivation(Activation.HARD_SIGMOID).activation(Activation.SIGMOID)
                                .returnSequences(true),
                        new SimpleRNN(4).activation(Activation.LINEAR).returnSequences(true),
                        new SimpleRNN(4).activation(Activation.SIGMOID),
                        new Dense(3, Activation.HARD_SIGMOID), new Dense(2, Activation.HARD_SIGMOID_KERAS2))),
                // a function without parameters before one with: alpha and beta list only the latter
                arch("keras_activations_mixed", () -> seq(
                        new LSTM(5).activation(Activation.HARD_SIGMOID).returnSequences(true),
                        new GRU(4).activation(Activation.LINEAR), new Dense(2))),
                // Bidirectional: direction bidirectional, then the merge
                arch("bidirectional_lstm_concat", () -> seq(new Bidirectional(new LayerSpec.Lstm(6)), new Dense(2))),
                arch("bidirectional_gru_sum_sequences", () -> seq(new Bidirectional(new LayerSpec.Gru(5).returnSequences(true),
                        LayerSpec.Bidirectional.Merge.SUM), new Dense(2))),
                arch("bidirectional_rnn_mul_lstm_ave", () -> seq(new Bidirectional(new LayerSpec.SimpleRnn(4)
                        .activation(Activation.RELU).returnSequences(true), LayerSpec.Bidirectional.Merge.MUL),
                        new Bidirectional(new LayerSpec.Lstm(3), LayerSpec.Bidirectional.Merge.AVE), new Dense(1))),
                arch("bidirectional_keras_activations", () -> seq(new Bidirectional(new LayerSpec.Gru(4).resetAfter(false)
                        .recurrentActivation(Activation.HARD_SIGMOID).returnSequences(true)),
                        new Bidirectional(new LayerSpec.Lstm(3).recurrentActivation(Activation.HARD_SIGMOID_KERAS2),
                                LayerSpec.Bidirectional.Merge.SUM), new Dense(2))),
                // RepeatVector: an encoder-decoder with a Dense on every decoder step
                arch("repeat_vector_encoder_decoder", () -> seq(new LSTM(5), new RepeatVector(4),
                        new GRU(3).returnSequences(true), new Dense(2))),
                // LayerNormalization: on the input sequence, between recurrent layers and on a vector
                arch("layer_normalization", () -> seq(new LayerNormalization(1e-5), new LSTM(5).returnSequences(true),
                        new LayerNormalization(), new GRU(4), new LayerNormalization(0.01), new Dense(2))),
                // Attention: dot-product self-attention, plain and scaled causal, on sequences of every length
                arch("attention", () -> seq(new Dense(4, Activation.TANH), new Attention(), new LSTM(3), new Dense(2))),
                arch("attention_scaled_causal_sequence", () -> scaled(seq(new LSTM(5).returnSequences(true),
                        new Attention(new LayerSpec.Attention(true, true)), new LayerNormalization(), new Dense(2)))),
                arch("attention_concat", () -> scaled(seq(new LSTM(4).returnSequences(true),
                        new Attention(new LayerSpec.Attention().scoreMode(LayerSpec.Attention.ScoreMode.CONCAT)),
                        new GRU(3), new Dense(2)))),
                arch("attention_concat_scaled_causal_sequence", () -> scaled(seq(new Dense(3, Activation.TANH),
                        new Attention(new LayerSpec.Attention(true, true, LayerSpec.Attention.ScoreMode.CONCAT)),
                        new Dense(2)))),
                // softmax: over Dense's outputs on sequences and vectors, over Conv1D's filters (ONNX axis 1)
                arch("softmax", () -> seq(new Dense(5, Activation.SOFTMAX),
                        new LayerSpec.Conv1d(4, 3).padding(LayerSpec.Padding.SAME).activation(Activation.SOFTMAX).build(),
                        new LSTM(3), new Dense(3, Activation.SOFTMAX))),
                // AdditiveAttention: scaled (a vector scale) and unscaled causal
                arch("additive_attention", () -> moved(seq(new LSTM(4).returnSequences(true), new AdditiveAttention(),
                        new GRU(3), new Dense(2)))),
                arch("additive_attention_unscaled_causal_sequence", () -> seq(new Dense(3, Activation.TANH),
                        new AdditiveAttention(new LayerSpec.AdditiveAttention(false, true)), new Dense(2))),
                // BatchNormalization in inference (moving statistics): on the input, between recurrent layers, on a
                // vector, without center or scale
                arch("batch_normalization", () -> moved(seq(new BatchNormalization(), new LSTM(5).returnSequences(true),
                        new BatchNormalization(new LayerSpec.BatchNormalization().center(false)), new GRU(4),
                        new BatchNormalization(new LayerSpec.BatchNormalization().scale(false).epsilon(0.01)),
                        new Dense(2)))));
    }

    /**
     * The network with AdditiveAttention's scale and BatchNormalization's γ, β and moving statistics moved away from
     * their initial values, so that the export must carry them.
     */
    private static Sequential moved(Sequential s) {
        SplittableRandom r = new SplittableRandom(5);
        s.namedParameters().forEach((name, p) -> {
            if (name.endsWith(LayerSpec.AdditiveAttention.SCALE) || name.endsWith(LayerSpec.BatchNormalization.WEIGHT)
                    || name.endsWith(LayerSpec.BatchNormalization.RUNNING_VAR) || name.endsWith(LayerSpec.BatchNormalization.BIAS)
                    || name.endsWith(LayerSpec.BatchNormalization.RUNNING_MEAN)) {
                float[] v = p.value();
                boolean positive = name.endsWith(LayerSpec.BatchNormalization.RUNNING_VAR);
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) (positive ? 0.3 + r.nextDouble() : r.nextDouble() - 0.5);
                }
                p.markModified();
            }
        });
        return s;
    }

    /** The network with its attention scalars moved away from their initial 1, so that the export must carry them. */
    private static Sequential scaled(Sequential s) {
        for (Parameter p : s.parameters()) {
            if (p.name().equals(LayerSpec.Attention.SCALE) || p.name().equals(LayerSpec.Attention.CONCAT_SCORE_WEIGHT)) {
                p.value()[0] = p.name().equals(LayerSpec.Attention.SCALE) ? 1.7f : 0.6f;
                p.markModified();
            }
        }
        return s;
    }

    private static Arguments arch(String name, Supplier<Sequential> network) {
        return Arguments.of(name, network);
    }

    /** A network for (any length, {@value #FEATURES}) inputs with random biases. */
    static Sequential seq(org.seqcast.nn.Layer... layers) {
        Sequential s = new Sequential(layers).seed(7).threads(1);
        s.build(-1, FEATURES);
        randomizeBiases(s, 11);
        return s;
    }

    static void randomizeBiases(Sequential s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Parameter p : s.parameters()) {
            if (p.name().startsWith("bias")) {
                float[] v = p.value();
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) (r.nextDouble() - 0.5) * 0.6f;
                }
                p.markModified();
            }
        }
    }

    static float[] normal(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            // Box-Muller, enough for test inputs
            x[k] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void matchesSeqcastForEveryBatchAndLength(String name, Supplier<Sequential> build) throws Exception {
        Sequential network = build.get();
        try (Ort ort = new Ort(OnnxExport.toBytes(network, OnnxExportOptions.defaults()))) {
            for (int b : BATCHES) {
                for (int t : LENGTHS) {
                    float[] x = normal(b * t * FEATURES, 31L * b + t);
                    Tensor expected = network.predict(Tensor.wrap(x, b, t, FEATURES));
                    float[] got = ort.run(new Ort.In(OnnxExport.INPUT, x, b, t, FEATURES));
                    Diff.check(name + " B=" + b + " T=" + t, got, expected.data());
                }
            }
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void denseOnlyNetworkTakesFeatureVectors(int b) throws Exception {
        Sequential network = new Sequential(new Dense(6, Activation.TANH), new Dropout(0.5), new Dense(2)).seed(3);
        network.build(FEATURES);
        randomizeBiases(network, 5);
        try (Ort ort = new Ort(OnnxExport.toBytes(network, OnnxExportOptions.defaults()))) {
            float[] x = normal(b * FEATURES, b);
            Diff.check("dense_only B=" + b, ort.run(new Ort.In(OnnxExport.INPUT, x, b, FEATURES)),
                    network.predict(Tensor.wrap(x, b, FEATURES)).data());
            assertEquals(List.of(OnnxExport.INPUT), List.copyOf(ort.session().getInputNames()));
        }
    }

    /**
     * The convolutional layers, on the lengths each accepts: any length ≥ {@code minLength} (including lengths
     * where same padding splits unevenly), or the one fixed length a Flatten needs.
     */
    static Stream<Arguments> convolutionalArchitectures() {
        LayerSpec.Padding same = LayerSpec.Padding.SAME;
        LayerSpec.Padding causal = LayerSpec.Padding.CAUSAL;
        return Stream.of(
                conv("cnn_lstm", -1, () -> seq(new Conv1D(new LayerSpec.Conv1d(8, 3).activation(Activation.RELU)),
                        new Pooling1D(new LayerSpec.MaxPooling1d(2)), new LSTM(5).returnSequences(true), new LSTM(4),
                        new Dense(1))),
                conv("conv_causal_dilated_sequence", -1, () -> seq(new Conv1D(new LayerSpec.Conv1d(4, 3).padding(causal)
                        .dilationRate(2).activation(Activation.TANH)), new Conv1D(new LayerSpec.Conv1d(2, 2).padding(causal)
                        .useBias(false)))),
                conv("conv_same_strided_pools", -1, () -> seq(new Conv1D(new LayerSpec.Conv1d(5, 4).padding(same).strides(2)
                        .activation(Activation.SIGMOID)), new Pooling1D(new LayerSpec.MaxPooling1d(3).strides(2).padding(same)),
                        new Pooling1D(new LayerSpec.AveragePooling1d(2).strides(1).padding(same)), new GRU(3), new Dense(2))),
                conv("conv_valid_strided_average_global", -1, () -> seq(new Conv1D(new LayerSpec.Conv1d(6, 2).strides(2)
                        .dilationRate(1)), new Pooling1D(new LayerSpec.AveragePooling1d(2)),
                        new GlobalAveragePooling1D(), new Dense(3, Activation.TANH))),
                conv("conv_valid_strided_sequence_output", -1, () -> seq(new Conv1D(new LayerSpec.Conv1d(3, 3)
                        .activation(Activation.TANH)), new Conv1D(new LayerSpec.Conv1d(2, 2).strides(2).padding(same)))),
                conv("conv_flatten_dense", 12, () -> fixed(12, new Conv1D(new LayerSpec.Conv1d(4, 3).activation(Activation.RELU)),
                        new Pooling1D(new LayerSpec.MaxPooling1d(2)), new Flatten(), new Dense(2))));
    }

    private static Arguments conv(String name, int length, Supplier<Sequential> network) {
        return Arguments.of(name, length, network);
    }

    /** A network for ({@code T}, {@value #FEATURES}) inputs with random biases. */
    static Sequential fixed(int T, org.seqcast.nn.Layer... layers) {
        Sequential s = new Sequential(layers).seed(7).threads(1);
        s.build(T, FEATURES);
        randomizeBiases(s, 13);
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutionalArchitectures")
    void convolutionalNetworksMatchSeqcast(String name, int length, Supplier<Sequential> build) throws Exception {
        Sequential network = build.get();
        int[] lengths = length > 0 ? new int[] {length} : new int[] {8, 9, 10, 11, 24};
        try (Ort ort = new Ort(OnnxExport.toBytes(network, OnnxExportOptions.defaults()))) {
            for (int b : BATCHES) {
                for (int t : lengths) {
                    float[] x = normal(b * t * FEATURES, 37L * b + t);
                    Tensor expected = network.predict(Tensor.wrap(x, b, t, FEATURES));
                    float[] got = ort.run(new Ort.In(OnnxExport.INPUT, x, b, t, FEATURES));
                    Diff.check(name + " B=" + b + " T=" + t, got, expected.data());
                }
            }
        }
    }

    @Test
    void aSequenceOutputOfAnotherLengthHasItsOwnTimeDimension() {
        Sequential strided = seq(new Conv1D(new LayerSpec.Conv1d(2, 3).strides(2)));
        Sequential causal = seq(new Conv1D(new LayerSpec.Conv1d(2, 3).padding(LayerSpec.Padding.CAUSAL)), new LSTM(3)
                .returnSequences(true));
        assertEquals(List.of("batch", "output_time", "2"), outputDims(strided));
        assertEquals(List.of("batch", "time", "3"), outputDims(causal));
        // RepeatVector(n) makes a sequence of n steps whatever the input's length; a strided layer after it keeps a number
        assertEquals(List.of("batch", "4", "2"), outputDims(seq(new LSTM(3), new RepeatVector(4), new GRU(2)
                .returnSequences(true))));
        assertEquals(List.of("batch", "2", "2"), outputDims(seq(new LSTM(3), new RepeatVector(4),
                new Conv1D(new LayerSpec.Conv1d(2, 2).strides(2)))));
    }

    private static List<String> outputDims(Sequential network) {
        return OnnxExport.model(network, OnnxExportOptions.defaults()).getGraph().getOutput(0).getType().getTensorType()
                .getShape().getDimList().stream().map(d -> d.hasDimParam() ? d.getDimParam() : String.valueOf(d.getDimValue()))
                .toList();
    }

    static Stream<Integer> batches() {
        return Stream.of(1, 3, 17);
    }

    @AfterAll
    static void printSummary() {
        System.out.println("ONNX Runtime vs Seqcast, networks:\n" + Diff.summary(k -> !k.endsWith("_plain")
                && !k.endsWith("_baked") && !k.startsWith("graph_")));
    }
}
