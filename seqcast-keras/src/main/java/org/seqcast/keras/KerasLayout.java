package org.seqcast.keras;

import static org.seqcast.nn.kernels.Gates.GRU_N;
import static org.seqcast.nn.kernels.Gates.GRU_R;
import static org.seqcast.nn.kernels.Gates.GRU_Z;
import static org.seqcast.nn.kernels.Gates.LSTM_F;
import static org.seqcast.nn.kernels.Gates.LSTM_G;
import static org.seqcast.nn.kernels.Gates.LSTM_I;
import static org.seqcast.nn.kernels.Gates.LSTM_O;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqcast.nn.LayerSpec;
import org.seqcast.tensor.Tensor;

/**
 * The one home of the Keras ↔ PyTorch weight mapping (Seqcast stores PyTorch's layout; its own gate order is
 * in {@link org.seqcast.nn.kernels.Gates}).
 * <pre>
 *   Keras                                         Seqcast / PyTorch
 *   kernel            (I, G·H), gate blocks as columns    weight_ih_l0 (G·H, I), gate blocks as rows: transposed
 *   recurrent_kernel  (H, G·H)                          weight_hh_l0 (G·H, H): transposed
 *   LSTM gates        i, f, c, o                        i, f, g, o            (the same order; c = g)
 *   GRU gates         z, r, h                           r, z, n               (reordered: r ← block 1, z ← block 0)
 *   LSTM, SimpleRNN, GRU reset_after=False:
 *     bias (G·H)                                        bias_ih_l0 = bias, bias_hh_l0 = 0
 *   GRU reset_after=True:
 *     bias (2, 3H): row 0 input, row 1 recurrent        bias_ih_l0 = row 0, bias_hh_l0 = row 1 (each reordered)
 *   Dense kernel (F, O), bias (O)                       weight (O, F) transposed, bias (O)
 * </pre>
 * Why the biases land there: Keras's LSTM and SimpleRNN add their one bias once, which is b_ih + b_hh in
 * Seqcast. Keras's reset-after GRU computes n = act(x W_h + b_h + r ⊙ (h U_h + b'_h)), Seqcast's
 * n = act(W_in x + b_in + r ⊙ (W_hn h + b_hn)): b_in = b_h, b_hn = b'_h. Keras's reset-before GRU computes
 * n = act(x W_h + b_h + (r ⊙ h) U_h) with no recurrent bias, Seqcast's (GRU.resetAfter(false))
 * n = act(W_in x + b_in + W_hn (r ⊙ h) + b_hn): b_in = b_h, b_hn = 0 (see {@link org.seqcast.nn.kernels.GruKernels}).
 * The update gate has the same convention in both (h = z ⊙ h_prev + (1 − z) ⊙ n), so no sign changes.
 */
final class KerasLayout {
    /** For each Seqcast LSTM gate block (i, f, g, o), the Keras block it comes from. */
    static final int[] LSTM_FROM_KERAS = blocks(4, LSTM_I, 0, LSTM_F, 1, LSTM_G, 2, LSTM_O, 3);
    /** For each Seqcast GRU gate block (r, z, n), the Keras block it comes from (Keras: z 0, r 1, h 2). */
    static final int[] GRU_FROM_KERAS = blocks(3, GRU_R, 1, GRU_Z, 0, GRU_N, 2);
    /** SimpleRNN: one block. */
    static final int[] RNN_FROM_KERAS = {0};

    private KerasLayout() {
    }

    private static int[] blocks(int n, int... ourAndKeras) {
        int[] out = new int[n];
        for (int k = 0; k < ourAndKeras.length; k += 2) {
            out[ourAndKeras[k]] = ourAndKeras[k + 1];
        }
        return out;
    }

    /** The Keras block of each of our gate blocks for a recurrent kind. */
    static int[] fromKeras(LayerSpec.Kind kind) {
        return switch (kind) {
            case LSTM -> LSTM_FROM_KERAS;
            case GRU -> GRU_FROM_KERAS;
            case SIMPLE_RNN -> RNN_FROM_KERAS;
            case DENSE, DROPOUT, BIDIRECTIONAL, REPEAT_VECTOR, CONV1D, MAX_POOLING1D, AVERAGE_POOLING1D,
                    GLOBAL_AVERAGE_POOLING1D, FLATTEN, LAYER_NORMALIZATION, ATTENTION,
                    ADDITIVE_ATTENTION, BATCH_NORMALIZATION, MASKING -> throw new IllegalArgumentException(kind.className() + " has no gate blocks");
            case MULTI_HEAD_ATTENTION, SINUSOIDAL_POSITIONAL_ENCODING, LEARNED_POSITIONAL_ENCODING ->
                    throw new IllegalArgumentException(kind.className() + " has no gate blocks");
        };
    }

