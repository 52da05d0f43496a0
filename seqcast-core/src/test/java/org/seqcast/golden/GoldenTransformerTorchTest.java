package org.seqcast.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.golden.GoldenTorchTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.TransformerEncoder;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/**
 * MultiHeadAttention, the positional encodings and the Transformer encoder block against PyTorch (fixtures from
 * tools/golden/generate_transformer_torch.py, float64 from float32 inputs). The layer fixtures are checked as
 * {@link GoldenConvTorchTest} checks its own: outputs, every parameter gradient and dL/dx to 1e-5 relative to the
 * tensor's largest magnitude, 1 and 3 threads bit for bit, 10 Adam steps to 1e-4 ("torch" cases run PyTorch's own
 * multi_head_attention_forward, "keras" cases Keras's equations for value_dim, output_dim and use_bias=False). The
 * encoder fixtures are PyTorch's nn.TransformerEncoderLayer (post- and pre-norm) between an embedding Dense and a
 * last-step Dense head, rebuilt by {@link TransformerEncoder#block}: outputs and loss to 1e-5, gradients to 1e-5,
 * 1 and 3 threads bit for bit, 10 Adam steps through {@link Graph#fit} to 1e-4. The key bias's gradient is zero
 * by an identity and checked as zero ({@link GoldenConvTorchTest#assertGradient}).
 */
class GoldenTransformerTorchTest {
    private static final double TOL = 1e-5;
    private static final double LOSS_TOL = 1e-4;
    private static double worstOutput;
    private static double worstGradient;

