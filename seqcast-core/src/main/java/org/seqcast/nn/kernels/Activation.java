package org.seqcast.nn.kernels;

/**
 * Element-wise activations, each with its derivative written in terms of its output
 * (σ' = σ(1 − σ), tanh' = 1 − tanh², relu' = [y > 0], hard sigmoid' = slope · [0 < y < 1]), which is what
 * backward passes keep. The names are Keras's ({@code "linear"}, {@code "relu"}, {@code "tanh"},
 * {@code "sigmoid"}, {@code "hard_sigmoid"}).
 *
 * <p><b>Hard sigmoid</b> changed its definition between Keras versions, so there are two:
 * <ul>
 *   <li>{@link #HARD_SIGMOID} ({@code "hard_sigmoid"}): clip(x/6 + 1/2, 0, 1) = relu6(x + 3)/6, as Keras 3 and
 *       PyTorch's {@code nn.Hardsigmoid} define it; computed as Keras 3 does, min(max(x + 3, 0), 6) / 6 in
 *       float;</li>
 *   <li>{@link #HARD_SIGMOID_KERAS2} ({@code "hard_sigmoid_keras2"}): clip(0.2·x + 0.5, 0, 1), as Keras 1
 *       and 2 (and ONNX's {@code HardSigmoid} with its default alpha 0.2, beta 0.5) define it; computed as
 *       Keras 2 does, 0.2f·x + 0.5f, then clipped.</li>
 * </ul>
 * Their derivative is the slope (1/6 or 0.2) strictly inside (0, 1) and 0 where the output is clipped, as
 * PyTorch's {@code Hardsigmoid} backward has it.
 */
public enum Activation {
    LINEAR("linear"),
    RELU("relu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    HARD_SIGMOID("hard_sigmoid"),
    HARD_SIGMOID_KERAS2("hard_sigmoid_keras2");

    /** Slope of {@link #HARD_SIGMOID_KERAS2} inside (0, 1), Keras 2's 0.2 rounded to float. */
    private static final float KERAS2_SLOPE = 0.2f;
    /** Slope of {@link #HARD_SIGMOID} inside (0, 1), 1/6 rounded to float. */
    private static final float RELU6_SLOPE = 1f / 6f;

    private final String kerasName;

    Activation(String kerasName) {
        this.kerasName = kerasName;
    }

    /**
     * The Keras name of this activation; {@code "hard_sigmoid_keras2"} names Keras 2's {@code "hard_sigmoid"}
     * (see above).
     */
    public String kerasName() {
        return kerasName;
    }

    /** Looks an activation up by its Keras name. */
    public static Activation of(String name) {
        for (Activation a : values()) {
            if (a.kerasName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of linear, relu, tanh, sigmoid,"
                + " hard_sigmoid, hard_sigmoid_keras2");
    }

    /** y = act(x). */
    public float apply(float x) {
        return switch (this) {
            case LINEAR -> x;
            case RELU -> x > 0f ? x : 0f;
            case TANH -> tanh(x);
            case SIGMOID -> sigmoid(x);
            case HARD_SIGMOID -> Math.min(Math.max(x + 3f, 0f), 6f) / 6f;          // relu6(x + 3) / 6
            case HARD_SIGMOID_KERAS2 -> Math.min(Math.max(KERAS2_SLOPE * x + 0.5f, 0f), 1f);
        };
    }

    /** act'(x) expressed through y = act(x). */
    public float derivativeFromOutput(float y) {
        return switch (this) {
            case LINEAR -> 1f;
            case RELU -> y > 0f ? 1f : 0f;
            case TANH -> 1f - y * y;
            case SIGMOID -> y * (1f - y);
            case HARD_SIGMOID -> y > 0f && y < 1f ? RELU6_SLOPE : 0f;
            case HARD_SIGMOID_KERAS2 -> y > 0f && y < 1f ? KERAS2_SLOPE : 0f;
        };
    }

    /**
     * dy · act'(x), from y = act(x): the step every backward pass takes through an activation. For sigmoid and
     * tanh it is evaluated as {@code dy · y · (1 − y)} and {@code dy · (1 − y²)}, left to right, the order the
     * cell kernels have always used (so their results keep their bits).
     */
    public float backward(float dy, float y) {
        return switch (this) {
            case SIGMOID -> dy * y * (1f - y);
            case TANH -> dy * (1f - y * y);
            default -> dy * derivativeFromOutput(y);
        };
    }

    /** Applies the activation in place to {@code n} values from {@code off}. */
    public void applyInPlace(float[] v, int off, int n) {
        if (this == LINEAR) {
            return;
        }
        for (int k = off; k < off + n; k++) {
            v[k] = apply(v[k]);
        }
    }

    /** σ(x) = 1 / (1 + e^(−x)), evaluated in double and rounded once. */
    public static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }

    /**
     * tanh(x) = sign(x) · (1 − e^(−2|x|)) / (1 + e^(−2|x|)), evaluated in double and rounded once; the
     * subtraction is exact for small |x| (Sterbenz), so the result is correctly rounded to float there too.
     */
    public static float tanh(float x) {
        double e = Math.exp(-2.0 * Math.abs((double) x));
        double t = (1.0 - e) / (1.0 + e);
        return (float) (x < 0 ? -t : t);
    }
}
