package org.seqcast.nn.kernels;

import static org.seqcast.nn.kernels.Gates.LSTM_F;
import static org.seqcast.nn.kernels.Gates.LSTM_G;
import static org.seqcast.nn.kernels.Gates.LSTM_I;
import static org.seqcast.nn.kernels.Gates.LSTM_O;

/**
 * One LSTM time step, forward and backward, for a block of batch rows. Gate order i, f, g, o (PyTorch).
 * <pre>
 *   i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)
 *   f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
 *   g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)      (C̃_t in Olah's notation)
 *   o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
 *   h_t = o_t ⊙ tanh(c_t)
 * </pre>
 * The textbook form f_t = σ(W_f·[h_{t-1}, x_t] + b_f) is the same equation with W_f = [W_hf | W_if]
 * (columns side by side) and b_f = b_if + b_hf; likewise for i, g (W_c) and o.
 *
 * <p><b>Activations.</b> σ and tanh above are the defaults (PyTorch's only choice). As in Keras, the gate
 * activation {@code gateAct} (Keras's {@code recurrent_activation}) replaces σ in i, f and o, and the cell
 * activation {@code cellAct} (Keras's {@code activation}) replaces tanh in g_t and in h_t = o_t ⊙ act(c_t).
 * The overloads without them use σ and tanh.
 *
 * <p>Shapes (R = rows of this block, G = 4H): gates (R, 4H); hPrev, cPrev, h, c, tanhC (R, H), where tanhC
 * holds act(c_t); weightHhT (H, 4H), the transpose of weight_hh (4H, H). The input half of the pre-activations
 * and both biases, x_t·W_ihᵀ + b_ih + b_hh, are computed for all time steps by one GEMM before the time loop
 * and are already in {@code gates} on entry.
 */
public final class LstmKernels {
    private LstmKernels() {
    }

    /** Forward step with σ gates and tanh cell activation; see the overload with activations. */
    public static void stepForward(float[] gates, int gOff,
                                   float[] hPrev, int hpOff, float[] cPrev, int cpOff,
                                   float[] h, int hOff, float[] c, int cOff, float[] tanhC, int tcOff,
                                   float[] weightHhT, int R, int H) {
        stepForward(gates, gOff, hPrev, hpOff, cPrev, cpOff, h, hOff, c, cOff, tanhC, tcOff, weightHhT,
                Activation.SIGMOID, Activation.TANH, R, H);
    }

    /**
     * Forward step. On entry {@code gates} holds x_t·W_ihᵀ + b_ih + b_hh; on return it holds the activated
     * gates i, f, g, o, which {@link #stepBackward} needs.
     * Modified: gates, h, c, tanhC. Not modified: hPrev, cPrev, weightHhT.
     */
    public static void stepForward(float[] gates, int gOff,
                                   float[] hPrev, int hpOff, float[] cPrev, int cpOff,
                                   float[] h, int hOff, float[] c, int cOff, float[] tanhC, int tcOff,
                                   float[] weightHhT, Activation gateAct, Activation cellAct, int R, int H) {
        int G = 4 * H;
        MatOps.mulAdd(hPrev, hpOff, H, weightHhT, 0, G, gates, gOff, G, R, H, G); // z += h_{t-1}·W_hhᵀ  (R, 4H)
        for (int r = 0; r < R; r++) {
            int z = gOff + r * G;
            int s = r * H;
            MatOps.activate(gateAct, gates, z + LSTM_I * H, H); // i_t = σ(z_i)
            MatOps.activate(gateAct, gates, z + LSTM_F * H, H); // f_t = σ(z_f)
            MatOps.activate(cellAct, gates, z + LSTM_G * H, H); // g_t = tanh(z_g)
            MatOps.activate(gateAct, gates, z + LSTM_O * H, H); // o_t = σ(z_o)
            for (int j = 0; j < H; j++) {
                float ct = gates[z + LSTM_F * H + j] * cPrev[cpOff + s + j]
                        + gates[z + LSTM_I * H + j] * gates[z + LSTM_G * H + j]; // c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
                c[cOff + s + j] = ct;
                tanhC[tcOff + s + j] = ct;
            }
            MatOps.activate(cellAct, tanhC, tcOff + s, H);      // tanh(c_t)
            for (int j = 0; j < H; j++) {
                h[hOff + s + j] = gates[z + LSTM_O * H + j] * tanhC[tcOff + s + j]; // h_t = o_t ⊙ tanh(c_t)
            }
        }
    }

    /** Backward step with σ gates and tanh cell activation; see the overload with activations. */
    public static void stepBackward(float[] dz, int dzOff, float[] dh, int dhOff, float[] dc, int dcOff,
                                    float[] gates, int gOff, float[] cPrev, int cpOff, float[] tanhC, int tcOff,
                                    float[] weightHh, int R, int H) {
        stepBackward(dz, dzOff, dh, dhOff, dc, dcOff, gates, gOff, cPrev, cpOff, tanhC, tcOff, weightHh,
                Activation.SIGMOID, Activation.TANH, R, H);
    }

