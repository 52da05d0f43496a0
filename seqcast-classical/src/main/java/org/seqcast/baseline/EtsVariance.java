package org.seqcast.baseline;

/**
 * The variance of the k-step forecast errors of a fitted exponential smoothing model, as R forecast 8.20's
 * {@code forecast.ets} computes it analytically (Hyndman et al. 2008, ch. 6), on R's state vector
 * x = (ℓ, b, s_1, …, s_m) (s_m due next):
 * <ul>
 *   <li>class 1, additive errors (ANN, AAN, AAdN, ANA, AAA, AAdA), R's {@code class1}:
 *       v_k = σ² (1 + Σ_{j=1}^{k−1} c_j²), c_j = H F^{j−1} G, with H = (1, φ, 0, …, 1), F the transition
 *       (ℓ ← ℓ + φb, b ← φb, seasonal states rotated) and G = (α, β, γ, 0, …). R puts γ in the third place of G
 *       whether or not there is a trend, so for ANA it sits at s_2 instead of s_1; this follows R.</li>
 *   <li>class 3, multiplicative errors and seasonality (MNM, MAM), R's {@code class3}: with
 *       M = (ℓ, b)ᵀ (s_1 … s_m) and V its covariance (vec'd), from M₀ = the final state's product and V₀ = 0:
 *       <pre>
 *   μ_k = H₁ M H₂ᵀ,   v_k = (1 + σ²) H₂₁ V H₂₁ᵀ + σ² μ_k²
 *   V ← F₂₁ V F₂₁ᵀ + σ² [F₂₁ V G₂₁ᵀ + G₂₁ V F₂₁ᵀ + K (V + m mᵀ) Kᵀ + σ² G₂₁ (3V + 2 m mᵀ) G₂₁ᵀ]
 *       with m = vec M
 *   M ← F₁ M F₂ᵀ + σ² G₁ M G₂ᵀ
 *       </pre>
 *       where H₁ = (1, 1), F₁ = [[1, 1], [0, φ]], G₁ = [[α, α], [β, β]] (1, 1, α without trend),
 *       H₂ = (0, …, 0, 1), F₂ the seasonal rotation, G₂ zero but γ at (1, m), X₂₁ = X₂ ⊗ X₁ and
 *       K = G₂ ⊗ F₁ + F₂ ⊗ G₁.</li>
 * </ul>
 * Plain dense double arithmetic; the matrices are at most (2·24)².
 */
final class EtsVariance {
    private EtsVariance() {
    }

    /** v_1..v_h for the fit (class 1 or class 3 by its error type). */
    static double[] of(EtsFit fit, int h) {
        return fit.spec().multiplicativeError() ? class3(fit, h) : class1(fit, h);
    }

    private static double[] class1(EtsFit fit, int h) {
        EtsSpec spec = fit.spec();
        double[] x = fit.finalState();
        int p = x.length;
        double phi = fit.phi();
        double[] g = new double[p];
        g[0] = fit.alpha();
        if (spec.trend()) {
            g[1] = fit.beta();
        }
        if (spec.seasonal()) {
            g[2] = fit.gamma(); // R's class1: G[3, 1] <- gamma, with or without a trend
        }
        double[] v = new double[h];
        double sum = 0;
        double[] fg = g; // F^{j−1} G
        v[0] = fit.sigma2();
        for (int k = 1; k < h; k++) {
            double c = observe(spec, phi, fg);
            sum += c * c;
            v[k] = fit.sigma2() * (1 + sum);
            fg = transition(spec, phi, fg);
        }
        return v;
    }

    /** H z: ℓ + φ b + s_m (terms the form lacks left out; φ = 1 undamped). */
    private static double observe(EtsSpec spec, double phi, double[] z) {
        double y = z[0];
        if (spec.trend()) {
            y += phi * z[1];
        }
        if (spec.seasonal()) {
            y += z[z.length - 1];
        }
        return y;
    }

