package org.seqcast.nn;

import java.util.Arrays;
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
    /** The input x (T, B, F), weights a (B, T, T), and T, B of the last forward. */
    private float[] x;
    private double[] a;
    private int lastT;
    private int lastB;

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

    /** The last step j that step i attends to. */
    private int lastKey(int i, int T) {
        return spec.causal() ? i : T - 1;
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        if (input.rank() != 3 || input.dim(2) != F) {
            throw new IllegalArgumentException("AdditiveAttention expects input (timesteps, batch, " + F + "); got "
                    + Arrays.toString(input.shape()));
        }
        int T = input.dim(0);
        int B = input.dim(1);
        x = input.data();
        a = new double[B * T * T];
        float[] y = new float[T * B * F];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < T; i++) {
                int row = (b * T + i) * T;
                int last = lastKey(i, T);
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= last; j++) {
                    a[row + j] = score(i, j, b, B);                                   // s_ij
                    max = Math.max(max, a[row + j]);
                }
                double sum = 0;
                for (int j = 0; j <= last; j++) {
                    a[row + j] = Math.exp(a[row + j] - max);
                    sum += a[row + j];
                }
                for (int j = 0; j <= last; j++) {
                    a[row + j] /= sum;                                                // a_ij = softmax_j(s_ij)
                }
                int yi = (i * B + b) * F;
                for (int f = 0; f < F; f++) {
                    double acc = 0;
                    for (int j = 0; j <= last; j++) {
                        acc += a[row + j] * x[(j * B + b) * F + f];                   // y_i = Σ_j a_ij x_j
                    }
                    y[yi + f] = (float) acc;
                }
            }
        }
        lastT = T;
        lastB = B;
        return Tensor.wrap(y, T, B, F);
    }

    /** s_ij = Σ_f c_f tanh(x_if + x_jf). */
    private double score(int i, int j, int b, int B) {
        int p = (i * B + b) * F;
        int q = (j * B + b) * F;
        double s = 0;
        for (int f = 0; f < F; f++) {
            s += c(f) * Math.tanh((double) x[p + f] + x[q + f]);                       // c_f u_ijf
        }
        return s;
    }

    /**
     * Given ds_ij, adds dc to {@code dc} and the query's and key's parts of dx:
     * <pre>
     *   u_f = tanh(x_if + x_jf)      dc_f += ds u_f      g_f = ds c_f (1 − u_f²)      dx_if += g_f      dx_jf += g_f
     * </pre>
     */
    private void scoreBackward(int i, int j, int b, int B, double ds, double[] dx, double[] dc) {
        int p = (i * B + b) * F;
        int q = (j * B + b) * F;
        for (int f = 0; f < F; f++) {
            double u = Math.tanh((double) x[p + f] + x[q + f]);
            dc[f] += ds * u;                                                           // dc_f += ds u_f
            double g = ds * c(f) * (1 - u * u);                                        // g_f = ds c_f (1 − u_f²)
            dx[p + f] += g;                                                            // dx_if += g_f
            dx[q + f] += g;                                                            // dx_jf += g_f
        }
    }

    /**
     * <pre>
     *   da_ij = dy_i · x_j                  dx_j += Σ_i a_ij dy_i                        (x as the value)
     *   ds_ij = a_ij (da_ij − Σ_k a_ik da_ik)                                          (softmax)
     *   then the scores' gradients by {@link #scoreBackward}                          (x as query and key)
     * </pre>
     */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (a == null) {
            throw new IllegalStateException("AdditiveAttention: backward called before forward");
        }
        int T = lastT;
        int B = lastB;
        if (!Arrays.equals(dy.shape(), new int[] {T, B, F})) {
            throw new IllegalArgumentException("AdditiveAttention backward expects dy of shape " + Arrays.toString(
                    new int[] {T, B, F}) + "; got " + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        double[] dx = new double[T * B * F];
        double[] dc = new double[F];
        double[] da = new double[T];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < T; i++) {
                int row = (b * T + i) * T;
                int last = lastKey(i, T);
                int di = (i * B + b) * F;
                double weighted = 0;
                for (int j = 0; j <= last; j++) {
                    int xj = (j * B + b) * F;
                    double s = 0;
                    for (int f = 0; f < F; f++) {
                        s += (double) d[di + f] * x[xj + f];                          // da_ij = dy_i · x_j
                        dx[xj + f] += a[row + j] * d[di + f];                         // dx_j += a_ij dy_i
                    }
                    da[j] = s;
                    weighted += a[row + j] * s;                                       // Σ_k a_ik da_ik
                }
                for (int j = 0; j <= last; j++) {
                    scoreBackward(i, j, b, B, a[row + j] * (da[j] - weighted), dx, dc);   // ds_ij
                }
            }
        }
        if (scale != null) {
            float[] g = scale.grad();
            for (int f = 0; f < F; f++) {
                g[f] += (float) dc[f];
            }
        }
        float[] out = new float[dx.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = (float) dx[q];
        }
        return Tensor.wrap(out, T, B, F);
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
