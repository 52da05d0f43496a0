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
}
