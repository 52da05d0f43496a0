package org.seqcast.nn;

import java.util.Arrays;
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
    /** The input x (T, B, F), weights a (B, T, T), and T, B of the last forward. */
    private float[] x;
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

    /** s_ij: dot c · x_i · x_j, or concat w · Σ_f tanh(c (x_if + x_jf)). */
    private double score(int i, int j, int b, int B) {
        int p = (i * B + b) * F;
        int q = (j * B + b) * F;
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
     * Given ds_ij, adds dc and dw to {@code grads} ({dc, dw}) and the query's and key's parts of dx:
     * <pre>
     *   dot:     dc += ds z_ij            dx_i += c ds x_j          dx_j += c ds x_i
     *   concat:  dw += ds Σ_f u_ijf       g_f = ds w (1 − u_ijf²)   dc += Σ_f g_f (x_if + x_jf)   dx_if, dx_jf += c g_f
     * </pre>
     */
    private void scoreBackward(int i, int j, int b, int B, double ds, double[] dx, double[] grads) {
        int p = (i * B + b) * F;
        int q = (j * B + b) * F;
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
        double[] grads = new double[2];                                                // {dc, dw}
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
                    scoreBackward(i, j, b, B, a[row + j] * (da[j] - weighted), dx, grads);   // ds_ij
                }
            }
        }
        if (scale != null) {
            scale.grad()[0] += (float) grads[0];
        }
        if (concatWeight != null) {
            concatWeight.grad()[0] += (float) grads[1];
        }
        float[] out = new float[dx.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = (float) dx[q];
        }
        return Tensor.wrap(out, T, B, F);
    }

    /**
     * The weights a_ij of the last forward pass, (B, T, T): row i holds the weights query step i gives the steps j
     * (summing to 1; zero after i under a causal mask). Null before any forward pass.
     */
    Tensor lastWeights() {
        if (a == null) {
            return null;
        }
        float[] out = new float[a.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) a[k];
        }
        return Tensor.wrap(out, lastB, lastT, lastT);
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
