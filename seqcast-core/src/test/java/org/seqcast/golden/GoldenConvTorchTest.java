package org.seqcast.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.golden.GoldenTorchTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.nn.Context;
import org.seqcast.nn.Layer;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/**
 * The convolutional layers against PyTorch (fixtures from tools/golden/generate_conv_torch.py: Keras's padding,
 * stride, dilation and pooling semantics written with PyTorch's functional operators, float64 from float32
 * inputs): outputs to 1e-5 relative, every parameter gradient and dL/dx to 1e-5 relative (to the tensor's
 * largest magnitude), on 1 and 3 threads with the same bits; and the losses of 10 full-batch Adam steps to 1e-4.
 */
class GoldenConvTorchTest {
    private static final double OUTPUT_TOL = 1e-5;
    private static final double GRAD_TOL = 1e-5;
    private static final double LOSS_TOL = 1e-4;
    private static double worstOutput;
    private static double worstGradient;

    @AfterAll
    static void report() {
        System.out.printf("GoldenConvTorchTest: worst error relative to each tensor's largest value: outputs %.2e"
                + " (bound %.0e), gradients and dL/dx %.2e (bound %.0e)%n", worstOutput, OUTPUT_TOL, worstGradient, GRAD_TOL);
    }

    /** max |actual − expected| / max |expected|, the measure {@link GoldenTorchTest#assertClose} bounds. */
    private static double error(double[] expected, float[] actual) {
        double scale = 0;
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            scale = Math.max(scale, Math.abs(expected[k]));
            worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
        }
        return worst / scale;
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_valid_relu_maxpool_flatten", "conv_causal_dilated_avgpool_global",
        "conv_same_strided_lstm", "conv_avgpool_valid_sequence_output"})
    void matchesPyTorch(String name) {
        double[] worst = check(name);
        worstOutput = Math.max(worstOutput, worst[0]);
        worstGradient = Math.max(worstGradient, worst[1]);
    }

    /**
     * Checks a fixture in this class's format (also {@link GoldenAttentionTorchTest}'s): outputs, gradients and dL/dx
     * against PyTorch, 1 and 3 threads bit for bit, 10 Adam steps; returns the worst output and gradient errors.
     */
    static double[] check(String name) {
        GoldenFixture f = GoldenFixture.load(name);
        Result one = run(f, 1);
        Result three = run(f, 3);
        assertArrayEquals(one.out.data(), three.out.data(), name + ": output, 1 vs 3 threads");
        assertArrayEquals(one.dx.data(), three.dx.data(), name + ": dx, 1 vs 3 threads");
        one.grads.forEach((k, g) -> assertArrayEquals(g.data(), three.grads.get(k).data(), name + " d" + k + ", 1 vs 3 threads"));

        assertArrayEquals(f.tensor(f.root.get("output")).shape(), one.out.shape(), name + ": output shape");
        assertClose(name + " output", GoldenFixture.doubles(f.root.get("output")), one.out.data(), OUTPUT_TOL);
        assertClose(name + " loss", new double[] {f.root.get("loss_value").asDouble()}, new float[] {(float) one.loss},
                OUTPUT_TOL);
        Map<String, double[]> expected = f.doubleTensors("grads");
        assertEquals(expected.keySet(), one.grads.keySet(), name + ": gradient names");
        expected.forEach((k, g) -> assertGradient(name + " d" + k, g, one.grads.get(k).data()));
        assertArrayEquals(f.tensor(f.root.get("dx")).shape(), one.dx.shape(), name + ": dx shape");
        assertClose(name + " dx", GoldenFixture.doubles(f.root.get("dx")), one.dx.data(), GRAD_TOL);
        trainsAsPyTorch(f, name);
        double worstOut = error(GoldenFixture.doubles(f.root.get("output")), one.out.data());
        double worstGrad = error(GoldenFixture.doubles(f.root.get("dx")), one.dx.data());
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            if (!isZero(e.getValue())) {
                worstGrad = Math.max(worstGrad, error(e.getValue(), one.grads.get(e.getKey()).data()));
            }
        }
        return new double[] {worstOut, worstGrad};
    }

    /**
     * A gradient that is zero by an identity (MultiHeadAttention's key bias: adding b to every key shifts each row
     * of scores by q_i · b, which the softmax ignores) is rounding noise in both programs, ~1e-18: it is checked to
     * be zero in absolute terms; every other gradient to {@value #GRAD_TOL} relative.
     */
    static void assertGradient(String what, double[] expected, float[] actual) {
        if (!isZero(expected)) {
            assertClose(what, expected, actual, GRAD_TOL);
            return;
        }
        for (int k = 0; k < actual.length; k++) {
            assertTrue(Math.abs(actual[k]) < ZERO, what + ": element " + k + " is " + actual[k] + ", zero in PyTorch");
        }
    }

    /** Gradients below this in absolute value are zero up to rounding. */
    private static final double ZERO = 1e-12;

    static boolean isZero(double[] g) {
        for (double v : g) {
            if (Math.abs(v) >= ZERO) {
                return false;
            }
        }
        return true;
    }

    /** 10 full-batch Adam steps through {@link Sequential#fit}: every loss to 1e-4 relative, as GoldenTorchTest. */
    private static void trainsAsPyTorch(GoldenFixture f, String name) {
        JsonNode o = f.root.get("optimizer");
        List<LayerSpec> specs = new ArrayList<>();
        for (JsonNode l : f.root.get("architecture")) {
            specs.add(spec(l));
        }
        JsonNode in = f.root.get("input_shape");
        Sequential model = Sequential.of(specs).threads(2).build(in.get(0).asInt(), in.get(1).asInt());
        model.loadStateDict(f.tensors("params"));
        model.compile(Loss.of("mse"), new Adam(o.get("lr").asDouble(), o.get("beta1").asDouble(), o.get("beta2").asDouble(),
                o.get("eps").asDouble()));
        double[] expected = GoldenFixture.doubles(o.get("losses"));
        History h = model.fit(f.x(), f.y(), FitOptions.builder().epochs(expected.length).batchSize(f.x().dim(0))
                .shuffle(false).build());
        double[] got = h.loss();
        for (int k = 0; k < expected.length; k++) {
            double rel = Math.abs(got[k] - expected[k]) / Math.abs(expected[k]);
            assertTrue(rel < LOSS_TOL, name + ": Adam step " + k + " loss " + got[k] + " vs PyTorch " + expected[k]
                    + " (relative " + rel + ")");
        }
        assertTrue(expected[expected.length - 1] < expected[0], name + ": the fixture's loss must fall");
    }

    private record Result(Tensor out, double loss, Map<String, Tensor> grads, Tensor dx) {
    }

    private static Result run(GoldenFixture f, int threads) {
        List<LayerSpec> specs = new ArrayList<>();
        for (JsonNode l : f.root.get("architecture")) {
            specs.add(spec(l));
        }
        JsonNode in = f.root.get("input_shape");
        Sequential model = Sequential.of(specs).threads(threads).build(in.get(0).asInt(), in.get(1).asInt());
        model.loadStateDict(f.tensors("params"));
        model.compile(Loss.of("mse"), new Adam());
        Tensor x = f.x();
        Tensor out = model.predict(x);
        double loss = model.computeGradients(x, f.y());
        return new Result(out, loss, model.gradients(), inputGradient(model, x, f.y(), threads));
    }

    /** dL/dx (B, T, I) of the MSE through the layers' own forward and backward, time-major between them. */
    private static Tensor inputGradient(Sequential model, Tensor x, Tensor y, int threads) {
        Context ctx = Context.inference(new Parallel(threads));
        Tensor a = x.swapFirstAxes();
        for (Layer l : model.layers()) {
            a = l.forward(a, ctx);
        }
        Tensor pred = a.rank() == 3 ? a.swapFirstAxes() : a;
        Tensor d = Loss.of("mse").gradient(pred, y);
        d = d.rank() == 3 ? d.swapFirstAxes() : d;
        for (int k = model.layers().size() - 1; k >= 0; k--) {
            d = model.layers().get(k).backward(d, ctx);
        }
        return d.swapFirstAxes();
    }

    static LayerSpec spec(JsonNode l) {
        Integer strides = l.has("strides") ? l.get("strides").asInt() : null;
        LayerSpec.Padding padding = LayerSpec.Padding.of(l.path("padding").asText("valid"));
        return switch (l.get("type").asText()) {
            case "Conv1D" -> new LayerSpec.Conv1d(l.get("filters").asInt(), l.get("kernel_size").asInt(), strides,
                    padding, l.path("dilation_rate").asInt(1), Activation.of(l.path("activation").asText("linear")),
                    l.path("use_bias").asBoolean(true), 0);
            case "MaxPooling1D" -> new LayerSpec.MaxPooling1d(l.get("pool_size").asInt(), strides, padding);
            case "AveragePooling1D" -> new LayerSpec.AveragePooling1d(l.get("pool_size").asInt(), strides, padding);
            case "GlobalAveragePooling1D" -> new LayerSpec.GlobalAveragePooling1d();
            case "Flatten" -> new LayerSpec.Flatten();
            case "LSTM" -> new LayerSpec.Lstm(l.get("units").asInt()).returnSequences(l.path("return_sequences").asBoolean());
            case "LayerNormalization" -> new LayerSpec.LayerNormalization(l.get("epsilon").asDouble());
            case "Attention" -> new LayerSpec.Attention(l.path("use_scale").asBoolean(false), l.path("causal").asBoolean(false),
                    LayerSpec.Attention.ScoreMode.of(l.path("score_mode").asText("dot")));
            case "Dense" -> new LayerSpec.Dense(l.get("units").asInt()).activation(
                    Activation.of(l.path("activation").asText("linear")));
            case "AdditiveAttention" -> new LayerSpec.AdditiveAttention(l.path("use_scale").asBoolean(true),
                    l.path("causal").asBoolean(false));
            case "BatchNormalization" -> new LayerSpec.BatchNormalization(l.path("momentum").asDouble(0.99),
                    l.path("epsilon").asDouble(1e-3), l.path("center").asBoolean(true), l.path("scale").asBoolean(true));
            case "Masking" -> new LayerSpec.Masking(l.get("mask_value").asDouble());
            case "GRU" -> new LayerSpec.Gru(l.get("units").asInt()).returnSequences(l.path("return_sequences").asBoolean());
            case "SimpleRNN" -> new LayerSpec.SimpleRnn(l.get("units").asInt())
                    .returnSequences(l.path("return_sequences").asBoolean());
            case "MultiHeadAttention" -> new LayerSpec.MultiHeadAttention(l.get("num_heads").asInt(), l.get("key_dim").asInt(),
                    l.has("value_dim") ? l.get("value_dim").asInt() : null, l.path("use_bias").asBoolean(true),
                    l.has("output_dim") ? l.get("output_dim").asInt() : null, l.path("causal").asBoolean(false));
            case "SinusoidalPositionalEncoding" -> new LayerSpec.SinusoidalPositionalEncoding();
            case "LearnedPositionalEncoding" -> new LayerSpec.LearnedPositionalEncoding(l.get("max_length").asInt());
            default -> throw new IllegalArgumentException("unknown layer type in fixture: " + l);
        };
    }
}
