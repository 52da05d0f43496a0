package org.seqcast.optim;

import java.util.List;
import org.seqcast.tensor.Parameter;

/**
 * RMSprop (Hinton's lecture 6e), as PyTorch's {@code RMSprop} without momentum:
 * <pre>
 *   v_t = ρ v_{t-1} + (1 − ρ) g²
 *   θ  ← θ − lr · g / (√v_t + ε)
 * </pre>
 * Defaults are Keras's: lr 0.001, ρ 0.9, ε 1e-7.
 */
public final class RMSprop extends Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double rho;
    private final double epsilon;
    private List<float[]> v;

    public RMSprop() {
        this(DEFAULT_LEARNING_RATE);
    }

    public RMSprop(double learningRate) {
        this(learningRate, DEFAULT_RHO, DEFAULT_EPSILON);
    }

    public RMSprop(double learningRate, double rho, double epsilon) {
        super(learningRate);
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("RMSprop rho must be in [0, 1); got " + rho);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("RMSprop epsilon must be > 0; got " + epsilon);
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    public RMSprop globalClipNorm(double maxNorm) {
        super.globalClipNorm(maxNorm);
        return this;
    }

    @Override
    protected void initState(List<Parameter> params) {
        v = zerosLike(params);
    }

    @Override
    protected void update(int index, Parameter p, int t) {
        float[] w = p.value();
        float[] g = p.grad();
        float[] vk = v.get(index);
        float r = (float) rho;
        float lr = (float) learningRate();
        float eps = (float) epsilon;
        for (int k = 0; k < w.length; k++) {
            vk[k] = r * vk[k] + (1f - r) * g[k] * g[k];              // v_t = ρ v + (1 − ρ) g²
            w[k] -= lr * g[k] / ((float) Math.sqrt(vk[k]) + eps);     // θ ← θ − lr g / (√v + ε)
        }
    }
}
