package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Dropout;
import org.seqcast.nn.GRU;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.SimpleRNN;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.loss.Loss;
import org.seqcast.onnx.proto.OnnxProto.TensorShapeProto;
import org.seqcast.onnx.proto.OnnxProto.ValueInfoProto;
import org.seqcast.tensor.Tensor;

/**
 * {@link Graph} networks (the functional API) exported and run in ONNX Runtime against {@link Graph#predict}, with
 * {@link Diff}'s tolerance: a forecaster-with-covariates shape (a window, future-known and static vectors, a
 * one-hot category through a linear "embedding", concatenated into a Dense head), residual sums and the last step
 * of a returned sequence with an any-length input and a sequence output, and the graphs that cannot be exported.
 * Weights are the seeded initialisation with random biases.
 */
class GraphExportTest {
    static final int[] BATCHES = {1, 3, 17};
    static final int W = 12;
    static final int F = 3;
    static final int D = 4;
    static final int S = 2;
    static final int V = 5;
    static final int E = 3;
    static final int H = 6;

    @TempDir
    Path dir;

    /**
     * x (W, F) → LSTM, or GRU(returnSequences) → Dropout → GRU → last state; future (D); static (S);
     * cat_region one-hot (V) → Dense(E) linear; concat(all) → Dense(32, relu) → Dense(H) as "y".
     */
    static Graph covariateGraph(boolean twoLayerGru) {
        Graph.Builder b = Graph.builder().seed(17).threads(1);
        Graph.Node x = b.input("x", W, F);
        Graph.Node future = b.input("future", D);
        Graph.Node statics = b.input("static", S);
        Graph.Node region = b.input("cat_region", V);
        Graph.Node state;
        if (twoLayerGru) {
            Graph.Node seq = b.layer("gru1", new GRU(8).returnSequences(true), x);
            state = b.layer("gru2", new GRU(7), b.layer("dropout", new Dropout(0.3), seq));
        } else {
            state = b.layer("lstm", new LSTM(8), x);
        }
        Graph.Node embedding = b.layer("embedding", new Dense(E), region);
        Graph.Node all = b.concat("features", state, future, statics, embedding);
        Graph.Node hidden = b.layer("hidden", new Dense(32, Activation.RELU), all);
        b.output("y", b.layer("head", new Dense(H), hidden), Loss.mse());
        return withRandomBiases(b.build(), 23);
    }

    /**
     * x (any, F) → [LSTM(seq) + Dense on every step] = r1 → SimpleRNN(seq) → r2 = rnn + r1 + proj (three-way);
     * u (any, 2) → GRU → vector; y = Dense(2)(last_step(r2) + Dense(tanh)(z) + gru(u)); seq = Dense(3)(concat(r2, x)).
     */
    static Graph residualGraph() {
        Graph.Builder b = Graph.builder().seed(29).threads(1);
        Graph.Node x = b.input("x", -1, F);
        Graph.Node z = b.input("z", 4);
        Graph.Node u = b.input("u", -1, 2);
        Graph.Node proj = b.layer("proj", new Dense(6), x);
        Graph.Node r1 = b.add("residual", b.layer("lstm", new LSTM(6).returnSequences(true), x), proj);
        Graph.Node rnn = b.layer("rnn", new SimpleRNN(6).returnSequences(true), r1);
        Graph.Node r2 = b.add("residual2", rnn, r1, proj);
        Graph.Node last = b.lastStep("last", r2);
        Graph.Node zd = b.layer("zd", new Dense(6, Activation.TANH), z);
        Graph.Node ug = b.layer("gru", new GRU(6).resetAfter(false), u);
        b.output("y", b.layer("head", new Dense(2), b.add("vector_sum", last, zd, ug)), Loss.mse());
        b.output("seq", b.layer("seq_head", new Dense(3), b.concat("both", r2, x)), Loss.mse());
        return withRandomBiases(b.build(), 31);
    }

