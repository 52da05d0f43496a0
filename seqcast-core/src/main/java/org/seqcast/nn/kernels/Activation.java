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
 *
 * <p><b>Softmax</b> ({@link #SOFTMAX}, {@code "softmax"}) is not element-wise: as Keras's {@code softmax}, it
 * normalizes each row over the last axis (a layer's outputs), y_k = exp(x_k − max x) / Σ_j exp(x_j − max x), with
 * the backward da_k = y_k (dy_k − Σ_j dy_j y_j). Layers that apply an activation to whole rows ({@link #applyRows},
 * {@link #backwardRows}: Dense, Conv1D) take it; the recurrent cells, which apply their activations to single
 * gates, refuse it ({@link #requireElementwise}).
 */
public enum Activation {
    LINEAR("linear"),
    RELU("relu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    HARD_SIGMOID("hard_sigmoid"),
    HARD_SIGMOID_KERAS2("hard_sigmoid_keras2"),
    SOFTMAX("softmax");

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
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(Activation::kerasName).toList()));
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
            case SOFTMAX -> throw notElementwise();
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
            case SOFTMAX -> throw notElementwise();
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

    /** Applies an element-wise activation in place to {@code n} values from {@code off}. */
    public void applyInPlace(float[] v, int off, int n) {
        if (this == LINEAR) {
            return;
        }
        if (this == SOFTMAX) {
            throw notElementwise();
        }
        for (int k = off; k < off + n; k++) {
            v[k] = apply(v[k]);
        }
    }

    /** Whether y_k depends on x_k alone: every activation but softmax. */
    public boolean elementwise() {
        return this != SOFTMAX;
    }

    /**
     * {@code activation} if it is element-wise; otherwise an IllegalArgumentException naming {@code where} (e.g.
     * "lstm activation"), for the layers that apply activations to single values (the recurrent gates).
     */
    public static Activation requireElementwise(Activation activation, String where) {
        if (activation != null && !activation.elementwise()) {
            throw new IllegalArgumentException(where + " must be element-wise; got " + activation.kerasName()
                    + " (softmax normalizes over a layer's outputs: use it in Dense or Conv1D)");
        }
        return activation;
    }

    /**
     * Applies the activation in place to {@code rows} rows of {@code width} values from {@code off}: softmax over
     * each row (exp and sum in double, rounded once), any other element by element as {@link #applyInPlace}.
     * <pre>
     *   softmax:  m = max_j x_j      e_k = exp(x_k − m)      y_k = e_k / Σ_j e_j
     * </pre>
     */
    public void applyRows(float[] v, int off, int rows, int width) {
        if (elementwise()) {
            applyInPlace(v, off, rows * width);
            return;
        }
        double[] e = new double[width];
        for (int r = 0; r < rows; r++) {
            int o = off + r * width;
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < width; k++) {
                m = Math.max(m, v[o + k]);                                     // m = max_j x_j
            }
            double sum = 0;
            for (int k = 0; k < width; k++) {
                e[k] = Math.exp(v[o + k] - m);                                 // e_k = exp(x_k − m)
                sum += e[k];
            }
            for (int k = 0; k < width; k++) {
                v[o + k] = (float) (e[k] / sum);                               // y_k = e_k / Σ_j e_j
            }
        }
    }

    /**
     * da = dL/dx for rows of {@code width} outputs y (from {@link #applyRows}) and their gradients dy, element-wise
     * da = dy ⊙ act'(y) as the layers have always computed it, softmax by its Jacobian:
     * <pre>
     *   softmax:  da_k = y_k (dy_k − Σ_j dy_j y_j)        (sums in double)
     * </pre>
     */
    public float[] backwardRows(float[] dy, float[] y, int width) {
        float[] da = new float[y.length];
        if (elementwise()) {
            for (int k = 0; k < da.length; k++) {
                da[k] = dy[k] * derivativeFromOutput(y[k]);                      // da = dy ⊙ act'(y)
            }
            return da;
        }
        for (int o = 0; o < y.length; o += width) {
            double dot = 0;
            for (int k = 0; k < width; k++) {
                dot += (double) dy[o + k] * y[o + k];                            // Σ_j dy_j y_j
            }
            for (int k = 0; k < width; k++) {
                da[o + k] = (float) (y[o + k] * (dy[o + k] - dot));             // da_k = y_k (dy_k − Σ)
            }
        }
        return da;
    }

    private UnsupportedOperationException notElementwise() {
        return new UnsupportedOperationException(kerasName + " is not element-wise: apply it to whole rows"
                + " (applyRows, backwardRows)");
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
