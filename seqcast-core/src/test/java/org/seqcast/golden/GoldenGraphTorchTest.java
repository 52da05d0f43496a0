package org.seqcast.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.golden.GoldenTorchTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/**
 * {@link Graph} against PyTorch (fixtures from tools/golden/generate_graph_torch.py, float64 from float32
 * inputs): a residual network (LSTM → Dense(tanh) plus a skip Dense from the last input step, added, Dense
 * head) and a network with a sequence and a static input (LSTM and Dense(tanh), concatenated, a Dense head
 * with MSE and a quantile head with the pinball loss at weight 0.5). Outputs to 1e-5, every gradient to 1e-4,
 * the losses of 10 full-batch Adam steps through {@link Graph#fit} to 1e-4 relative, as {@link GoldenTorchTest}.
 */
class GoldenGraphTorchTest {
    private static final double OUTPUT_TOL = 1e-5;
    private static final double GRAD_TOL = 1e-4;
    private static final double LOSS_TOL = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"residual", "two_inputs"})
    void matchesPyTorch(String name) {
        GoldenFixture f = GoldenFixture.load("graph_" + name);
        Graph g = graph(name, f).threads(2);
        g.loadStateDict(f.tensors("params"));
        JsonNode o = f.root.get("optimizer");
        g.compile(new Adam(o.get("lr").asDouble(), o.get("beta1").asDouble(), o.get("beta2").asDouble(),
                o.get("eps").asDouble()));
        Map<String, Tensor> x = f.tensors("inputs");
        Map<String, Tensor> y = f.tensors("targets");

        Map<String, Tensor> out = g.predict(x);
        Map<String, Tensor> expected = f.tensors("outputs");
        assertEquals(expected.keySet(), out.keySet(), name + ": output names");
        expected.forEach((k, e) -> {
            assertArrayEquals(e.shape(), out.get(k).shape(), name + ": shape of " + k);
            assertClose(name + " output " + k, GoldenFixture.doubles(f.root.get("outputs").get(k)), out.get(k).data(),
                    OUTPUT_TOL);
        });

        double loss = g.computeGradients(x, y);
        assertClose(name + " loss", new double[] {f.root.get("loss_value").asDouble()}, new float[] {(float) loss},
                OUTPUT_TOL);
        Map<String, double[]> expectedGrads = f.doubleTensors("grads");
        Map<String, Tensor> grads = g.gradients();
        assertEquals(expectedGrads.keySet(), grads.keySet(), name + ": gradient names");
        expectedGrads.forEach((k, e) -> assertClose(name + " d" + k, e, grads.get(k).data(), GRAD_TOL));

        double[] expectedLosses = GoldenFixture.doubles(o.get("losses"));
        int batch = x.values().iterator().next().dim(0);
        History h = g.fit(x, y, FitOptions.builder().epochs(expectedLosses.length).batchSize(batch).shuffle(false).build());
        assertFalse(h.diverged());
        double[] got = h.loss();
        for (int k = 0; k < expectedLosses.length; k++) {
            double rel = Math.abs(got[k] - expectedLosses[k]) / Math.abs(expectedLosses[k]);
            assertTrue(rel < LOSS_TOL, name + ": Adam step " + k + " loss " + got[k] + " vs PyTorch " + expectedLosses[k]
                    + " (relative " + rel + ")");
        }
        assertTrue(expectedLosses[expectedLosses.length - 1] < expectedLosses[0], name + ": the fixture's loss must fall");
    }

    /** The fixture's architecture (as in generate_graph_torch.py), sized from its inputs and parameters. */
    private static Graph graph(String name, GoldenFixture f) {
        Map<String, Tensor> inputs = f.tensors("inputs");
        Map<String, Tensor> params = f.tensors("params");
        Graph.Builder b = Graph.builder();
        if (name.equals("residual")) {
            Tensor x = inputs.get("x");
            Graph.Node in = b.input("x", x.dim(1), x.dim(2));
            Graph.Node lstm = b.layer("lstm", new LSTM(units(params, "lstm.weight_hh_l0")), in);
            Graph.Node proj = b.layer("proj", new Dense(units(params, "proj.weight"), "tanh"), lstm);
            Graph.Node skip = b.layer("skip", new Dense(units(params, "skip.weight")), b.lastStep("last", in));
            Graph.Node head = b.layer("head", new Dense(units(params, "head.weight")), b.add("sum", proj, skip));
            b.output("y", head, Loss.mse());
        } else {
            Tensor seq = inputs.get("seq");
            Graph.Node s = b.input("seq", seq.dim(1), seq.dim(2));
            Graph.Node st = b.input("static", inputs.get("static").dim(1));
            Graph.Node lstm = b.layer("lstm", new LSTM(units(params, "lstm.weight_hh_l0")), s);
            Graph.Node emb = b.layer("emb", new Dense(units(params, "emb.weight"), "tanh"), st);
            Graph.Node both = b.concat("both", lstm, emb);
            b.output("y", b.layer("head", new Dense(units(params, "head.weight")), both), Loss.mse());
            JsonNode q = f.root.get("outputs_spec").get("q");
            b.output("q", b.layer("quantiles", new Dense(units(params, "quantiles.weight")), both),
                    Loss.pinball(GoldenFixture.doubles(q.get("levels"))), q.get("weight").asDouble());
        }
        return b.build();
    }

    private static int units(Map<String, Tensor> params, String name) {
        Tensor w = params.get(name);
        return name.endsWith("weight_hh_l0") ? w.dim(1) : w.dim(0);
    }
}
