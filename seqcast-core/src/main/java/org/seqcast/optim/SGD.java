package org.seqcast.optim;

import java.util.List;
import org.seqcast.tensor.Parameter;

/**
 * Stochastic gradient descent with optional momentum μ and Nesterov momentum, as PyTorch's {@code SGD}:
 * <pre>
 *   b_t = μ b_{t-1} + g                (b_1 = g)
 *   θ  ← θ − lr · b_t                  (plain momentum)
 *   θ  ← θ − lr · (g + μ b_t)          (Nesterov)
 * </pre>
 * With a constant learning rate this equals Keras's form (v = μ v − lr g; θ += v). Defaults are Keras's:
 * lr 0.01, no momentum.
 */
public final class SGD extends Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    private final double momentum;
    private final boolean nesterov;
    private List<float[]> velocity;

    public SGD() {
        this(DEFAULT_LEARNING_RATE);
    }

    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1); got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public SGD globalClipNorm(double maxNorm) {
        super.globalClipNorm(maxNorm);
        return this;
    }

    @Override
    protected void initState(List<Parameter> params) {
        velocity = momentum > 0 ? zerosLike(params) : null;
    }

    @Override
    protected void update(int index, Parameter p, int t) {
        float[] w = p.value();
        float[] g = p.grad();
        float lr = (float) learningRate();
        if (velocity == null) {
            for (int k = 0; k < w.length; k++) {
                w[k] -= lr * g[k];                                    // θ ← θ − lr g
            }
            return;
        }
        float mu = (float) momentum;
        float[] b = velocity.get(index);
        for (int k = 0; k < w.length; k++) {
            b[k] = t == 1 ? g[k] : mu * b[k] + g[k];                  // b_t = μ b_{t-1} + g
            w[k] -= lr * (nesterov ? g[k] + mu * b[k] : b[k]);        // θ ← θ − lr (g + μ b_t) or θ − lr b_t
        }
    }
}
