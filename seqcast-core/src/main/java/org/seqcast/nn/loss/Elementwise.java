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
}
