package org.seqcast.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.golden.GoldenTorchTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.nn.Context;
import org.seqcast.nn.Layer;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/**
 * BatchNormalization against PyTorch (fixtures from tools/golden/generate_additive_batchnorm_torch.py: Keras's
 * BatchNormalization through torch.nn.functional.batch_norm, float64 from float32 inputs): the output in inference
 * mode (moving statistics) and in training mode (batch statistics over samples and steps) to 1e-5 relative, every
 * parameter gradient and dL/dx of a training pass to 1e-5 relative, the moving statistics after that pass as Keras
 * updates them (m · old + (1 − m) · batch, biased variance) to 1e-6 relative, and not as PyTorch does, with the same
 * bits on 1 and 3 threads; 10 full-batch Adam steps to 1e-4, the moving statistics untouched by the optimizer.
 */
class GoldenBatchNormTorchTest {
    private static final double TOL = 1e-5;
    private static double worstOutput;
    private static double worstGradient;

    @AfterAll
    static void report() {
        System.out.printf("GoldenBatchNormTorchTest: worst error relative to each tensor's largest value: outputs %.2e,"
                + " gradients and dL/dx %.2e (bounds 1e-5)%n", worstOutput, worstGradient);
    }

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm_sequences_and_vector", "batchnorm_no_center_no_scale"})
    void matchesPyTorch(String name) {
        GoldenFixture f = GoldenFixture.load(name);
        Sequential inference = model(f, 1);
        Tensor eval = inference.predict(f.x());
        assertClose(name + " inference output", GoldenFixture.doubles(f.root.get("output_inference")), eval.data(), TOL);
        worstOutput = Math.max(worstOutput, error(GoldenFixture.doubles(f.root.get("output_inference")), eval.data()));

        Pass one = trainingPass(f, 1);
        Pass three = trainingPass(f, 3);
        assertArrayEquals(one.out.data(), three.out.data(), name + ": training output, 1 vs 3 threads");
        assertArrayEquals(one.dx.data(), three.dx.data(), name + ": dx, 1 vs 3 threads");
        one.state.forEach((k, v) -> assertArrayEquals(v.value(), three.state.get(k).value(), name + " " + k
                + " after the pass, 1 vs 3 threads"));
        one.state.forEach((k, v) -> assertArrayEquals(v.grad(), three.state.get(k).grad(), name + " d" + k
                + ", 1 vs 3 threads"));

        assertClose(name + " training output", GoldenFixture.doubles(f.root.get("output_training")), one.out.data(), TOL);
        worstOutput = Math.max(worstOutput, error(GoldenFixture.doubles(f.root.get("output_training")), one.out.data()));
        assertClose(name + " dx", GoldenFixture.doubles(f.root.get("dx")), one.dx.data(), TOL);
        worstGradient = Math.max(worstGradient, error(GoldenFixture.doubles(f.root.get("dx")), one.dx.data()));
        Map<String, double[]> grads = f.doubleTensors("grads");
        for (Map.Entry<String, Parameter> e : one.state.entrySet()) {
            Parameter p = e.getValue();
            if (!p.trainable()) {
                assertTrue(!grads.containsKey(e.getKey()), name + ": " + e.getKey() + " is a buffer in PyTorch too");
                for (float g : p.grad()) {
                    assertEquals(0f, g, name + ": a buffer's gradient stays zero (" + e.getKey() + ")");
                }
                continue;
            }
            assertClose(name + " d" + e.getKey(), grads.get(e.getKey()), p.grad(), TOL);
            worstGradient = Math.max(worstGradient, error(grads.get(e.getKey()), p.grad()));
        }
        assertEquals(grads.keySet(), trainableNames(one.state), name + ": gradient names");
        movesAsKeras(f, name, one.state);
        trainsAsPyTorch(f, name);
    }

    /** The moving statistics after the pass equal Keras's update and are farther from PyTorch's own. */
    private static void movesAsKeras(GoldenFixture f, String name, Map<String, Parameter> state) {
        Map<String, double[]> keras = f.doubleTensors("moving_after_keras");
        Map<String, double[]> torch = f.doubleTensors("running_after_torch");
        assertEquals(keras.keySet(), torch.keySet());
        for (String k : keras.keySet()) {
            float[] ours = state.get(k).value();
            assertClose(name + " " + k + " after one training pass (Keras's update)", keras.get(k), ours, 1e-6);
            if (k.endsWith(LayerSpec.BatchNormalization.RUNNING_VAR)) {
                assertTrue(error(torch.get(k), ours) > 10 * error(keras.get(k), ours), name + " " + k
                        + ": PyTorch's unbiased update must differ from Keras's, which this layer follows");
            }
        }
    }

    private static java.util.Set<String> trainableNames(Map<String, Parameter> state) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        state.forEach((k, p) -> {
            if (p.trainable()) {
                out.add(k);
            }
        });
        return out;
    }

    private record Pass(Tensor out, Tensor dx, Map<String, Parameter> state) {
    }

    /** One training forward pass (batch statistics, moving ones updated) and its MSE backward, layer by layer. */
    private static Pass trainingPass(GoldenFixture f, int threads) {
        Sequential model = model(f, threads);
        Context ctx = Context.training(new Parallel(threads), new Rng(1));
        Tensor a = f.x().swapFirstAxes();
        for (Layer l : model.layers()) {
            a = l.forward(a, ctx);
        }
        Tensor pred = a.rank() == 3 ? a.swapFirstAxes() : a;
        Tensor d = Loss.of("mse").gradient(pred, f.y());
        d = d.rank() == 3 ? d.swapFirstAxes() : d;
        for (int k = model.layers().size() - 1; k >= 0; k--) {
            d = model.layers().get(k).backward(d, ctx);
        }
        return new Pass(pred, d.swapFirstAxes(), new LinkedHashMap<>(model.namedParameters()));
    }

    /** 10 full-batch Adam steps through {@link Sequential#fit}, training mode: every loss to 1e-4 relative. */
    private static void trainsAsPyTorch(GoldenFixture f, String name) {
        JsonNode o = f.root.get("optimizer");
        Sequential model = model(f, 2);
        model.compile(Loss.of("mse"), new Adam(o.get("lr").asDouble(), o.get("beta1").asDouble(), o.get("beta2").asDouble(),
                o.get("eps").asDouble()));
        double[] expected = GoldenFixture.doubles(o.get("losses"));
        History h = model.fit(f.x(), f.y(), FitOptions.builder().epochs(expected.length).batchSize(f.x().dim(0))
                .shuffle(false).build());
        double[] got = h.loss();
        for (int k = 0; k < expected.length; k++) {
            double rel = Math.abs(got[k] - expected[k]) / Math.abs(expected[k]);
            assertTrue(rel < 1e-4, name + ": Adam step " + k + " loss " + got[k] + " vs PyTorch " + expected[k]
                    + " (relative " + rel + ")");
        }
        assertTrue(expected[expected.length - 1] < expected[0], name + ": the fixture's loss must fall");
    }

    private static Sequential model(GoldenFixture f, int threads) {
        List<LayerSpec> specs = new ArrayList<>();
        for (JsonNode l : f.root.get("architecture")) {
            specs.add(GoldenConvTorchTest.spec(l));
        }
        JsonNode in = f.root.get("input_shape");
        Sequential model = Sequential.of(specs).threads(threads).build(in.get(0).asInt(), in.get(1).asInt());
        model.loadStateDict(f.tensors("params"));
        return model;
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
