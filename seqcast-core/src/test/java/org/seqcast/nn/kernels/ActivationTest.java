package org.seqcast.nn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The activations' values and derivatives, the two hard sigmoids against their Keras definitions (Keras 2:
 * clip(0.2x + 0.5, 0, 1); Keras 3: relu6(x + 3) / 6), and {@link Activation#backward} against the forms the
 * cell kernels used before it existed, bit for bit.
 */
class ActivationTest {
    @Test
    void hardSigmoidKeras2IsClippedFifthSlope() {
        Activation a = Activation.HARD_SIGMOID_KERAS2;
        assertEquals(0.5f, a.apply(0f));
        assertEquals(0.2f * 1.5f + 0.5f, a.apply(1.5f));
        assertEquals(1f, a.apply(2.5f));
        assertEquals(1f, a.apply(7f));
        assertEquals(0f, a.apply(-2.6f));
        assertEquals(0.2f, a.derivativeFromOutput(a.apply(1.5f)));
        assertEquals(0f, a.derivativeFromOutput(1f));
        assertEquals(0f, a.derivativeFromOutput(0f));
        assertSame(a, Activation.of("hard_sigmoid_keras2"));
    }

    @Test
    void hardSigmoidKeras3IsRelu6Shifted() {
        Activation a = Activation.HARD_SIGMOID;
        assertEquals(0.5f, a.apply(0f));
        assertEquals((1.5f + 3f) / 6f, a.apply(1.5f));
        assertEquals(1f, a.apply(3f));
        assertEquals(0f, a.apply(-3f));
        assertEquals((2.6f + 3f) / 6f, a.apply(2.6f));                 // where Keras 2's would already be 1
        assertEquals(1f / 6f, a.derivativeFromOutput(a.apply(2.6f)));
        assertEquals(0f, a.derivativeFromOutput(a.apply(-4f)));
        assertSame(a, Activation.of("hard_sigmoid"));
    }

    @Test
    void backwardKeepsTheCellKernelsArithmetic() {
        Random r = new Random(3);
        for (int k = 0; k < 10_000; k++) {
            float dy = (float) r.nextGaussian();
            float y = r.nextFloat();
            assertEquals(Float.floatToIntBits(dy * y * (1f - y)), Float.floatToIntBits(Activation.SIGMOID.backward(dy, y)));
            float t = 2 * y - 1;
            assertEquals(Float.floatToIntBits(dy * (1f - t * t)), Float.floatToIntBits(Activation.TANH.backward(dy, t)));
            for (Activation a : elementwise()) {
                float out = a.apply(4 * t);
                float expected = dy * a.derivativeFromOutput(out);
                assertTrue(Math.abs(a.backward(dy, out) - expected) <= 1e-6f * Math.abs(expected), a + " at " + out);
            }
        }
    }

    @Test
    void activateMatchesApplyForEveryActivation() {
        float[] v = new float[37];
        Random r = new Random(4);
        for (Activation a : elementwise()) {
            for (int k = 0; k < v.length; k++) {
                v[k] = 8 * r.nextFloat() - 4;
            }
            float[] w = v.clone();
            MatOps.activate(a, w, 2, 33);
            for (int k = 0; k < v.length; k++) {
                float expected = k < 2 || k >= 35 ? v[k] : a.apply(v[k]);
                assertEquals(expected, w[k], a == Activation.SIGMOID || a == Activation.TANH ? 2e-7f : 0f, a + "[" + k + "]");
            }
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.of("selu"));
        assertTrue(e.getMessage().contains("hard_sigmoid_keras2"), e.getMessage());
    }

    /** Every activation but softmax, which acts on whole rows. */
    private static java.util.List<Activation> elementwise() {
        return java.util.Arrays.stream(Activation.values()).filter(Activation::elementwise).toList();
    }

    @Test
    void softmaxNormalizesRowsAsKerasAndItsBackwardIsTheJacobian() {
        Activation s = Activation.SOFTMAX;
        int rows = 3;
        int width = 5;
        Random r = new Random(5);
        float[] x = new float[rows * width];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (6 * r.nextGaussian());
        }
        x[3] = 80f;                                                  // exp would overflow in float without the max
        float[] y = x.clone();
        s.applyRows(y, 0, rows, width);
        float[] dy = new float[x.length];
        for (int k = 0; k < dy.length; k++) {
            dy[k] = (float) r.nextGaussian();
        }
        float[] da = s.backwardRows(dy, y, width);
        for (int row = 0; row < rows; row++) {
            double[] p = softmax(x, row * width, width);
            double sum = 0;
            for (int k = 0; k < width; k++) {
                assertEquals(p[k], y[row * width + k], 1e-7, "softmax row " + row);
                sum += y[row * width + k];
            }
            assertEquals(1, sum, 1e-6);
            for (int j = 0; j < width; j++) {                        // dL/dx_j of L = Σ dy ⊙ softmax(x), central differences
                double h = 1e-6;
                double[] xp = toDouble(x, row * width, width);
                double[] xm = xp.clone();
                xp[j] += h;
                xm[j] -= h;
                double numeric = (dot(dy, row * width, softmax(xp)) - dot(dy, row * width, softmax(xm))) / (2 * h);
                assertEquals(numeric, da[row * width + j], 1e-5 * Math.max(1, Math.abs(numeric)), "d softmax row " + row);
            }
        }
        assertThrows(UnsupportedOperationException.class, () -> s.apply(1f));
        assertThrows(UnsupportedOperationException.class, () -> s.applyInPlace(y, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Activation.requireElementwise(s, "lstm activation"));
        float[] t = x.clone();                                       // element-wise kinds keep their element-wise arithmetic
        Activation.TANH.applyRows(t, 0, rows, width);
        float[] u = x.clone();
        Activation.TANH.applyInPlace(u, 0, u.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(u, t);
    }

    private static double[] toDouble(float[] v, int off, int n) {
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = v[off + k];
        }
        return d;
    }

    private static double[] softmax(float[] x, int off, int n) {
        return softmax(toDouble(x, off, n));
    }

    private static double[] softmax(double[] x) {
        double m = java.util.Arrays.stream(x).max().orElseThrow();
        double[] e = java.util.Arrays.stream(x).map(v -> Math.exp(v - m)).toArray();
        double sum = java.util.Arrays.stream(e).sum();
        return java.util.Arrays.stream(e).map(v -> v / sum).toArray();
    }

    private static double dot(float[] dy, int off, double[] p) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += dy[off + k] * p[k];
        }
        return s;
    }
}