    @AfterAll
    static void report() {
        System.out.printf("GoldenTransformerTorchTest: worst error relative to each tensor's largest value: outputs"
                + " %.2e, gradients and dL/dx %.2e (bounds 1e-5)%n", worstOutput, worstGradient);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mha_torch_self", "mha_torch_causal", "mha_keras_value_output_no_bias_causal",
        "mha_keras_value_dim_bias", "positional_sinusoidal_mha", "positional_learned_mha"})
    void layersMatchPyTorch(String name) {
        double[] worst = GoldenConvTorchTest.check(name);
        worstOutput = Math.max(worstOutput, worst[0]);
        worstGradient = Math.max(worstGradient, worst[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transformer_post_norm", "transformer_pre_norm"})
    void encoderBlockMatchesTransformerEncoderLayer(String name) {
        GoldenFixture f = GoldenFixture.load("graph_" + name);
        Map<String, Tensor> x = f.tensors("inputs");
        Map<String, Tensor> y = f.tensors("targets");
        Graph one = encoder(f, 1);
        Graph three = encoder(f, 3);
        Map<String, Tensor> out = one.predict(x);
        assertArrayEquals(out.get("y").data(), three.predict(x).get("y").data(), name + ": output, 1 vs 3 threads");
        Tensor expected = f.tensors("outputs").get("y");
        assertArrayEquals(expected.shape(), out.get("y").shape(), name + ": output shape");
        assertClose(name + " output", GoldenFixture.doubles(f.root.get("outputs").get("y")), out.get("y").data(), TOL);
        worstOutput = Math.max(worstOutput, error(GoldenFixture.doubles(f.root.get("outputs").get("y")),
                out.get("y").data()));

        double loss = one.computeGradients(x, y);
        three.computeGradients(x, y);
        assertClose(name + " loss", new double[] {f.root.get("loss_value").asDouble()}, new float[] {(float) loss}, TOL);
        Map<String, double[]> expectedGrads = f.doubleTensors("grads");
        Map<String, Tensor> grads = one.gradients();
        Map<String, Tensor> grads3 = three.gradients();
        assertEquals(expectedGrads.keySet(), grads.keySet(), name + ": gradient names");
        expectedGrads.forEach((k, e) -> {
            GoldenConvTorchTest.assertGradient(name + " d" + k, e, grads.get(k).data());
            assertArrayEquals(grads.get(k).data(), grads3.get(k).data(), name + " d" + k + ", 1 vs 3 threads");
            if (!GoldenConvTorchTest.isZero(e)) {
                worstGradient = Math.max(worstGradient, error(e, grads.get(k).data()));
            }
        });

        JsonNode o = f.root.get("optimizer");
        Graph trained = encoder(f, 2);
        trained.compile(new Adam(o.get("lr").asDouble(), o.get("beta1").asDouble(), o.get("beta2").asDouble(),
                o.get("eps").asDouble()));
        double[] expectedLosses = GoldenFixture.doubles(o.get("losses"));
        History h = trained.fit(x, y, FitOptions.builder().epochs(expectedLosses.length).batchSize(x.get("x").dim(0))
                .shuffle(false).build());
        assertFalse(h.diverged());
        for (int k = 0; k < expectedLosses.length; k++) {
            double rel = Math.abs(h.loss()[k] - expectedLosses[k]) / Math.abs(expectedLosses[k]);
            assertTrue(rel < LOSS_TOL, name + ": Adam step " + k + " loss " + h.loss()[k] + " vs PyTorch "
                    + expectedLosses[k] + " (relative " + rel + ")");
        }
        assertTrue(expectedLosses[expectedLosses.length - 1] < expectedLosses[0], name + ": the fixture's loss must fall");
    }

    /**
     * Cross-attention: Graph.Builder.attention on query and value (causal, Tq 4 against Tk 6) or query, value and key
     * nodes against PyTorch's F.multi_head_attention_forward: output, loss, every gradient and dL/d of each input to
     * 1e-5, 1 and 3 threads bit for bit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mha_cross_causal", "mha_cross_key"})
    void crossAttentionMatchesPyTorch(String name) {
        GoldenFixture f = GoldenFixture.load("graph_" + name);
        Map<String, Tensor> x = f.tensors("inputs");
        Map<String, Tensor> y = f.tensors("targets");
        Graph one = cross(f, 1);
        Graph three = cross(f, 3);
        Map<String, Tensor> out = one.predict(x);
        assertArrayEquals(out.get("y").data(), three.predict(x).get("y").data(), name + ": output, 1 vs 3 threads");
        double[] expected = GoldenFixture.doubles(f.root.get("outputs").get("y"));
        assertClose(name + " output", expected, out.get("y").data(), TOL);
        worstOutput = Math.max(worstOutput, error(expected, out.get("y").data()));
        double loss = one.computeGradients(x, y);
        assertClose(name + " loss", new double[] {f.root.get("loss_value").asDouble()}, new float[] {(float) loss}, TOL);
        Map<String, double[]> expectedGrads = f.doubleTensors("grads");
        assertEquals(expectedGrads.keySet(), one.gradients().keySet(), name + ": gradient names");
        expectedGrads.forEach((k, e) -> {
            GoldenConvTorchTest.assertGradient(name + " d" + k, e, one.gradients().get(k).data());
            if (!GoldenConvTorchTest.isZero(e)) {
                worstGradient = Math.max(worstGradient, error(e, one.gradients().get(k).data()));
            }
        });
        Map<String, Tensor> dy = Map.of("y", Loss.mse().gradient(out.get("y"), y.get("y")));
        Map<String, Tensor> dx = one.inputGradients(x, dy);
        Map<String, Tensor> dx3 = three.inputGradients(x, dy);
        Map<String, double[]> expectedDx = f.doubleTensors("dx");
        assertEquals(expectedDx.keySet(), dx.keySet(), name + ": input names");
        expectedDx.forEach((k, e) -> {
            assertClose(name + " d" + k, e, dx.get(k).data(), TOL);
            assertArrayEquals(dx.get(k).data(), dx3.get(k).data(), name + " d" + k + ", 1 vs 3 threads");
            worstGradient = Math.max(worstGradient, error(e, dx.get(k).data()));
        });
    }

    /** Inputs q, v [, k] → attention "mha" → last step → head Dense(2), the fixture's weights. */
    private static Graph cross(GoldenFixture f, int threads) {
        JsonNode a = f.root.get("attention");
        Map<String, Tensor> inputs = f.tensors("inputs");
        Graph.Builder g = Graph.builder().threads(threads);
        Graph.Node q = g.input("q", inputs.get("q").dim(1), inputs.get("q").dim(2));
        Graph.Node v = g.input("v", inputs.get("v").dim(1), inputs.get("v").dim(2));
        Graph.Node k = inputs.containsKey("k") ? g.input("k", inputs.get("k").dim(1), inputs.get("k").dim(2)) : null;
        LayerSpec.MultiHeadAttention spec = new LayerSpec.MultiHeadAttention(a.get("num_heads").asInt(),
                a.get("key_dim").asInt()).causal(a.get("causal").asBoolean());
        Graph.Node h = g.attention("mha", spec, q, v, k);
        g.output("y", g.layer("head", new LayerSpec.Dense(2), g.lastStep("last", h)), Loss.mse());
        Graph graph = g.build();
        graph.loadStateDict(f.tensors("params"));
        graph.compile(new Adam());
        return graph;
    }

    /** x → embed Dense(d_model) → the encoder block "enc" → last step → head Dense(2), the fixture's weights. */
    private static Graph encoder(GoldenFixture f, int threads) {
        JsonNode e = f.root.get("encoder");
        Tensor x = f.tensors("inputs").get("x");
        Graph.Builder g = Graph.builder().threads(threads);
        Graph.Node in = g.input("x", x.dim(1), x.dim(2));
        Graph.Node h = g.layer("embed", new LayerSpec.Dense(e.get("d_model").asInt()), in);
        TransformerEncoder.Block block = new TransformerEncoder.Block(e.get("heads").asInt(), e.get("ff_units").asInt(),
                e.get("norm_first").asBoolean()).epsilon(e.get("epsilon").asDouble());
        h = TransformerEncoder.block(g, "enc", h, block);
        g.output("y", g.layer("head", new LayerSpec.Dense(2), g.lastStep("last", h)), Loss.mse());
        Graph graph = g.build();
        graph.loadStateDict(f.tensors("params"));
        graph.compile(new Adam());
        return graph;
    }

    private static double error(double[] expected, float[] actual) {
        double scale = 0;
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            scale = Math.max(scale, Math.abs(expected[k]));
            worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
        }
        return worst / scale;
    }
}
