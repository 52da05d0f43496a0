package org.seqcast.optim;

import java.util.List;
import org.seqcast.tensor.Parameter;

/**
 * Adam (Kingma and Ba, 2015), written as PyTorch's {@code torch.optim.Adam}
 * (reference: https://pytorch.org/docs/stable/generated/torch.optim.Adam.html):
 * <pre>
 *   m_t = β1 m_{t-1} + (1 − β1) g          first moment
 *   v_t = β2 v_{t-1} + (1 − β2) g²         second moment
 *   m̂ = m_t / (1 − β1^t),  v̂ = v_t / (1 − β2^t)
 *   θ  ← θ − lr · m̂ / (√v̂ + ε)
 * </pre>
 * Defaults are Keras's: lr 0.001, β1 0.9, β2 0.999, ε 1e-7 (PyTorch's ε is 1e-8; Keras puts ε after its
 * bias correction, an equivalent form up to the size of ε).
 */
public class Adam extends Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private List<float[]> m;
    private List<float[]> v;

    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1); got beta1=" + beta1 + ", beta2=" + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be > 0; got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public Adam globalClipNorm(double maxNorm) {
        super.globalClipNorm(maxNorm);
        return this;
    }

    @Override
    protected void initState(List<Parameter> params) {
        m = zerosLike(params);
        v = zerosLike(params);
    }

    /** Decoupled weight decay applied before the Adam update; 0 for plain Adam. */
    protected double decoupledWeightDecay() {
        return 0;
    }

    @Override
    protected void update(int index, Parameter p, int t) {
        float[] w = p.value();
        float[] g = p.grad();
        float[] mk = m.get(index);
        float[] vk = v.get(index);
        double lr = learningRate();
        float decay = (float) (1.0 - lr * decoupledWeightDecay());
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1.0 - Math.pow(beta1, t));  // bias corrections
        float c2 = (float) Math.sqrt(1.0 - Math.pow(beta2, t));
        float stepSize = (float) (lr / c1);
        float eps = (float) epsilon;
        for (int k = 0; k < w.length; k++) {
            if (decay != 1f) {
                w[k] *= decay;                                  // θ ← θ (1 − lr λ)   (AdamW)
            }
            mk[k] = b1 * mk[k] + (1f - b1) * g[k];              // m_t = β1 m + (1 − β1) g
            vk[k] = b2 * vk[k] + (1f - b2) * g[k] * g[k];       // v_t = β2 v + (1 − β2) g²
            w[k] -= stepSize * mk[k] / ((float) Math.sqrt(vk[k]) / c2 + eps); // θ −= lr m̂ / (√v̂ + ε)
        }
    }
}