    /**
     * Backward step, the forward step in reverse.
     * <pre>
     *   given dh_t (from the output and from step t+1) and dc_t (from step t+1):
     *   dc_t    += dh_t ⊙ o_t ⊙ (1 − tanh²(c_t))        (h_t = o_t ⊙ tanh(c_t))
     *   do_t     = dh_t ⊙ tanh(c_t)
     *   di_t     = dc_t ⊙ g_t    df_t = dc_t ⊙ c_{t-1}    dg_t = dc_t ⊙ i_t
     *   dc_{t-1} = dc_t ⊙ f_t                            (c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t)
     *   dz_i = di_t ⊙ i_t(1 − i_t)   dz_f = df_t ⊙ f_t(1 − f_t)
     *   dz_g = dg_t ⊙ (1 − g_t²)     dz_o = do_t ⊙ o_t(1 − o_t)
     *   dh_{t-1} = dz · W_hh
     * </pre>
     * With other activations, σ'(·) and tanh'(·) above become gateAct' and cellAct', taken from the outputs
     * ({@link Activation#backward}).
     * {@code dh} and {@code dc} enter as dh_t, dc_t and leave as dh_{t-1}, dc_{t-1} (the recurrent part
     * only: the caller adds the output gradient of step t-1). {@code dz} (R, 4H) receives the
     * pre-activation gradients, from which the caller forms dW_ih, dW_hh, db and dx for all steps at once.
     * Modified: dz, dh, dc. Not modified: gates, cPrev, tanhC, weightHh.
     */
    public static void stepBackward(float[] dz, int dzOff, float[] dh, int dhOff, float[] dc, int dcOff,
                                    float[] gates, int gOff, float[] cPrev, int cpOff, float[] tanhC, int tcOff,
                                    float[] weightHh, Activation gateAct, Activation cellAct, int R, int H) {
        int G = 4 * H;
        if (gateAct == Activation.SIGMOID && cellAct == Activation.TANH) {
            MatOps.kernels().lstmBackwardPointwise(dz, dzOff, dh, dhOff, dc, dcOff, gates, gOff, cPrev, cpOff,
                    tanhC, tcOff, R, H);
        } else {
            pointwiseBackward(dz, dzOff, dh, dhOff, dc, dcOff, gates, gOff, cPrev, cpOff, tanhC, tcOff, gateAct, cellAct,
                    R, H);
        }
        java.util.Arrays.fill(dh, dhOff, dhOff + R * H, 0f);
        MatOps.mulAdd(dz, dzOff, G, weightHh, 0, H, dh, dhOff, H, R, G, H);    // dh_{t-1} = dz · W_hh
    }

    /**
     * The point-wise part of {@link #stepBackward}. σ and tanh are written out behind one loop-invariant test (C2
     * unswitches the loop and vectorises the σ/tanh copy; a per-element activation call would stop that). With σ
     * and tanh this is the reference {@link Kernels#lstmBackwardPointwise} is tested against ({@link ScalarKernels}
     * runs it as it is; the vector kernels do the same operations in the same order, so they give the same bits).
     */
    static void pointwiseBackward(float[] dz, int dzOff, float[] dh, int dhOff, float[] dc, int dcOff,
                                          float[] gates, int gOff, float[] cPrev, int cpOff, float[] tanhC, int tcOff,
                                          Activation gateAct, Activation cellAct, int R, int H) {
        int G = 4 * H;
        boolean std = gateAct == Activation.SIGMOID && cellAct == Activation.TANH;
        for (int r = 0; r < R; r++) {
            int z = gOff + r * G;
            int d = dzOff + r * G;
            int s = r * H;
            for (int j = 0; j < H; j++) {
                float it = gates[z + LSTM_I * H + j];
                float ft = gates[z + LSTM_F * H + j];
                float gt = gates[z + LSTM_G * H + j];
                float ot = gates[z + LSTM_O * H + j];
                float tc = tanhC[tcOff + s + j];
                float dht = dh[dhOff + s + j];
                float dct = dc[dcOff + s + j] + (std ? dht * ot * (1f - tc * tc) : cellAct.backward(dht * ot, tc)); // dc_t += dh_t ⊙ o_t ⊙ (1 − tanh²(c_t))
                float dot = dht * tc;                                      // do_t = dh_t ⊙ tanh(c_t)
                float dit = dct * gt;                                      // di_t = dc_t ⊙ g_t
                float dft = dct * cPrev[cpOff + s + j];                    // df_t = dc_t ⊙ c_{t-1}
                float dgt = dct * it;                                      // dg_t = dc_t ⊙ i_t
                dc[dcOff + s + j] = dct * ft;                              // dc_{t-1} = dc_t ⊙ f_t
                dz[d + LSTM_I * H + j] = std ? dit * it * (1f - it) : gateAct.backward(dit, it); // dz_i = di_t ⊙ i_t(1 − i_t)
                dz[d + LSTM_F * H + j] = std ? dft * ft * (1f - ft) : gateAct.backward(dft, ft); // dz_f = df_t ⊙ f_t(1 − f_t)
                dz[d + LSTM_G * H + j] = std ? dgt * (1f - gt * gt) : cellAct.backward(dgt, gt); // dz_g = dg_t ⊙ (1 − g_t²)
                dz[d + LSTM_O * H + j] = std ? dot * ot * (1f - ot) : gateAct.backward(dot, ot); // dz_o = do_t ⊙ o_t(1 − o_t)
            }
        }
    }
}
