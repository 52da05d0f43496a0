package org.seqcast.reference;

/**
 * The part of self-attention that the references of Attention ({@link RefAttention}) and AdditiveAttention
 * ({@link RefAdditiveBatchNorm}) share, in double precision with plain loops on batch-first x (B, T, F), x being query,
 * key and value at once: a_ij = exp(s_ij) / Σ_k exp(s_ik) over the steps j that i attends to (j ≤ i when causal),
 * y_i = Σ_j a_ij x_j, and the backward through both by the softmax's full Jacobian. Only the scores s_ij and their
 * gradients differ; the reference hands them in. Written from the definitions, not from the engine's code (no max
 * shift, no folded softmax backward).
 */
final class RefSelfAttention {
    /** s_ij of sample b. */
    interface Score {
        double of(int b, int i, int j);
    }

    /** Given ds_ij of sample b, adds the score parameters' gradients (the reference's own) and the score's part of dx. */
    interface ScoreGradient {
        void add(int b, int i, int j, double ds, double[] dx);
    }

    private final int B;
    private final int T;
    private final int F;
    private final boolean causal;

    RefSelfAttention(int B, int T, int F, boolean causal) {
        this.B = B;
        this.T = T;
        this.F = F;
        this.causal = causal;
    }

    private int at(int b, int t, int f) {
        return (b * T + t) * F + f;
    }

    private boolean attends(int i, int j) {
        return !causal || j <= i;
    }

    /** a (T, T) of sample b. */
    private double[][] weights(int b, Score score) {
        double[][] a = new double[T][T];
        for (int i = 0; i < T; i++) {
            double sum = 0;
            for (int j = 0; j < T; j++) {
                if (attends(i, j)) {
                    a[i][j] = Math.exp(score.of(b, i, j));
                    sum += a[i][j];
                }
            }
            for (int j = 0; j < T; j++) {
                a[i][j] /= sum;
            }
        }
        return a;
    }

    double[] forward(double[] x, Score score) {
        double[] y = new double[x.length];
        for (int b = 0; b < B; b++) {
            double[][] a = weights(b, score);
            for (int i = 0; i < T; i++) {
                for (int j = 0; j < T; j++) {
                    for (int f = 0; f < F; f++) {
                        y[at(b, i, f)] += a[i][j] * x[at(b, j, f)];
                    }
                }
            }
        }
        return y;
    }

    /** dx: the value's part here, the query's and key's parts by {@code gradient}. */
    double[] backward(double[] x, double[] dy, Score score, ScoreGradient gradient) {
        double[] dx = new double[x.length];
        for (int b = 0; b < B; b++) {
            double[][] a = weights(b, score);
            double[][] dA = new double[T][T];
            for (int i = 0; i < T; i++) {
                for (int j = 0; j < T; j++) {
                    for (int f = 0; f < F; f++) {
                        dA[i][j] += dy[at(b, i, f)] * x[at(b, j, f)];
                        dx[at(b, j, f)] += a[i][j] * dy[at(b, i, f)];
                    }
                }
            }
            for (int i = 0; i < T; i++) {
                for (int j = 0; j < T; j++) {
                    double ds = 0;                                  // ∂a_ik/∂s_ij = a_ik (δ_jk − a_ij), summed over k
                    for (int k = 0; k < T; k++) {
                        ds += dA[i][k] * a[i][k] * ((k == j ? 1 : 0) - a[i][j]);
                    }
                    gradient.add(b, i, j, ds, dx);
                }
            }
        }
        return dx;
    }
}
