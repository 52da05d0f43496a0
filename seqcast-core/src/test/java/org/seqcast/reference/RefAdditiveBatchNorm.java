package org.seqcast.reference;

import org.seqcast.nn.LayerSpec;

/**
 * A double-precision scalar reference of AdditiveAttention and BatchNormalization on batch-first samples, written from
 * Keras's definitions with plain loops, with hand-derived backward passes; {@link RefAdditiveBatchNormGradientCheckTest}
 * checks them by central differences and the float layers against them. AdditiveAttention reads x (B, T, F);
 * BatchNormalization reads rows of F features (x is (R, F), R = B·T or B), with batch statistics over all R rows
 * (training) or the given moving statistics (inference).
 */
final class RefAdditiveBatchNorm {
    final LayerSpec spec;
    final int B;
    final int T;
    final int F;
    /** AdditiveAttention: the scale (F) with use_scale, else null. BatchNormalization: γ (with scale), β (with center). */
    final double[] p0;
    final double[] p1;
    /** BatchNormalization: the moving mean and variance used in inference, and whether batch statistics are used. */
    final double[] movingMean;
    final double[] movingVar;
    final boolean training;
    /** dL/dp0, dL/dp1 after {@link #backward}. */
    double[] dp0;
    double[] dp1;
    private double[] x;

    /** @param T the steps per sample, or 1 for vectors */
    RefAdditiveBatchNorm(LayerSpec spec, int B, int T, int F, double[] p0, double[] p1, double[] movingMean,
                         double[] movingVar, boolean training) {
        this.spec = spec;
        this.B = B;
        this.T = T;
        this.F = F;
        this.p0 = p0;
        this.p1 = p1;
        this.movingMean = movingMean;
        this.movingVar = movingVar;
        this.training = training;
    }

    double[] forward(double[] input) {
        x = input.clone();
        return spec instanceof LayerSpec.BatchNormalization bn ? normForward(bn) : attentionForward();
    }

    double[] backward(double[] dy) {
        return spec instanceof LayerSpec.BatchNormalization bn ? normBackward(dy, bn) : attentionBackward(dy);
    }

    // ---- BatchNormalization ----

    private double[] gamma(LayerSpec.BatchNormalization bn) {
        return bn.scale() ? p0 : null;
    }

    private double[] beta(LayerSpec.BatchNormalization bn) {
        return bn.center() ? (bn.scale() ? p1 : p0) : null;
    }

    /** {μ, σ²} of feature f: over the rows (training, biased) or the moving ones. */
    private double[] moments(int f) {
        if (!training) {
            return new double[] {movingMean[f], movingVar[f]};
        }
        int R = x.length / F;
        double mu = 0;
        for (int r = 0; r < R; r++) {
            mu += x[r * F + f] / R;
        }
        double var = 0;
        for (int r = 0; r < R; r++) {
            var += (x[r * F + f] - mu) * (x[r * F + f] - mu) / R;
        }
        return new double[] {mu, var};
    }

    private double[] normForward(LayerSpec.BatchNormalization bn) {
        double[] y = new double[x.length];
        int R = x.length / F;
        double[] g = gamma(bn);
        double[] b = beta(bn);
        for (int f = 0; f < F; f++) {
            double[] m = moments(f);
            for (int r = 0; r < R; r++) {
                double h = (x[r * F + f] - m[0]) / Math.sqrt(m[1] + bn.epsilon());
                y[r * F + f] = (g == null ? h : g[f] * h) + (b == null ? 0 : b[f]);
            }
        }
        return y;
    }

    /** By the chain rule through σ² and μ separately over the rows (not the engine's folded form). */
    private double[] normBackward(double[] dy, LayerSpec.BatchNormalization bn) {
        double[] dx = new double[x.length];
        int R = x.length / F;
        double[] g = gamma(bn);
        double[] dg = new double[F];
        double[] db = new double[F];
        for (int f = 0; f < F; f++) {
            double[] m = moments(f);
            double s = Math.sqrt(m[1] + bn.epsilon());
            double dVar = 0;
            double dMu = 0;
            for (int r = 0; r < R; r++) {
                double c = x[r * F + f] - m[0];
                double dh = dy[r * F + f] * (g == null ? 1 : g[f]);
                dg[f] += dy[r * F + f] * c / s;
                db[f] += dy[r * F + f];
                dVar += dh * c * -0.5 / (s * s * s);
                dMu += -dh / s;
            }
            for (int r = 0; r < R; r++) {
                double c = x[r * F + f] - m[0];
                double dh = dy[r * F + f] * (g == null ? 1 : g[f]);
                dx[r * F + f] = dh / s + (training ? dVar * 2 * c / R + dMu / R : 0);
            }
        }
        dp0 = bn.scale() ? dg : bn.center() ? db : null;
        dp1 = bn.scale() && bn.center() ? db : null;
        return dx;
    }

    // ---- AdditiveAttention ----

    private int at(int b, int t, int f) {
        return (b * T + t) * F + f;
    }

    private LayerSpec.AdditiveAttention attention() {
        return (LayerSpec.AdditiveAttention) spec;
    }

    private double scale(int f) {
        return attention().useScale() ? p0[f] : 1;
    }

    /** s_ij = Σ_f c_f tanh(x_if + x_jf), Keras's definition. */
    private double score(int b, int i, int j) {
        double s = 0;
        for (int f = 0; f < F; f++) {
            s += scale(f) * Math.tanh(x[at(b, i, f)] + x[at(b, j, f)]);
        }
        return s;
    }

    private double[] attentionForward() {
        return self().forward(x, this::score);
    }

    private double[] attentionBackward(double[] dy) {
        double[] dc = new double[F];
        double[] dx = self().backward(x, dy, this::score, (b, i, j, ds, d) -> scoreGradient(b, i, j, ds, d, dc));
        dp0 = attention().useScale() ? dc : null;
        dp1 = null;
        return dx;
    }

    private RefSelfAttention self() {
        return new RefSelfAttention(B, T, F, attention().causal());
    }

    /** Adds ds_ij's parts of dc and dx: ∂/∂ of c_f tanh(x_if + x_jf). */
    private void scoreGradient(int b, int i, int j, double ds, double[] dx, double[] dc) {
        for (int f = 0; f < F; f++) {
            double u = Math.tanh(x[at(b, i, f)] + x[at(b, j, f)]);
            dc[f] += ds * u;
            dx[at(b, i, f)] += ds * scale(f) * (1 - u * u);
            dx[at(b, j, f)] += ds * scale(f) * (1 - u * u);
        }
    }
}
