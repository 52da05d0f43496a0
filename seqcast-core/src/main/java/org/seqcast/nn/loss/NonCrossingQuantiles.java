package org.seqcast.nn.loss;

import java.util.Arrays;

/**
 * The map from a network's raw outputs to quantiles that cannot cross: the one home of that map, used by the
 * training loss ({@link NonCrossingPinball}), by forecasting and by export. For levels τ_1 &lt; … &lt; τ_Q and
 * the anchor m, the level nearest 0.5 (the lower one on a tie), each group of Q raw values r_1..r_Q becomes
 * <pre>
 *   q_m = r_m
 *   q_j = q_{j−1} + softplus(r_j)      j &gt; m  (upwards from the anchor)
 *   q_j = q_{j+1} − softplus(r_j)      j &lt; m  (downwards from the anchor)
 *   softplus(x) = log(1 + e^x) ≥ 0
 * </pre>
 * so q_1 ≤ … ≤ q_Q for every r: the quantiles never cross. They are computed in double; rounding to float (or
 * any monotone function, such as an affine map with a positive scale or exp) keeps them ordered, since rounding
 * is monotone. Equal neighbours are possible only when a softplus underflows (r below about −745).
 * <p>
 * With g_j = dL/dq_j the gradient with respect to the raw values is
 * <pre>
 *   dL/dr_m = Σ_j g_j                          (every q_j moves with r_m)
 *   dL/dr_j = σ(r_j) Σ_{k ≥ j} g_k            j &gt; m
 *   dL/dr_j = −σ(r_j) Σ_{k ≤ j} g_k           j &lt; m
 * </pre>
 * with σ = softplus′ the logistic function. Immutable.
 */
public final class NonCrossingQuantiles {
    private final double[] levels;
    private final int anchor;

    /**
     * The map for the levels τ_1 &lt; … &lt; τ_Q, each in (0, 1), as {@link Pinball} checks them.
     *
     * @throws IllegalArgumentException naming the offending level
     */
    public NonCrossingQuantiles(double... levels) {
        this.levels = new Pinball(levels).levels();
        int m = 0;
        for (int j = 1; j < this.levels.length; j++) {
            if (Math.abs(this.levels[j] - 0.5) < Math.abs(this.levels[m] - 0.5)) {
                m = j;
            }
        }
        this.anchor = m;
    }

    /** The levels τ_1 &lt; … &lt; τ_Q (a copy). */
    public double[] levels() {
        return levels.clone();
    }

    /** Q, the raw values per group. */
    public int size() {
        return levels.length;
    }

    /** m (0-based): the position of the level nearest 0.5, whose quantile is its raw value. */
    public int anchor() {
        return anchor;
    }

    /**
     * The quantiles of raw values r laid out in groups of Q (group g holds r[g·Q .. g·Q + Q − 1]), in the same
     * layout.
     *
     * @throws IllegalArgumentException if r's length is not a multiple of Q
     */
    public double[] quantiles(double[] r) {
        int nq = checkGroups(r.length);
        double[] q = new double[r.length];
        for (int o = 0; o < r.length; o += nq) {
            q[o + anchor] = r[o + anchor];                                   // q_m = r_m
            for (int j = anchor + 1; j < nq; j++) {
                q[o + j] = q[o + j - 1] + softplus(r[o + j]);               // q_j = q_{j−1} + softplus(r_j)
            }
            for (int j = anchor - 1; j >= 0; j--) {
                q[o + j] = q[o + j + 1] - softplus(r[o + j]);               // q_j = q_{j+1} − softplus(r_j)
            }
        }
        return q;
    }

    /** The quantiles of float raw values (widened exactly), as {@link #quantiles(double[])}. */
    public double[] quantiles(float[] r) {
        return quantiles(Pinball.widen(r));
    }

    /**
     * dL/dr from dL/dq ({@code dq}, laid out as r) at the raw values r: the backward of {@link #quantiles}.
     *
     * @throws IllegalArgumentException if the lengths differ or are not a multiple of Q
     */
    public double[] rawGradient(double[] r, double[] dq) {
        int nq = checkGroups(r.length);
        if (dq.length != r.length) {
            throw new IllegalArgumentException("quantile gradient has " + dq.length + " values for " + r.length
                    + " raw values; give one per raw value");
        }
        double[] dr = new double[r.length];
        for (int o = 0; o < r.length; o += nq) {
            double all = 0;
            for (int j = 0; j < nq; j++) {
                all += dq[o + j];
            }
            dr[o + anchor] = all;                                             // dL/dr_m = Σ_j g_j
            double above = 0;
            for (int j = nq - 1; j > anchor; j--) {
                above += dq[o + j];
                dr[o + j] = sigmoid(r[o + j]) * above;                        // σ(r_j) Σ_{k≥j} g_k
            }
            double below = 0;
            for (int j = 0; j < anchor; j++) {
                below += dq[o + j];
                dr[o + j] = -sigmoid(r[o + j]) * below;                       // −σ(r_j) Σ_{k≤j} g_k
            }
        }
        return dr;
    }

    /** softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^{−|x|}), without overflow. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** σ(x) = 1 / (1 + e^{−x}) = softplus′(x), without overflow. */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    private int checkGroups(int n) {
        int nq = levels.length;
        if (n % nq != 0) {
            throw new IllegalArgumentException("raw quantile outputs: " + n + " values are not groups of " + nq
                    + " (one per level " + Arrays.toString(levels) + "); give a multiple of " + nq);
        }
        return nq;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NonCrossingQuantiles other && Arrays.equals(levels, other.levels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "NonCrossingQuantiles" + Arrays.toString(levels);
    }
}
