package org.seqcast.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Dot-product self-attention, Keras's {@code Attention()([x, x])} (spec and equations: {@link LayerSpec.Attention}):
 * (T, B, F) → (T, B, F), every step a softmax-weighted mean of the steps it attends to. With {@code use_scale} one
 * parameter, {@code scale} (1), starting at 1. Scores and their sums run in double, sample by sample on the
 * calling thread, so results do not depend on the thread count.
 */
public final class Attention extends Layer {
    private final LayerSpec.Attention spec;
    private int F;
    private Parameter scale;
    /** The input x (T, B, F), raw dot products z (B, T, T), weights a (B, T, T), and T, B of the last forward. */
    private float[] x;
    private double[] z;
    private double[] a;
    private int lastT;
    private int lastB;

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
        if (spec.useScale()) {
            scale = new Parameter(LayerSpec.Attention.SCALE, 0f, 1);
            scale.value()[0] = 1f;
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        return scale == null ? List.of() : List.of(scale);
    }

    /** The scale c: the parameter, or 1. */
    private double c() {
        return scale == null ? 1 : scale.value()[0];
    }

    /** The last step j that step i attends to. */
    private int lastKey(int i, int T) {
        return spec.causal() ? i : T - 1;
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        if (input.rank() != 3 || input.dim(2) != F) {
            throw new IllegalArgumentException("Attention expects input (timesteps, batch, " + F + "); got "
                    + Arrays.toString(input.shape()));
        }
        int T = input.dim(0);
        int B = input.dim(1);
        x = input.data();
        z = new double[B * T * T];
        a = new double[B * T * T];
        float[] y = new float[T * B * F];
        double c = c();
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < T; i++) {
                int row = (b * T + i) * T;
                int last = lastKey(i, T);
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= last; j++) {
                    z[row + j] = dot(i, j, b, B);                                    // z_ij = x_i · x_j
                    max = Math.max(max, c * z[row + j]);                              // s_ij = c z_ij
                }
                double sum = 0;
                for (int j = 0; j <= last; j++) {
                    a[row + j] = Math.exp(c * z[row + j] - max);
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

    private double dot(int i, int j, int b, int B) {
        int p = (i * B + b) * F;
        int q = (j * B + b) * F;
        double s = 0;
        for (int f = 0; f < F; f++) {
            s += (double) x[p + f] * x[q + f];
        }
        return s;
    }

    /**
     * <pre>
     *   da_ij = dy_i · x_j                  dx_j += Σ_i a_ij dy_i                        (x as the value)
     *   ds_ij = a_ij (da_ij − Σ_k a_ik da_ik)                                          (softmax)
     *   dc   += Σ_ij ds_ij z_ij             dx_i += c Σ_j ds_ij x_j,  dx_j += c Σ_i ds_ij x_i   (query, key)
     * </pre>
     */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (a == null) {
            throw new IllegalStateException("Attention: backward called before forward");
        }
        int T = lastT;
        int B = lastB;
        if (!Arrays.equals(dy.shape(), new int[] {T, B, F})) {
            throw new IllegalArgumentException("Attention backward expects dy of shape " + Arrays.toString(
                    new int[] {T, B, F}) + "; got " + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        double[] dx = new double[T * B * F];
        double c = c();
        double dc = 0;
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
                    double ds = a[row + j] * (da[j] - weighted);                      // ds_ij
                    dc += ds * z[row + j];                                            // dc += ds_ij z_ij
                    int xj = (j * B + b) * F;
                    for (int f = 0; f < F; f++) {
                        dx[di + f] += c * ds * x[xj + f];                             // dx_i += c ds_ij x_j
                        dx[xj + f] += c * ds * x[di + f];                             // dx_j += c ds_ij x_i
                    }
                }
            }
        }
        if (scale != null) {
            scale.grad()[0] += (float) dc;
        }
        float[] out = new float[dx.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = (float) dx[q];
        }
        return Tensor.wrap(out, T, B, F);
    }

    @Override
    public String describe() {
        return (spec.useScale() ? "use_scale=true" : "") + (spec.useScale() && spec.causal() ? ", " : "")
                + (spec.causal() ? "causal=true" : "");
    }
}
