package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/** The graph API: the same bits as Sequential for a chain, thread-count determinism, names, structure, errors. */
class GraphTest {
    private static final FitOptions OPTIONS = FitOptions.builder().epochs(3).batchSize(8).validationSplit(0.25).build();

    @Test
    void aChainTrainsBitForBitLikeSequential() {
        Tensor x = TestData.normal(1, 40, 7, 3);
        Tensor y = TestData.normal(2, 40, 2);
        Sequential s = new Sequential(new LSTM(6).returnSequences(true), new Dropout(0.1), new GRU(4), new Dense(2))
                .seed(9).threads(2);
        s.compile(Loss.mse(), new Adam(0.01));
        History hs = s.fit(x, y, OPTIONS);

        Graph.Builder b = Graph.builder().seed(9).threads(2);
        Graph.Node in = b.input("x", 7, 3);
        Graph.Node h = b.layer("lstm", new LSTM(6).returnSequences(true), in);
        h = b.layer(new Dropout(0.1), h);
        h = b.layer(new GRU(4), h);
        b.output("y", b.layer("head", new Dense(2), h), Loss.mse());
        Graph g = b.build().compile(new Adam(0.01));
        History hg = g.fit(Map.of("x", x), Map.of("y", y), OPTIONS);

        assertArrayEquals(hs.loss(), hg.loss(), 0.0, "training losses");
        assertArrayEquals(hs.valLoss(), hg.valLoss(), 0.0, "validation losses");
        List<Tensor> ws = new ArrayList<>(s.stateDict().values());
        List<Tensor> wg = new ArrayList<>(g.stateDict().values());
        assertEquals(ws.size(), wg.size());
        for (int k = 0; k < ws.size(); k++) {
            assertArrayEquals(ws.get(k).data(), wg.get(k).data(), 0f, "parameter " + k);
        }
        assertArrayEquals(s.predict(x).data(), g.predict(Map.of("x", x)).get("y").data(), 0f, "predictions");
        assertEquals(List.of("lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
                "gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0", "head.weight", "head.bias"),
                List.copyOf(g.namedParameters().keySet()));
    }

    /** Two inputs, a residual sum, a node read by three others, dropout, and two outputs with weights. */
    private static Graph twoBranch(long seed, int threads) {
        Graph.Builder b = Graph.builder().seed(seed).threads(threads);
        Graph.Node seq = b.input("seq", 9, 3);
        Graph.Node stat = b.input("static", 4);
        Graph.Node h = b.layer("lstm", new LSTM(8).returnSequences(true), seq);
        Graph.Node g = b.layer("gru", new GRU(8), b.layer("drop", new Dropout(0.2), h));
        Graph.Node skip = b.layer("skip", new Dense(8), b.lastStep(h));
        Graph.Node sum = b.add("sum", g, skip);
        Graph.Node both = b.concat("both", sum, b.layer("emb", new Dense(5, "tanh"), stat));
        b.output("y", b.layer("head", new Dense(2), both), Loss.mse());
        b.output("q", b.layer("quantiles", new Dense(3), sum), Loss.pinball(0.1, 0.5, 0.9), 0.5);
        return b.build().compile(new Adam(0.01));
    }

    private static Map<String, Tensor> inputs(long seed, int n) {
        Map<String, Tensor> x = new LinkedHashMap<>();
        x.put("seq", TestData.normal(seed, n, 9, 3));
        x.put("static", TestData.normal(seed + 1, n, 4));
        return x;
    }

    private static Map<String, Tensor> targets(long seed, int n) {
        Map<String, Tensor> y = new LinkedHashMap<>();
        y.put("y", TestData.normal(seed, n, 2));
        y.put("q", TestData.normal(seed + 1, n));
        return y;
    }

    private static float[][] train(int threads) {
        Graph g = twoBranch(4, threads);
        History h = g.fit(inputs(1, 50), targets(3, 50), OPTIONS);
        assertFalse(h.diverged());
        List<float[]> out = new ArrayList<>();
        g.stateDict().values().forEach(t -> out.add(t.data()));
        g.predict(inputs(1, 50)).values().forEach(t -> out.add(t.data()));
        out.add(h.loss().length == 3 ? new float[] {(float) h.loss()[2]} : new float[0]);
        return out.toArray(new float[0][]);
    }

    @Test
    void sameSeedSameBitsForOneAndThreeThreads() {
        float[][] one = train(1);
        float[][] three = train(3);
        assertEquals(one.length, three.length);
        for (int k = 0; k < one.length; k++) {
            assertArrayEquals(one[k], three[k], 0f, "tensor " + k);
        }
    }

