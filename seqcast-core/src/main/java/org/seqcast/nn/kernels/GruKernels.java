package org.seqcast.nn.kernels;

import static org.seqcast.nn.kernels.Gates.GRU_N;
import static org.seqcast.nn.kernels.Gates.GRU_R;
import static org.seqcast.nn.kernels.Gates.GRU_Z;

import java.util.Arrays;

/**
 * One GRU time step, forward and backward, in both reset conventions. Gate order r, z, n (PyTorch).
 * <pre>
 *   r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
 *   z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 *   reset after  (PyTorch, cuDNN, Keras reset_after=True, ONNX linear_before_reset=1):
 *     n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))
 *   reset before (Cho et al. 2014, Keras reset_after=False, ONNX linear_before_reset=0):
 *     n_t = tanh(W_in x_t + b_in + W_hn (r_t ⊙ h_{t-1}) + b_hn)
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
 * </pre>
 * <b>Update-gate convention.</b> We store z as PyTorch and Keras do: z_t keeps the old state. The textbook
 * writes h_t = (1 − z'_t) ⊙ h_{t-1} + z'_t ⊙ h̃_t, where z'_t lets the new state in. The two are the same
 * model with z' = 1 − z; since 1 − σ(a) = σ(−a), textbook weights convert to ours by negating the z rows
 * of weight_ih, weight_hh, bias_ih and bias_hh, and back the same way. The reset gate and n = h̃ agree.
 *
 * <p><b>Activations.</b> σ and tanh above are the defaults (PyTorch's only choice). As in Keras, the gate
 * activation {@code gateAct} (Keras's {@code recurrent_activation}) replaces σ in r and z, and the cell
 * activation {@code cellAct} (Keras's {@code activation}) replaces tanh in n. The overloads without them use
 * σ and tanh.
 *
 * <p>Shapes (R = rows of this block, G = 3H): gates (R, 3H) holds x_t·W_ihᵀ + b_ih on entry and the
 * activated r, z, n on return; hh (R, 3H) receives the recurrent pre-activations (W_h· h + b_h for reset
 * after; for reset before, the n block is W_hn (r ⊙ h) + b_hn); rh (R, H) receives r_t ⊙ h_{t-1} (reset
 * before only); weightHhT (H, 3H) is weight_hhᵀ.
 */
public final class GruKernels {
    private GruKernels() {
    }

    /** The reset-after forward step with σ gates and tanh. */
    public static void stepForwardResetAfter(float[] gates, int gOff, float[] hh, int hhOff,
                                             float[] hPrev, int hpOff, float[] h, int hOff,
                                             float[] weightHhT, float[] biasHh, int R, int H) {
        stepForwardResetAfter(gates, gOff, hh, hhOff, hPrev, hpOff, h, hOff, weightHhT, biasHh,
                Activation.SIGMOID, Activation.TANH, R, H);
    }

    /** Forward step, reset applied after the recurrent product (PyTorch's default). */
    public static void stepForwardResetAfter(float[] gates, int gOff, float[] hh, int hhOff,
                                             float[] hPrev, int hpOff, float[] h, int hOff,
                                             float[] weightHhT, float[] biasHh,
                                             Activation gateAct, Activation cellAct, int R, int H) {
        int G = 3 * H;
        for (int r = 0; r < R; r++) {
            System.arraycopy(biasHh, 0, hh, hhOff + r * G, G);                 // hh = b_hh
        }
        MatOps.mulAdd(hPrev, hpOff, H, weightHhT, 0, G, hh, hhOff, G, R, H, G); // hh += h_{t-1}·W_hhᵀ  (R, 3H)
        if (gateAct == Activation.SIGMOID && cellAct == Activation.TANH) {
            MatOps.kernels().gruForwardResetAfterPointwise(gates, gOff, hh, hhOff, hPrev, hpOff, h, hOff, R, H);
        } else {
            pointwiseForwardResetAfter(MatOps.kernels(), gates, gOff, hh, hhOff, hPrev, hpOff, h, hOff,
                    gateAct, cellAct, R, H);
        }
    }

    /**
     * The point-wise part of {@link #stepForwardResetAfter}, row by row, σ and tanh through {@code k}. The reference
     * {@link Kernels#gruForwardResetAfterPointwise} is tested against ({@link ScalarKernels} runs it as it is; the
     * vector kernels fuse the same operations, in the same order, into one pass per vector of columns).
     */
    static void pointwiseForwardResetAfter(Kernels k, float[] gates, int gOff, float[] hh, int hhOff,
                                           float[] hPrev, int hpOff, float[] h, int hOff,
                                           Activation gateAct, Activation cellAct, int R, int H) {
        int G = 3 * H;
        for (int r = 0; r < R; r++) {
            int x = gOff + r * G;
            int q = hhOff + r * G;
            int s = r * H;
            rzForward(k, gates, x, hh, q, gateAct, H);
            for (int j = 0; j < H; j++) {
                gates[x + GRU_N * H + j] += gates[x + GRU_R * H + j] * hh[q + GRU_N * H + j]; // W_in x + b_in + r_t ⊙ (W_hn h + b_hn)
            }
            activate(k, cellAct, gates, x + GRU_N * H, H);                    // n_t = tanh(·)
            update(gates, x, hPrev, hpOff + s, h, hOff + s, H);
        }
    }

