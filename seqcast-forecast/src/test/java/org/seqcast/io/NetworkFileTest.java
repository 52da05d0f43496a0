package org.seqcast.io;

import org.seqcast.format.Safetensors;
import org.seqcast.format.Npy;
import org.seqcast.format.NetworkSpec;
import org.seqcast.format.ModelFileException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Dropout;
import org.seqcast.nn.GRU;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.SimpleRNN;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.tensor.Tensor;

/**
 * Bare networks: PyTorch state dicts read through a {@link NetworkSpec} (fixture written by PyTorch itself with
 * tools/modelfile/make_torch_import_fixture.py: a 2-layer nn.LSTM, an nn.GRU and an nn.Linear under the user's own
 * module names; make_torch_conv_import_fixture.py: a CNN-LSTM), network files, and their errors.
 */
class NetworkFileTest {
    private static final Path IO = Path.of("../testdata/io");

    @TempDir
    Path dir;

    @Test
    void aPyTorchStateDictRunsAsPyTorchRunsIt() throws IOException {
        NetworkSpec spec = NetworkSpec.fromJson(new ObjectMapper().readTree(IO.resolve("torch_import.json").toFile()));
        Sequential net = NetworkFile.load(spec, Safetensors.read(IO.resolve("torch_import.safetensors")).tensors(), "fixture");
        Map<String, Tensor> io = Safetensors.read(IO.resolve("torch_import_io.safetensors")).tensors();
        float[] got = net.predict(io.get("x")).data();
        float[] want = io.get("y").data();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * Math.max(1, Math.abs(want[i])), "output " + i);
        }
    }

    /** A stacked bidirectional nn.LSTM (tools/modelfile/make_torch_bidirectional_fixture.py): its *_l1_reverse names. */
    @Test
    void aBidirectionalPyTorchStateDictRunsAsPyTorchRunsIt() throws IOException {
        NetworkSpec spec = NetworkSpec.fromJson(new ObjectMapper().readTree(IO.resolve("torch_bidirectional.json").toFile()));
        Map<String, Tensor> state = Safetensors.read(IO.resolve("torch_bidirectional.safetensors")).tensors();
        assertTrue(state.containsKey("lstm.weight_ih_l1_reverse"), state.keySet().toString());
        Sequential net = NetworkFile.load(spec, state, "fixture");
        Map<String, Tensor> io = Safetensors.read(IO.resolve("torch_bidirectional_io.safetensors")).tensors();
        float[] got = net.predict(io.get("x")).data();
        float[] want = io.get("y_seq").data();
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * Math.max(1, Math.abs(want[i])), "output " + i);
        }
    }

    /**
     * A PyTorch CNN-LSTM (tools/modelfile/make_torch_conv_import_fixture.py: Conv1d with dilation, MaxPool1d, a
     * causal Conv1d on a left-padded input, AvgPool1d, LSTM, Linear): nn.Conv1d's state dict loads as it is.
     */
    @Test
    void aPyTorchConvolutionalStateDictRunsAsPyTorchRunsIt() throws IOException {
        NetworkSpec spec = NetworkSpec.fromJson(new ObjectMapper().readTree(IO.resolve("torch_conv_import.json").toFile()));
        Sequential net = NetworkFile.load(spec, Safetensors.read(IO.resolve("torch_conv_import.safetensors")).tensors(),
                "fixture");
        Map<String, Tensor> io = Safetensors.read(IO.resolve("torch_conv_import_io.safetensors")).tensors();
        float[] got = net.predict(io.get("x")).data();
        float[] want = io.get("y").data();
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * Math.max(1, Math.abs(want[i])), "output " + i);
        }
    }

    @Test
    void mismatchedWeightsAreReportedByName() throws IOException {
        Map<String, Tensor> tensors = Safetensors.read(IO.resolve("torch_import.safetensors")).tensors();
        NetworkSpec wrongUnits = new NetworkSpec(List.of(-1, 2), List.of(
                new NetworkSpec.Entry(new LayerSpec.Lstm(7).returnSequences(true), "lstm@0"),
                new NetworkSpec.Entry(new LayerSpec.Dense(3), "fc")));
        ModelFileException e = assertThrows(ModelFileException.class, () -> NetworkFile.load(wrongUnits, tensors, "w.safetensors"));
        assertTrue(e.getMessage().contains("lstm.weight_ih_l0: expected [28, 2], found [24, 2]"), e.getMessage());
        assertTrue(e.getMessage().contains("not used by any layer") && e.getMessage().contains("gru.weight_hh_l0"),
                e.getMessage());
        NetworkSpec wrongName = new NetworkSpec(List.of(-1, 2), List.of(
                new NetworkSpec.Entry(new LayerSpec.Dense(3), "head")));
        ModelFileException missing = assertThrows(ModelFileException.class, () -> NetworkFile.load(wrongName, tensors, "w"));
        assertTrue(missing.getMessage().contains("missing [head.weight [3, 2], head.bias [3]]"), missing.getMessage());
    }

    @Test
    void networkFilesRoundTripBitForBit() {
        Sequential net = new Sequential(new GRU(5).resetAfter(false).returnSequences(true), new Dropout(0.1),
                new SimpleRNN(4).activation(Activation.RELU), new Dense(2, "tanh")).seed(9).build(-1, 3);
        Path file = dir.resolve("net.seqcast");
        NetworkFile.save(net, Map.of("source", "test"), file);
        NetworkFile.LoadedNetwork back = NetworkFile.load(file);
        assertEquals(Map.of("source", "test"), back.provenance());
        assertEquals(NetworkSpec.of(net), back.spec());
        Tensor x = Tensor.wrap(new float[] {0.1f, -0.4f, 2f, 1f, 0f, -1f, 0.3f, 0.3f, 0.3f, 5f, -5f, 0.5f}, 2, 2, 3);
        assertArrayEquals(net.predict(x).data(), back.network().predict(x).data());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("bare network") && e.getMessage().contains("seqcast predict"), e.getMessage());
    }

    /**
     * A PyTorch state dict with BatchNormalization's buffers (seqcast-core's golden batchnorm_sequences_and_vector.json,
     * written by tools/golden/generate_additive_batchnorm_torch.py from PyTorch modules): read by its PyTorch names,
     * the network predicts PyTorch's eval-mode output.
     */
    @Test
    void aPyTorchStateDictWithBatchNormBuffersPredictsAsPyTorchInEvalMode() throws IOException {
        com.fasterxml.jackson.databind.JsonNode golden = new ObjectMapper().readTree(Path.of("..", "seqcast-core", "src",
                "test", "resources", "golden", "batchnorm_sequences_and_vector.json").toFile());
        NetworkSpec spec = NetworkSpec.of(java.util.Arrays.asList(6, 3), List.of(new LayerSpec.BatchNormalization(),
                new LayerSpec.Lstm(5).returnSequences(true), new LayerSpec.BatchNormalization(0.9, 1e-5, null, null),
                new LayerSpec.Lstm(4), new LayerSpec.BatchNormalization().momentum(0.5), new LayerSpec.Dense(2)));
        Map<String, Tensor> state = new java.util.LinkedHashMap<>();
        golden.get("params").fields().forEachRemaining(e -> state.put(e.getKey(), tensor(e.getValue())));
        assertTrue(state.containsKey("0.running_var"), state.keySet().toString());
        Sequential net = NetworkFile.load(spec, state, "fixture");
        float[] got = net.predict(tensor(golden.get("x"))).data();
        com.fasterxml.jackson.databind.JsonNode want = golden.get("output_inference").get("data");
        for (int i = 0; i < got.length; i++) {
            assertEquals(want.get(i).asDouble(), got[i], 1e-5 * Math.max(1, Math.abs(want.get(i).asDouble())), "output " + i);
        }
    }

    private static Tensor tensor(com.fasterxml.jackson.databind.JsonNode node) {
        int[] shape = new int[node.get("shape").size()];
        for (int k = 0; k < shape.length; k++) {
            shape[k] = node.get("shape").get(k).asInt();
        }
        float[] data = new float[node.get("data").size()];
        for (int k = 0; k < data.length; k++) {
            data[k] = (float) node.get("data").get(k).asDouble();
        }
        return Tensor.wrap(data, shape);
    }

    /** Masking, BatchNormalization, AdditiveAttention and softmax survive the file, BatchNormalization's moving statistics (after training) included. */
    @Test
    void maskingBatchNormAdditiveAttentionAndSoftmaxSurviveTheFile() {
        List<List<LayerSpec>> models = List.of(
                List.of(new LayerSpec.Masking(-1), new LayerSpec.Lstm(4).returnSequences(true), new LayerSpec.Gru(3),
                        new LayerSpec.BatchNormalization(0.5, null, false, null), new LayerSpec.Dense(2).activation(Activation.SOFTMAX)),
                List.of(new LayerSpec.BatchNormalization().momentum(0.5), new LayerSpec.Lstm(4).returnSequences(true),
                        new LayerSpec.AdditiveAttention(null, true), new LayerSpec.Gru(3), new LayerSpec.Dense(2)));
        Tensor x = Tensor.wrap(new float[] {0.1f, -0.4f, 2f, -1f, -1f, -1f, 0.3f, 0.3f, 0.3f, 5f, -5f, 0.5f}, 2, 2, 3);
        for (int m = 0; m < models.size(); m++) {
            Sequential net = Sequential.of(models.get(m)).seed(4).build(-1, 3);
            net.compile(org.seqcast.nn.loss.Loss.mse(), new org.seqcast.optim.Adam());
            net.fit(x, Tensor.wrap(new float[] {1f, 0f, 0f, 1f}, 2, 2), org.seqcast.train.FitOptions.builder().epochs(2)
                    .batchSize(2).build());
            String bn = m == 0 ? "3." : "0.";
            assertTrue(net.stateDict().get(bn + "running_mean").data()[0] != 0f, "training moved the moving mean");
            Path file = dir.resolve("more" + m + ".seqcast");
            NetworkFile.save(net, Map.of("source", "test"), file);
            NetworkFile.LoadedNetwork back = NetworkFile.load(file);
            assertEquals(net.specs(), back.network().specs());
            assertArrayEquals(net.stateDict().get(bn + "running_var").data(),
                    back.network().stateDict().get(bn + "running_var").data());
            assertArrayEquals(net.predict(x).data(), back.network().predict(x).data());
        }
    }

    /** A graph with two inputs, self-attention, a residual sum and two outputs: file and back, bit for bit. */
    @Test
    void graphFilesRoundTripBitForBit() throws IOException {
        org.seqcast.nn.Graph.Builder g = org.seqcast.nn.Graph.builder().seed(5).threads(1);
        org.seqcast.nn.Graph.Node x = g.input("x", -1, 2);
        org.seqcast.nn.Graph.Node z = g.input("z", 3);
        org.seqcast.nn.Graph.Node h = g.layer("lstm", new LayerSpec.Lstm(4).returnSequences(true), x);
        org.seqcast.nn.Graph.Node a = g.layer("attn", new LayerSpec.Attention(true, false), h);
        org.seqcast.nn.Graph.Node last = g.lastStep("last", g.add("sum", h, a));
        org.seqcast.nn.Graph.Node c = g.concat("both", last, g.layer("static", new LayerSpec.Dense(2), z));
        g.output("y", g.layer("head", new LayerSpec.Dense(3), c), org.seqcast.nn.loss.Loss.mae());
        g.output("q", g.layer("q", new LayerSpec.Dense(2), last), org.seqcast.nn.loss.Loss.pinball(0.1, 0.9), 0.5);
        org.seqcast.nn.Graph graph = g.build();
        Path file = dir.resolve("graph.seqcast");
        NetworkFile.save(graph, Map.of("source", "test"), file);
        NetworkFile.LoadedNetwork back = NetworkFile.load(file);
        assertTrue(back.isGraph());
        assertEquals(org.seqcast.format.GraphSpec.of(graph), back.graphSpec());
        Map<String, Tensor> state = graph.stateDict();
        back.graph().stateDict().forEach((name, t) -> assertArrayEquals(state.get(name).data(), t.data(), name));
        Map<String, Tensor> in = Map.of("x", Tensor.wrap(new float[] {0.1f, -0.4f, 2f, 1f, 0f, -1f, 0.3f, 0.3f}, 2, 2, 2),
                "z", Tensor.wrap(new float[] {1f, 0f, -2f, 0.5f, 0.5f, 3f}, 2, 3));
        Map<String, Tensor> want = graph.predict(in);
        Map<String, Tensor> got = back.graph().predict(in);
        assertArrayEquals(want.get("y").data(), got.get("y").data());
        assertArrayEquals(want.get("q").data(), got.get("q").data());
        IllegalStateException notSequential = assertThrows(IllegalStateException.class, back::network);
        assertTrue(notSequential.getMessage().contains("graph()"), notSequential.getMessage());
        assertTrue(back.summary().contains("attn") && back.summary().contains("last_step"), back.summary());

        Map<String, Tensor> fewer = new java.util.LinkedHashMap<>(state);
        fewer.remove("attn.scale");
        fewer.put("head.bias", Tensor.zeros(4));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> NetworkFile.load(back.graphSpec(), fewer, "w.safetensors"));
        assertTrue(e.getMessage().contains("missing [attn.scale [1]]") && e.getMessage().contains("head.bias: expected [3]"),
                e.getMessage());
    }

    /** A graph spec edited into one whose shapes do not fit is refused naming the node, before any weight is read. */
    @Test
    void anEditedGraphSpecIsRefusedNamingTheNode() throws IOException {
        org.seqcast.nn.Graph.Builder g = org.seqcast.nn.Graph.builder().seed(5);
        g.output("y", g.layer("head", new LayerSpec.Dense(1), g.lastStep("last", g.layer("gru",
                new LayerSpec.Gru(2).returnSequences(true), g.input("x", 4, 1)))), org.seqcast.nn.loss.Loss.mse());
        org.seqcast.format.GraphSpec spec = org.seqcast.format.GraphSpec.of(g.build());
        com.fasterxml.jackson.databind.node.ObjectNode json = spec.toJson();
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("nodes").get(1).get("layer"))
                .put("return_sequences", false);
        org.seqcast.format.GraphSpec edited = org.seqcast.format.GraphSpec.fromJson(json);
        ModelFileException e = assertThrows(ModelFileException.class, () -> NetworkFile.load(edited, Map.of(), "f"));
        assertTrue(e.getMessage().contains("graph spec") && e.getMessage().contains("'last'"), e.getMessage());
    }

    @Test
    void bidirectionalAndRepeatVectorSurviveTheFile() {
        Sequential net = Sequential.of(List.of(new LayerSpec.Bidirectional(new LayerSpec.Gru(3).returnSequences(true),
                        LayerSpec.Bidirectional.Merge.MUL), new LayerSpec.Bidirectional(new LayerSpec.Lstm(2)),
                new LayerSpec.RepeatVector(3), new LayerSpec.SimpleRnn(2).returnSequences(true), new LayerSpec.Dense(1)))
                .seed(4).build(-1, 3);
        Path file = dir.resolve("bi.seqcast");
        NetworkFile.save(net, Map.of("source", "test"), file);
        NetworkFile.LoadedNetwork back = NetworkFile.load(file);
        assertEquals(net.specs(), back.network().specs());
        Tensor x = Tensor.wrap(new float[] {0.1f, -0.4f, 2f, 1f, 0f, -1f, 0.3f, 0.3f, 0.3f, 5f, -5f, 0.5f}, 2, 2, 3);
        assertArrayEquals(net.predict(x).data(), back.network().predict(x).data());
    }

    @Test
    void gateAndCellActivationsSurviveTheFile() {
        Sequential net = new Sequential(
                new LSTM(4).recurrentActivation(Activation.HARD_SIGMOID_KERAS2).returnSequences(true),
                new GRU(3).resetAfter(false).recurrentActivation(Activation.HARD_SIGMOID).activation(Activation.RELU),
                new Dense(1)).seed(4).build(-1, 2);
        Path file = dir.resolve("hard.seqcast");
        NetworkFile.save(net, Map.of("source", "keras"), file);
        NetworkFile.LoadedNetwork back = NetworkFile.load(file);
        assertEquals(Activation.HARD_SIGMOID_KERAS2, ((LayerSpec.Lstm) back.spec().specs().get(0)).recurrentActivation());
        assertEquals(Activation.RELU, ((LayerSpec.Gru) back.spec().specs().get(1)).activation());
        Tensor x = Tensor.wrap(new float[] {3f, -2f, 0.5f, 4f, -6f, 1f}, 1, 3, 2);
        assertArrayEquals(net.predict(x).data(), back.network().predict(x).data());
    }

    @Test
    void specJsonRoundTripsAndRejectsNonsense() throws IOException {
        Sequential net = new Sequential(new LSTM(3).returnSequences(true), new LSTM(2), new Dense(1)).build(12, 4);
        NetworkSpec spec = NetworkSpec.of(net);
        assertEquals(spec, NetworkSpec.fromJson(spec.toJson()));
        ObjectMapper m = new ObjectMapper();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.fromJson(m.readTree("{\"input\": [null, 2], \"layers\": [{\"type\": \"conv2d\", \"units\": 3}]}")));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("conv2d"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.fromJson(m.readTree("{\"input\": [5]}")));
        assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.fromJson(m.readTree("{\"input\": [null, 2], \"layers\": [{\"type\": \"lstm\", \"units\": 0}]}")));
    }

    @Test
    void npyFilesWrittenByNumPyAreRead() throws IOException {
        Tensor f64 = Npy.read(IO.resolve("x_f64.npy"));
        assertArrayEquals(new int[] {2, 3, 4}, f64.shape());
        for (int i = 0; i < 24; i++) {
            assertEquals(i / 8.0f - 1, f64.data()[i]);
        }
        assertArrayEquals(new float[] {0.5f, -1.25f, 3f, 1e-3f, 7f}, Npy.read(IO.resolve("x_f32.npy")).data());
        IllegalArgumentException fortran = assertThrows(IllegalArgumentException.class, () -> Npy.read(IO.resolve("x_fortran.npy")));
        assertTrue(fortran.getMessage().contains("Fortran"), fortran.getMessage());
        IllegalArgumentException ints = assertThrows(IllegalArgumentException.class, () -> Npy.read(IO.resolve("x_int.npy")));
        assertTrue(ints.getMessage().contains("'<i8'") && ints.getMessage().contains("float32"), ints.getMessage());
        byte[] bytes = Files.readAllBytes(IO.resolve("x_f64.npy"));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(java.util.Arrays.copyOf(bytes, bytes.length - 3), "cut.npy"));
        assertTrue(cut.getMessage().startsWith("cut.npy: ") && cut.getMessage().contains("truncated"), cut.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npy.read("not numpy".getBytes(), "x.npy"));
    }

    @Test
    void npyRoundTrip() throws IOException {
        Tensor t = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6}, 3, 1, 2);
        Path f = dir.resolve("t.npy");
        Npy.write(t, f);
        Tensor back = Npy.read(f);
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.data(), back.data());
        assertEquals(0, (Files.size(f) - 4 * 6) % 64, "header padded to 64 bytes");
    }
}
