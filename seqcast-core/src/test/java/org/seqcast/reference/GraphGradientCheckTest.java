package org.seqcast.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.Dense;
import org.seqcast.nn.GRU;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.reference.RefNet.Spec;
import org.seqcast.tensor.Tensor;

/**
 * Gradients through a graph: {@link RefGraph} (double precision) against central differences of its loss for
 * every parameter element (eps 1e-5, bound 1e-6 as {@link RefNetGradientCheckTest}), then the float
 * {@link Graph} against {@link RefGraph} at the same weights (loss to 1e-5, every gradient to 1e-4 of its
 * largest element, as {@code FloatVsReferenceTest}). The graph has two inputs, a residual sum of sequences, a
 * node read by three others, a last step, concatenations of sequences and of vectors, and three outputs with
 * MSE and pinball losses and weights 1, 0.5 and 0.3.
 */
class GraphGradientCheckTest {
    private static final int B = 3;
    private static final int T = 4;
    private static final int I = 2;
    private static final int S = 2;
    private static final double[] LEVELS = {0.1, 0.5, 0.9};
    private static final double EPS = 1e-5;
    private static final double TOL = 1e-6;

    private static RefGraph reference() {
        return new RefGraph(B)
                .input("seq", T, I)
                .input("static", 0, S)
                .layer("lstm", Spec.lstm(3).returnSequences(), "seq")
                .layer("proj", Spec.dense(3, "linear"), "seq")
                .add("res", "lstm", "proj")
                .layer("gru", Spec.gru(3), "res")
                .lastStep("last", "res")
                .layer("skip", Spec.dense(3, "tanh"), "last")
                .add("sum", "gru", "skip")
                .layer("emb", Spec.dense(2, "tanh"), "static")
                .concat("both", "sum", "emb")
                .layer("head", Spec.dense(2, "linear"), "both")
                .layer("quantiles", Spec.dense(3, "linear"), "sum")
                .concat("cseq", "res", "seq")
                .layer("per_step", Spec.dense(1, "linear"), "cseq")
                .output("y", "head", RefGraph.of(RefLoss.mse()), 1.0)
                .output("q", "quantiles", RefGraph.pinball(LEVELS), 0.5)
                .output("s", "per_step", RefGraph.of(RefLoss.mse()), 0.3);
    }

    private static Graph graph() {
        Graph.Builder b = Graph.builder().seed(21).threads(2);
        Graph.Node seq = b.input("seq", T, I);
        Graph.Node stat = b.input("static", S);
        Graph.Node lstm = b.layer("lstm", new LSTM(3).returnSequences(true), seq);
        Graph.Node res = b.add("res", lstm, b.layer("proj", new Dense(3), seq));
        Graph.Node gru = b.layer("gru", new GRU(3), res);
        Graph.Node skip = b.layer("skip", new Dense(3, "tanh"), b.lastStep("last", res));
        Graph.Node sum = b.add("sum", gru, skip);
        Graph.Node both = b.concat("both", sum, b.layer("emb", new Dense(2, "tanh"), stat));
        b.output("y", b.layer("head", new Dense(2), both), Loss.mse());
        b.output("q", b.layer("quantiles", new Dense(3), sum), Loss.pinball(LEVELS), 0.5);
        b.output("s", b.layer("per_step", new Dense(1), b.concat("cseq", res, seq)), Loss.mse(), 0.3);
        return b.build().compile(new Adam());
    }

    /** Inputs uniform in [-1, 1], rounded to float; MSE targets normal; pinball targets 0.1 or more from every ŷ_q. */
    private record Data(Map<String, double[]> x, Map<String, double[]> y) {
        Map<String, Tensor> xTensors() {
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("seq", tensor(x.get("seq"), B, T, I));
            out.put("static", tensor(x.get("static"), B, S));
            return out;
        }

        Map<String, Tensor> yTensors() {
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("y", tensor(y.get("y"), B, 2));
            out.put("q", tensor(y.get("q"), B));
            out.put("s", tensor(y.get("s"), B, T, 1));
            return out;
        }
    }