    /** r_t = σ(W_ir x + b_ir + W_hr h + b_hr), z_t = σ(W_iz x + b_iz + W_hz h + b_hz), in place in {@code gates}. */
    private static void rzForward(Kernels k, float[] gates, int x, float[] hh, int q, Activation gateAct, int H) {
        for (int j = 0; j < H; j++) {
            gates[x + GRU_R * H + j] += hh[q + GRU_R * H + j];
            gates[x + GRU_Z * H + j] += hh[q + GRU_Z * H + j];
        }
        activate(k, gateAct, gates, x + GRU_R * H, H); // r_t
        activate(k, gateAct, gates, x + GRU_Z * H, H); // z_t
    }

    /** {@code act} in place on one segment, σ and tanh through {@code k} (as {@link MatOps#activate} with the kernels in use). */
    private static void activate(Kernels k, Activation act, float[] v, int off, int n) {
        if (act == Activation.SIGMOID) {
            k.sigmoid(v, off, n);
        } else if (act == Activation.TANH) {
            k.tanh(v, off, n);
        } else {
            act.applyInPlace(v, off, n);
        }
    }

    /** h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}, for one row. */
    private static void update(float[] gates, int x, float[] hPrev, int hp, float[] h, int ho, int H) {
        for (int j = 0; j < H; j++) {
            float zt = gates[x + GRU_Z * H + j];
            h[ho + j] = (1f - zt) * gates[x + GRU_N * H + j] + zt * hPrev[hp + j];
        }
    }

    /** The reset-after backward step with σ gates and tanh. */
    public static void stepBackwardResetAfter(float[] dzx, int dzxOff, float[] dzh, int dzhOff,
                                              float[] dh, int dhOff, float[] gates, int gOff, float[] hh, int hhOff,
                                              float[] hPrev, int hpOff, float[] weightHh, int R, int H) {
        stepBackwardResetAfter(dzx, dzxOff, dzh, dzhOff, dh, dhOff, gates, gOff, hh, hhOff, hPrev, hpOff, weightHh,
                Activation.SIGMOID, Activation.TANH, R, H);
    }

    /**
     * Backward step, reset after.
     * <pre>
     *   dn = dh_t ⊙ (1 − z)     dz = dh_t ⊙ (h_{t-1} − n)     dh_{t-1} = dh_t ⊙ z + ...
     *   da_n = dn ⊙ (1 − n²)    dr = da_n ⊙ (W_hn h_{t-1} + b_hn)
     *   da_r = dr ⊙ r(1 − r)    da_z = dz ⊙ z(1 − z)
     *   dzx = [da_r, da_z, da_n]          (gradient of x_t·W_ihᵀ + b_ih)
     *   dzh = [da_r, da_z, da_n ⊙ r]      (gradient of h_{t-1}·W_hhᵀ + b_hh)
     *   dh_{t-1} = dh_t ⊙ z + dzh · W_hh
     * </pre>
     * With other activations, σ' and tanh' become gateAct' and cellAct', from the outputs
     * ({@link Activation#backward}). Modified: dzx, dzh, dh (enters as dh_t, leaves as dh_{t-1}). Not
     * modified: the rest.
     */
    public static void stepBackwardResetAfter(float[] dzx, int dzxOff, float[] dzh, int dzhOff,
                                              float[] dh, int dhOff, float[] gates, int gOff, float[] hh, int hhOff,
                                              float[] hPrev, int hpOff, float[] weightHh,
                                              Activation gateAct, Activation cellAct, int R, int H) {
        int G = 3 * H;
        if (gateAct == Activation.SIGMOID && cellAct == Activation.TANH) {
            MatOps.kernels().gruBackwardResetAfterPointwise(dzx, dzxOff, dzh, dzhOff, dh, dhOff, gates, gOff, hh, hhOff,
                    hPrev, hpOff, R, H);
        } else {
            pointwiseBackwardResetAfter(dzx, dzxOff, dzh, dzhOff, dh, dhOff, gates, gOff, hh, hhOff, hPrev, hpOff,
                    gateAct, cellAct, R, H);
        }
        MatOps.mulAdd(dzh, dzhOff, G, weightHh, 0, H, dh, dhOff, H, R, G, H); // ... + dzh · W_hh
    }

