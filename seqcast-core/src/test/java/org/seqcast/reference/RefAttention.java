package org.seqcast.reference;

import org.seqcast.nn.LayerSpec;

/**
 * A double-precision scalar reference of the attention-related layers on batch-first samples, written from Keras's
 * definitions with plain loops, with hand-derived backward passes; {@link RefAttentionGradientCheckTest} checks them
 * by central differences and the float layers against them. LayerNormalization reads rows of F features (x is
 * (R, F), R = B·T or B); Attention reads x (B, T, F).
 */
final class RefAttention {
    final LayerSpec spec;
    final int B;
    final int T;
    final int F;
    /** LayerNormalization: γ, β (F); Attention with use_scale: {c}; else null. */
    final double[] p0;
    final double[] p1;
    /** dL/dp0, dL/dp1 after {@link #backward}. */
    double[] dp0;
    double[] dp1;
    private double[] x;

    /** @param T the steps per sample, or 1 for vectors */
    RefAttention(LayerSpec spec, int B, int T, int F, double[] p0, double[] p1) {
        this.spec = spec;
        this.B = B;
        this.T = T;
        this.F = F;
        this.p0 = p0;
        this.p1 = p1;
    }

    double[] forward(double[] input) {
        x = input.clone();
        return spec instanceof LayerSpec.LayerNormalization ln ? normForward(ln.epsilon()) : attentionForward();
    }

    double[] backward(double[] dy) {
        return spec instanceof LayerSpec.LayerNormalization ln ? normBackward(dy, ln.epsilon()) : attentionBackward(dy);
    }

    /** The statistics of row r: {μ, σ²}. */
    private double[] moments(int r) {
        double mu = 0;
        for (int f = 0; f < F; f++) {
            mu += x[r * F + f] / F;
        }
        double var = 0;
        for (int f = 0; f < F; f++) {
            var += (x[r * F + f] - mu) * (x[r * F + f] - mu) / F;
        }
        return new double[] {mu, var};
    }

    private double[] normForward(double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / F; r++) {
            double[] m = moments(r);
            for (int f = 0; f < F; f++) {
                y[r * F + f] = p0[f] * (x[r * F + f] - m[0]) / Math.sqrt(m[1] + eps) + p1[f];
            }
        }
        return y;
    }

    /** By the chain rule through σ² and μ separately (not the engine's folded form). */
    private double[] normBackward(double[] dy, double eps) {
        double[] dx = new double[x.length];
        dp0 = new double[F];
        dp1 = new double[F];
        for (int r = 0; r < x.length / F; r++) {
            double[] m = moments(r);
            double s = Math.sqrt(m[1] + eps);
            double dVar = 0;
            double dMu = 0;
            for (int f = 0; f < F; f++) {
                double c = x[r * F + f] - m[0];
                double dh = dy[r * F + f] * p0[f];
                dp0[f] += dy[r * F + f] * c / s;
                dp1[f] += dy[r * F + f];
                dVar += dh * c * -0.5 / (s * s * s);
                dMu += -dh / s;
            }
            for (int f = 0; f < F; f++) {
                double c = x[r * F + f] - m[0];
                dx[r * F + f] = dy[r * F + f] * p0[f] / s + dVar * 2 * c / F + dMu / F;   // dμ/dx's term of dVar is zero
            }
        }
        return dx;
    }

    private int at(int b, int t, int f) {
        return (b * T + t) * F + f;
    }

    private boolean attends(int i, int j) {
        return !((LayerSpec.Attention) spec).causal() || j <= i;
    }

    private double scale() {
        return p0 == null ? 1 : p0[0];
    }

    /** a (T, T) of sample b. */
    private double[][] weights(int b) {
        double[][] a = new double[T][T];
        for (int i = 0; i < T; i++) {
            double sum = 0;
            for (int j = 0; j < T; j++) {
                if (attends(i, j)) {
                    double z = 0;
                    for (int f = 0; f < F; f++) {
                        z += x[at(b, i, f)] * x[at(b, j, f)];
                    }
                    a[i][j] = Math.exp(scale() * z);
                    sum += a[i][j];
                }
            }
            for (int j = 0; j < T; j++) {
                a[i][j] /= sum;
            }
        }
        return a;
    }

    private double[] attentionForward() {
        double[] y = new double[x.length];
        for (int b = 0; b < B; b++) {
            double[][] a = weights(b);
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

    private double[] attentionBackward(double[] dy) {
        double[] dx = new double[x.length];
        double dc = 0;
        for (int b = 0; b < B; b++) {
            double[][] a = weights(b);
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
                    double ds = 0;                                  // ∂a_ij/∂s_ik = a_ij (δ_jk − a_ik), summed over j
                    for (int k = 0; k < T; k++) {
                        ds += dA[i][k] * a[i][k] * ((k == j ? 1 : 0) - a[i][j]);
                    }
                    double z = 0;
                    for (int f = 0; f < F; f++) {
                        z += x[at(b, i, f)] * x[at(b, j, f)];
                    }
                    dc += ds * z;
                    for (int f = 0; f < F; f++) {
                        dx[at(b, i, f)] += scale() * ds * x[at(b, j, f)];
                        dx[at(b, j, f)] += scale() * ds * x[at(b, i, f)];
                    }
                }
            }
        }
        dp0 = p0 == null ? null : new double[] {dc};
        return dx;
    }
}