    /**
     * Seqcast's four recurrent parameters from Keras's weights; shapes must already be checked.
     *
     * @param kernel    (I, G·H)
     * @param recurrent (H, G·H)
     * @param bias      (G·H), (2, G·H) for a reset-after GRU, or null for use_bias=False
     * @return {@code weight_ih_l0} (G·H, I), {@code weight_hh_l0} (G·H, H), {@code bias_ih_l0}, {@code bias_hh_l0} (G·H)
     */
    static Map<String, Tensor> recurrent(String className, int units, float[] kernel, int inputs, float[] recurrent,
                                         float[] bias, boolean twoBiasRows) {
        int[] from = fromKeras(LayerSpec.Kind.ofClassName(className).orElseThrow(
                () -> new IllegalArgumentException("no layer kind has the Keras class name " + className)));
        int gh = from.length * units;
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("weight_ih_l0", Tensor.wrap(transposeBlocks(kernel, inputs, units, from), gh, inputs));
        out.put("weight_hh_l0", Tensor.wrap(transposeBlocks(recurrent, units, units, from), gh, units));
        float[] bIh = new float[gh];
        float[] bHh = new float[gh];
        if (bias != null) {
            reorder(bias, 0, units, from, bIh);
            if (twoBiasRows) {
                reorder(bias, gh, units, from, bHh);
            }
        }
        out.put("bias_ih_l0", Tensor.wrap(bIh, gh));
        out.put("bias_hh_l0", Tensor.wrap(bHh, gh));
        return out;
    }

    /** Seqcast's Dense parameters: {@code weight} (O, F) = kernelᵀ, {@code bias} (O), zero for use_bias=False. */
    static Map<String, Tensor> dense(float[] kernel, int features, int units, float[] bias) {
        float[] w = new float[units * features];
        for (int f = 0; f < features; f++) {
            for (int o = 0; o < units; o++) {
                w[o * features + f] = kernel[f * units + o];
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("weight", Tensor.wrap(w, units, features));
        out.put("bias", Tensor.wrap(bias == null ? new float[units] : bias.clone(), units));
        return out;
    }

    /**
     * Seqcast's (PyTorch's) Conv1D parameters from Keras's: {@code weight} (O, I, k) with weight[o, i, j] =
     * kernel[j, i, o] for Keras's kernel (k, I, O); {@code bias} (O) when there is one.
     */
    static Map<String, Tensor> conv1d(float[] kernel, int k, int inputs, int filters, float[] bias) {
        float[] w = new float[filters * inputs * k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < inputs; i++) {
                for (int o = 0; o < filters; o++) {
                    w[(o * inputs + i) * k + j] = kernel[(j * inputs + i) * filters + o];
                }
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(LayerSpec.Conv1d.WEIGHT, Tensor.wrap(w, filters, inputs, k));
        if (bias != null) {
            out.put(LayerSpec.Conv1d.BIAS, Tensor.wrap(bias.clone(), filters));
        }
        return out;
    }

    /** ours[(g·H + j), r] = keras[r, from[g]·H + j] for keras (rows, G·H). */
    private static float[] transposeBlocks(float[] keras, int rows, int units, int[] from) {
        int gh = from.length * units;
        float[] ours = new float[gh * rows];
        for (int g = 0; g < from.length; g++) {
            for (int j = 0; j < units; j++) {
                int col = from[g] * units + j;
                int row = g * units + j;
                for (int r = 0; r < rows; r++) {
                    ours[row * rows + r] = keras[r * gh + col];
                }
            }
        }
        return ours;
    }

    /** out[g·H + j] = keras[off + from[g]·H + j]. */
    private static void reorder(float[] keras, int off, int units, int[] from, float[] out) {
        for (int g = 0; g < from.length; g++) {
            System.arraycopy(keras, off + from[g] * units, out, g * units, units);
        }
    }
}