    /** F z: ℓ ← ℓ + φ b, b ← φ b, s_1 ← s_m, s_j ← s_{j−1}. */
    private static double[] transition(EtsSpec spec, double phi, double[] z) {
        double[] out = new double[z.length];
        out[0] = spec.trend() ? z[0] + phi * z[1] : z[0];
        int off = 1;
        if (spec.trend()) {
            out[1] = phi * z[1];
            off = 2;
        }
        if (spec.seasonal()) {
            int m = spec.period();
            out[off] = z[off + m - 1];
            System.arraycopy(z, off, out, off + 1, m - 1);
        }
        return out;
    }

    private static double[] class3(EtsFit fit, int h) {
        EtsSpec spec = fit.spec();
        double[] x = fit.finalState();
        int m = spec.period();
        int r = spec.trend() ? 2 : 1;
        double s2 = fit.sigma2();
        double a = fit.alpha();
        double[][] h1 = r == 2 ? new double[][] {{1, 1}} : new double[][] {{1}};
        double[][] f1 = r == 2 ? new double[][] {{1, 1}, {0, fit.phi()}} : new double[][] {{1}};
        double[][] g1 = r == 2 ? new double[][] {{a, a}, {fit.beta(), fit.beta()}} : new double[][] {{a}};
        double[][] h2 = new double[1][m];
        h2[0][m - 1] = 1;
        double[][] f2 = new double[m][m];
        f2[0][m - 1] = 1;
        for (int i = 1; i < m; i++) {
            f2[i][i - 1] = 1;
        }
        double[][] g2 = new double[m][m];
        g2[0][m - 1] = fit.gamma();
        double[][] mh = new double[r][m];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < m; j++) {
                mh[i][j] = x[i] * x[r + j];
            }
        }
        double[][] vh = new double[r * m][r * m];
        double[][] h21 = kron(h2, h1);
        double[][] f21 = kron(f2, f1);
        double[][] g21 = kron(g2, g1);
        double[][] k = add(kron(g2, f1), kron(f2, g1));
        double[][] f21t = transpose(f21);
        double[][] g21t = transpose(g21);
        double[][] kt = transpose(k);
        double[] v = new double[h];
        for (int i = 0; i < h; i++) {
            double mu = mul(mul(h1, mh), transpose(h2))[0][0];
            v[i] = (1 + s2) * mul(mul(h21, vh), transpose(h21))[0][0] + s2 * mu * mu;
            double[][] mm = outer(vec(mh));
            double[][] inner = add(add(mul(mul(f21, vh), g21t), mul(mul(g21, vh), f21t)),
                    add(mul(mul(k, add(vh, mm)), kt),
                            scale(s2, mul(mul(g21, add(scale(3, vh), scale(2, mm))), g21t))));
            vh = add(mul(mul(f21, vh), f21t), scale(s2, inner));
            mh = add(mul(mul(f1, mh), transpose(f2)), scale(s2, mul(mul(g1, mh), transpose(g2))));
        }
        return v;
    }

    /** A ⊗ B. */
    private static double[][] kron(double[][] a, double[][] b) {
        int br = b.length;
        int bc = b[0].length;
        double[][] out = new double[a.length * br][a[0].length * bc];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                for (int p = 0; p < br; p++) {
                    for (int q = 0; q < bc; q++) {
                        out[i * br + p][j * bc + q] = a[i][j] * b[p][q];
                    }
                }
            }
        }
        return out;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        int l = b.length;
        int c = b[0].length;
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int t = 0; t < l; t++) {
                    s += a[i][t] * b[t][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    private static double[][] scale(double s, double[][] a) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = s * a[i][j];
            }
        }
        return out;
    }

    /** vec M: the columns of M stacked (R's c(M)). */
    private static double[] vec(double[][] m) {
        int r = m.length;
        double[] out = new double[r * m[0].length];
        for (int j = 0; j < m[0].length; j++) {
            for (int i = 0; i < r; i++) {
                out[j * r + i] = m[i][j];
            }
        }
        return out;
    }

    /** z zᵀ. */
    private static double[][] outer(double[] z) {
        double[][] out = new double[z.length][z.length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z.length; j++) {
                out[i][j] = z[i] * z[j];
            }
        }
        return out;
    }
}
