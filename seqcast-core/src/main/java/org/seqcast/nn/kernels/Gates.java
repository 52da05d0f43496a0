package org.seqcast.nn.kernels;

/**
 * The one home of gate order. Weights are stored in PyTorch's layout: {@code weight_ih_l0} is (G·H, I)
 * and {@code weight_hh_l0} is (G·H, H), and rows {@code [k·H, (k+1)·H)} belong to gate k below.
 *
 * <ul>
 *   <li>LSTM: i (input), f (forget), g (cell candidate, Keras's "c"), o (output). Keras orders its kernel
 *       columns i, f, c, o (the same order, transposed); ONNX orders them i, o, f, c.</li>
 *   <li>GRU: r (reset), z (update), n (new / candidate). Keras orders its kernel columns z, r, h; ONNX z, r, h.
 *       The update gate is stored in PyTorch's and Keras's convention, h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1};
 *       see {@link GruKernels} for the mapping to the textbook convention.</li>
 *   <li>SimpleRNN: one gate.</li>
 * </ul>
 */
public final class Gates {
    /** LSTM gate blocks, PyTorch order. */
    public static final int LSTM_I = 0;
    public static final int LSTM_F = 1;
    public static final int LSTM_G = 2;
    public static final int LSTM_O = 3;
    /** Number of LSTM gates. */
    public static final int LSTM_GATES = 4;

    /** GRU gate blocks, PyTorch order. */
    public static final int GRU_R = 0;
    public static final int GRU_Z = 1;
    public static final int GRU_N = 2;
    /** Number of GRU gates. */
    public static final int GRU_GATES = 3;

    /** Number of SimpleRNN gates. */
    public static final int RNN_GATES = 1;

    private Gates() {
    }
}
