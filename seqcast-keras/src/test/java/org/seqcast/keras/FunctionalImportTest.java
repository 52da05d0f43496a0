package org.seqcast.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.Graph;
import org.seqcast.tensor.Tensor;

/**
 * Keras Functional models imported as a Seqcast {@link Graph}. The real Keras 3.9 file lstm_attn_gap_k3_legacy.h5
 * (Input → LSTM(64, return_sequences) → Attention()([lstm, lstm]) → GlobalAveragePooling1D → Dense(32, relu) →
 * Dense(2)) against the outputs tools/golden/generate_attention_torch.py computed from the file's own weights in
 * PyTorch float64 (seqcast-core's golden attention_real_keras_lstm_attn_gap.json, read here as it is).
 */
class FunctionalImportTest {
    private static final double REL = 1e-5;
    private static final String FILE = "lstm_attn_gap_k3_legacy.h5";

    private static JsonNode golden() throws IOException {
        return new ObjectMapper().readTree(Path.of("..", "seqcast-core", "src", "test", "resources", "golden",
                "attention_real_keras_lstm_attn_gap.json").toFile());
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) array.get(k).asDouble();
        }
        return v;
    }

    @Test
    void realFunctionalFileWithAttentionPredictsWhatThePyTorchReferenceComputes() throws IOException {
        ImportedModel m = KerasImport.load(Fixtures.path(FILE));
        assertTrue(m.isGraph());
        assertEquals("3.9.2", m.kerasVersion());
        Graph g = m.graph();
        assertEquals(List.of("input_layer_3", "lstm_3", "attention", "global_average_pooling1d", "dense_5", "dense_6"),
                g.nodes().stream().map(Graph.Node::name).toList());
        assertEquals(List.of("dense_6"), g.outputs().stream().map(Graph.Output::name).toList());
        assertArrayEquals(new int[] {4, 1}, m.inputShape());
        JsonNode ref = golden();
        Tensor x = Tensor.wrap(floats(ref.get("x").get("data")), 4, 4, 1);
        Tensor y = g.predict(Map.of("input_layer_3", x)).get("dense_6");
        assertArrayEquals(new int[] {4, 2}, y.shape());
        double[] expected = Fixtures.doubles(ref.get("output").get("data"));
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            double err = Math.abs(y.data()[k] - expected[k]);
            worst = Math.max(worst, err / Math.abs(expected[k]));
            assertTrue(err <= REL * Math.abs(expected[k]), "output " + k + ": seqcast " + y.data()[k] + ", reference "
                    + expected[k]);
        }
        System.out.println("FunctionalImportTest: " + FILE + " max |seqcast - reference| / |reference| = " + worst);
    }

    @Test
    void aFunctionalFileHasNoSequentialAndASequentialFileNoGraph() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KerasImport.load(Fixtures.path(FILE)).model());
        assertTrue(e.getMessage().contains("graph()"), e.getMessage());
        ImportedModel seq = KerasImport.load(Fixtures.path("lstm1_k2_12.h5"));
        assertTrue(!seq.isGraph());
        assertThrows(IllegalStateException.class, seq::graph);
    }

    @Test
    void addConcatenateAndTwoOutputsMatchKerasEquations() {
        String name = "functional_add_concat_k2_12.h5";
        JsonNode fixture = Fixtures.expected(name);
        ImportedModel m = KerasImport.load(Fixtures.path(name));
        Graph g = m.graph();
        assertEquals(Graph.Op.ADD, g.node("add").op());
        assertEquals(Graph.Op.CONCAT, g.node("concatenate").op());
        assertArrayEquals(new int[] {6, 7}, g.node("concatenate").shape());
        Map<String, Tensor> y = g.predict(Map.of("input_1", Fixtures.input(fixture)));
        check(name + " out_a", y.get("out_a"), Fixtures.doubles(fixture.get("expected")), 4, 2);
        check(name + " out_b", y.get("out_b"), Fixtures.doubles(fixture.get("expected_b")), 4, 1);
    }

    @Test
    void additiveAttentionOnOneSequenceMatchesKerasEquations() {
        // AdditiveAttention(use_scale=True)([lstm, lstm], use_causal_mask=True), then AdditiveAttention(use_scale=False)
        // on [att, att, att], GlobalAveragePooling1D and a softmax Dense (tools/keras/make_additive_fixture.py)
        String name = "functional_additive_k2_12.h5";
        JsonNode fixture = Fixtures.expected(name);
        Graph g = KerasImport.load(Fixtures.path(name)).graph();
        assertEquals(new org.seqcast.nn.LayerSpec.AdditiveAttention(true, true), g.node("att").layer().spec());
        assertEquals(new org.seqcast.nn.LayerSpec.AdditiveAttention(false, false), g.node("att_plain").layer().spec());
        assertEquals(List.of("att.scale"), g.stateDict().keySet().stream().filter(k -> k.startsWith("att")).toList());
        Map<String, Tensor> y = g.predict(Map.of("input_1", Fixtures.input(fixture)));
        check(name + " out", y.get("out"), Fixtures.doubles(fixture.get("expected")), 4, 3);
    }

    @Test
    void additiveAttentionOnTwoTensorsOrInASequentialIsRefused() throws IOException {
        KerasImportException e = refused(functional(layer("Dense", "d", ", \"units\": 2", "x") + ", "
                + layer("AdditiveAttention", "a", "", "x", "d"), "[[\"a\", 0, 0]]"));
        assertTrue(e.getMessage().contains("'a' (AdditiveAttention)") && e.getMessage().contains("self-attention"),
                e.getMessage());
        JsonNode sequential = JSON.readTree("{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"x\", \"batch_shape\": [null, 4, 2]}},"
                + "{\"class_name\": \"AdditiveAttention\", \"config\": {\"name\": \"a\"}}]}}");
        e = assertThrows(KerasImportException.class, () -> KerasConfig.parse(sequential, 3, "3.9.2", "m.h5"));
        assertTrue(e.getMessage().contains("only a functional model"), e.getMessage());
    }

    private static void check(String what, Tensor y, double[] expected, int... shape) {
        assertArrayEquals(shape, y.shape(), what);
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            double err = Math.abs(y.data()[k] - expected[k]);
            worst = Math.max(worst, err / Math.abs(expected[k]));
            assertTrue(err <= REL * Math.abs(expected[k]), what + " output " + k + ": seqcast " + y.data()[k]
                    + ", expected " + expected[k]);
        }
        System.out.println("FunctionalImportTest: " + what + " max relative error " + worst);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Keras 3 style Functional config: input x (4, 2) then the given layers. */
    private static JsonNode functional(String layers, String outputs) throws IOException {
        return JSON.readTree("{\"class_name\": \"Functional\", \"config\": {\"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"name\": \"x\","
                + " \"batch_shape\": [null, 4, 2]}, \"inbound_nodes\": []}, " + layers + "],"
                + " \"input_layers\": [\"x\", 0, 0], \"output_layers\": " + outputs + "}}");
    }

    private static String tensor(String layer) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"" + layer + "\", 0, 0]}}";
    }

    private static String layer(String cls, String name, String config, String... inputs) {
        String args = inputs.length == 1 ? tensor(inputs[0])
                : "[" + String.join(", ", java.util.Arrays.stream(inputs).map(FunctionalImportTest::tensor).toList()) + "]";
        return "{\"class_name\": \"" + cls + "\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name
                + "\"" + config + "}, \"inbound_nodes\": [{\"args\": [" + args + "], \"kwargs\": {}}]}";
    }

    private static KerasImportException refused(JsonNode config) {
        return assertThrows(KerasImportException.class, () -> KerasConfig.parseFunctional(config, 3, "3.9.2", "m.h5"));
    }

    @Test
    void keras3InboundNodesAreReadAndTheUnsupportedIsRefusedNamingTheLayer() throws IOException {
        FunctionalConfig ok = KerasConfig.parseFunctional(functional(
                layer("Dense", "d", ", \"units\": 2", "x") + ", " + layer("Add", "s", "", "x", "d"),
                "[[\"s\", 0, 0]]"), 3, "3.9.2", "m.h5");
        assertEquals(List.of("d", "s"), ok.nodes().stream().map(FunctionalConfig.Node::name).toList());
        assertEquals(List.of("x", "d"), ok.nodes().get(1).inputs());
        assertEquals(List.of("s"), ok.outputs());

        KerasImportException e = refused(functional(layer("Dense", "d", ", \"units\": 2", "x") + ", "
                + layer("Attention", "a", "", "x", "d"), "[[\"a\", 0, 0]]"));
        assertTrue(e.getMessage().contains("'a' (Attention)") && e.getMessage().contains("self-attention"), e.getMessage());
        e = refused(functional(layer("Multiply", "m", "", "x", "x"), "[[\"m\", 0, 0]]"));
        assertTrue(e.getMessage().contains("'m' (Multiply)") && e.getMessage().contains("Add and Concatenate"),
                e.getMessage());
        e = refused(functional(layer("Concatenate", "c", ", \"axis\": 0", "x", "x"), "[[\"c\", 0, 0]]"));
        assertTrue(e.getMessage().contains("axis=0"), e.getMessage());
        FunctionalConfig timeAxis = KerasConfig.parseFunctional(functional(layer("Concatenate", "c", ", \"axis\": 1",
                "x", "x"), "[[\"c\", 0, 0]]"), 3, "3.9.2", "m.h5");
        e = assertThrows(KerasImportException.class, () -> ModelAssembler.assembleGraph(timeAxis, l -> Map.of(), "m.h5"));
        assertTrue(e.getMessage().startsWith("m.h5: layer 1 'c' (Concatenate), option axis=1: not supported: on (4, 2)"
                + " the features are axis 2"), e.getMessage());
        FunctionalConfig featureAxis = KerasConfig.parseFunctional(functional(layer("Concatenate", "c",
                ", \"axis\": 2", "x", "x"), "[[\"c\", 0, 0]]"), 3, "3.9.2", "m.h5");
        assertArrayEquals(new int[] {4, 4}, ModelAssembler.assembleGraph(featureAxis, l -> Map.of(), "m.h5")
                .node("c").shape());
        e = refused(functional(layer("Dense", "d", ", \"units\": 2", "nowhere"), "[[\"d\", 0, 0]]"));
        assertTrue(e.getMessage().contains("'nowhere'"), e.getMessage());
        String shared = layer("Dense", "d", ", \"units\": 2", "x").replace("\"inbound_nodes\": [",
                "\"inbound_nodes\": [{\"args\": [" + tensor("x") + "], \"kwargs\": {}}, ");
        e = refused(functional(shared, "[[\"d\", 0, 0]]"));
        assertTrue(e.getMessage().contains("shared layer"), e.getMessage());
    }
}
