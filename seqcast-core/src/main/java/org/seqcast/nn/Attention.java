package org.seqcast.nn;

import java.util.List;
import java.util.Objects;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Self-attention, Keras's {@code Attention()([x, x])} with dot or concat scores (spec and equations:
 * {@link LayerSpec.Attention}): (T, B, F) → (T, B, F), every step a softmax-weighted mean of the steps it attends
 * to. Parameters, each (1) and starting at 1: {@code scale} with {@code use_scale}, {@code concat_score_weight} for
 * concat scores. Scores and their sums run in double, sample by sample on the calling thread, so results do not
 * depend on the thread count.
 */
public final class Attention extends Layer {
    private final LayerSpec.Attention spec;
    private int F;
    private Parameter scale;
    private Parameter concatWeight;
    /** The softmax over the scores and the weighted sum, with the last forward's input and weights. */
    private SoftmaxAttention softmax;

    /** A layer of this spec. */
    public Attention(LayerSpec.Attention spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** Unscaled, non-causal dot-product self-attention. */
    public Attention() {
        this(new LayerSpec.Attention());
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.ATTENTION.className();
    }

    @Override
    public Attention inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerSpec.Attention spec() {
        return spec;
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        int[] out;
        try {
            out = spec.outputShape(inShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position + ": " + e.getMessage(), e);
        }
        F = inShape[1];
        softmax = new SoftmaxAttention("Attention", spec.causal(), F);
        if (spec.useScale()) {
            scale = new Parameter(LayerSpec.Attention.SCALE, 0f, 1);
            scale.value()[0] = 1f;
        }
        if (spec.scoreMode() == LayerSpec.Attention.ScoreMode.CONCAT) {
            concatWeight = new Parameter(LayerSpec.Attention.CONCAT_SCORE_WEIGHT, 0f, 1);
            concatWeight.value()[0] = 1f;
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        return java.util.stream.Stream.of(scale, concatWeight).filter(Objects::nonNull).toList();
    }

    /** The scale c: the parameter, or 1. */
    private double c() {
        return scale == null ? 1 : scale.value()[0];
    }

    /** Concat's score weight w. */
    private double w() {
        return concatWeight.value()[0];
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        return softmax.forward(input, this::score);                                   // y_i = Σ_j softmax_j(s_ij) x_j
    }

    /** s_ij: dot c · x_i · x_j, or concat w · Σ_f tanh(c (x_if + x_jf)), with x_i at offset p of x and x_j at q. */
    private double score(float[] x, int p, int q) {
        double c = c();
        double s = 0;
        if (spec.scoreMode() == LayerSpec.Attention.ScoreMode.DOT) {
            for (int f = 0; f < F; f++) {
                s += (double) x[p + f] * x[q + f];                                     // z_ij = x_i · x_j
            }
            return c * s;                                                              // s_ij = c z_ij
        }
        for (int f = 0; f < F; f++) {
            s += Math.tanh(c * ((double) x[p + f] + x[q + f]));                        // Σ_f tanh(c (x_if + x_jf))
        }
        return w() * s;                                                                // s_ij = w Σ_f u_ijf
    }

    /**
     * Given ds_ij, adds dc and dw to {@code grads} ({dc, dw}) and the query's (at p) and key's (at q) parts of dx:
     * <pre>
     *   dot:     dc += ds z_ij            dx_i += c ds x_j          dx_j += c ds x_i
     *   concat:  dw += ds Σ_f u_ijf       g_f = ds w (1 − u_ijf²)   dc += Σ_f g_f (x_if + x_jf)   dx_if, dx_jf += c g_f
     * </pre>
     */
    private void scoreBackward(float[] x, int p, int q, double ds, double[] dx, double[] grads) {
        double c = c();
        if (spec.scoreMode() == LayerSpec.Attention.ScoreMode.DOT) {
            double z = 0;
            for (int f = 0; f < F; f++) {
                z += (double) x[p + f] * x[q + f];
            }
            grads[0] += ds * z;                                                        // dc += ds_ij z_ij
            for (int f = 0; f < F; f++) {
                dx[p + f] += c * ds * x[q + f];                                        // dx_i += c ds_ij x_j
                dx[q + f] += c * ds * x[p + f];                                        // dx_j += c ds_ij x_i
            }
            return;
        }
        double w = w();
        double sumU = 0;
        for (int f = 0; f < F; f++) {
            double sum = (double) x[p + f] + x[q + f];
            double u = Math.tanh(c * sum);
            sumU += u;
            double g = ds * w * (1 - u * u);                                           // g_f = ds w (1 − u²)
            grads[0] += g * sum;                                                       // dc += g_f (x_if + x_jf)
            dx[p + f] += c * g;                                                        // dx_if += c g_f
            dx[q + f] += c * g;                                                        // dx_jf += c g_f
        }
        grads[1] += ds * sumU;                                                         // dw += ds Σ_f u_ijf
    }

    /** Softmax and weighted sum by {@link SoftmaxAttention#backward}, the scores by {@link #scoreBackward}. */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        requireBuilt();
        double[] grads = new double[2];                                                // {dc, dw}
        Tensor dx = softmax.backward(dy, this::scoreBackward, grads);
        if (scale != null) {
            scale.grad()[0] += (float) grads[0];
        }
        if (concatWeight != null) {
            concatWeight.grad()[0] += (float) grads[1];
        }
        return dx;
    }

    /**
     * The weights a_ij of the last forward pass, (B, T, T): row i holds the weights query step i gives the steps j
     * (summing to 1; zero after i under a causal mask). Null before any forward pass.
     */
    Tensor lastWeights() {
        return softmax == null ? null : softmax.lastWeights();
    }

    @Override
    public String describe() {
        List<String> options = new java.util.ArrayList<>();
        if (spec.useScale()) {
            options.add("use_scale=true");
        }
        if (spec.causal()) {
            options.add("causal=true");
        }
        if (spec.scoreMode() != LayerSpec.Attention.DEFAULT_SCORE_MODE) {
            options.add("score_mode=" + spec.scoreMode().kerasName());
        }
        return String.join(", ", options);
    }
}
