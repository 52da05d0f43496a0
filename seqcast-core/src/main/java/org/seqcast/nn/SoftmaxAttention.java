package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Tensor;

/**
 * What {@link Attention} and {@link AdditiveAttention} share: the softmax over scores s_ij (optionally causal), the
 * weighted sum of the values, and its backward, on x (T, B, F), which is query, key and value at once. Only the scores
 * differ; the layer hands them in as a {@link Score} and its {@link ScoreBackward}. Runs in double, sample by sample on
 * the calling thread, so results do not depend on the thread count. Holds the input and the weights of the last
 * forward pass for the backward.
 */
final class SoftmaxAttention {
    /** s_ij from the query x_i (F values from offset p of x) and the key x_j (from offset q). */
    @FunctionalInterface
    interface Score {
        double of(float[] x, int p, int q);
    }

    /** Given ds_ij, adds the score parameters' gradients to {@code grads} and the query's and key's parts to dx. */
    @FunctionalInterface
    interface ScoreBackward {
        void add(float[] x, int p, int q, double ds, double[] dx, double[] grads);
    }

    private final String layer;
    private final boolean causal;
    private final int F;
    /** The input x (T, B, F), weights a (B, T, T), and T, B of the last forward. */
    private float[] x;
    private double[] a;
    private int lastT;
    private int lastB;

    /** @param layer how messages name the layer, e.g. "Attention" */
    SoftmaxAttention(String layer, boolean causal, int F) {
        this.layer = layer;
        this.causal = causal;
        this.F = F;
    }

    /** The last step j that step i attends to. */
    private int lastKey(int i, int T) {
        return causal ? i : T - 1;
    }

    /**
     * <pre>
     *   s_ij = score(x_i, x_j)        a_ij = softmax_j(s_ij)   over j ≤ i when causal        y_i = Σ_j a_ij x_j
     * </pre>
     */
    Tensor forward(Tensor input, Score score) {
        if (input.rank() != 3 || input.dim(2) != F) {
            throw new IllegalArgumentException(layer + " expects input (timesteps, batch, " + F + "); got "
                    + Arrays.toString(input.shape()));
        }
        int T = input.dim(0);
        int B = input.dim(1);
        x = input.data();
        a = new double[B * T * T];
        float[] y = new float[T * B * F];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < T; i++) {
                int row = (b * T + i) * T;
                int last = lastKey(i, T);
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= last; j++) {
                    a[row + j] = score.of(x, (i * B + b) * F, (j * B + b) * F);       // s_ij
                    max = Math.max(max, a[row + j]);
                }
                softmaxRow(a, row, last, max);                                        // a_ij = softmax_j(s_ij)
                int yi = (i * B + b) * F;
                for (int f = 0; f < F; f++) {
                    double acc = 0;
                    for (int j = 0; j <= last; j++) {
                        acc += a[row + j] * x[(j * B + b) * F + f];                   // y_i = Σ_j a_ij x_j
                    }
                    y[yi + f] = (float) acc;
                }
            }
        }
        lastT = T;
        lastB = B;
        return Tensor.wrap(y, T, B, F);
    }

    /**
     * Returns dx and adds the score parameters' gradients to {@code grads} (the layer's accumulator):
     * <pre>
     *   da_ij = dy_i · x_j                  dx_j += Σ_i a_ij dy_i                        (x as the value)
     *   ds_ij = a_ij (da_ij − Σ_k a_ik da_ik)                                          (softmax)
     *   then the scores' gradients by {@code scoreBackward}                            (x as query and key)
     * </pre>
     */
    Tensor backward(Tensor dy, ScoreBackward scoreBackward, double[] grads) {
        if (a == null) {
            throw new IllegalStateException(layer + ": backward called before forward");
        }
        int T = lastT;
        int B = lastB;
        if (!Arrays.equals(dy.shape(), new int[] {T, B, F})) {
            throw new IllegalArgumentException(layer + " backward expects dy of shape " + Arrays.toString(
                    new int[] {T, B, F}) + "; got " + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        double[] dx = new double[T * B * F];
        double[] da = new double[T];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < T; i++) {
                int row = (b * T + i) * T;
                int last = lastKey(i, T);
                int di = (i * B + b) * F;
                double weighted = 0;
                for (int j = 0; j <= last; j++) {
                    int xj = (j * B + b) * F;
                    double s = 0;
                    for (int f = 0; f < F; f++) {
                        s += (double) d[di + f] * x[xj + f];                          // da_ij = dy_i · x_j
                        dx[xj + f] += a[row + j] * d[di + f];                         // dx_j += a_ij dy_i
                    }
                    da[j] = s;
                    weighted += a[row + j] * s;                                       // Σ_k a_ik da_ik
                }
                for (int j = 0; j <= last; j++) {
                    scoreBackward.add(x, di, (j * B + b) * F, a[row + j] * (da[j] - weighted), dx, grads);  // ds_ij
                }
            }
        }
        float[] out = new float[dx.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = (float) dx[q];
        }
        return Tensor.wrap(out, T, B, F);
    }

    /**
     * The weights a_ij of the last forward pass, (B, T, T): row i holds the weights query step i gives the steps j
     * (summing to 1; zero after i under a causal mask). Null before any forward pass.
     */
    Tensor lastWeights() {
        if (a == null) {
            return null;
        }
        float[] out = new float[a.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) a[k];
        }
        return Tensor.wrap(out, lastB, lastT, lastT);
    }

    /**
     * Turns the scores a[row..row+last] into their softmax in place, given their maximum (subtracted before
     * exp, so no term overflows): a_j = exp(s_j − max) / Σ_k exp(s_k − max). Shared by every attention layer.
     */
    static void softmaxRow(double[] a, int row, int last, double max) {
        double sum = 0;
        for (int j = 0; j <= last; j++) {
            a[row + j] = Math.exp(a[row + j] - max);
            sum += a[row + j];
        }
        for (int j = 0; j <= last; j++) {
            a[row + j] /= sum;
        }
    }
}
