package org.seqcast.nn.loss;

import java.util.Arrays;
import org.seqcast.tensor.Tensor;

/**
 * The pinball (quantile) loss over Q quantile levels τ_1 < … < τ_Q: outputs ŷ (…, Q) hold one forecast per
 * level, targets y (…) one value, and with u = y − ŷ_q
 * <pre>
 *   ρ_τ(u) = u (τ − 1[u &lt; 0]) = max(τ u, (τ − 1) u)
 *   L      = (1/N) Σ_i Σ_q ρ_τq(y_i − ŷ_iq)         N = number of outputs (targets × Q)
 *   dL/dŷ_iq = (1[u &lt; 0] − τ_q) / N              (a subgradient; −τ_q / N where u = 0)
 * </pre>
 * With one level 0.5 it is half the mean absolute error. Sums run in double, in index order.
 */
public record Pinball(double[] levels) implements Loss {
    public Pinball {
        levels = check(levels);
    }

    private static double[] check(double[] levels) {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("pinball loss needs at least one quantile level, e.g. 0.5; got "
                    + Arrays.toString(levels));
        }
        for (int q = 0; q < levels.length; q++) {
            double tau = levels[q];
            if (!(tau > 0 && tau < 1)) {
                throw new IllegalArgumentException("pinball quantile level " + (q + 1) + " is " + tau
                        + "; every level must lie strictly between 0 and 1");
            }
            if (q > 0 && tau == levels[q - 1]) {
                throw new IllegalArgumentException("pinball quantile levels " + Arrays.toString(levels)
                        + " list " + tau + " twice; give each level once");
            }
            if (q > 0 && tau < levels[q - 1]) {
                throw new IllegalArgumentException("pinball quantile levels " + Arrays.toString(levels)
                        + " must be strictly increasing; " + tau + " follows " + levels[q - 1]);
            }
        }
        return levels.clone();
    }

    /** The quantile levels τ_1 < … < τ_Q (a copy). */
    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public String name() {
        return "pinball";
    }

    /** Targets drop the last axis of the outputs, which must have Q entries. */
    @Override
    public int[] targetShape(int[] outputShape) {
        int q = outputShape.length == 0 ? -1 : outputShape[outputShape.length - 1];
        if (q != levels.length || outputShape.length < 2) {
            throw new IllegalArgumentException("pinball loss with " + levels.length + " quantile levels "
                    + Arrays.toString(levels) + " needs outputs of shape (batch, ..., " + levels.length
                    + "); got " + Loss.shape(outputShape) + ". Give the last layer " + levels.length + " units");
        }
        return Arrays.copyOf(outputShape, outputShape.length - 1);
    }

    @Override
    public double value(Tensor pred, Tensor target) {
        return value(pred, target, null);
    }

    @Override
    public Tensor gradient(Tensor pred, Tensor target) {
        return gradient(pred, target, null);
    }

    /**
     * L_w = (1/N) Σ_i w_{b(i)} Σ_q ρ_τq(y_i − ŷ_iq), summed in double in index order; without weights every w is 1
     * (an exact factor, so the unweighted loss has the same bits as its plain sum).
     */
    @Override
    public double value(Tensor pred, Tensor target, Tensor weights) {
        requireTargetShape(pred, target, "target");
        return value(widen(pred.data()), target.data(), weights(pred, weights), pred.dim(0));
    }

    /** dL_w/dŷ_iq = w_{b(i)} (1[u &lt; 0] − τ_q) / N (w = 1 without weights). */
    @Override
    public Tensor gradient(Tensor pred, Tensor target, Tensor weights) {
        requireTargetShape(pred, target, "target");
        double[] d = gradient(widen(pred.data()), target.data(), weights(pred, weights), pred.dim(0));
        float[] out = new float[d.length];
        for (int k = 0; k < d.length; k++) {
            out[k] = (float) d[k];
        }
        return Tensor.wrap(out, pred.shape());
    }

    /**
     * L_w of predictions p (targets × Q, by target then level) held in double, for B samples; the one loop of the
     * value ({@link NonCrossingPinball} calls it on quantiles it computed in double).
     */
    double value(double[] p, float[] y, float[] w, int batch) {
        int nq = levels.length;
        int per = y.length / batch;
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            for (int q = 0; q < nq; q++) {
                double u = (double) y[i] - p[i * nq + q];
                sum += weight(w, i, per) * (u < 0 ? (levels[q] - 1) * u : levels[q] * u);     // w_b ρ_τ(u)
            }
        }
        return sum / p.length;
    }

    /** dL_w/dp in double, laid out as p: the one loop of the gradient. */
    double[] gradient(double[] p, float[] y, float[] w, int batch) {
        int nq = levels.length;
        int per = y.length / batch;
        double scale = 1.0 / p.length;
        double[] d = new double[p.length];
        for (int i = 0; i < y.length; i++) {
            for (int q = 0; q < nq; q++) {
                double u = (double) y[i] - p[i * nq + q];
                d[i * nq + q] = weight(w, i, per) * ((u < 0 ? 1 : 0) - levels[q]) * scale;    // dρ/dŷ = 1[u < 0] − τ
            }
        }
        return d;
    }

    /** The float values in double (exact). */
    static double[] widen(float[] x) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k];
        }
        return out;
    }

    /** The checked per-sample weights, or null for none. */
    static float[] weights(Tensor pred, Tensor weights) {
        if (weights == null) {
            return null;
        }
        Loss.requireWeights(pred, weights);
        return weights.data();
    }

    /** w_{b(i)} of target element i ({@code per} elements a sample), 1 without weights. */
    private static double weight(float[] w, int i, int per) {
        return w == null ? 1.0 : w[i / per];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pinball other && Arrays.equals(levels, other.levels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "Pinball" + Arrays.toString(levels);
    }
}
