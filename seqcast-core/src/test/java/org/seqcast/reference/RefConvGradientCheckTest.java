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
import org.seqcast.nn.LayerSpec.Padding;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * The convolutional layers: {@link RefConv}'s hand-derived gradients against central finite differences of
 * L = Σ r ⊙ y in double precision (eps 1e-5 as there, bound 1e-6 on max|analytic − numeric| / max magnitude, as
 * {@link RefNetGradientCheckTest}), then the float engine layers against the reference: outputs, dL/dx, dL/dW and
 * dL/db to 2e-6 of each tensor's largest magnitude, on 1 and 3 threads with the same bits.
 */
class RefConvGradientCheckTest {
    private static final int B = 3;
    private static final double REF_TOL = 1e-6;
    private static final double FLOAT_TOL = 2e-6;
    private static double maxRef;
    private static double maxFloat;

    @AfterAll
    static void report() {
        System.out.printf("RefConvGradientCheckTest: reference vs finite differences %.3e (bound %.0e), float vs"
                + " reference %.3e (bound %.0e)%n", maxRef, REF_TOL, maxFloat, FLOAT_TOL);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(new LayerSpec.Conv1d(4, 3).activation(Activation.TANH), 9, 3),
                arguments(new LayerSpec.Conv1d(3, 2).strides(2).activation(Activation.SIGMOID), 10, 2),
                arguments(new LayerSpec.Conv1d(3, 3).padding(Padding.SAME), 8, 2),
                arguments(new LayerSpec.Conv1d(2, 4).padding(Padding.SAME).strides(3).activation(Activation.TANH), 11, 3),
                arguments(new LayerSpec.Conv1d(3, 3).padding(Padding.CAUSAL).dilationRate(2), 7, 2),
                arguments(new LayerSpec.Conv1d(2, 2).padding(Padding.CAUSAL).dilationRate(3).strides(2).useBias(false), 9, 3),
                arguments(new LayerSpec.Conv1d(3, 2).dilationRate(2).useBias(false).activation(Activation.TANH), 6, 1),
                arguments(new LayerSpec.MaxPooling1d(2), 9, 3),
                arguments(new LayerSpec.MaxPooling1d(3).strides(2).padding(Padding.SAME), 8, 2),
                arguments(new LayerSpec.MaxPooling1d(4).strides(1).padding(Padding.SAME), 5, 2),
                arguments(new LayerSpec.AveragePooling1d(3), 10, 2),
                arguments(new LayerSpec.AveragePooling1d(3).strides(1).padding(Padding.SAME), 6, 2),
                arguments(new LayerSpec.AveragePooling1d(4).strides(3).padding(Padding.SAME), 8, 3),
                arguments(new LayerSpec.GlobalAveragePooling1d(), 7, 3),
                arguments(new LayerSpec.Flatten(), 4, 3));
    }

    private static Arguments arguments(LayerSpec spec, int T, int F) {
        return Arguments.of(spec, T, F);
    }

    @ParameterizedTest(name = "{0} on ({1}, {2})")
    @MethodSource("cases")
    void referenceMatchesFiniteDifferencesAndTheLayerMatchesTheReference(LayerSpec spec, int T, int F) {
        Random rnd = new Random(31L * spec.toString().hashCode() + T);
        Layer one = built(spec, T, F);
        Layer three = built(spec, T, F);
        List<Parameter> params = one.parameters();
        for (Parameter p : params) {                             // biases away from zero, so that they matter
            if (p.shape().length == 1) {
                for (int k = 0; k < p.size(); k++) {
                    p.value()[k] = (float) (rnd.nextDouble() - 0.5);
                }
            }
        }
        for (int k = 0; k < params.size(); k++) {
            System.arraycopy(params.get(k).value(), 0, three.parameters().get(k).value(), 0, params.get(k).size());
        }
        double[] w = params.isEmpty() ? null : toDouble(params.get(0).value());
        double[] b = params.size() < 2 ? null : toDouble(params.get(1).value());
        RefConv ref = new RefConv(spec, B, T, F, w, b);
        assertArrayEquals(spec.outputShape(new int[] {T, F}), ref.outputShape(), "output shape");

        float[] xf = uniform(rnd, B * T * F);
        double[] x = toDouble(xf);
        double[] y = ref.forward(x);
        float[] r = uniform(rnd, y.length);
        double[] dy = toDouble(r);
        double[] dx = ref.backward(dy);

        // the reference against central differences of L = Σ r ⊙ y
        checkRef(spec + " dx", dx, RefNetGradientCheckTest.numericGradient(x, () -> dot(ref.forward(x), dy)));
        if (w != null) {
            checkRef(spec + " dW", ref.dw, RefNetGradientCheckTest.numericGradient(w, () -> dot(ref.forward(x), dy)));
        }
        if (b != null) {
            checkRef(spec + " db", ref.db, RefNetGradientCheckTest.numericGradient(b, () -> dot(ref.forward(x), dy)));
        }
        ref.forward(x);
        ref.backward(dy);

        // the float layer against the reference, on 1 and 3 threads
        float[][] got1 = run(one, xf, r, T, F, 1);
        float[][] got3 = run(three, xf, r, T, F, 3);
        for (int k = 0; k < got1.length; k++) {
            assertArrayEquals(got1[k], got3[k], spec + ": result " + k + ", 1 vs 3 threads");
        }
        checkFloat(spec + " y", y, got1[0]);
        checkFloat(spec + " dx", dx, got1[1]);
        if (w != null) {
            checkFloat(spec + " dW", ref.dw, params.get(0).grad());
        }
        if (b != null) {
            checkFloat(spec + " db", ref.db, params.get(1).grad());
        }
    }

    private static Layer built(LayerSpec spec, int T, int F) {
        Layer l = spec.build();
        l.build(new int[] {T, F}, new Rng(5), "layer 0");
        return l;
    }

    /** The layer's batch-first output and dL/dx for dL/dy = r, time-major in between, as the models run it. */
    private static float[][] run(Layer layer, float[] xf, float[] r, int T, int F, int threads) {
        Context ctx = Context.inference(new Parallel(threads));
        Tensor out = layer.forward(Tensor.wrap(xf.clone(), B, T, F).swapFirstAxes(), ctx);
        Tensor y = out.rank() == 3 ? out.swapFirstAxes() : out;
        Tensor dy = Tensor.wrap(r.clone(), y.shape());
        Tensor dx = layer.backward(out.rank() == 3 ? dy.swapFirstAxes() : dy, ctx).swapFirstAxes();
        return new float[][] {y.data(), dx.data()};
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
