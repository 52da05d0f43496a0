package org.seqcast.nn.kernels;

import java.util.Arrays;

/**
 * One simple (Elman) RNN time step, forward and backward.
 * <pre>
 *   h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)       act = tanh (default), or any {@link Activation}
 * </pre>
 * Shapes (R = rows of this block): a (R, H) holds x_t·W_ihᵀ + b_ih + b_hh on entry; h, hPrev (R, H);
 * weightHhT (H, H) is weight_hhᵀ.
 */
public final class RnnKernels {
    private RnnKernels() {
    }

    /** Forward step. Modified: a (left as the pre-activation), h. */
    public static void stepForward(float[] a, int aOff, float[] hPrev, int hpOff, float[] h, int hOff,
                                   float[] weightHhT, Activation act, int R, int H) {
        MatOps.mulAdd(hPrev, hpOff, H, weightHhT, 0, H, a, aOff, H, R, H, H); // a += h_{t-1}·W_hhᵀ
        System.arraycopy(a, aOff, h, hOff, R * H);
        for (int r = 0; r < R; r++) {                                         // h_t = act(a), one row at a time
            MatOps.activate(act, h, hOff + r * H, H);
        }
    }

    /**
     * Backward step.
     * <pre>
     *   da = dh_t ⊙ act'(a)        (act' from h_t: 1 − h² for tanh, [h > 0] for relu, ...)
     *   dh_{t-1} = da · W_hh
     * </pre>
     * Modified: da, dh (enters as dh_t, leaves as dh_{t-1}).
     */
    public static void stepBackward(float[] da, int daOff, float[] dh, int dhOff, float[] h, int hOff,
                                    float[] weightHh, Activation act, int R, int H) {
        for (int k = 0; k < R * H; k++) {
            da[daOff + k] = dh[dhOff + k] * act.derivativeFromOutput(h[hOff + k]); // da = dh_t ⊙ act'(a)
        }
        Arrays.fill(dh, dhOff, dhOff + R * H, 0f);
        MatOps.mulAdd(da, daOff, H, weightHh, 0, H, dh, dhOff, H, R, H, H);        // dh_{t-1} = da · W_hh
    }
}
