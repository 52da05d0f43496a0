package org.seqcast.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Layer;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.MultiHeadAttention;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.TransformerEncoder;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.loss.Loss;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Tensor;

/**
 * MultiHeadAttention and the positional encodings exported to ONNX (opset 14 operators: MatMul, Reshape, Transpose,
 * Softmax, Trilu; Range, Sin, Cos; Slice) and run in ONNX Runtime against {@link Sequential#predict} and
 * {@link Graph#predict} for batches 1, 3, 17 and lengths 1, 5, 24, to 1e-5 ({@link Diff}); every bias, including the
 * attention's, is random so that the export must carry it.
 */
class TransformerExportTest {
    private static final int F = NetworkExportTest.FEATURES;

    static Stream<Arguments> architectures() {
        return Stream.of(
                arch("mha", () -> seq(new Dense(6, Activation.TANH), new MultiHeadAttention(2, 3), new LSTM(3),
                        new Dense(2))),
                arch("mha_causal_value_output_no_bias_sequence", () -> seq(new LSTM(5).returnSequences(true),
                        new LayerSpec.MultiHeadAttention(3, 2).valueDim(4).outputDim(3).useBias(false).causal(true).build(),
                        new Dense(2))),
                arch("sinusoidal_mha_causal", () -> seq(new Dense(7, Activation.TANH),
                        new LayerSpec.SinusoidalPositionalEncoding().build(),
                        new LayerSpec.MultiHeadAttention(1, 4).causal(true).build(), new Dense(2))),
                arch("learned_positions_mha", () -> seq(new Dense(4), new LayerSpec.LearnedPositionalEncoding(30).build(),
                        new MultiHeadAttention(2, 2), new LSTM(3), new Dense(1))));
    }

    private static Arguments arch(String name, Supplier<Sequential> network) {
        return Arguments.of(name, network);
    }

    /** A network for (any length, F) inputs whose every bias is random. */
    private static Sequential seq(Layer... layers) {
        Sequential s = new Sequential(layers).seed(7).threads(1);
        s.build(-1, F);
        randomize(s.parameters(), 11);
        return s;
    }

    /** Biases (and the learned positions, which start random anyway) uniform in ±0.3. */
    private static void randomize(List<Parameter> params, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Parameter p : params) {
            if (p.name().contains("bias")) {
                float[] v = p.value();
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) (r.nextDouble() - 0.5) * 0.6f;
                }
                p.markModified();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void matchesSeqcastForEveryBatchAndLength(String name, Supplier<Sequential> build) throws Exception {
        Sequential network = build.get();
        try (Ort ort = new Ort(OnnxExport.toBytes(network, OnnxExportOptions.defaults()))) {
            for (int b : NetworkExportTest.BATCHES) {
                for (int t : NetworkExportTest.LENGTHS) {
                    float[] x = NetworkExportTest.normal(b * t * F, 41L * b + t);
                    Tensor expected = network.predict(Tensor.wrap(x, b, t, F));
                    Diff.check("transformer_" + name + " B=" + b + " T=" + t,
                            ort.run(new Ort.In(OnnxExport.INPUT, x, b, t, F)), expected.data());
                }
            }
        }
    }

    /**
     * x (any, F) → Dense(8) → sinusoidal positions → two pre-norm causal TransformerEncoder blocks and the final
     * LayerNormalization → last step → Dense(2), the stack a Transformer forecaster builds.
     */
    @Test
    void encoderStackMatchesGraphPredict() throws Exception {
        Graph.Builder g = Graph.builder().seed(53).threads(1);
        Graph.Node x = g.input("x", -1, F);
        Graph.Node h = g.layer("position", new LayerSpec.SinusoidalPositionalEncoding(),
                g.layer("embed", new LayerSpec.Dense(8), x));
        h = TransformerEncoder.stack(g, "enc", h, 2, new TransformerEncoder.Block(2, 16, true).causal(true));
        Graph.Node post = TransformerEncoder.block(g, "post", h, 4, 8, false);
        g.output("y", g.layer("head", new LayerSpec.Dense(2), g.lastStep("last", post)), Loss.mse());
        Graph graph = g.build();
        randomize(new ArrayList<>(graph.parameters()), 17);
        try (Ort ort = new Ort(OnnxExport.toBytes(graph, OnnxExportOptions.defaults()))) {
            for (int b : NetworkExportTest.BATCHES) {
                for (int t : NetworkExportTest.LENGTHS) {
                    Tensor in = Tensor.wrap(NetworkExportTest.normal(b * t * F, 43L * b + t), b, t, F);
                    Tensor expected = graph.predict(Map.of("x", in)).get("y");
                    Diff.check("graph_transformer_stack B=" + b + " T=" + t,
                            ort.run("y", new Ort.In("x", in.data(), b, t, F)), expected.data());
                }
            }
        }
    }

    /**
     * Cross-attention in a Graph: a query sequence and a memory of another length, each embedded by a Dense, a
     * causal MultiHeadAttention of the queries over the memory (value and key) and over a separate key, summed,
     * last step, Dense(2); every pair of lengths.
     */
    @Test
    void crossAttentionMatchesGraphPredict() throws Exception {
        Graph.Builder g = Graph.builder().seed(61).threads(1);
        Graph.Node q = g.layer("q_embed", new LayerSpec.Dense(4), g.input("q", -1, F));
        Graph.Node m = g.layer("m_embed", new LayerSpec.Dense(4), g.input("m", -1, F));
        Graph.Node k = g.layer("k_embed", new LayerSpec.Dense(4, Activation.TANH, 0), m);
        LayerSpec.MultiHeadAttention spec = new LayerSpec.MultiHeadAttention(2, 3).valueDim(2);
        Graph.Node a = g.attention("cross", spec.causal(true), q, m);
        Graph.Node b = g.attention("cross_key", spec, q, m, k);
        g.output("y", g.layer("head", new LayerSpec.Dense(2), g.lastStep("last", g.add("sum", a, b))), Loss.mse());
        Graph graph = g.build();
        randomize(new ArrayList<>(graph.parameters()), 19);
        try (Ort ort = new Ort(OnnxExport.toBytes(graph, OnnxExportOptions.defaults()))) {
            for (int b3 : new int[] {1, 3}) {
                for (int tq : new int[] {1, 5}) {
                    for (int tk : new int[] {1, 7}) {
                        Tensor qx = Tensor.wrap(NetworkExportTest.normal(b3 * tq * F, 47L * tq + tk), b3, tq, F);
                        Tensor mx = Tensor.wrap(NetworkExportTest.normal(b3 * tk * F, 53L * tq + tk), b3, tk, F);
                        Tensor expected = graph.predict(Map.of("q", qx, "m", mx)).get("y");
                        Diff.check("graph_transformer_cross B=" + b3 + " Tq=" + tq + " Tk=" + tk, ort.run("y",
                                new Ort.In("q", qx.data(), b3, tq, F), new Ort.In("m", mx.data(), b3, tk, F)),
                                expected.data());
                    }
                }
            }
        }
    }

    @AfterAll
    static void printSummary() {
        System.out.println("ONNX Runtime vs Seqcast, Transformer kinds:\n" + Diff.summary(k -> k.startsWith("transformer_")
                || k.startsWith("graph_transformer")));
    }
}
