package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Tensor;

/**
 * The state a recurrent layer carries from one time step to the next: h (B, H), and for an LSTM also the
 * cell state c (B, H). Used as an initial state, returned as a final state, and advanced in place by the
 * step-wise API ({@link Recurrent#step}).
 */
public final class RecurrentState {
    private final Tensor h;
    private final Tensor c;

    /**
     * @param h hidden state (B, H)
     * @param c cell state (B, H) for an LSTM, null otherwise
     */
    public RecurrentState(Tensor h, Tensor c) {
        if (h == null || h.rank() != 2) {
            throw new IllegalArgumentException("hidden state must be a (batch, units) tensor; got "
                    + (h == null ? "null" : Arrays.toString(h.shape())));
        }
        if (c != null && !Arrays.equals(c.shape(), h.shape())) {
            throw new IllegalArgumentException("cell state shape " + Arrays.toString(c.shape())
                    + " differs from hidden state shape " + Arrays.toString(h.shape()));
        }
        this.h = h;
        this.c = c;
    }

    /** Hidden state h (B, H); a live view. */
    public Tensor h() {
        return h;
    }

    /** Cell state c (B, H) of an LSTM, or null. */
    public Tensor c() {
        return c;
    }

    public int batchSize() {
        return h.dim(0);
    }

    /** An independent copy. */
    public RecurrentState copy() {
        return new RecurrentState(h.copy(), c == null ? null : c.copy());
    }
}
