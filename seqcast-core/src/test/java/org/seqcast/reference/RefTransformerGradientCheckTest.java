package org.seqcast.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.reference.GradientChecks.dot;
import static org.seqcast.reference.GradientChecks.toDouble;
import static org.seqcast.reference.GradientChecks.uniform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * MultiHeadAttention and the positional encodings against a double-precision reference written separately here
 * (batch-first loops straight from the equations of {@link LayerSpec.MultiHeadAttention}, the sinusoid as
 * exp(−2i ln λ / F)): the float layer's output to 1e-6 of its largest magnitude, and its analytic dL/dx and every
 * parameter gradient against central finite differences of the reference's L = Σ r ⊙ y in double precision, to
 * 2e-6 of the largest gradient of the case (the key bias's gradient is zero by the softmax's shift invariance, so
 * it is measured on that common scale), on 1 and 3 threads with the same bits.
 */
class RefTransformerGradientCheckTest {
    private static final int B = 2;
    private static final double OUT_TOL = 1e-6;
    private static final double GRAD_TOL = 2e-6;
    private static double maxOut;
    private static double maxGrad;

    @AfterAll
    static void report() {
        System.out.printf("RefTransformerGradientCheckTest: outputs vs the double reference %.3e (bound %.0e), gradients"
                + " vs finite differences %.3e (bound %.0e)%n", maxOut, OUT_TOL, maxGrad, GRAD_TOL);
    }

    /** The spec, T and I. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new LayerSpec.MultiHeadAttention(2, 3), 4, 4),
                Arguments.of(new LayerSpec.MultiHeadAttention(2, 3).causal(true), 5, 3),
                Arguments.of(new LayerSpec.MultiHeadAttention(3, 2).valueDim(4).outputDim(5).useBias(false).causal(true), 4, 3),
                Arguments.of(new LayerSpec.MultiHeadAttention(1, 2).valueDim(1).outputDim(2), 1, 3),
                Arguments.of(new LayerSpec.SinusoidalPositionalEncoding(), 6, 5),
                Arguments.of(new LayerSpec.SinusoidalPositionalEncoding(50.0), 3, 4),
                Arguments.of(new LayerSpec.LearnedPositionalEncoding(7), 5, 3));
    }

    @ParameterizedTest(name = "{0} on ({1}, {2})")
    @MethodSource("cases")
    void layerMatchesTheReferenceAndFiniteDifferences(LayerSpec spec, int T, int I) {
        Random rnd = new Random(17L * spec.toString().hashCode() + T);
        Layer one = built(spec, T, I);
        Layer three = built(spec, T, I);
        Map<String, double[]> params = new LinkedHashMap<>();
        for (int k = 0; k < one.parameters().size(); k++) {
            Parameter p = one.parameters().get(k);
            float[] v = uniform(rnd, p.size());                  // biases away from their initial 0
            System.arraycopy(v, 0, p.value(), 0, v.length);
            System.arraycopy(v, 0, three.parameters().get(k).value(), 0, v.length);
            params.put(p.name(), toDouble(v));
        }
        float[] xf = uniform(rnd, B * T * I);
        double[] x = toDouble(xf);
        Reference ref = new Reference(spec, T, I, params);
        double[] y = ref.forward(x);
        float[] r = uniform(rnd, y.length);
        double[] dy = toDouble(r);

        float[][] got1 = run(one, xf, r, T, I, 1);
        float[][] got3 = run(three, xf, r, T, I, 3);
        for (int k = 0; k < got1.length; k++) {
            assertArrayEquals(got1[k], got3[k], spec + ": result " + k + ", 1 vs 3 threads");
        }
        for (int k = 0; k < one.parameters().size(); k++) {
            assertArrayEquals(one.parameters().get(k).grad(), three.parameters().get(k).grad(), spec + ": d"
                    + one.parameters().get(k).name() + ", 1 vs 3 threads");
        }
        double outErr = RefNetGradientCheckTest.relError(y, toDouble(got1[0]));
        maxOut = Math.max(maxOut, outErr);
        assertTrue(outErr < OUT_TOL, spec + " y: float vs reference " + outErr);

        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, float[]> analytic = new LinkedHashMap<>();
        numeric.put("x", RefNetGradientCheckTest.numericGradient(x, () -> dot(ref.forward(x), dy)));
        analytic.put("x", got1[1]);
        for (Parameter p : one.parameters()) {
            numeric.put(p.name(), RefNetGradientCheckTest.numericGradient(params.get(p.name()),
                    () -> dot(ref.forward(x), dy)));
            analytic.put(p.name(), p.grad());
        }
        double scale = 1e-8;
        for (double[] g : numeric.values()) {
            for (double v : g) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (String name : numeric.keySet()) {
            double[] n = numeric.get(name);
            float[] a = analytic.get(name);
            double diff = 0;
            for (int k = 0; k < n.length; k++) {
                diff = Math.max(diff, Math.abs(a[k] - n[k]));
            }
            maxGrad = Math.max(maxGrad, diff / scale);
            assertTrue(diff / scale < GRAD_TOL, spec + " d" + name + ": analytic vs finite differences " + diff / scale);
        }
    }

    private static Layer built(LayerSpec spec, int T, int I) {
        Layer l = spec.build();
        l.build(new int[] {T, I}, new Rng(5), "layer 0");
        return l;
    }

    /** The layer's batch-first output and dL/dx for dL/dy = r, time-major in between, as the models run it. */
    private static float[][] run(Layer layer, float[] xf, float[] r, int T, int I, int threads) {
        Context ctx = Context.inference(new Parallel(threads));
        Tensor out = layer.forward(Tensor.wrap(xf.clone(), B, T, I).swapFirstAxes(), ctx);
        Tensor y = out.swapFirstAxes();
        Tensor dx = layer.backward(Tensor.wrap(r.clone(), y.shape()).swapFirstAxes(), ctx);
        return new float[][] {y.data(), dx.swapFirstAxes().data()};
    }

