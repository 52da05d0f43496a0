package org.seqcast.baseline;

/**
 * The parameter region R's ets searches with its default bounds = "both": the usual box
 * 1e-4 ≤ α ≤ 0.9999, 1e-4 ≤ β ≤ α, 1e-4 ≤ γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98, intersected with the admissible (forecastable)
 * region of Hyndman et al. (2008, ch. 10).
 */
final class EtsBounds {
    static final double LOWER = 1e-4;
    static final double UPPER = 0.9999;
    static final double PHI_LOWER = 0.8;
    static final double PHI_UPPER = 0.98;

    private EtsBounds() {
    }

    /** Inside both the usual box and the admissible region (β = 0, γ = 0, φ = 1 stand for absent parameters). */
    static boolean inside(EtsSpec spec, double alpha, double beta, double gamma, double phi) {
        if (alpha < LOWER || alpha > UPPER) {
            return false;
        }
        if (spec.trend() && (beta < LOWER || beta > alpha || beta > UPPER)) {
            return false;
        }
        if (spec.damped() && (phi < PHI_LOWER || phi > PHI_UPPER)) {
            return false;
        }
        if (spec.seasonal() && (gamma < LOWER || gamma > 1 - alpha || gamma > UPPER)) {
            return false;
        }
        return admissible(spec, alpha, beta, gamma, phi);
    }

    /**
     * Hyndman et al.'s admissibility conditions as forecast's C++ target function checks them; for seasonal models
     * the roots of φ(1−α−γ) + (α+β−αφ+γ−1) z + (α+β−αφ)(z² + … + z^{m−1}) + (α+β−φ) z^m + z^{m+1} must lie in the
     * disc |z| ≤ 1 + 1e-10.
     */
    static boolean admissible(EtsSpec spec, double alpha, double beta, double gamma, double phi) {
        if (phi < 0 || phi > 1 + 1e-8) {
            return false;
        }
        if (!spec.seasonal()) {
            if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) {
                return false;
            }
            return !spec.trend() || !(beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha));
        }
        int m = spec.period();
        double b = spec.trend() ? beta : 0;
        double d = 1 - 1 / phi - alpha;
        if (gamma < Math.max(d, 0) || gamma > 1 + 1 / phi - alpha) {
            return false;
        }
        if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) {
            return false;
        }
        if (b < -(1 - phi) * (gamma / m + alpha)) {
            return false;
        }
        double[] p = new double[m + 2];
        p[0] = phi * (1 - alpha - gamma);
        p[1] = alpha + b - alpha * phi + gamma - 1;
        for (int k = 2; k < m; k++) {
            p[k] = alpha + b - alpha * phi;
        }
        p[m] = alpha + b - phi;
        p[m + 1] = 1;
        return rootsWithin(p, 1 + 1e-10);
    }

    /**
     * Whether every root of Σ_k c_k z^k (c_last ≠ 0) has modulus below r, by the Schur–Cohn test on the
     * polynomial of w = z / r: a polynomial has all roots strictly inside the unit disc iff |a_0| &lt; |a_n| and the
     * degree n−1 polynomial (a_n A(w) − a_0 w^n A(1/w)) / w has them too.
     */
    static boolean rootsWithin(double[] c, double r) {
        int deg = c.length - 1;
        double[] a = new double[c.length];
        double scale = 1;
        for (int k = 0; k <= deg; k++) {
            a[k] = c[k] * scale;
            scale *= r;
        }
        while (deg >= 1) {
            double a0 = a[0];
            double an = a[deg];
            if (!(Math.abs(a0) < Math.abs(an))) {
                return false;
            }
            double[] next = new double[deg];
            for (int j = 0; j < deg; j++) {
                next[j] = an * a[j + 1] - a0 * a[deg - 1 - j];
            }
            double lead = next[deg - 1];
            for (int j = 0; j < deg; j++) {
                next[j] /= lead;
            }
            a = next;
            deg--;
        }
        return true;
    }
}
