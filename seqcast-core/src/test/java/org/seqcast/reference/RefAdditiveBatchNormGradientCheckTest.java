package org.seqcast.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.reference.GradientChecks.dot;
import static org.seqcast.reference.GradientChecks.toDouble;
import static org.seqcast.reference.GradientChecks.uniform;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.nn.Context;
import org.seqcast.nn.Layer;
import org.seqcast.nn.LayerSpec;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * AdditiveAttention and BatchNormalization (training mode, batch statistics; inference mode, moving statistics):
 * {@link RefAdditiveBatchNorm}'s hand-derived gradients against central finite differences of L = Σ r ⊙ y in double
 * precision (bound 1e-6 on max|analytic − numeric| / max magnitude, as {@link RefNetGradientCheckTest}), then the
 * float engine layers against the reference: outputs, dL/dx and the parameter gradients to 2e-6 of each tensor's
 * largest magnitude, on 1 and 3 threads with the same bits (moving statistics included).
 */
class RefAdditiveBatchNormGradientCheckTest {
    private static final int B = 3;
    private static final double REF_TOL = 1e-6;
    private static final double FLOAT_TOL = 2e-6;
    private static double maxRef;
    private static double maxFloat;

    @AfterAll
    static void report() {
        System.out.printf("RefAdditiveBatchNormGradientCheckTest: reference vs finite differences %.3e (bound %.0e), float vs"
                + " reference %.3e (bound %.0e)%n", maxRef, REF_TOL, maxFloat, FLOAT_TOL);
    }

