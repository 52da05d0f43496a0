package org.seqcast.nn;

import java.util.Arrays;
import java.util.List;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.kernels.MatOps;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Fully connected layer, Keras's {@code Dense(units, activation)}:
 * <pre>
 *   y = act(x · Wᵀ + b)        x (N, F), W (O, F), b (O), y (N, O)
 * </pre>
 * Parameters as PyTorch's {@code nn.Linear}: {@code weight} (O, F), {@code bias} (O). Glorot-uniform
 * weight, zero bias. On a sequence (T, B, F) it applies to every step, as Keras's Dense does.
 */
public final class Dense extends Layer {
    private final int O;
    private final Activation activation;
    /** As given; the weight holds it rounded to float. */
    private double l2;
    private int F;
    private Parameter weight;
    private Parameter bias;
    private float[] weightT;
    private int weightTVersion;
    private float[] x;
    private float[] y;
    private int[] lastShape;

    /** A linear Dense layer. */
    public Dense(int units) {
        this(units, LayerSpec.Dense.DEFAULT_ACTIVATION);
    }

    public Dense(int units, Activation activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense units must be a positive integer; got " + units);
        }
        this.O = units;
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
    }

    /** With an activation by its Keras name ("linear", "relu", "tanh", "sigmoid"). */
    public Dense(int units, String activation) {
        this(units, Activation.of(activation));
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.DENSE.className();
    }

    /** L2 penalty {@code λ Σ w²} on the weight (Keras's kernel_regularizer). */
    public Dense l2(double lambda) {
        requireNotBuilt();
        this.l2 = checkL2(lambda);
        return this;
    }

    @Override
    public Dense inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    public int units() {
        return O;
    }

    public Activation activation() {
        return activation;
    }

    /** The L2 coefficient as given to {@link #l2(double)}. */
    public double l2() {
        return l2;
    }

    @Override
    public LayerSpec.Dense spec() {
        return new LayerSpec.Dense(O, activation, l2);
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        if (inShape.length < 1 || inShape.length > 2) {
            throw new IllegalArgumentException(position + " expects (features) or (timesteps, features); got "
                    + Arrays.toString(inShape));
        }
        F = inShape[inShape.length - 1];
        weight = new Parameter(LayerSpec.Dense.WEIGHT, (float) l2, O, F);
        bias = new Parameter(LayerSpec.Dense.BIAS, 0f, O);
        Initializers.glorotUniform(weight.value(), F, O, rng);
        int[] out = inShape.clone();
        out[out.length - 1] = O;
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        return List.of(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        if (input.dim(input.rank() - 1) != F || input.rank() < 2 || input.rank() > 3) {
            throw new IllegalArgumentException("Dense expects input (batch, " + F + ") or (timesteps, batch, " + F
                    + "); got " + Arrays.toString(input.shape()));
        }
        int N = input.size() / F;
        x = input.data();
        if (weightT == null || weightTVersion != weight.version()) {
            weightT = weightT == null ? new float[F * O] : weightT;
            MatOps.transpose(weight.value(), 0, O, F, weightT, 0);       // refreshed only when W changed
            weightTVersion = weight.version();
        }
        float[] out = new float[N * O];
        Parallel p = ctx.parallel();
        MatOps.mulAdd(p, x, 0, F, weightT, 0, O, out, 0, O, N, F, O); // x · Wᵀ
        MatOps.addRowVector(out, 0, O, N, O, bias.value());        // + b
        activation.applyRows(out, 0, N, O);                        // y = act(·) (softmax over the O outputs)
        y = out;
        lastShape = input.shape();
        lastShape[lastShape.length - 1] = O;
        return Tensor.wrap(out, lastShape);
    }

    /**
     * <pre>
     *   da = dy ⊙ act'(y)      dW += daᵀ · x      db += Σ da      dx = da · W
     *   (softmax: da_k = y_k (dy_k − Σ_j dy_j y_j) per row, {@link Activation#backwardRows})
     * </pre>
     */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (y == null) {
            throw new IllegalStateException("Dense: backward called before forward");
        }
        if (!Arrays.equals(dy.shape(), lastShape)) {
            throw new IllegalArgumentException("Dense backward expects dy of shape " + Arrays.toString(lastShape)
                    + "; got " + Arrays.toString(dy.shape()));
        }
        int N = y.length / O;
        float[] da = activation.backwardRows(dy.data(), y, O);                          // da = dy ⊙ act'(y)
        Parallel p = ctx.parallel();
        MatOps.mulAddTransA(p, da, 0, O, x, 0, F, weight.grad(), 0, F, O, N, F);        // dW += daᵀ · x
        MatOps.sumRows(p, da, 0, O, N, O, bias.grad());                                 // db += Σ da
        float[] dx = new float[N * F];
        MatOps.mulAdd(p, da, 0, O, weight.value(), 0, F, dx, 0, F, N, O, F);            // dx = da · W
        int[] xShape = lastShape.clone();
        xShape[xShape.length - 1] = F;
        return Tensor.wrap(dx, xShape);
    }

    @Override
    public String describe() {
        return O + (activation == LayerSpec.Dense.DEFAULT_ACTIVATION ? "" : ", activation=" + activation.kerasName())
                + (l2 > 0 ? ", l2=" + (float) l2 : "");
    }
}