    @Test
    void totalLossIsTheWeightedSumOfTheOutputLosses() {
        Graph g = twoBranch(2, 1);
        Map<String, Tensor> x = inputs(5, 12);
        Map<String, Tensor> y = targets(6, 12);
        Map<String, Tensor> p = g.predict(x);
        double expected = Loss.mse().value(p.get("y"), y.get("y"))
                + 0.5 * Loss.pinball(0.1, 0.5, 0.9).value(p.get("q"), y.get("q"));
        assertEquals(expected, g.evaluate(x, y), 1e-12);
        assertArrayEquals(new int[] {12, 3}, p.get("q").shape());
    }

    /** Per-sample weights of the targets weigh every output's loss: L_w = Σ_o w_o L_o(ŷ_o, y_o; w). */
    @Test
    void sampleWeightsWeighEveryOutput() {
        Graph g = twoBranch(2, 1);
        Map<String, Tensor> x = inputs(5, 12);
        Map<String, Tensor> y = targets(6, 12);
        Tensor w = TestData.normal(8, 12);
        for (int k = 0; k < 12; k++) {
            w.data()[k] = Math.abs(w.data()[k]);
        }
        Map<String, Tensor> p = g.predict(x);
        double expected = Loss.mse().value(p.get("y"), y.get("y"), w)
                + 0.5 * Loss.pinball(0.1, 0.5, 0.9).value(p.get("q"), y.get("q"), w);
        org.seqcast.train.Samples xs = org.seqcast.train.Samples.of(x);
        org.seqcast.train.Samples ys = org.seqcast.train.Samples.of(y);
        assertEquals(expected, g.evaluate(xs, ys.withWeights(w)), 1e-12);
        assertEquals(g.evaluate(x, y), g.evaluate(xs, ys), 0.0);
    }

    @Test
    void predictionsDoNotDependOnBatchComposition() {
        Graph g = twoBranch(3, 2);
        Map<String, Tensor> x = inputs(7, 300);             // more than one predict batch of 256 rows
        Map<String, Tensor> all = g.predict(x);
        for (int row : new int[] {0, 255, 256, 299}) {
            Map<String, Tensor> one = new LinkedHashMap<>();
            x.forEach((k, t) -> one.put(k, t.slice(row, row + 1)));
            Map<String, Tensor> single = g.predict(one);
            for (String out : List.of("y", "q")) {
                assertArrayEquals(single.get(out).data(), all.get(out).slice(row, row + 1).data(), 0f, out + " row " + row);
            }
        }
    }

    @Test
    void structureIsInspectable() {
        Graph g = twoBranch(1, 1);
        Graph.Node sum = g.node("sum");
        assertEquals(Graph.Op.ADD, sum.op());
        assertEquals(List.of("gru", "skip"), sum.inputs());
        assertEquals(Graph.Op.LAST_STEP, g.node("last_step").op());
        assertEquals(List.of("lstm"), g.node("last_step").inputs());
        assertArrayEquals(new int[] {13}, g.node("both").shape());
        assertTrue(g.node("lstm").layer() instanceof LSTM);
        assertEquals(List.of("seq", "static"), g.inputs().stream().map(Graph.Node::name).toList());
        assertEquals(new Graph.Output("q", "quantiles", Loss.pinball(0.1, 0.5, 0.9), 0.5), g.outputs().get(1));
        String summary = g.summary();
        assertTrue(summary.contains("sum") && summary.contains("gru, skip") && summary.contains("Total params: "
                + g.parameterCount()), summary);
        assertThrows(IllegalArgumentException.class, () -> g.node("nope"));
    }

    @Test
    void generatedNamesAreDeterministic() {
        Graph.Builder b = Graph.builder();
        Graph.Node x = b.input("x", 4);
        Graph.Node d0 = b.layer(new Dense(3), x);
        Graph.Node d1 = b.layer(new Dense(3), x);
        Graph.Node named = b.layer("dense_2", new Dense(3), x);
        Graph.Node d3 = b.layer(new Dense(3), x);
        Graph.Node a = b.add(d0, d1, named);
        assertEquals(List.of("dense", "dense_1", "dense_2", "dense_3", "add"),
                List.of(d0.name(), d1.name(), named.name(), d3.name(), a.name()));
    }

    @Test
    void stateDictRoundTripsAndCheckedLoads() {
        Graph a = twoBranch(1, 1);
        Graph b = twoBranch(2, 1);
        b.loadStateDict(a.stateDict());
        Map<String, Tensor> x = inputs(3, 5);
        assertArrayEquals(a.predict(x).get("y").data(), b.predict(x).get("y").data(), 0f);
        Map<String, Tensor> bad = new LinkedHashMap<>(a.stateDict());
        bad.remove("head.bias");
        assertMessage(() -> b.loadStateDict(bad), "lacks 'head.bias'");
    }