    /** The layers' forward pass in double, batch-first (B, T, I), on parameter arrays the test perturbs in place. */
    private record Reference(LayerSpec spec, int T, int I, Map<String, double[]> p) {
        double[] forward(double[] x) {
            if (spec instanceof LayerSpec.MultiHeadAttention m) {
                return attention(m, x);
            }
            double[] y = x.clone();
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    for (int f = 0; f < I; f++) {
                        y[(b * T + t) * I + f] += position(t, f);
                    }
                }
            }
            return y;
        }

        private double position(int t, int f) {
            if (spec instanceof LayerSpec.LearnedPositionalEncoding) {
                return p.get(LayerSpec.LearnedPositionalEncoding.WEIGHT)[t * I + f];
            }
            double lambda = ((LayerSpec.SinusoidalPositionalEncoding) spec).maxWavelength();
            int pair = f / 2;
            double angle = t * Math.exp(-2.0 * pair * Math.log(lambda) / I);
            return f % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
        }

        private double[] attention(LayerSpec.MultiHeadAttention m, double[] x) {
            int N = m.numHeads();
            int K = m.keyDim();
            int V = m.valueDim();
            int O = m.outputFeatures(I);
            double[][][][] q = heads(x, "query", N, K);
            double[][][][] k = heads(x, "key", N, K);
            double[][][][] v = heads(x, "value", N, V);
            double[] wo = p.get(LayerSpec.MultiHeadAttention.OUTPUT_KERNEL);
            double[] bo = p.get(LayerSpec.MultiHeadAttention.OUTPUT_BIAS);
            double[] y = new double[B * T * O];
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < T; i++) {
                    for (int n = 0; n < N; n++) {
                        int last = m.causal() ? i : T - 1;
                        double[] s = new double[last + 1];
                        double z = 0;
                        for (int j = 0; j <= last; j++) {
                            for (int e = 0; e < K; e++) {
                                s[j] += q[b][i][n][e] * k[b][j][n][e] / Math.sqrt(K);
                            }
                        }
                        for (int j = 0; j <= last; j++) {
                            s[j] = Math.exp(s[j]);
                            z += s[j];
                        }
                        for (int e = 0; e < V; e++) {
                            double c = 0;
                            for (int j = 0; j <= last; j++) {
                                c += s[j] / z * v[b][j][n][e];
                            }
                            for (int o = 0; o < O; o++) {
                                y[(b * T + i) * O + o] += c * wo[(n * V + e) * O + o];
                            }
                        }
                    }
                    for (int o = 0; o < O; o++) {
                        y[(b * T + i) * O + o] += bo == null ? 0 : bo[o];
                    }
                }
            }
            return y;
        }

        /** x W + b per head: [b][t][n][d] from kernel (I, N, D) and bias (N, D). */
        private double[][][][] heads(double[] x, String role, int N, int D) {
            double[] w = p.get(role + "_kernel");
            double[] bias = p.get(role + "_bias");
            double[][][][] out = new double[B][T][N][D];
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    for (int n = 0; n < N; n++) {
                        for (int d = 0; d < D; d++) {
                            double s = bias == null ? 0 : bias[n * D + d];
                            for (int i = 0; i < I; i++) {
                                s += x[(b * T + t) * I + i] * w[(i * N + n) * D + d];
                            }
                            out[b][t][n][d] = s;
                        }
                    }
                }
            }
            return out;
        }
    }
}
