package org.seqcast.nn;

import java.util.Arrays;
import java.util.List;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Layer normalization over the feature axis, Keras's {@code LayerNormalization(axis=-1)} and PyTorch's
 * {@code nn.LayerNorm(F)} (spec and equation: {@link LayerSpec.LayerNormalization}): every row of F features,
 * a sample (B, F) or one step of a sequence (T, B, F), is normalized by its own mean and variance. Parameters
 * {@code weight} = γ (F), starting at 1, and {@code bias} = β (F), starting at 0. The row statistics are summed
 * in double on the calling thread, so results do not depend on the thread count.
 */
public final class LayerNormalization extends Layer {
    private final double epsilon;
    private int F;
    private Parameter gamma;
    private Parameter beta;
    /** x̂ (N, F), 1/√(σ² + ε) per row, and the input's shape, of the last forward. */
    private float[] xHat;
    private double[] invStd;
    private int[] lastShape;

    /** With Keras's epsilon. */
    public LayerNormalization() {
        this(LayerSpec.LayerNormalization.DEFAULT_EPSILON);
    }

    /** With ε added to the variance (PyTorch's default is 1e-5). */
    public LayerNormalization(double epsilon) {
        this.epsilon = new LayerSpec.LayerNormalization(epsilon).epsilon();
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.LAYER_NORMALIZATION.className();
    }

    @Override
    public LayerNormalization inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerSpec.LayerNormalization spec() {
        return new LayerSpec.LayerNormalization(epsilon);
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        int[] out;
        try {
            out = spec().outputShape(inShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position + ": " + e.getMessage(), e);
        }
        F = inShape[inShape.length - 1];
        gamma = new Parameter(LayerSpec.LayerNormalization.WEIGHT, 0f, F);
        Arrays.fill(gamma.value(), 1f);
        beta = new Parameter(LayerSpec.LayerNormalization.BIAS, 0f, F);
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        return List.of(gamma, beta);
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        int rank = inputShapeBuilt().length + 1;
        if (input.rank() != rank || input.dim(rank - 1) != F) {
            throw new IllegalArgumentException("LayerNormalization expects input " + (rank == 3
                    ? "(timesteps, batch, " : "(batch, ") + F + "); got " + Arrays.toString(input.shape()));
        }
        float[] x = input.data();
        int N = x.length / F;
        float[] g = gamma.value();
        float[] b = beta.value();
        xHat = new float[N * F];
        invStd = new double[N];
        float[] y = new float[N * F];
        for (int n = 0; n < N; n++) {
            int o = n * F;
            double sum = 0;
            for (int f = 0; f < F; f++) {
                sum += x[o + f];
            }
            double mu = sum / F;                                                // μ = (1/F) Σ_f x_f
            double sq = 0;
            for (int f = 0; f < F; f++) {
                double c = x[o + f] - mu;
                sq += c * c;
            }
            double r = 1 / Math.sqrt(sq / F + epsilon);                         // r = 1/√(σ² + ε)
            invStd[n] = r;
            for (int f = 0; f < F; f++) {
                float h = (float) ((x[o + f] - mu) * r);                        // x̂ = (x − μ) r
                xHat[o + f] = h;
                y[o + f] = g[f] * h + b[f];                                     // y = γ x̂ + β
            }
        }
        lastShape = input.shape();
        return Tensor.wrap(y, lastShape);
    }

    /**
     * <pre>
     *   dγ += Σ_rows dy ⊙ x̂      dβ += Σ_rows dy      dx̂ = dy ⊙ γ
     *   dx = r (dx̂ − mean_f(dx̂) − x̂ mean_f(dx̂ ⊙ x̂))
     * </pre>
     */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (xHat == null) {
            throw new IllegalStateException("LayerNormalization: backward called before forward");
        }
        if (!Arrays.equals(dy.shape(), lastShape)) {
            throw new IllegalArgumentException("LayerNormalization backward expects dy of shape "
                    + Arrays.toString(lastShape) + "; got " + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        float[] g = gamma.value();
        float[] dg = gamma.grad();
        float[] db = beta.grad();
        int N = invStd.length;
        float[] dx = new float[N * F];
        for (int n = 0; n < N; n++) {
            int o = n * F;
            double meanD = 0;
            double meanDX = 0;
            for (int f = 0; f < F; f++) {
                dg[f] += d[o + f] * xHat[o + f];                                // dγ += dy ⊙ x̂
                db[f] += d[o + f];                                              // dβ += dy
                double dh = (double) d[o + f] * g[f];                           // dx̂ = dy ⊙ γ
                meanD += dh;
                meanDX += dh * xHat[o + f];
            }
            meanD /= F;
            meanDX /= F;
            for (int f = 0; f < F; f++) {
                double dh = (double) d[o + f] * g[f];
                dx[o + f] = (float) (invStd[n] * (dh - meanD - xHat[o + f] * meanDX));   // dx = r (dx̂ − m − x̂ m')
            }
        }
        return Tensor.wrap(dx, lastShape);
    }

    @Override
    public String describe() {
        return epsilon == LayerSpec.LayerNormalization.DEFAULT_EPSILON ? "" : "epsilon=" + epsilon;
    }
}
