package org.seqcast.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Batch normalization over the feature axis, Keras's {@code BatchNormalization(axis=-1)} (spec, equations and how
 * PyTorch's update differs: {@link LayerSpec.BatchNormalization}): a training forward pass normalizes every feature by
 * its mean and biased variance over all rows (samples, and steps of a sequence) and moves the moving statistics
 * towards them; any other pass normalizes by the moving statistics. Parameters {@code weight} = γ and {@code bias}
 * = β (each when enabled), buffers {@code running_mean} and {@code running_var} ({@link Parameter#buffer}: saved with
 * the parameters, never touched by optimizers). Statistics are summed in double, row by row in order on the calling
 * thread, so results and the moving statistics have the same bits for any thread count.
 */
public final class BatchNormalization extends Layer {
    private final LayerSpec.BatchNormalization spec;
    private int F;
    private Parameter gamma;
    private Parameter beta;
    private Parameter movingMean;
    private Parameter movingVar;
    /** x̂ (N, F), 1/√(var + ε) per feature, whether batch statistics were used, and the shape of the last forward. */
    private float[] xHat;
    private double[] invStd;
    private boolean batchStatistics;
    private int[] lastShape;

    /** A layer of this spec. */
    public BatchNormalization(LayerSpec.BatchNormalization spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** With Keras's defaults (momentum 0.99, epsilon 1e-3, center and scale). */
    public BatchNormalization() {
        this(new LayerSpec.BatchNormalization());
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.BATCH_NORMALIZATION.className();
    }

    @Override
    public BatchNormalization inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerSpec.BatchNormalization spec() {
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
        F = inShape[inShape.length - 1];
        if (spec.scale()) {
            gamma = new Parameter(LayerSpec.BatchNormalization.WEIGHT, 0f, F);
            Arrays.fill(gamma.value(), 1f);
        }
        if (spec.center()) {
            beta = new Parameter(LayerSpec.BatchNormalization.BIAS, 0f, F);
        }
        movingMean = Parameter.buffer(LayerSpec.BatchNormalization.RUNNING_MEAN, F);
        movingVar = Parameter.buffer(LayerSpec.BatchNormalization.RUNNING_VAR, F);
        Arrays.fill(movingVar.value(), 1f);
        return out;
    }

    /** weight, bias (when enabled), then the buffers running_mean and running_var. */
    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        List<Parameter> out = new ArrayList<>();
        if (gamma != null) {
            out.add(gamma);
        }
        if (beta != null) {
            out.add(beta);
        }
        out.add(movingMean);
        out.add(movingVar);
        return List.copyOf(out);
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        int rank = inputShapeBuilt().length + 1;
        if (input.rank() != rank || input.dim(rank - 1) != F) {
            throw new IllegalArgumentException("BatchNormalization expects input " + (rank == 3
                    ? "(timesteps, batch, " : "(batch, ") + F + "); got " + Arrays.toString(input.shape()));
        }
        float[] x = input.data();
        int N = x.length / F;
        double[] mu = new double[F];
        double[] var = new double[F];
        batchStatistics = ctx.training();
        if (batchStatistics) {
            batchMoments(x, N, mu, var);
            updateMoving(mu, var);
        } else {
            float[] mm = movingMean.value();
            float[] mv = movingVar.value();
            for (int f = 0; f < F; f++) {
                mu[f] = mm[f];
                var[f] = mv[f];
            }
        }
        invStd = new double[F];
        for (int f = 0; f < F; f++) {
            invStd[f] = 1 / Math.sqrt(var[f] + spec.epsilon());                 // r = 1/√(σ² + ε)
        }
        xHat = new float[N * F];
        float[] y = new float[N * F];
        for (int n = 0; n < N; n++) {
            int o = n * F;
            for (int f = 0; f < F; f++) {
                float h = (float) ((x[o + f] - mu[f]) * invStd[f]);            // x̂ = (x − μ) r
                xHat[o + f] = h;
                y[o + f] = (gamma == null ? h : gamma.value()[f] * h) + (beta == null ? 0f : beta.value()[f]); // y = γ x̂ + β
            }
        }
        lastShape = input.shape();
        return Tensor.wrap(y, lastShape);
    }

    /** μ_f = (1/N) Σ_n x_nf and σ²_f = (1/N) Σ_n (x_nf − μ_f)², in double, rows in order. */
    private void batchMoments(float[] x, int N, double[] mu, double[] var) {
        for (int n = 0; n < N; n++) {
            for (int f = 0; f < F; f++) {
                mu[f] += x[n * F + f];
            }
        }
        for (int f = 0; f < F; f++) {
            mu[f] /= N;                                                        // μ = mean over (B, T)
        }
        for (int n = 0; n < N; n++) {
            for (int f = 0; f < F; f++) {
                double c = x[n * F + f] - mu[f];
                var[f] += c * c;
            }
        }
        for (int f = 0; f < F; f++) {
            var[f] /= N;                                                       // σ² biased, as Keras
        }
    }

    /** Keras's update: moving ← m · moving + (1 − m) · batch, for the mean and the biased variance. */
    private void updateMoving(double[] mu, double[] var) {
        double m = spec.momentum();
        float[] mm = movingMean.value();
        float[] mv = movingVar.value();
        for (int f = 0; f < F; f++) {
            mm[f] = (float) (m * mm[f] + (1 - m) * mu[f]);                      // moving_mean ← m · old + (1 − m) μ
            mv[f] = (float) (m * mv[f] + (1 - m) * var[f]);                     // moving_var ← m · old + (1 − m) σ²
        }
        movingMean.markModified();
        movingVar.markModified();
    }

    /**
     * <pre>
     *   dγ += Σ_rows dy ⊙ x̂      dβ += Σ_rows dy      dx̂ = dy ⊙ γ
     *   batch statistics:   dx = r (dx̂ − mean_rows(dx̂) − x̂ mean_rows(dx̂ ⊙ x̂))
     *   moving statistics:  dx = r dx̂
     * </pre>
     */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (xHat == null) {
            throw new IllegalStateException("BatchNormalization: backward called before forward");
        }
        if (!Arrays.equals(dy.shape(), lastShape)) {
            throw new IllegalArgumentException("BatchNormalization backward expects dy of shape "
                    + Arrays.toString(lastShape) + "; got " + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        int N = xHat.length / F;
        double[] dg = new double[F];
        double[] db = new double[F];
        double[] meanD = new double[F];
        double[] meanDX = new double[F];
        for (int n = 0; n < N; n++) {
            int o = n * F;
            for (int f = 0; f < F; f++) {
                dg[f] += (double) d[o + f] * xHat[o + f];                       // dγ += dy ⊙ x̂
                db[f] += d[o + f];                                              // dβ += dy
                double dh = dxHat(d[o + f], f);                                 // dx̂ = dy ⊙ γ
                meanD[f] += dh;
                meanDX[f] += dh * xHat[o + f];
            }
        }
        accumulate(gamma, dg);
        accumulate(beta, db);
        float[] dx = new float[N * F];
        for (int n = 0; n < N; n++) {
            int o = n * F;
            for (int f = 0; f < F; f++) {
                double dh = dxHat(d[o + f], f);
                dx[o + f] = (float) (batchStatistics
                        ? invStd[f] * (dh - meanD[f] / N - xHat[o + f] * meanDX[f] / N)   // dx = r (dx̂ − m − x̂ m')
                        : invStd[f] * dh);                                                 // dx = r dx̂
            }
        }
        return Tensor.wrap(dx, lastShape);
    }

    private double dxHat(float dy, int f) {
        return gamma == null ? dy : (double) dy * gamma.value()[f];
    }

    private static void accumulate(Parameter p, double[] g) {
        if (p == null) {
            return;
        }
        float[] grad = p.grad();
        for (int f = 0; f < g.length; f++) {
            grad[f] += (float) g[f];
        }
    }

    @Override
    public String describe() {
        LayerSpec.BatchNormalization d = new LayerSpec.BatchNormalization();
        List<String> options = new ArrayList<>();
        if (!spec.momentum().equals(d.momentum())) {
            options.add("momentum=" + spec.momentum());
        }
        if (!spec.epsilon().equals(d.epsilon())) {
            options.add("epsilon=" + spec.epsilon());
        }
        if (!spec.center()) {
            options.add("center=false");
        }
        if (!spec.scale()) {
            options.add("scale=false");
        }
        return String.join(", ", options);
    }
}