    static Graph withRandomBiases(Graph graph, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        graph.namedParameters().forEach((name, p) -> {
            if (p.name().startsWith("bias")) {
                float[] v = p.value();
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) (r.nextDouble() - 0.5) * 0.6f;
                }
                p.markModified();
            }
        });
        return graph;
    }

    /** Row r of a (batch, V) one-hot matrix has its 1 at a random column. */
    static float[] oneHot(int batch, int v, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batch * v];
        for (int row = 0; row < batch; row++) {
            x[row * v + r.nextInt(v)] = 1;
        }
        return x;
    }

    /** Runs ONNX Runtime and Graph.predict on the same inputs and compares every output. */
    private static void compare(String name, String where, Ort ort, Graph graph, Map<String, Tensor> inputs)
            throws Exception {
        Map<String, Tensor> expected = graph.predict(inputs);
        List<Ort.In> feed = new ArrayList<>();
        inputs.forEach((input, t) -> feed.add(new Ort.In(input, t.data(), toLong(t.shape()))));
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Diff.check(name + "_" + e.getKey() + " " + where, ort.run(e.getKey(), feed.toArray(new Ort.In[0])), e.getValue().data());
        }
    }

    private static long[] toLong(int[] shape) {
        long[] s = new long[shape.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = shape[k];
        }
        return s;
    }

    @ParameterizedTest(name = "two-layer GRU {0}")
    @ValueSource(booleans = {false, true})
    void covariateGraphMatchesGraphPredict(boolean twoLayerGru) throws Exception {
        Graph graph = covariateGraph(twoLayerGru);
        String name = twoLayerGru ? "graph_covariates_gru2_dropout" : "graph_covariates_lstm";
        try (Ort ort = new Ort(OnnxExport.toBytes(graph, OnnxExportOptions.defaults()))) {
            assertEquals(List.of("x", "future", "static", "cat_region"), List.copyOf(ort.session().getInputNames()));
            assertEquals(List.of("y"), List.copyOf(ort.session().getOutputNames()));
            Map<String, NodeInfo> info = ort.session().getInputInfo();
            assertArrayEquals(new long[] {-1, W, F}, ((TensorInfo) info.get("x").getInfo()).getShape());
            assertArrayEquals(new long[] {-1, V}, ((TensorInfo) info.get("cat_region").getInfo()).getShape());
            assertArrayEquals(new long[] {-1, H},
                    ((TensorInfo) ort.session().getOutputInfo().get("y").getInfo()).getShape());
            for (int b : BATCHES) {
                Map<String, Tensor> in = new LinkedHashMap<>();
                in.put("x", Tensor.wrap(NetworkExportTest.normal(b * W * F, 3L * b), b, W, F));
                in.put("future", Tensor.wrap(NetworkExportTest.normal(b * D, 5L * b), b, D));
                in.put("static", Tensor.wrap(NetworkExportTest.normal(b * S, 7L * b), b, S));
                in.put("cat_region", Tensor.wrap(oneHot(b, V, 11L * b), b, V));
                compare(name, "B=" + b, ort, graph, in);
            }
            Map<String, String> meta = ort.session().getMetadata().getCustomMetadata();
            assertEquals("network", meta.get(OnnxMetadata.KIND));
            assertTrue(meta.get(OnnxMetadata.INPUTS).startsWith("x: float32 [batch, 12, 3]; future: float32 [batch, 4];"
                    + " static: float32 [batch, 2]; cat_region: float32 [batch, 5]"), meta.get(OnnxMetadata.INPUTS));
            assertTrue(meta.get(OnnxMetadata.ARCHITECTURE).contains("embedding = Dense("),
                    meta.get(OnnxMetadata.ARCHITECTURE));
        }
    }

    @Test
    void residualSumsAndLastStepMatchGraphPredictForEveryBatchAndLength() throws Exception {
        Graph graph = residualGraph();
        try (Ort ort = new Ort(OnnxExport.toBytes(graph, OnnxExportOptions.defaults()))) {
            for (int b : BATCHES) {
                for (int t : NetworkExportTest.LENGTHS) {
                    Map<String, Tensor> in = new LinkedHashMap<>();
                    in.put("x", Tensor.wrap(NetworkExportTest.normal(b * t * F, 31L * b + t), b, t, F));
                    in.put("z", Tensor.wrap(NetworkExportTest.normal(b * 4, 37L * b + t), b, 4));
                    int tu = t + 2;                                     // the other sequence has its own length
                    in.put("u", Tensor.wrap(NetworkExportTest.normal(b * tu * 2, 41L * b + t), b, tu, 2));
                    compare("graph_residual", "B=" + b + " T=" + t, ort, graph, in);
                }
            }
        }
    }

    /** Bidirectional and RepeatVector nodes in a Graph: an encoder-decoder whose encoder reads both ways. */
    @Test
    void bidirectionalEncoderDecoderMatchesGraphPredict() throws Exception {
        Graph.Builder b = Graph.builder().seed(43).threads(1);
        Graph.Node x = b.input("x", -1, F);
        Graph.Node enc = b.layer("encoder", new org.seqcast.nn.Bidirectional(new org.seqcast.nn.LayerSpec.Gru(4),
                org.seqcast.nn.LayerSpec.Bidirectional.Merge.AVE), x);
        Graph.Node rep = b.layer("repeat", new org.seqcast.nn.RepeatVector(3), enc);
        Graph.Node dec = b.layer("decoder", new LSTM(5).returnSequences(true), rep);
        b.output("y", b.layer("head", new Dense(1), dec), Loss.mse());
        Graph graph = withRandomBiases(b.build(), 47);
        // the decoder's length is RepeatVector's n, whatever the encoder read
        assertEquals(List.of("batch", "3", "1"), dims(OnnxExport.model(graph, OnnxExportOptions.defaults()).getGraph()
                .getOutput(0)));
        try (Ort ort = new Ort(OnnxExport.toBytes(graph, OnnxExportOptions.defaults()))) {
            for (int batch : BATCHES) {
                for (int t : NetworkExportTest.LENGTHS) {
                    Map<String, Tensor> in = Map.of("x", Tensor.wrap(NetworkExportTest.normal(batch * t * F, 53L * batch + t),
                            batch, t, F));
                    compare("graph_bidirectional_encoder_decoder", "B=" + batch + " T=" + t, ort, graph, in);
                }
            }
        }
    }

    /**
     * A post-norm self-attention block: x (any, F) → Dense(4) → causal scaled Attention, added back to its
     * input, LayerNormalization, then LSTM(3) → Dense(2); checked in ONNX Runtime for every batch and length.
     */
    @Test
    void attentionBlockWithResidualAndLayerNormalizationMatchesGraphPredict() throws Exception {
        Graph.Builder b = Graph.builder().seed(45).threads(1);
        Graph.Node x = b.input("x", -1, F);
        Graph.Node proj = b.layer("proj", new Dense(4, Activation.TANH), x);
        Graph.Node attn = b.layer("attn", new org.seqcast.nn.LayerSpec.Attention(true, true), proj);
        Graph.Node norm = b.layer("norm", new org.seqcast.nn.LayerSpec.LayerNormalization(1e-5), b.add("res", proj, attn));
        b.output("y", b.layer("head", new Dense(2), b.layer("lstm", new LSTM(3), norm)), Loss.mse());
        Graph graph = withRandomBiases(b.build(), 49);
        try (Ort ort = new Ort(OnnxExport.toBytes(graph, OnnxExportOptions.defaults()))) {
            for (int batch : BATCHES) {
                for (int t : NetworkExportTest.LENGTHS) {
                    Map<String, Tensor> in = Map.of("x", Tensor.wrap(NetworkExportTest.normal(batch * t * F, 59L * batch + t),
                            batch, t, F));
                    compare("graph_attention_block", "B=" + batch + " T=" + t, ort, graph, in);
                }
            }
        }
    }

    /**
     * x (any, F) → Conv1D(4, 3, strides 2) → MaxPooling1D(2) → "pooled", a sequence output of its own length, and
     * → LSTM(5) + z (4) → Dense(5) → Dense(2) as "y"; checked in ONNX Runtime for every batch and length ≥ 8.
     */
    @Test
    void convolutionalNodesMatchGraphPredictAndDeclareTheirOwnLength() throws Exception {
        Graph.Builder b = Graph.builder().seed(41).threads(1);
        Graph.Node x = b.input("x", -1, F);
        Graph.Node z = b.input("z", 4);
        Graph.Node conv = b.layer("conv", new org.seqcast.nn.LayerSpec.Conv1d(4, 3).strides(2)
                .activation(Activation.RELU), x);
        Graph.Node pooled = b.layer("pool", new org.seqcast.nn.LayerSpec.MaxPooling1d(2), conv);
        Graph.Node state = b.layer("lstm", new LSTM(5), pooled);
        b.output("pooled", pooled, Loss.mse());
        b.output("y", b.layer("head", new Dense(2), b.add("sum", state, b.layer("zd", new Dense(5), z))), Loss.mse());
        Graph graph = withRandomBiases(b.build(), 43);
        List<ValueInfoProto> out = OnnxExport.model(graph, OnnxExportOptions.defaults()).getGraph().getOutputList();
        assertEquals(List.of("batch", "pool_time", "4"), dims(out.get(0)));
        try (Ort ort = new Ort(OnnxExport.toBytes(graph, OnnxExportOptions.defaults()))) {
            for (int batch : BATCHES) {
                for (int t : new int[] {8, 9, 24}) {
                    Map<String, Tensor> in = new LinkedHashMap<>();
                    in.put("x", Tensor.wrap(NetworkExportTest.normal(batch * t * F, 47L * batch + t), batch, t, F));
                    in.put("z", Tensor.wrap(NetworkExportTest.normal(batch * 4, 53L * batch + t), batch, 4));
                    compare("graph_convolutional", "B=" + batch + " T=" + t, ort, graph, in);
                }
            }
        }
    }

    @Test
    void symbolicDimensionsNameTheirInput() {
        List<ValueInfoProto> in = OnnxExport.model(residualGraph(), OnnxExportOptions.defaults()).getGraph().getInputList();
        assertEquals(List.of("x", "z", "u"), in.stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("batch", "x_time", "3"), dims(in.get(0)));
        assertEquals(List.of("batch", "4"), dims(in.get(1)));
        assertEquals(List.of("batch", "u_time", "2"), dims(in.get(2)));
        List<ValueInfoProto> out = OnnxExport.model(residualGraph(), OnnxExportOptions.defaults()).getGraph().getOutputList();
        assertEquals(List.of("y", "seq"), out.stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("batch", "2"), dims(out.get(0)));
        assertEquals(List.of("batch", "x_time", "3"), dims(out.get(1)));
    }

    private static List<String> dims(ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.getValueCase() == TensorShapeProto.Dimension.ValueCase.DIM_PARAM ? d.getDimParam()
                        : String.valueOf(d.getDimValue()))
                .toList();
    }

    @Test
    void exportWritesTheBytes() throws Exception {
        Graph graph = covariateGraph(false);
        Path out = dir.resolve("graph.onnx");
        OnnxExport.export(graph, OnnxExportOptions.defaults(), out);
        assertArrayEquals(OnnxExport.toBytes(graph, OnnxExportOptions.defaults()), Files.readAllBytes(out));
    }

    @Test
    void unknownLayerIsRefusedNamingNodeAndLayer() {
        Graph.Builder b = Graph.builder().seed(1).threads(1);
        Graph.Node x = b.input("x", W, F);
        Graph.Node doubled = b.layer("double", new UnsupportedTest.Doubler(), b.layer("lstm", new LSTM(4), x));
        b.output("y", b.layer("head", new Dense(1), doubled), Loss.mse());
        Graph graph = b.build();
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(graph, OnnxExportOptions.defaults()));
        for (String part : List.of("node 'double'", "Doubler", "has no ONNX mapping", org.seqcast.nn.LayerSpec.Kind.classNames())) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void maskingIsRefusedNamingTheLayer() {
        // ONNX's recurrent operators skip only steps after a sequence's length, not masked steps anywhere
        org.seqcast.nn.Sequential seq = new org.seqcast.nn.Sequential(new org.seqcast.nn.Masking(), new LSTM(3),
                new Dense(1)).seed(1).threads(1);
        seq.build(-1, F);
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(seq, OnnxExportOptions.defaults()));
        assertTrue(e.getMessage().startsWith("layer 0 (Masking) cannot be exported"), e.getMessage());
        Graph.Builder b = Graph.builder().seed(1).threads(1);
        Graph.Node x = b.input("x", W, F);
        b.output("y", b.layer("head", new Dense(1), b.layer("lstm", new LSTM(4), b.layer("mask",
                new org.seqcast.nn.LayerSpec.Masking(-1), x))), Loss.mse());
        Graph graph = b.build();
        e = assertThrows(OnnxExportException.class, () -> OnnxExport.toBytes(graph, OnnxExportOptions.defaults()));
        assertTrue(e.getMessage().contains("node 'mask' (Masking) cannot be exported"), e.getMessage());
    }

    @Test
    void nonFiniteWeightIsRefusedNamingNode() {
        Graph graph = covariateGraph(false);
        graph.namedParameters().get("hidden.weight").value()[2] = Float.POSITIVE_INFINITY;
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(graph, OnnxExportOptions.defaults()));
        assertTrue(e.getMessage().startsWith("node 'hidden' (Dense) weight weight holds Infinity"), e.getMessage());
    }

    @Test
    void outputNamedLikeAnInputAndBakedScalingAreRefused() {
        Graph.Builder b = Graph.builder().seed(1).threads(1);
        Graph.Node x = b.input("x", 4);
        b.output("x", b.layer("head", new Dense(1), x), Loss.mse());
        Graph graph = b.build();
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(graph, OnnxExportOptions.defaults()));
        assertTrue(e.getMessage().contains("output 'x' has the name of input 'x'"), e.getMessage());
        OnnxExportException baked = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(covariateGraph(false), OnnxExportOptions.baked(null)));
        assertTrue(baked.getMessage().contains("no scalers to bake"), baked.getMessage());
    }

    @AfterAll
    static void printSummary() {
        System.out.println("ONNX Runtime vs Seqcast, Graph networks:\n" + Diff.summary(k -> k.startsWith("graph_")));
    }
}