    @Test
    void shapeErrorsNameTheNodesAndShapes() {
        Graph.Builder b = Graph.builder();
        Graph.Node x = b.input("x", 6, 2);
        Graph.Node h = b.layer("lstm", new LSTM(4), x);
        Graph.Node d = b.layer("d", new Dense(5), h);
        assertMessage(() -> b.add("res", h, d), "add 'res'", "'lstm' has (4)", "'d' has (5)");
        assertMessage(() -> b.concat("cat", x, h), "concat 'cat'", "'x' has (6, 2)", "'lstm' has (4)");
        assertMessage(() -> b.lastStep("ls", h), "needs a sequence", "'lstm' has (4)");
        assertMessage(() -> b.layer("rnn", new GRU(3), h), "node 'rnn' (GRU)");
        assertMessage(() -> b.add("one", h), "at least two");
    }

    @Test
    void structuralErrorsAreClear() {
        Graph.Builder b = Graph.builder();
        Graph.Node x = b.input("x", 3);
        Dense shared = new Dense(2);
        Graph.Node d = b.layer("d", shared, x);
        assertMessage(() -> b.layer("again", shared, x), "already used", "create a new layer");
        assertMessage(() -> b.layer("d", new Dense(2), x), "'d' is already used");
        assertMessage(() -> b.layer("a.b", new Dense(2), x), "free of '.'");
        Graph.Node foreign = Graph.builder().input("x", 3);
        assertMessage(() -> b.layer("f", new Dense(2), foreign), "not part of this graph");
        assertMessage(() -> b.output("raw", x, Loss.mse()), "reads input 'x' directly");
        assertMessage(() -> b.input("bad", 0), "positive sizes");
        b.input("unused", 2);
        b.output("y", d, Loss.mse());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("input 'unused' does not reach any output"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Graph.builder().build(), "no outputs");
    }

    @Test
    void dataErrorsNameInputsAndOutputs() {
        Graph g = twoBranch(1, 1);
        Map<String, Tensor> x = inputs(1, 4);
        Map<String, Tensor> y = targets(2, 4);
        Map<String, Tensor> extra = new LinkedHashMap<>(x);
        extra.put("other", Tensor.zeros(4, 1));
        assertMessage(() -> g.predict(extra), "unknown input 'other'", "[seq, static]");
        assertMessage(() -> g.predict(Map.of("seq", x.get("seq"))), "missing input 'static'");
        assertMessage(() -> g.predict(Map.of("seq", Tensor.zeros(4, 9, 2), "static", x.get("static"))),
                "input 'seq' must have shape (batch, 9, 3)", "(4, 9, 2)");
        assertMessage(() -> g.evaluate(x, Map.of("y", y.get("y"))), "missing target for output 'q'");
        Map<String, Tensor> unknown = new LinkedHashMap<>(y);
        unknown.put("z", Tensor.zeros(4));
        assertMessage(() -> g.evaluate(x, unknown), "unknown output 'z'");
        assertMessage(() -> g.evaluate(x, Map.of("y", y.get("y"), "q", Tensor.zeros(4, 3))),
                "target 'q' must have shape (4)", "pinball", "(4, 3)");
        assertMessage(() -> g.predict(Map.of("seq", x.get("seq"), "static", Tensor.zeros(5, 4))), "same first axis");
        Graph unc = twoBranch(1, 1);
        assertThrows(IllegalArgumentException.class, () -> unc.compile(null));
    }

    @Test
    void anyLengthSequencesTakeTheirLengthFromTheData() {
        Graph.Builder b = Graph.builder().seed(3);
        Graph.Node x = b.input("x", -1, 2);
        Graph.Node h = b.layer("gru", new GRU(3).returnSequences(true), x);
        Graph.Node r = b.add("res", h, b.layer("proj", new Dense(3), x));
        b.output("y", b.layer("head", new Dense(1), r), Loss.mae());
        Graph g = b.build().compile(new Adam());
        Tensor xs = TestData.normal(1, 5, 8, 2);
        assertArrayEquals(new int[] {5, 8, 1}, g.predict(Map.of("x", xs)).get("y").shape());
        assertTrue(Double.isFinite(g.computeGradients(Map.of("x", xs), Map.of("y", TestData.normal(2, 5, 8, 1)))));
        assertMessage(() -> g.evaluate(Map.of("x", xs), Map.of("y", TestData.normal(2, 5, 7, 1))), "(5, 8, 1)");
    }

    private static void assertMessage(Executable e, String... parts) {
        Throwable t = assertThrows(RuntimeException.class, e);
        for (String part : parts) {
            assertTrue(t.getMessage().contains(part), "'" + t.getMessage() + "' lacks '" + part + "'");
        }
        assertFalse(t.getMessage().isBlank(), Arrays.toString(parts));
    }
}
