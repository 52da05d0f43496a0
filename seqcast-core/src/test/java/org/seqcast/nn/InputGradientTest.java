package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.reference.RefGraph;
import org.seqcast.reference.RefNet;
import org.seqcast.reference.RefNet.Spec;
import org.seqcast.tensor.Tensor;

/**
 * {@link Sequential#inputGradient} and {@link Graph#inputGradients} against double-precision central differences
 * (eps 1e-5) of L = Σ dy ⊙ ŷ(x) computed by the reference networks ({@link RefNet}, {@link RefGraph}) at the same
 * weights: the float gradient within 1e-4 of the largest element, the bound {@code FloatVsReferenceTest} uses for
 * dL/dx. The parameters' gradients must come out of the call as they went in.
 */
class InputGradientTest {
    private static final int B = 2;
    private static final int T = 4;
    private static final int I = 3;
    private static final double EPS = 1e-5;
    private static final double REL = 1e-4;

    /** (L(x + eps e_k) − L(x − eps e_k)) / 2eps for every k; x is perturbed in place and restored. */
    private static double[] centralDifferences(double[] x, DoubleSupplier loss) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double saved = x[k];
            x[k] = saved + EPS;
            double plus = loss.getAsDouble();
            x[k] = saved - EPS;
            double minus = loss.getAsDouble();
            x[k] = saved;
            out[k] = (plus - minus) / (2 * EPS);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double[] floats(Random rnd, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (2 * rnd.nextDouble() - 1);
        }
        return v;
    }

    private static Tensor tensor(double[] v, int... shape) {
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return Tensor.wrap(f, shape);
    }

    private static void assertMatches(String what, double[] numeric, float[] actual) {
        assertEquals(numeric.length, actual.length, what + " length");
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < numeric.length; k++) {
            diff = Math.max(diff, Math.abs(actual[k] - numeric[k]));
            scale = Math.max(scale, Math.abs(numeric[k]));
        }
        assertTrue(scale > 1e-6, what + ": the gradient is all zero; the check would prove nothing");
        assertTrue(diff <= REL * scale, what + ": relative error " + diff / scale + "\n float   "
                + Arrays.toString(actual) + "\n numeric " + Arrays.toString(numeric));
    }

    private void checkSequential(long seed, Spec... specs) {
        Sequential m = FloatVsReferenceTest.model(seed, I, T, specs).threads(2);
        RefNet ref = new RefNet(I, specs);
        ref.loadStateDict(m.stateDict());
        Random rnd = new Random(seed);
        double[] x = floats(rnd, B * T * I);
        Tensor xt = tensor(x, B, T, I);
        int[] outShape = m.predict(xt).shape();
        double[] dy = floats(rnd, Arrays.stream(outShape).reduce(1, (a, b) -> a * b));
        double[] numeric = centralDifferences(x, () -> dot(dy, ref.forward(x, B)));
        Tensor dx = m.inputGradient(xt, tensor(dy, outShape));
        assertArrayEquals(new int[] {B, T, I}, dx.shape());
        assertMatches(Arrays.toString(specs), numeric, dx.data());
    }

    @Test
    void sequentialStackMatchesCentralDifferences() {
        checkSequential(3, Spec.lstm(4).returnSequences(), Spec.gru(4), Spec.dense(2, "linear"));
    }

    @Test
    void sequenceOutputsMatchCentralDifferences() {
        checkSequential(4, Spec.rnn(4, "tanh").returnSequences(), Spec.lstm(3).returnSequences(), Spec.dense(2, "tanh"));
    }

    @Test
    void parameterGradientsAreLeftAsTheyWere() {
        Sequential m = FloatVsReferenceTest.model(5, I, T, Spec.lstm(4), Spec.dense(1, "linear"));
        m.compile(Loss.mse(), new Adam());
        Random rnd = new Random(5);
        Tensor x = tensor(floats(rnd, B * T * I), B, T, I);
        m.computeGradients(x, tensor(floats(rnd, B), B, 1));
        Map<String, Tensor> before = m.gradients();
        Tensor dx = m.inputGradient(x, tensor(floats(rnd, B), B, 1));
        assertTrue(Arrays.stream(toDouble(dx.data())).anyMatch(v -> v != 0), "a gradient was computed");
        m.gradients().forEach((name, g) -> assertArrayEquals(before.get(name).data(), g.data(), name));
    }

    @Test
    void dyOfTheWrongShapeIsRefused() {
        Sequential m = FloatVsReferenceTest.model(6, I, T, Spec.gru(4), Spec.dense(2, "linear"));
        Tensor x = Tensor.zeros(B, T, I);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.inputGradient(x, Tensor.zeros(B, 3)));
        assertTrue(e.getMessage().contains("dy must have the shape of the predictions of x, (2, 2)"), e.getMessage());
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            d[k] = v[k];
        }
        return d;
    }

    // ------------------------------------------------------------------ Graph

    /** L = Σ target ⊙ ŷ: with dy as the target, the reference's loss is the function whose gradient is asked for. */
    private static final RefGraph.Fn LINEAR = new RefGraph.Fn() {
        @Override
        public double value(double[] pred, double[] target) {
            return dot(pred, target);
        }

        @Override
        public double[] gradient(double[] pred, double[] target) {
            return target.clone();
        }
    };

    private static RefGraph reference() {
        return new RefGraph(B)
                .input("seq", T, I)
                .input("static", 0, 2)
                .layer("lstm", Spec.lstm(3).returnSequences(), "seq")
                .layer("proj", Spec.dense(3, "linear"), "seq")
                .add("res", "lstm", "proj")
                .layer("gru", Spec.gru(3), "res")
                .layer("emb", Spec.dense(2, "tanh"), "static")
                .concat("both", "gru", "emb")
                .layer("head", Spec.dense(2, "linear"), "both")
                .layer("per_step", Spec.dense(1, "linear"), "res")
                .output("y", "head", LINEAR, 1.0)
                .output("s", "per_step", LINEAR, 1.0);
    }

    private static Graph graph() {
        Graph.Builder b = Graph.builder().seed(17).threads(2);
        Graph.Node seq = b.input("seq", T, I);
        Graph.Node stat = b.input("static", 2);
        Graph.Node res = b.add("res", b.layer("lstm", new LSTM(3).returnSequences(true), seq),
                b.layer("proj", new Dense(3), seq));
        Graph.Node both = b.concat("both", b.layer("gru", new GRU(3), res), b.layer("emb", new Dense(2, "tanh"), stat));
        b.output("y", b.layer("head", new Dense(2), both), Loss.mse(), 0.7);
        b.output("s", b.layer("per_step", new Dense(1), res), Loss.mse());
        return b.build();
    }

    @Test
    void graphInputGradientsMatchCentralDifferences() {
        Graph g = graph();
        RefGraph ref = reference();
        ref.loadStateDict(g.stateDict());
        Random rnd = new Random(9);
        Map<String, double[]> x = new LinkedHashMap<>();
        x.put("seq", floats(rnd, B * T * I));
        x.put("static", floats(rnd, B * 2));
        Map<String, double[]> dy = new LinkedHashMap<>();
        dy.put("y", floats(rnd, B * 2));
        dy.put("s", floats(rnd, B * T));
        Map<String, Tensor> xt = new LinkedHashMap<>();
        xt.put("seq", tensor(x.get("seq"), B, T, I));
        xt.put("static", tensor(x.get("static"), B, 2));
        Map<String, Tensor> dyt = Map.of("y", tensor(dy.get("y"), B, 2), "s", tensor(dy.get("s"), B, T, 1));

        Map<String, Tensor> dx = g.inputGradients(xt, dyt);
        for (String name : new String[] {"seq", "static"}) {
            double[] numeric = centralDifferences(x.get(name), () -> ref.loss(x, dy));
            assertArrayEquals(xt.get(name).shape(), dx.get(name).shape(), name);
            assertMatches("graph input " + name, numeric, dx.get(name).data());
        }
    }

    @Test
    void graphRefusesAMissingOutputGradient() {
        Graph g = graph();
        Map<String, Tensor> xt = Map.of("seq", Tensor.zeros(B, T, I), "static", Tensor.zeros(B, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.inputGradients(xt, Map.of("y", Tensor.zeros(B, 2))));
        assertTrue(e.getMessage().contains("dy of output 's' must have the shape of its prediction, (2, 4, 1)"),
                e.getMessage());
    }
}
