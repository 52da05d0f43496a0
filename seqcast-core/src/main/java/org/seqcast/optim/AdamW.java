package org.seqcast.optim;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), as PyTorch's {@code AdamW}: before each
 * Adam update θ ← θ (1 − lr · λ). Applied to every parameter, as PyTorch and Keras do by default.
 * Default λ is Keras's 0.004 (PyTorch's is 0.01).
 */
public final class AdamW extends Adam {
    public static final double DEFAULT_WEIGHT_DECAY = 0.004;

    private final double weightDecay;

    public AdamW() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_WEIGHT_DECAY);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0; got " + weightDecay);
        }
        this.weightDecay = weightDecay;
    }

    @Override
    public AdamW globalClipNorm(double maxNorm) {
        super.globalClipNorm(maxNorm);
        return this;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected double decoupledWeightDecay() {
        return weightDecay;
    }
}