    /**
     * The point-wise part of {@link #stepBackwardResetAfter} (everything but dzh · W_hh). With σ and tanh this is the
     * reference {@link Kernels#gruBackwardResetAfterPointwise} is tested against ({@link ScalarKernels} runs it as it
     * is; the vector kernels do the same operations in the same order, so they give the same bits).
     */
    static void pointwiseBackwardResetAfter(float[] dzx, int dzxOff, float[] dzh, int dzhOff,
                                            float[] dh, int dhOff, float[] gates, int gOff, float[] hh, int hhOff,
                                            float[] hPrev, int hpOff, Activation gateAct, Activation cellAct,
                                            int R, int H) {
        int G = 3 * H;
        boolean std = gateAct == Activation.SIGMOID && cellAct == Activation.TANH; // loop-invariant: C2 unswitches
        for (int r = 0; r < R; r++) {
            int g = gOff + r * G;
            int q = hhOff + r * G;
            int dx = dzxOff + r * G;
            int dq = dzhOff + r * G;
            int s = r * H;
            for (int j = 0; j < H; j++) {
                float rt = gates[g + GRU_R * H + j];
                float zt = gates[g + GRU_Z * H + j];
                float nt = gates[g + GRU_N * H + j];
                float dht = dh[dhOff + s + j];
                float dn = dht * (1f - zt);                              // dn = dh_t ⊙ (1 − z)
                float dz = dht * (hPrev[hpOff + s + j] - nt);            // dz = dh_t ⊙ (h_{t-1} − n)
                float dan = std ? dn * (1f - nt * nt) : cellAct.backward(dn, nt); // da_n = dn ⊙ (1 − n²)
                float dr = dan * hh[q + GRU_N * H + j];                  // dr = da_n ⊙ (W_hn h_{t-1} + b_hn)
                float dar = std ? dr * rt * (1f - rt) : gateAct.backward(dr, rt); // da_r = dr ⊙ r(1 − r)
                float daz = std ? dz * zt * (1f - zt) : gateAct.backward(dz, zt); // da_z = dz ⊙ z(1 − z)
                dzx[dx + GRU_R * H + j] = dar;
                dzx[dx + GRU_Z * H + j] = daz;
                dzx[dx + GRU_N * H + j] = dan;
                dzh[dq + GRU_R * H + j] = dar;
                dzh[dq + GRU_Z * H + j] = daz;
                dzh[dq + GRU_N * H + j] = dan * rt;                      // the r_t ⊙ (W_hn h + b_hn) product
                dh[dhOff + s + j] = dht * zt;                            // dh_{t-1} = dh_t ⊙ z ...
            }
        }
    }

    /** The reset-before forward step with σ gates and tanh. */
    public static void stepForwardResetBefore(float[] gates, int gOff, float[] hh, int hhOff, float[] rh, int rhOff,
                                              float[] hPrev, int hpOff, float[] h, int hOff,
                                              float[] weightHhT, float[] biasHh, int R, int H) {
        stepForwardResetBefore(gates, gOff, hh, hhOff, rh, rhOff, hPrev, hpOff, h, hOff, weightHhT, biasHh,
                Activation.SIGMOID, Activation.TANH, R, H);
    }

    /** Forward step, reset applied before the recurrent product (the original GRU). */
    public static void stepForwardResetBefore(float[] gates, int gOff, float[] hh, int hhOff, float[] rh, int rhOff,
                                              float[] hPrev, int hpOff, float[] h, int hOff,
                                              float[] weightHhT, float[] biasHh,
                                              Activation gateAct, Activation cellAct, int R, int H) {
        int G = 3 * H;
        for (int r = 0; r < R; r++) {
            System.arraycopy(biasHh, 0, hh, hhOff + r * G, G);                     // hh = b_hh (all three blocks)
        }
        MatOps.mulAdd(hPrev, hpOff, H, weightHhT, 0, G, hh, hhOff, G, R, H, 2 * H); // hh[r,z] += h_{t-1}·W_h{r,z}ᵀ
        for (int r = 0; r < R; r++) {
            int x = gOff + r * G;
            int q = hhOff + r * G;
            int s = r * H;
            rzForward(MatOps.kernels(), gates, x, hh, q, gateAct, H);
            for (int j = 0; j < H; j++) {
                rh[rhOff + s + j] = gates[x + GRU_R * H + j] * hPrev[hpOff + s + j];     // r_t ⊙ h_{t-1}
            }
        }
        MatOps.mulAdd(rh, rhOff, H, weightHhT, GRU_N * H, G, hh, hhOff + GRU_N * H, G, R, H, H); // hh[n] += (r ⊙ h)·W_hnᵀ
        for (int r = 0; r < R; r++) {
            int x = gOff + r * G;
            int q = hhOff + r * G;
            int s = r * H;
            for (int j = 0; j < H; j++) {
                gates[x + GRU_N * H + j] += hh[q + GRU_N * H + j];                       // W_in x + b_in + W_hn (r ⊙ h) + b_hn
            }
            MatOps.activate(cellAct, gates, x + GRU_N * H, H);                            // n_t = tanh(·)
            update(gates, x, hPrev, hpOff + s, h, hOff + s, H);
        }
    }