    private static Data data(RefGraph ref, long seed) {
        Random rnd = new Random(seed);
        Map<String, double[]> x = new LinkedHashMap<>();
        x.put("seq", floats(rnd, B * T * I));
        x.put("static", floats(rnd, B * S));
        Map<String, double[]> y = new LinkedHashMap<>();
        y.put("y", floats(rnd, B * 2));
        y.put("q", new double[B]);
        y.put("s", floats(rnd, B * T));
        double[] q = quantilePredictions(ref, x, y);
        for (int b = 0; b < B; b++) {
            double target = q[b * 3 + 1];
            for (double shift = 0.15; tooClose(target, q, b); shift += 0.1) {
                target = q[b * 3 + 1] + (b % 2 == 0 ? shift : -shift);
            }
            y.get("q")[b] = (float) target;
        }
        return new Data(x, y);
    }

    /** ŷ of output "q" (B, 3) at the reference's weights. */
    private static double[] quantilePredictions(RefGraph ref, Map<String, double[]> x, Map<String, double[]> y) {
        ref.loss(x, y);
        return ref.activation("quantiles").clone();
    }

    private static boolean tooClose(double target, double[] q, int b) {
        for (int k = 0; k < 3; k++) {
            if (Math.abs(target - q[b * 3 + k]) < 0.1) {
                return true;
            }
        }
        return false;
    }

    @Test
    void referenceGraphMatchesCentralDifferences() {
        RefGraph ref = reference();
        Random rnd = new Random(5);
        ref.params().values().forEach(w -> {
            for (int k = 0; k < w.length; k++) {
                w[k] = 0.6 * (2 * rnd.nextDouble() - 1);
            }
        });
        Data d = data(ref, 6);
        ref.lossAndGradients(d.x(), d.y());
        Map<String, double[]> analytic = new LinkedHashMap<>();
        ref.grads().forEach((name, g) -> analytic.put(name, g.clone()));
        for (Map.Entry<String, double[]> e : ref.params().entrySet()) {
            double[] w = e.getValue();
            double[] numeric = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                double saved = w[k];
                w[k] = saved + EPS;
                double plus = ref.loss(d.x(), d.y());
                w[k] = saved - EPS;
                double minus = ref.loss(d.x(), d.y());
                w[k] = saved;
                numeric[k] = (plus - minus) / (2 * EPS);
            }
            double err = RefNetGradientCheckTest.relError(analytic.get(e.getKey()), numeric);
            assertTrue(err <= TOL, e.getKey() + ": relative error " + err);
            assertTrue(maxAbs(numeric) > 1e-7, e.getKey() + ": all-zero gradient; the check would prove nothing");
        }
        assertEquals(20, analytic.size(), "every parameter of the eight layers is checked");
    }

    @Test
    void floatGraphMatchesReference() {
        Graph g = graph();
        RefGraph ref = reference();
        ref.loadStateDict(g.stateDict());
        Data d = data(ref, 8);
        double refLoss = ref.lossAndGradients(d.x(), d.y());
        double loss = g.computeGradients(d.xTensors(), d.yTensors());
        assertEquals(refLoss, loss, 1e-5 * Math.abs(refLoss), "loss");
        Map<String, Tensor> grads = g.gradients();
        assertEquals(ref.grads().keySet(), grads.keySet());
        grads.forEach((name, t) -> {
            double[] r = ref.grads().get(name);
            double scale = maxAbs(r);
            assertTrue(scale > 1e-6, name + ": reference gradient is all zero");
            double diff = 0;
            for (int k = 0; k < r.length; k++) {
                diff = Math.max(diff, Math.abs(t.data()[k] - r[k]));
            }
            assertTrue(diff <= 1e-4 * scale, name + ": relative error " + diff / scale);
        });
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double a : v) {
            m = Math.max(m, Math.abs(a));
        }
        return m;
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
}
