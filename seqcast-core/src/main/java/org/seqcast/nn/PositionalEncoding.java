package org.seqcast.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * A positional encoding added to a sequence, (T, B, F) → (T, B, F), y_t = x_t + P_t: the fixed sinusoidal one
 * ({@link LayerSpec.SinusoidalPositionalEncoding}, no parameters) or a learned table
 * ({@link LayerSpec.LearnedPositionalEncoding}, parameter {@code weight} (max_length, F), Glorot-uniform as
 * keras_hub's {@code PositionEmbedding}). Backward: dx = dy, dP_t += Σ_b dy_tb (learned only).
 */
public final class PositionalEncoding extends Layer {
    private final LayerSpec spec;
    private int F;
    private Parameter table;
    private int lastT;
    private int lastB;

    /** The sinusoidal encoding of this spec. */
    public PositionalEncoding(LayerSpec.SinusoidalPositionalEncoding spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** A learned encoding of this spec. */
    public PositionalEncoding(LayerSpec.LearnedPositionalEncoding spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String kind() {
        return spec.kind().className();
    }

    @Override
    public PositionalEncoding inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerSpec spec() {
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
        if (spec instanceof LayerSpec.LearnedPositionalEncoding learned) {
            table = new Parameter(LayerSpec.LearnedPositionalEncoding.WEIGHT, 0f, learned.maxLength(), F);
            Initializers.glorotUniform(table.value(), learned.maxLength(), F, rng);
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        return table == null ? List.of() : List.of(table);
    }

    /** P_tf: the table's entry, or the sinusoid. */
    private double position(int t, int f) {
        if (table != null) {
            return table.value()[t * F + f];
        }
        return ((LayerSpec.SinusoidalPositionalEncoding) spec).value(t, f, F);
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        if (input.rank() != 3 || input.dim(2) != F) {
            throw new IllegalArgumentException(kind() + " expects input (timesteps, batch, " + F + "); got "
                    + Arrays.toString(input.shape()));
        }
        int T = input.dim(0);
        int B = input.dim(1);
        if (spec instanceof LayerSpec.LearnedPositionalEncoding learned) {
            learned.requireLength(T);
        }
        float[] x = input.data();
        float[] y = new float[x.length];
        for (int t = 0; t < T; t++) {
            for (int f = 0; f < F; f++) {
                double p = position(t, f);
                for (int b = 0; b < B; b++) {
                    int at = (t * B + b) * F + f;
                    y[at] = (float) (x[at] + p);                                       // y_t = x_t + P_t
                }
            }
        }
        lastT = T;
        lastB = B;
        return Tensor.wrap(y, T, B, F);
    }

    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (!Arrays.equals(dy.shape(), new int[] {lastT, lastB, F})) {
            throw new IllegalArgumentException(kind() + " backward expects dy of shape "
                    + Arrays.toString(new int[] {lastT, lastB, F}) + "; got " + Arrays.toString(dy.shape()));
        }
        if (table != null) {
            float[] d = dy.data();
            float[] g = table.grad();
            for (int t = 0; t < lastT; t++) {
                for (int f = 0; f < F; f++) {
                    double s = 0;
                    for (int b = 0; b < lastB; b++) {
                        s += d[(t * lastB + b) * F + f];                               // dP_t = Σ_b dy_tb
                    }
                    g[t * F + f] += (float) s;
                }
            }
        }
        return dy.copy();                                                              // dx = dy
    }

    @Override
    public String describe() {
        if (spec instanceof LayerSpec.LearnedPositionalEncoding learned) {
            return "max_length=" + learned.maxLength();
        }
        double lambda = ((LayerSpec.SinusoidalPositionalEncoding) spec).maxWavelength();
        return lambda == LayerSpec.SinusoidalPositionalEncoding.DEFAULT_MAX_WAVELENGTH ? "" : "max_wavelength=" + lambda;
    }
}
