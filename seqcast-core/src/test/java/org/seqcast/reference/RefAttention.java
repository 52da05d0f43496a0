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
    /** LayerNormalization: γ, β (F); Attention: {c} with use_scale (else null), then {w} for concat (else null). */
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

    private LayerSpec.Attention attention() {
        return (LayerSpec.Attention) spec;
    }

    private double scale() {
        return attention().useScale() ? p0[0] : 1;
    }

    private double[] concatWeight() {
        return attention().useScale() ? p1 : p0;
    }

    private boolean concat() {
        return attention().scoreMode() == LayerSpec.Attention.ScoreMode.CONCAT;
    }

    /** s_ij from Keras's definitions. */
    private double score(int b, int i, int j) {
        double s = 0;
        for (int f = 0; f < F; f++) {
            s += concat() ? Math.tanh(scale() * (x[at(b, i, f)] + x[at(b, j, f)])) : x[at(b, i, f)] * x[at(b, j, f)];
        }
        return concat() ? concatWeight()[0] * s : scale() * s;
    }

    private double[] attentionForward() {
        return self().forward(x, this::score);
    }

    private double[] attentionBackward(double[] dy) {
        double[] grads = new double[2];                                // {dc, dw}
        double[] dx = self().backward(x, dy, this::score, (b, i, j, ds, d) -> scoreGradient(b, i, j, ds, d, grads));
        double dc = grads[0];
        double dw = grads[1];
        dp0 = attention().useScale() ? new double[] {dc} : concat() ? new double[] {dw} : null;
        dp1 = attention().useScale() && concat() ? new double[] {dw} : null;
        return dx;
    }

    private RefSelfAttention self() {
        return new RefSelfAttention(B, T, F, attention().causal());
    }

    /** Adds ds_ij's parts of dc, dw ({@code grads}) and dx. */
    private void scoreGradient(int b, int i, int j, double ds, double[] dx, double[] grads) {
        for (int f = 0; f < F; f++) {
            double xi = x[at(b, i, f)];
            double xj = x[at(b, j, f)];
            if (concat()) {                                         // ∂/∂ of w tanh(c (xi + xj))
                double u = Math.tanh(scale() * (xi + xj));
                double g = ds * concatWeight()[0] * (1 - u * u);
                grads[1] += ds * u;
                grads[0] += g * (xi + xj);
                dx[at(b, i, f)] += g * scale();
                dx[at(b, j, f)] += g * scale();
            } else {                                                // ∂/∂ of c xi xj
                grads[0] += ds * xi * xj;
                dx[at(b, i, f)] += scale() * ds * xj;
                dx[at(b, j, f)] += scale() * ds * xi;
            }
        }
    }
}
