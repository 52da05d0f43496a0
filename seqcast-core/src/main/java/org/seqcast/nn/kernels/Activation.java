package org.seqcast.nn.kernels;

/**
 * Element-wise activations, each with its derivative written in terms of its output
 * (σ' = σ(1 − σ), tanh' = 1 − tanh², relu' = [y > 0]), which is what backward passes keep.
 * The names are Keras's ({@code "linear"}, {@code "relu"}, {@code "tanh"}, {@code "sigmoid"}).
 */
public enum Activation {
    LINEAR("linear"),
    RELU("relu"),
    TANH("tanh"),
    SIGMOID("sigmoid");

    private final String kerasName;

    Activation(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The Keras name of this activation. */
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
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of linear, relu, tanh, sigmoid");
    }

    /** y = act(x). */
    public float apply(float x) {
        return switch (this) {
            case LINEAR -> x;
            case RELU -> x > 0f ? x : 0f;
            case TANH -> tanh(x);
            case SIGMOID -> sigmoid(x);
        };
    }

    /** act'(x) expressed through y = act(x). */
    public float derivativeFromOutput(float y) {
        return switch (this) {
            case LINEAR -> 1f;
            case RELU -> y > 0f ? 1f : 0f;
            case TANH -> 1f - y * y;
            case SIGMOID -> y * (1f - y);
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
