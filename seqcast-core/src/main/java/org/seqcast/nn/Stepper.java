package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Tensor;

/**
 * Streams observations through a {@link Sequential} model one time step at a time, carrying each recurrent
 * layer's state between calls. After feeding x_1..x_t, {@link #step} returns what {@link Sequential#predict}
 * returns for the sequence x_1..x_t (for a model whose last recurrent layer returns only its last step).
 * Using a stepper overwrites the model's cached activations; do not interleave it with training.
 */
public final class Stepper {
    private final Sequential model;
    private final int batch;
    private final Context ctx;
    private final RecurrentState[] states;

    Stepper(Sequential model, int batch, Parallel parallel) {
        if (batch <= 0) {
            throw new IllegalArgumentException("stepper batch size must be positive; got " + batch);
        }
        this.model = model;
        this.batch = batch;
        this.ctx = Context.prediction(parallel);
        this.states = new RecurrentState[model.layers().size()];
        refuseWholeSequenceLayers(model);
        reset();
    }

    /**
     * Bidirectional and RepeatVector need the whole sequence; convolutions, poolings, Flatten, Attention and AdditiveAttention read a
     * window of steps or the whole sequence: none of them can run one step at a time.
     */
    private static void refuseWholeSequenceLayers(Sequential model) {
        for (int k = 0; k < model.layers().size(); k++) {
            Layer l = model.layers().get(k);
            if (l instanceof Bidirectional) {
                throw new IllegalArgumentException("layer " + k + " (Bidirectional) reads the whole sequence backwards"
                        + " too, so it cannot run one step at a time; use predict on the whole sequence");
            }
            if (l instanceof RepeatVector) {
                throw new IllegalArgumentException("layer " + k + " (RepeatVector) starts a new sequence from the whole"
                        + " input's summary, so it cannot run one input step at a time; use predict on the whole sequence");
            }
            if (l instanceof Conv1D || l instanceof Pooling1D || l instanceof GlobalAveragePooling1D || l instanceof Attention
                    || l instanceof AdditiveAttention || (l instanceof Flatten && l.inputShapeBuilt().length == 2)) {
                throw new IllegalArgumentException("layer " + k + " (" + l.kind() + ") reads several time steps at"
                        + " once, so the model cannot be streamed one step at a time; use predict on whole windows");
            }
            if (l instanceof MultiHeadAttention || l instanceof PositionalEncoding) {
                throw new IllegalArgumentException("layer " + k + " (" + l.kind() + ") reads every step's position in"
                        + " the whole sequence, so the model cannot be streamed one step at a time; use predict on"
                        + " whole windows");
            }
        }
    }

    /** Back to zero states. */
    public void reset() {
        for (int k = 0; k < states.length; k++) {
            if (model.layers().get(k) instanceof Recurrent r) {
                states[k] = r.zeroState(batch);
            }
        }
    }

    /** The live state of layer {@code index} (a recurrent layer). */
    public RecurrentState state(int index) {
        if (states[index] == null) {
            throw new IllegalArgumentException("layer " + index + " (" + model.layers().get(index).kind()
                    + ") is not recurrent and has no state");
        }
        return states[index];
    }

    /** Replaces the state of recurrent layer {@code index} with a copy of {@code state}. */
    public void setState(int index, RecurrentState state) {
        RecurrentState own = state(index);
        if (!Arrays.equals(own.h().shape(), state.h().shape()) || (own.c() == null) != (state.c() == null)) {
            throw new IllegalArgumentException("state for layer " + index + " must be (" + batch + ", "
                    + own.h().dim(1) + ")" + (own.c() == null ? "" : " for h and c") + "; got h "
                    + Arrays.toString(state.h().shape()));
        }
        states[index] = state.copy();
    }

    /** Feeds one observation per series, x_t (B, I), and returns the model's output (B, O). */
    public Tensor step(Tensor xt) {
        int[] in = model.inputShape();
        if (xt.rank() != 2 || xt.dim(0) != batch || xt.dim(1) != in[in.length - 1]) {
            throw new IllegalArgumentException("step expects x_t of shape (" + batch + ", " + in[in.length - 1]
                    + "); got " + Arrays.toString(xt.shape()));
        }
        xt.requireFinite("x_t");
        Tensor a = xt;
        for (int k = 0; k < states.length; k++) {
            Layer l = model.layers().get(k);
            a = l instanceof Recurrent r ? r.step(a, states[k], ctx) : l.forward(a, ctx);
        }
        return a;
    }
}
