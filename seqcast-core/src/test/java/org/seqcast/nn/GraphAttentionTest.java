package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.loss.Loss;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * {@link Graph.Builder#attention}: a cross-attention node's shape, inputs and parameters, that attending a node to
 * itself is the self-attention layer bit for bit, and the refusals of operands it cannot take, by node and role.
 */
class GraphAttentionTest {
    private static final LayerSpec.MultiHeadAttention SPEC = new LayerSpec.MultiHeadAttention(2, 3).outputDim(5);

    @Test
    void crossAttentionNodeTakesTheQueryLengthAndItsInputsInOrder() {
        Graph.Builder g = Graph.builder().seed(3);
        Graph.Node q = g.input("q", 4, 2);
        Graph.Node m = g.input("m", -1, 2);
        Graph.Node k = g.input("k", -1, 2);
        Graph.Node a = g.attention("a", SPEC, q, m, k);
        assertArrayEquals(new int[] {4, 5}, a.shape());
        assertEquals(List.of("q", "m", "k"), a.inputs());
        g.output("y", a, Loss.mse());
        Graph graph = g.build();
        assertEquals(SPEC.parameters(2).size(), graph.namedParameters().keySet().stream()
                .filter(n -> n.startsWith("a.")).count());
        Map<String, Tensor> y = graph.predict(Map.of("q", Tensor.zeros(3, 4, 2), "m", Tensor.zeros(3, 7, 2),
                "k", Tensor.zeros(3, 7, 2)));
        assertArrayEquals(new int[] {3, 4, 5}, y.get("y").shape());
    }

    @Test
    void attendingANodeToItselfIsTheSelfAttentionLayer() {
        Tensor x = Tensor.wrap(normal(2 * 6 * 2, 5), 2, 6, 2);
        Graph.Builder g1 = Graph.builder().seed(9);
        Graph.Node in1 = g1.input("x", -1, 2);
        g1.output("y", g1.attention("a", SPEC.causal(true), in1, in1), Loss.mse());
        Graph.Builder g2 = Graph.builder().seed(9);
        Graph.Node in2 = g2.input("x", -1, 2);
        g2.output("y", g2.layer("a", SPEC.causal(true), in2), Loss.mse());
        Graph cross = g1.build();
        Graph self = g2.build();
        assertArrayEquals(self.predict(Map.of("x", x)).get("y").data(), cross.predict(Map.of("x", x)).get("y").data());
        Map<String, Tensor> dy = Map.of("y", Tensor.wrap(normal(2 * 6 * 5, 6), 2, 6, 5));
        assertArrayEquals(self.inputGradients(Map.of("x", x), dy).get("x").data(),
                cross.inputGradients(Map.of("x", x), dy).get("x").data());
    }

    @Test
    void badOperandsAreRefusedByNodeAndRole() {
        Graph.Builder g = Graph.builder();
        Graph.Node q = g.input("q", 4, 2);
        Graph.Node wide = g.input("wide", 6, 3);
        Graph.Node vector = g.input("vec", 2);
        Graph.Node v = g.input("v", 6, 2);
        Graph.Node shorter = g.input("s", 5, 2);
        assertMessage(() -> g.attention("a", SPEC, q, wide), "attention 'a'", "value 'wide'", "(timesteps, 2)");
        assertMessage(() -> g.attention("a", SPEC, vector, v), "attention 'a'", "query 'vec'");
        assertMessage(() -> g.attention("a", SPEC, q, v, shorter), "attention 'a'", "key 's'", "one length");
        assertMessage(() -> g.attention("a", null, q, v), "attention 'a'", "spec");
    }

    private static float[] normal(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) rng.gaussian();
        }
        return v;
    }

    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), e.getMessage() + " should contain " + p);
        }
    }
}
