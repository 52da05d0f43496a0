package org.seqcast.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.loss.Loss;
import org.seqcast.tensor.Tensor;

/** The JSON form of graphs: every op and loss round-trips into the same graph, bad specs are named. */
class GraphSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every op (two inputs, layers, add, concat, last step), self-attention, and outputs with every stored loss. */
    static Graph everyOp() {
        Graph.Builder g = Graph.builder().seed(3).threads(1);
        Graph.Node x = g.input("x", -1, 2);
        Graph.Node z = g.input("z", 3);
        Graph.Node h = g.layer("lstm", new LayerSpec.Lstm(4).returnSequences(true), x);
        Graph.Node a = g.layer("attn", new LayerSpec.Attention(true, true), h);
        Graph.Node r = g.add("residual", h, a);
        Graph.Node n = g.layer("norm", new LayerSpec.LayerNormalization(), r);
        Graph.Node last = g.lastStep("last", n);
        Graph.Node s = g.layer("static", new LayerSpec.Dense(2), z);
        Graph.Node c = g.concat("both", last, s);
        g.output("point", g.layer("head", new LayerSpec.Dense(2), c), Loss.huber(0.5), 0.25);
        g.output("q", g.layer("quantiles", new LayerSpec.Dense(6), c), Loss.nonCrossingPinball(0.1, 0.5, 0.9));
        g.output("mean", g.layer("mean", new LayerSpec.Dense(1), last), Loss.mse());
        return g.build();
    }

    @Test
    void everyOpAndLossRoundTripsIntoTheSameGraph() {
        Graph graph = everyOp();
        GraphSpec spec = GraphSpec.of(graph);
        ObjectNode json = spec.toJson();
        GraphSpec back = GraphSpec.fromJson(json);
        assertEquals(spec, back);
        assertEquals("last_step", json.get("nodes").get(6).get("op").asText());
        assertTrue(json.get("nodes").get(0).get("shape").get(0).isNull(), json.toString());
        Graph rebuilt = back.build(11);
        rebuilt.loadStateDict(graph.stateDict());
        assertEquals(graph.summary(), rebuilt.summary());
        assertEquals(graph.outputs().get(1).loss().name(), rebuilt.outputs().get(1).loss().name());
        assertEquals(0.25, rebuilt.outputs().get(0).weight());
        Map<String, Tensor> in = Map.of("x", Tensor.wrap(new float[] {1, -2, 0.5f, 3, 0, 1, -1, 2, 2, 0.1f, 0, 0}, 2, 3, 2),
                "z", Tensor.wrap(new float[] {1, 2, 3, -1, 0, 4}, 2, 3));
        Map<String, Tensor> want = graph.predict(in);
        Map<String, Tensor> got = rebuilt.predict(in);
        for (String o : List.of("point", "q", "mean")) {
            assertArrayEquals(want.get(o).data(), got.get(o).data(), o);
        }
    }

    @Test
    void badSpecsNameTheNodeAndTheField() throws Exception {
        String ok = "{\"nodes\": [{\"name\": \"x\", \"op\": \"input\", \"shape\": [null, 2]},"
                + " {\"name\": \"d\", \"op\": \"layer\", \"inputs\": [\"x\"], \"layer\": {\"type\": \"lstm\", \"units\": 3}}],"
                + " \"outputs\": [{\"name\": \"y\", \"node\": \"d\", \"loss\": \"mse\"}]}";
        assertEquals(2, GraphSpec.fromJson(JSON.readTree(ok)).nodes().size());
        String[][] cases = {
                {ok.replace("\"op\": \"layer\"", "\"op\": \"multiply\""), "node 'd'", "multiply", "last_step"},
                {ok.replace("\"inputs\": [\"x\"]", "\"inputs\": [\"w\"]"), "node 'd' reads 'w'", "topological"},
                {ok.replace("\"units\": 3", "\"units\": 0"), "nodes[1].layer", "units"},
                {ok.replace("\"node\": \"d\"", "\"node\": \"e\""), "output 'y'", "not a node"},
                {ok.replace("\"loss\": \"mse\"", "\"loss\": \"pinball\""), "output 'y'", "levels"},
                {ok.replace("\"shape\": [null, 2]", "\"shape\": []"), "input 'x'", "shape"},
                {ok.replace("\"name\": \"d\"", "\"name\": \"x\""), "'x'", "twice"},
                {ok.replace("\"op\": \"input\",", "\"op\": \"input\", \"colour\": 1,"), "nodes[0]", "colour"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GraphSpec.fromJson(JSON.readTree(c[0])), c[0]);
            for (int k = 1; k < c.length; k++) {
                assertTrue(e.getMessage().contains(c[k]), "'" + c[k] + "' missing from: " + e.getMessage());
            }
        }
        GraphSpec wrongShape = GraphSpec.fromJson(JSON.readTree(ok.replace("\"shape\": [null, 2]", "\"shape\": [2]")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrongShape.build(0));
        assertTrue(e.getMessage().contains("'d'"), e.getMessage());
    }
}
