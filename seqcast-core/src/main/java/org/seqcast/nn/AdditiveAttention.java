package org.seqcast.nn;

import java.util.List;
import java.util.Objects;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Additive (Bahdanau) self-attention, Keras's {@code AdditiveAttention()([x, x])} (spec and equations:
 * {@link LayerSpec.AdditiveAttention}): (T, B, F) → (T, B, F), every step a softmax-weighted mean of the steps it
 * attends to, scored by s_ij = Σ_f c_f tanh(x_if + x_jf). Parameter {@code scale} (F) with {@code use_scale},
 * Glorot-uniform as Keras's. Scores and their sums run in double, sample by sample on the calling thread, so results
 * do not depend on the thread count.
 */
public final class AdditiveAttention extends Layer {
    private final LayerSpec.AdditiveAttention spec;
    private int F;
    private Parameter scale;
    /** The softmax over the scores and the weighted sum, with the last forward's input and weights. */
    private SoftmaxAttention softmax;

    /** A layer of this spec. */
    public AdditiveAttention(LayerSpec.AdditiveAttention spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** Scaled, non-causal additive self-attention (Keras's defaults). */
    public AdditiveAttention() {
        this(new LayerSpec.AdditiveAttention());
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.ADDITIVE_ATTENTION.className();
    }

    @Override
    public AdditiveAttention inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerSpec.AdditiveAttention spec() {
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
        softmax = new SoftmaxAttention("AdditiveAttention", spec.causal(), F);
        if (spec.useScale()) {
            scale = new Parameter(LayerSpec.AdditiveAttention.SCALE, 0f, F);
            Initializers.glorotUniform(scale.value(), F, F, rng);              // Keras: glorot_uniform on shape (F)
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        return scale == null ? List.of() : List.of(scale);
    }

    /** c_f: the scale, or 1. */
    private double c(int f) {
        return scale == null ? 1 : scale.value()[f];
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        return softmax.forward(input, this::score);                                   // y_i = Σ_j softmax_j(s_ij) x_j
    }

    /** s_ij = Σ_f c_f tanh(x_if + x_jf), with x_i at offset p of x and x_j at q. */
    private double score(float[] x, int p, int q) {
        double s = 0;
        for (int f = 0; f < F; f++) {
            s += c(f) * Math.tanh((double) x[p + f] + x[q + f]);                       // c_f u_ijf
        }
        return s;
    }

    /**
     * Given ds_ij, adds dc to {@code dc} and the query's (at p) and key's (at q) parts of dx:
     * <pre>
     *   u_f = tanh(x_if + x_jf)      dc_f += ds u_f      g_f = ds c_f (1 − u_f²)      dx_if += g_f      dx_jf += g_f
     * </pre>
     */
    private void scoreBackward(float[] x, int p, int q, double ds, double[] dx, double[] dc) {
        for (int f = 0; f < F; f++) {
            double u = Math.tanh((double) x[p + f] + x[q + f]);
            dc[f] += ds * u;                                                           // dc_f += ds u_f
            double g = ds * c(f) * (1 - u * u);                                        // g_f = ds c_f (1 − u_f²)
            dx[p + f] += g;                                                            // dx_if += g_f
            dx[q + f] += g;                                                            // dx_jf += g_f
        }
    }

    /** Softmax and weighted sum by {@link SoftmaxAttention#backward}, the scores by {@link #scoreBackward}. */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        requireBuilt();
        double[] dc = new double[F];
        Tensor dx = softmax.backward(dy, this::scoreBackward, dc);
        if (scale != null) {
            float[] g = scale.grad();
            for (int f = 0; f < F; f++) {
                g[f] += (float) dc[f];
            }
        }
        return dx;
    }

    @Override
    public String describe() {
        List<String> options = new java.util.ArrayList<>();
        if (!spec.useScale()) {
            options.add("use_scale=false");
        }
        if (spec.causal()) {
            options.add("causal=true");
        }
        return String.join(", ", options);
    }
}
