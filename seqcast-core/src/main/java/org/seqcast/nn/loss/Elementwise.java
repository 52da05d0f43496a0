package org.seqcast.nn.loss;

import org.seqcast.tensor.Tensor;

/**
 * A loss that is the mean over all N elements of an error between ŷ_k and y_k, targets shaped as the outputs:
 * L = (1/N) Σ ℓ(ŷ_k, y_k), dL/dŷ_k = (1/N) ℓ'(ŷ_k, y_k). Implementations give the two loops over flat arrays;
 * sums run in double, in index order.
 */
public interface Elementwise extends Loss {
    /** L = (1/N) Σ ℓ(ŷ_k, y_k) over the first {@code n} elements. */
    double value(float[] pred, float[] target, int n);

    /** dL/dŷ_k = (1/N) ℓ'(ŷ_k, y_k), written into {@code dpred}. */
    void gradient(float[] pred, float[] target, float[] dpred, int n);

    @Override
    default double value(Tensor pred, Tensor target) {
        requireTargetShape(pred, target, "target");
        return value(pred.data(), target.data(), pred.size());
    }

    @Override
    default Tensor gradient(Tensor pred, Tensor target) {
        requireTargetShape(pred, target, "target");
        float[] dpred = new float[pred.size()];
        gradient(pred.data(), target.data(), dpred, pred.size());
        return Tensor.wrap(dpred, pred.shape());
    }

    /**
     * L_w = (1/N) Σ_k w_{b(k)} ℓ_k = (1/B) Σ_b w_b L_b, L_b the loss of sample b's P = N/B elements, summed in
     * double in sample order.
     */
    @Override
    default double value(Tensor pred, Tensor target, Tensor weights) {
        if (weights == null) {
            return value(pred, target);
        }
        requireTargetShape(pred, target, "target");
        Loss.requireWeights(pred, weights);
        int b = pred.dim(0);
        int per = pred.size() / b;
        float[] w = weights.data();
        double sum = 0;
        for (int s = 0; s < b; s++) {
            float[] p = java.util.Arrays.copyOfRange(pred.data(), s * per, (s + 1) * per);
            float[] y = java.util.Arrays.copyOfRange(target.data(), s * per, (s + 1) * per);
            sum += w[s] * value(p, y, per);                      // w_b L_b
        }
        return sum / b;
    }

    /** dL_w/dŷ_k = w_{b(k)} · dL/dŷ_k. */
    @Override
    default Tensor gradient(Tensor pred, Tensor target, Tensor weights) {
        if (weights == null) {
            return gradient(pred, target);
        }
        Loss.requireWeights(pred, weights);
        Tensor d = gradient(pred, target);
        float[] g = d.data();
        float[] w = weights.data();
        int per = g.length / pred.dim(0);
        for (int k = 0; k < g.length; k++) {
            g[k] *= w[k / per];
        }
        return d;
    }
}
