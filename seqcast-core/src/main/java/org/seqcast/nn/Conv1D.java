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
 * One-dimensional convolution over time, Keras's {@code Conv1D} (spec and equations: {@link LayerSpec.Conv1d}):
 * (T, B, I) → (T', B, O), time-major like every sequence between layers. Parameters as PyTorch's
 * {@code nn.Conv1d}: {@code weight} (O, I, k), {@code bias} (O) (none without bias). Glorot-uniform weight on
 * Keras's fans (k·I, k·O), zero bias.
 *
 * <p>The convolution is one product: the taps of every output step are gathered into a matrix
 * {@code X̂} (T'·B, I·k) with X̂[(t', b), i·k + j] = x[t'·s − before + j·d, b, i] (zero outside the sequence), so
 * that y = act(X̂ · Wᵀ + b) with W read as (O, I·k), exactly its row-major layout. Backward scatters
 * dX̂ = da · W back onto x in a fixed order on the calling thread, so results do not depend on the thread count.
 */
public final class Conv1D extends Layer {
    private final LayerSpec.Conv1d spec;
    private final int O;
    private final int k;
    private int I;
    private Parameter weight;
    private Parameter bias;
    private float[] weightT;
    private int weightTVersion;
    /** The gathered taps X̂ (T'·B, I·k), the output y (T'·B, O), and the input's T and B of the last forward. */
    private float[] taps;
    private float[] y;
    private int lastT;
    private int lastB;

    /** A layer of this spec. */
    public Conv1D(LayerSpec.Conv1d spec) {
        this.spec = java.util.Objects.requireNonNull(spec, "spec");
        this.O = spec.filters();
        this.k = spec.kernelSize();
    }

    /** A linear, valid, unit-stride convolution of {@code filters} outputs and kernel size {@code kernelSize}. */
    public Conv1D(int filters, int kernelSize) {
        this(new LayerSpec.Conv1d(filters, kernelSize));
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.CONV1D.className();
    }

    @Override
    public Conv1D inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerSpec.Conv1d spec() {
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
        I = inShape[1];
        weight = new Parameter(LayerSpec.Conv1d.WEIGHT, (float) spec.l2(), O, I, k);
        Initializers.glorotUniform(weight.value(), k * I, k * O, rng);
        bias = spec.useBias() ? new Parameter(LayerSpec.Conv1d.BIAS, 0f, O) : null;
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        if (input.rank() != 3 || input.dim(2) != I) {
            throw new IllegalArgumentException("Conv1D expects input (timesteps, batch, " + I + "); got "
                    + Arrays.toString(input.shape()));
        }
        int T = input.dim(0);
        int B = input.dim(1);
        int span = spec.span();
        int s = spec.strides();
        int tOut = spec.padding().outputLength(T, span, s);
        if (tOut < 1) {
            throw new IllegalArgumentException("Conv1D with a window of " + span + " steps and "
                    + spec.padding().kerasName() + " padding needs at least " + span + " timesteps; got " + T);
        }
        int ik = I * k;
        int N = tOut * B;
        taps = gather(input.data(), T, B, tOut);                                    // X̂ (T'·B, I·k)
        if (weightT == null || weightTVersion != weight.version()) {
            weightT = weightT == null ? new float[ik * O] : weightT;
            MatOps.transpose(weight.value(), 0, O, ik, weightT, 0);                  // Wᵀ (I·k, O), refreshed when W changed
            weightTVersion = weight.version();
        }
        float[] out = new float[N * O];
        Parallel p = ctx.parallel();
        MatOps.mulAdd(p, taps, 0, ik, weightT, 0, O, out, 0, O, N, ik, O);        // X̂ · Wᵀ
        if (bias != null) {
            MatOps.addRowVector(out, 0, O, N, O, bias.value());                    // + b
        }
        spec.activation().applyRows(out, 0, N, O);                                  // y = act(·) (softmax over O)
        y = out;
        lastT = T;
        lastB = B;
        return Tensor.wrap(out, tOut, B, O);
    }

    /**
     * <pre>
     *   da = dy ⊙ act'(y)      dW += daᵀ · X̂      db += Σ da      dX̂ = da · W      dx[t, b, i] += dX̂[(t', b), i·k + j]
     * </pre>
     */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (y == null) {
            throw new IllegalStateException("Conv1D: backward called before forward");
        }
        int N = y.length / O;
        int tOut = N / lastB;
        if (!Arrays.equals(dy.shape(), new int[] {tOut, lastB, O})) {
            throw new IllegalArgumentException("Conv1D backward expects dy of shape " + Arrays.toString(
                    new int[] {tOut, lastB, O}) + "; got " + Arrays.toString(dy.shape()));
        }
        int ik = I * k;
        Activation act = spec.activation();
        float[] da = act.backwardRows(dy.data(), y, O);                                     // da = dy ⊙ act'(y)
        Parallel p = ctx.parallel();
        MatOps.mulAddTransA(p, da, 0, O, taps, 0, ik, weight.grad(), 0, ik, O, N, ik);     // dW += daᵀ · X̂
        if (bias != null) {
            MatOps.sumRows(p, da, 0, O, N, O, bias.grad());                                 // db += Σ da
        }
        float[] dTaps = new float[N * ik];
        MatOps.mulAdd(p, da, 0, O, weight.value(), 0, ik, dTaps, 0, ik, N, O, ik);        // dX̂ = da · W
        return Tensor.wrap(scatter(dTaps, lastT, lastB, tOut), lastT, lastB, I);           // dx = Σ over the taps
    }

    /** X̂[(t', b), i·k + j] = x[t'·s − before + j·d, b, i], zero where that step is outside 0..T−1. */
    private float[] gather(float[] x, int T, int B, int tOut) {
        int ik = I * k;
        float[] out = new float[tOut * B * ik];
        int before = spec.padding().before(T, spec.span(), spec.strides());
        for (int to = 0; to < tOut; to++) {
            for (int j = 0; j < k; j++) {
                int t = to * spec.strides() - before + j * spec.dilationRate();
                if (t < 0 || t >= T) {
                    continue;
                }
                for (int b = 0; b < B; b++) {
                    int src = (t * B + b) * I;
                    int dst = (to * B + b) * ik + j;
                    for (int i = 0; i < I; i++) {
                        out[dst + i * k] = x[src + i];
                    }
                }
            }
        }
        return out;
    }

    /** dx[t, b, i] = Σ over (t', j) with t = t'·s − before + j·d of dX̂[(t', b), i·k + j], summed in (t', j) order. */
    private float[] scatter(float[] dTaps, int T, int B, int tOut) {
        int ik = I * k;
        float[] dx = new float[T * B * I];
        int before = spec.padding().before(T, spec.span(), spec.strides());
        for (int to = 0; to < tOut; to++) {
            for (int j = 0; j < k; j++) {
                int t = to * spec.strides() - before + j * spec.dilationRate();
                if (t < 0 || t >= T) {
                    continue;
                }
                for (int b = 0; b < B; b++) {
                    int dst = (t * B + b) * I;
                    int src = (to * B + b) * ik + j;
                    for (int i = 0; i < I; i++) {
                        dx[dst + i] += dTaps[src + i * k];
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public String describe() {
        LayerSpec.Conv1d d = new LayerSpec.Conv1d(O, k);
        return O + ", " + k
                + (spec.strides().equals(d.strides()) ? "" : ", strides=" + spec.strides())
                + (spec.padding() == d.padding() ? "" : ", padding=" + spec.padding().kerasName())
                + (spec.dilationRate().equals(d.dilationRate()) ? "" : ", dilation_rate=" + spec.dilationRate())
                + (spec.activation() == d.activation() ? "" : ", activation=" + spec.activation().kerasName())
                + (spec.useBias() ? "" : ", use_bias=false")
                + (spec.l2() > 0 ? ", l2=" + (float) spec.l2() : "");
    }
}
