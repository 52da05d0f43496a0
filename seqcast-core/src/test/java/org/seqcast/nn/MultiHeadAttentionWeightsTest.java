package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.tensor.Tensor;

/**
 * The attention weights a MultiHeadAttention layer reports ({@link Sequential#attentionWeights},
 * {@link Graph#attentionWeights}): the heads' softmax weights averaged over the heads, recomputed here in double
 * from the layer's own query and key parameters (s_nij = (x_i W^q_n + b^q_n)·(x_j W^k_n + b^k_n)/√K).
 */
class MultiHeadAttentionWeightsTest {
    private static final int B = 2;
    private static final int T = 5;
    private static final int I = 4;
    private static final int N = 3;
    private static final int K = 2;

    @ParameterizedTest(name = "causal {0}")
    @ValueSource(booleans = {false, true})
    void theWeightsAreTheHeadsSoftmaxAveraged(boolean causal) {
        Sequential model = Sequential.of(List.of(new LayerSpec.MultiHeadAttention(N, K).causal(causal)));
        model.seed(11);
        model.build(T, I);
        Map<String, Tensor> state = model.stateDict();
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[B * T * I];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) r.nextDouble(-1, 1);
        }
        // biases are zero at initialisation: give them values so that they count
        for (String bias : List.of("0." + LayerSpec.MultiHeadAttention.QUERY_BIAS, "0." + LayerSpec.MultiHeadAttention.KEY_BIAS)) {
            float[] b = state.get(bias).data();
            for (int k = 0; k < b.length; k++) {
                b[k] = (float) r.nextDouble(-0.5, 0.5);
            }
        }
        model.loadStateDict(state);
        Map<String, Tensor> got = model.attentionWeights(Tensor.wrap(x, B, T, I));
        assertEquals(List.of("0"), List.copyOf(got.keySet()));
        Tensor a = got.get("0");
        assertArrayEquals(new int[] {B, T, T}, a.shape());
        double[] want = expected(x, state, causal);
        for (int k = 0; k < want.length; k++) {
            assertEquals(want[k], a.data()[k], 1e-6, "weight " + k);
        }
        Graph.Builder g = Graph.builder().seed(11);
        Graph.Node in = g.input("x", T, I);
        g.output("y", g.layer("mha", new LayerSpec.MultiHeadAttention(N, K).causal(causal), in), org.seqcast.nn.loss.Loss.mse());
        Graph graph = g.build();
        Map<String, Tensor> graphState = new java.util.LinkedHashMap<>();
        state.forEach((name, t) -> graphState.put("mha." + name.substring(2), t));
        graph.loadStateDict(graphState);
        assertArrayEquals(a.data(), graph.attentionWeights(Map.of("x", Tensor.wrap(x, B, T, I))).get("mha").data());
    }

    /** ā_bij = (1/N) Σ_n softmax_j(s_bnij), s masked to j ≤ i when causal. */
    private static double[] expected(float[] x, Map<String, Tensor> state, boolean causal) {
        float[] wq = state.get("0." + LayerSpec.MultiHeadAttention.QUERY_KERNEL).data();   // (I, N, K)
        float[] bq = state.get("0." + LayerSpec.MultiHeadAttention.QUERY_BIAS).data();     // (N, K)
        float[] wk = state.get("0." + LayerSpec.MultiHeadAttention.KEY_KERNEL).data();
        float[] bk = state.get("0." + LayerSpec.MultiHeadAttention.KEY_BIAS).data();
        double[] out = new double[B * T * T];
        for (int b = 0; b < B; b++) {
            for (int n = 0; n < N; n++) {
                double[][] q = project(x, b, n, wq, bq);
                double[][] k = project(x, b, n, wk, bk);
                for (int i = 0; i < T; i++) {
                    int last = causal ? i : T - 1;
                    double[] s = new double[last + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= last; j++) {
                        for (int d = 0; d < K; d++) {
                            s[j] += q[i][d] * k[j][d] / Math.sqrt(K);
                        }
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= last; j++) {
                        sum += Math.exp(s[j] - max);
                    }
                    for (int j = 0; j <= last; j++) {
                        out[(b * T + i) * T + j] += Math.exp(s[j] - max) / sum / N;
                    }
                }
            }
        }
        return out;
    }

    private static double[][] project(float[] x, int b, int n, float[] w, float[] bias) {
        double[][] p = new double[T][K];
        for (int t = 0; t < T; t++) {
            for (int d = 0; d < K; d++) {
                double v = bias[n * K + d];
                for (int f = 0; f < I; f++) {
                    v += (double) x[(b * T + t) * I + f] * w[(f * N + n) * K + d];
                }
                p[t][d] = v;
            }
        }
        return p;
    }
}
