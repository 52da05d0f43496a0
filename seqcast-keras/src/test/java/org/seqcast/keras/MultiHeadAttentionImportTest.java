package org.seqcast.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;
import org.seqcast.tensor.Tensor;

/**
 * Keras's MultiHeadAttention called as self-attention in a Functional model. Our own fixture
 * functional_mha_k2_12.h5 (tools/keras/make_mha_fixture.py: tf.keras 2.12 layout, the value in the inbound node's
 * kwargs, a causal layer with value_dim ≠ key_dim and one with output_shape and no biases, between Dense, Add,
 * LayerNormalization and GlobalAveragePooling1D) against Keras's equations in numpy float64 to 1e-5 relative; Keras 3
 * inbound nodes (positional query and value, use_causal_mask in kwargs) and every refusal named by layer and option.
 */
class MultiHeadAttentionImportTest {
    private static final double REL = 1e-5;
    private static final String FILE = "functional_mha_k2_12.h5";

    @Test
    void selfAttentionLayersMatchKerasEquations() {
        JsonNode fixture = Fixtures.expected(FILE);
        ImportedModel m = KerasImport.load(Fixtures.path(FILE));
        Graph g = m.graph();
        assertEquals(new LayerSpec.MultiHeadAttention(2, 3).valueDim(2).causal(true), g.node("mha").layer().spec());
        assertEquals(new LayerSpec.MultiHeadAttention(1, 4).outputDim(5).useBias(false), g.node("mha_1").layer().spec());
        assertEquals(List.of("dense"), g.node("mha").inputs());
        assertArrayEquals(new int[] {6, 5}, g.node("mha_1").shape());
        Tensor y = g.predict(Map.of("input_1", Fixtures.input(fixture))).get("out");
        assertArrayEquals(new int[] {4, 2}, y.shape());
        double[] expected = Fixtures.doubles(fixture.get("expected"));
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            double err = Math.abs(y.data()[k] - expected[k]);
            worst = Math.max(worst, err / Math.abs(expected[k]));
            assertTrue(err <= REL * Math.abs(expected[k]), "output " + k + ": seqcast " + y.data()[k] + ", expected "
                    + expected[k]);
        }
        System.out.println("MultiHeadAttentionImportTest: " + FILE + " max relative error " + worst);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Keras 3 Functional config: input x (4, 2), then MultiHeadAttention "m" with these options and call. */
    private static JsonNode mha(String options, String args, String kwargs) throws IOException {
        return JSON.readTree("{\"class_name\": \"Functional\", \"config\": {\"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"name\": \"x\","
                + " \"batch_shape\": [null, 4, 2]}, \"inbound_nodes\": []},"
                + "{\"class_name\": \"Dense\", \"name\": \"d\", \"config\": {\"name\": \"d\", \"units\": 2},"
                + " \"inbound_nodes\": [{\"args\": [" + tensor("x") + "], \"kwargs\": {}}]},"
                + "{\"class_name\": \"MultiHeadAttention\", \"name\": \"m\", \"config\": {\"name\": \"m\","
                + " \"num_heads\": 2, \"key_dim\": 3" + options + "}, \"inbound_nodes\": [{\"args\": [" + args
                + "], \"kwargs\": {" + kwargs + "}}]}],"
                + " \"input_layers\": [\"x\", 0, 0], \"output_layers\": [[\"m\", 0, 0]]}}");
    }

    private static String tensor(String layer) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"" + layer + "\", 0, 0]}}";
    }

    private static LayerSpec spec(JsonNode config) {
        FunctionalConfig c = KerasConfig.parseFunctional(config, 3, "3.9.2", "m.h5");
        return c.nodes().get(1).layer().spec();
    }

    private static String refused(JsonNode config) {
        return assertThrows(KerasImportException.class, () -> KerasConfig.parseFunctional(config, 3, "3.9.2", "m.h5"))
                .getMessage();
    }

    @Test
    void keras3CallsAreReadAndTheUnsupportedIsRefusedNamingLayerAndOption() throws IOException {
        String xx = tensor("d") + ", " + tensor("d");
        assertEquals(new LayerSpec.MultiHeadAttention(2, 3).causal(true),
                spec(mha(", \"value_dim\": null, \"output_shape\": null", xx, "\"use_causal_mask\": true")));
        assertEquals(new LayerSpec.MultiHeadAttention(2, 3).outputDim(4),
                spec(mha(", \"output_shape\": 4", tensor("d"), "\"value\": " + tensor("d"))));

        String m = refused(mha("", tensor("d") + ", " + tensor("x"), ""));
        assertTrue(m.contains("'m' (MultiHeadAttention)") && m.contains("self-attention") && m.contains("[d, x]"), m);
        m = refused(mha("", tensor("d"), ""));
        assertTrue(m.contains("self-attention"), m);
        m = refused(mha(", \"attention_axes\": [2]", xx, ""));
        assertTrue(m.contains("attention_axes=[2]") && m.contains("time axis"), m);
        m = refused(mha(", \"output_shape\": [4, 2]", xx, ""));
        assertTrue(m.contains("output_shape=[4,2]"), m);
        m = refused(mha("", xx, "\"return_attention_scores\": true"));
        assertTrue(m.contains("return_attention_scores=True"), m);
        m = refused(mha("", xx, "\"attention_mask\": " + tensor("x")));
        assertTrue(m.contains("attention_mask"), m);
        m = refused(mha(", \"num_heads\": 0", xx, ""));
        assertTrue(m.contains("num_heads") && m.contains("got 0"), m);
    }
}