    /** The reset-before backward step with σ gates and tanh. */
    public static void stepBackwardResetBefore(float[] dz, int dzOff, float[] dh, int dhOff, float[] drh, int drhOff,
                                               float[] gates, int gOff, float[] hPrev, int hpOff,
                                               float[] weightHh, int R, int H) {
        stepBackwardResetBefore(dz, dzOff, dh, dhOff, drh, drhOff, gates, gOff, hPrev, hpOff, weightHh,
                Activation.SIGMOID, Activation.TANH, R, H);
    }

    /**
     * Backward step, reset before.
     * <pre>
     *   dn = dh_t ⊙ (1 − z)     dz = dh_t ⊙ (h_{t-1} − n)
     *   da_n = dn ⊙ (1 − n²)    d(r⊙h) = da_n · W_hn
     *   dr = d(r⊙h) ⊙ h_{t-1}   da_r = dr ⊙ r(1 − r)    da_z = dz ⊙ z(1 − z)
     *   dz· = [da_r, da_z, da_n]   (the same for the input and the recurrent product)
     *   dh_{t-1} = dh_t ⊙ z + d(r⊙h) ⊙ r + [da_r, da_z] · W_h{r,z}
     * </pre>
     * The caller forms dW_hn from da_n and r ⊙ h_{t-1}, the other recurrent rows from h_{t-1}. With other
     * activations, σ' and tanh' become gateAct' and cellAct' ({@link Activation#backward}).
     * {@code drh} (R, H) is scratch. Modified: dz, dh, drh. Not modified: the rest.
     */
    public static void stepBackwardResetBefore(float[] dz, int dzOff, float[] dh, int dhOff, float[] drh, int drhOff,
                                               float[] gates, int gOff, float[] hPrev, int hpOff, float[] weightHh,
                                               Activation gateAct, Activation cellAct, int R, int H) {
        int G = 3 * H;
        boolean std = gateAct == Activation.SIGMOID && cellAct == Activation.TANH; // loop-invariant: C2 unswitches
        for (int r = 0; r < R; r++) {
            int g = gOff + r * G;
            int d = dzOff + r * G;
            int s = r * H;
            for (int j = 0; j < H; j++) {
                float zt = gates[g + GRU_Z * H + j];
                float nt = gates[g + GRU_N * H + j];
                float dht = dh[dhOff + s + j];
                dz[d + GRU_N * H + j] = std ? dht * (1f - zt) * (1f - nt * nt)
                        : cellAct.backward(dht * (1f - zt), nt);            // da_n = dh_t ⊙ (1 − z) ⊙ (1 − n²)
            }
        }
        Arrays.fill(drh, drhOff, drhOff + R * H, 0f);
        MatOps.mulAdd(dz, dzOff + GRU_N * H, G, weightHh, GRU_N * H * H, H, drh, drhOff, H, R, H, H); // d(r⊙h) = da_n · W_hn
        for (int r = 0; r < R; r++) {
            int g = gOff + r * G;
            int d = dzOff + r * G;
            int s = r * H;
            for (int j = 0; j < H; j++) {
                float rt = gates[g + GRU_R * H + j];
                float zt = gates[g + GRU_Z * H + j];
                float nt = gates[g + GRU_N * H + j];
                float hp = hPrev[hpOff + s + j];
                float dht = dh[dhOff + s + j];
                float dzt = dht * (hp - nt);                                // dz = dh_t ⊙ (h_{t-1} − n)
                float dr = drh[drhOff + s + j] * hp;                                 // dr = d(r⊙h) ⊙ h_{t-1}
                dz[d + GRU_R * H + j] = std ? dr * rt * (1f - rt) : gateAct.backward(dr, rt);     // da_r = dr ⊙ r(1 − r)
                dz[d + GRU_Z * H + j] = std ? dzt * zt * (1f - zt) : gateAct.backward(dzt, zt);   // da_z = dz ⊙ z(1 − z)
                dh[dhOff + s + j] = dht * zt + drh[drhOff + s + j] * rt;             // dh_{t-1} = dh_t ⊙ z + d(r⊙h) ⊙ r ...
            }
        }
        MatOps.mulAdd(dz, dzOff, G, weightHh, 0, H, dh, dhOff, H, R, 2 * H, H); // ... + [da_r, da_z] · W_h{r,z}
    }
}
