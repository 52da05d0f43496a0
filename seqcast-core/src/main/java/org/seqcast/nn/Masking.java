package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Keras's {@code Masking(mask_value)} (spec and semantics: {@link LayerSpec.Masking}): marks the steps whose
 * features all equal the mask value, zeroes them, and hands the mask to the recurrent layers it reaches, which then
 * skip those steps. The one home of how a mask travels through a model is {@link #passedOn}: {@link Sequential} and
 * {@link Graph} call it for every layer when they are built.
 */
public final class Masking extends Layer {
    private final double maskValue;
    /** keep (T, B) of the last forward pass: true where a step has a feature other than the mask value. */
    private boolean[] keep;
    private int lastT;
    private int lastB;
    private int[] lastShape;

    /** With Keras's mask value 0. */
    public Masking() {
        this(0);
    }

    public Masking(double maskValue) {
        this.maskValue = new LayerSpec.Masking(maskValue).maskValue();
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.MASKING.className();
    }

    @Override
    public Masking inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerSpec.Masking spec() {
        return new LayerSpec.Masking(maskValue);
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        try {
            return spec().outputShape(inShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position + ": " + e.getMessage(), e);
        }
    }

    /**
     * keep_t = any_f (x_tf ≠ mask_value), y_t = keep_t · x_t, on (T, B, F), or on one step (B, F) as a
     * {@link Stepper} feeds it.
     */
    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        int F = inputShapeBuilt()[1];
        if ((input.rank() != 3 && input.rank() != 2) || input.dim(input.rank() - 1) != F) {
            throw new IllegalArgumentException("Masking expects input (timesteps, batch, " + F + ") or one step (batch, "
                    + F + "); got " + Arrays.toString(input.shape()));
        }
        float[] x = input.data();
        float value = (float) maskValue;                                          // compared in float, as Keras
        int rows = x.length / F;
        keep = new boolean[rows];
        float[] y = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < F && !keep[r]; f++) {
                keep[r] = x[r * F + f] != value;                                   // keep_t = any_f (x_tf ≠ v)
            }
            if (keep[r]) {
                System.arraycopy(x, r * F, y, r * F, F);                           // y_t = keep_t · x_t
            }
        }
        lastB = input.dim(input.rank() - 2);
        lastT = rows / lastB;
        lastShape = input.shape();
        return Tensor.wrap(y, lastShape);
    }

    /** dx_t = keep_t · dy_t. */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (keep == null) {
            throw new IllegalStateException("Masking: backward called before forward");
        }
        if (!Arrays.equals(dy.shape(), lastShape)) {
            throw new IllegalArgumentException("Masking backward expects dy of shape " + Arrays.toString(lastShape)
                    + "; got " + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        int F = d.length / keep.length;
        float[] dx = new float[d.length];
        for (int r = 0; r < keep.length; r++) {
            if (keep[r]) {
                System.arraycopy(d, r * F, dx, r * F, F);
            }
        }
        return Tensor.wrap(dx, lastShape);
    }

    /**
     * The mask (T, B) of the last forward pass, row t·B + b true where step t of sample b is kept, for a recurrent
     * layer reading T steps of B samples.
     *
     * @throws IllegalStateException when the last forward pass read another number of steps or samples
     */
    boolean[] keep(int T, int B) {
        if (keep == null || lastT != T || lastB != B) {
            throw new IllegalStateException("the recurrent layer reads " + T + " steps of " + B + " samples but the"
                    + " Masking before it last saw " + (keep == null ? "nothing" : lastT + " steps of " + lastB
                    + " samples") + ": run the model, not its layers one by one");
        }
        return keep;
    }

    /**
     * The mask {@code layer} passes on when {@code incoming} reaches it (null: none), connecting a recurrent layer to
     * it, as Keras propagates masks: a Masking starts its own; LSTM, GRU and SimpleRNN skip the masked steps and
     * pass the mask on when they return sequences; Dense and Dropout pass it on unchanged. Any other layer reached by
     * a mask is refused, since Seqcast would run it on every step where Keras's layer would see the mask.
     *
     * @param position how messages name the layer, e.g. "layer 2 (Conv1D)"
     */
    static Masking passedOn(Layer layer, Masking incoming, String position) {
        if (layer instanceof Masking m) {
            return m;
        }
        if (incoming == null) {
            return null;
        }
        if (layer instanceof Recurrent r) {
            r.maskedBy(incoming);
            return r.isReturnSequences() ? incoming : null;
        }
        if (layer instanceof Dense || layer instanceof Dropout) {
            return incoming;
        }
        throw new IllegalArgumentException(position + " is reached by the mask of a Masking layer; Seqcast passes a"
                + " mask only through Dense and Dropout to LSTM, GRU and SimpleRNN layers (which skip the masked"
                + " steps), so " + layer.kind() + " after a Masking is not supported");
    }

    @Override
    public String describe() {
        return maskValue == 0 ? "" : "mask_value=" + maskValue;
    }
}