    /** The spec, T (0: a vector input (F)), F and whether the pass trains (BatchNormalization's batch statistics). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new LayerSpec.AdditiveAttention(), 6, 3, false),
                Arguments.of(new LayerSpec.AdditiveAttention().useScale(false), 5, 2, false),
                Arguments.of(new LayerSpec.AdditiveAttention().causal(true), 4, 3, false),
                Arguments.of(new LayerSpec.AdditiveAttention(false, true), 7, 2, false),
                Arguments.of(new LayerSpec.AdditiveAttention(), 1, 4, false),
                Arguments.of(new LayerSpec.BatchNormalization(), 5, 4, true),
                Arguments.of(new LayerSpec.BatchNormalization(), 5, 4, false),
                Arguments.of(new LayerSpec.BatchNormalization().epsilon(1e-5).momentum(0.9), 0, 6, true),
                Arguments.of(new LayerSpec.BatchNormalization().center(false), 3, 2, true),
                Arguments.of(new LayerSpec.BatchNormalization().scale(false).epsilon(0.5), 0, 3, true),
                Arguments.of(new LayerSpec.BatchNormalization().scale(false).center(false), 4, 3, true),
                Arguments.of(new LayerSpec.BatchNormalization().center(false), 0, 3, false));
    }

    @ParameterizedTest(name = "{0} on ({1}, {2}), training {3}")
    @MethodSource("cases")
    void referenceMatchesFiniteDifferencesAndTheLayerMatchesTheReference(LayerSpec spec, int T, int F, boolean training) {
        Random rnd = new Random(31L * spec.toString().hashCode() + T);
        int[] shape = T == 0 ? new int[] {F} : new int[] {T, F};
        Layer one = built(spec, shape);
        Layer three = built(spec, shape);
        List<Parameter> all = one.parameters();
        for (Parameter p : all) {                                // parameters and buffers away from their initial 1 and 0
            for (int k = 0; k < p.size(); k++) {
                p.value()[k] = (float) (rnd.nextDouble() + 0.5);
            }
        }
        for (int k = 0; k < all.size(); k++) {
            System.arraycopy(all.get(k).value(), 0, three.parameters().get(k).value(), 0, all.get(k).size());
        }
        List<Parameter> params = all.stream().filter(Parameter::trainable).toList();
        List<Parameter> buffers = all.stream().filter(p -> !p.trainable()).toList();
        double[] p0 = params.isEmpty() ? null : toDouble(params.get(0).value());
        double[] p1 = params.size() < 2 ? null : toDouble(params.get(1).value());
        RefAdditiveBatchNorm ref = new RefAdditiveBatchNorm(spec, B, Math.max(T, 1), F, p0, p1,
                buffers.isEmpty() ? null : toDouble(buffers.get(0).value()),
                buffers.isEmpty() ? null : toDouble(buffers.get(1).value()), training);

        float[] xf = uniform(rnd, B * Math.max(T, 1) * F);
        double[] x = toDouble(xf);
        double[] y = ref.forward(x);
        float[] r = uniform(rnd, y.length);
        double[] dy = toDouble(r);
        double[] dx = ref.backward(dy);

        // the reference against central differences of L = Σ r ⊙ y
        checkRef(spec + " dx", dx, RefNetGradientCheckTest.numericGradient(x, () -> dot(ref.forward(x), dy)));
        if (p0 != null) {
            checkRef(spec + " d" + params.get(0).name(), ref.dp0,
                    RefNetGradientCheckTest.numericGradient(p0, () -> dot(ref.forward(x), dy)));
        }
        if (p1 != null) {
            checkRef(spec + " d" + params.get(1).name(), ref.dp1,
                    RefNetGradientCheckTest.numericGradient(p1, () -> dot(ref.forward(x), dy)));
        }

        // the float layer against the reference, on 1 and 3 threads
        float[][] got1 = run(one, xf, r, shape, 1, training);
        float[][] got3 = run(three, xf, r, shape, 3, training);
        for (int k = 0; k < got1.length; k++) {
            assertArrayEquals(got1[k], got3[k], spec + ": result " + k + ", 1 vs 3 threads");
        }
        for (int k = 0; k < all.size(); k++) {
            assertArrayEquals(all.get(k).value(), three.parameters().get(k).value(), spec + " " + all.get(k).name()
                    + " after the pass, 1 vs 3 threads");
        }
        checkFloat(spec + " y", y, got1[0]);
        checkFloat(spec + " dx", dx, got1[1]);
        if (p0 != null) {
            checkFloat(spec + " d" + params.get(0).name(), ref.dp0, params.get(0).grad());
        }
        if (p1 != null) {
            checkFloat(spec + " d" + params.get(1).name(), ref.dp1, params.get(1).grad());
        }
    }

    private static Layer built(LayerSpec spec, int[] shape) {
        Layer l = spec.build();
        l.build(shape, new Rng(5), "layer 0");
        return l;
    }

    /** The layer's batch-first output and dL/dx for dL/dy = r, time-major in between, as the models run it. */
    private static float[][] run(Layer layer, float[] xf, float[] r, int[] shape, int threads, boolean training) {
        Context ctx = training ? Context.training(new Parallel(threads), new Rng(9)) : Context.inference(new Parallel(threads));
        boolean sequence = shape.length == 2;
        Tensor in = sequence ? Tensor.wrap(xf.clone(), B, shape[0], shape[1]).swapFirstAxes() : Tensor.wrap(xf.clone(), B, shape[0]);
        Tensor out = layer.forward(in, ctx);
        Tensor y = sequence ? out.swapFirstAxes() : out;
        Tensor dy = Tensor.wrap(r.clone(), y.shape());
        Tensor dx = layer.backward(sequence ? dy.swapFirstAxes() : dy, ctx);
        return new float[][] {y.data(), (sequence ? dx.swapFirstAxes() : dx).data()};
    }

    private static void checkRef(String what, double[] analytic, double[] numeric) {
        double err = RefNetGradientCheckTest.relError(analytic, numeric);
        maxRef = Math.max(maxRef, err);
        assertTrue(err < REF_TOL, what + ": reference vs finite differences " + err);
    }

    private static void checkFloat(String what, double[] ref, float[] actual) {
        double[] a = toDouble(actual);
        double err = RefNetGradientCheckTest.relError(ref, a);
        maxFloat = Math.max(maxFloat, err);
        assertTrue(err < FLOAT_TOL, what + ": float vs reference " + err);
    }
}
