package org.seqcast.onnx;

import org.seqcast.nn.GRU;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Recurrent;
import org.seqcast.nn.SimpleRNN;
import org.seqcast.nn.kernels.Gates;
import org.seqcast.tensor.Parameter;

/**
 * A recurrent layer's parameters in the layout of ONNX's LSTM, GRU and RNN operators (one direction):
 * <pre>
 *   ONNX W  (1, G·H, I)  = weight_ih_l0 (G·H, I), gate blocks reordered
 *   ONNX R  (1, G·H, H)  = weight_hh_l0 (G·H, H), gate blocks reordered
 *   ONNX B  (1, 2·G·H)   = [bias_ih_l0, bias_hh_l0], each with its gate blocks reordered  ([Wb, Rb])
 *
 *   gate blocks   Seqcast (PyTorch, {@link Gates})   ONNX
 *   LSTM          i, f, g, o                        i, o, f, c     (c = our g, the cell candidate)
 *   GRU           r, z, n                           z, r, h        (h = our n, the candidate)
 *   SimpleRNN     one block                         one block
 * </pre>
 * Both store the GRU update gate the same way (h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}), so no gate is negated.
 *
 * @param w      W, flattened row-major
 * @param r      R, flattened
 * @param b      B, flattened
 * @param gates  G
 * @param units  H
 * @param inputs I
 */
record RecurrentWeights(float[] w, float[] r, float[] b, int gates, int units, int inputs) {
    /** ONNX block k holds our block {@code LSTM_ORDER[k]}. */
    private static final int[] LSTM_ORDER = {Gates.LSTM_I, Gates.LSTM_O, Gates.LSTM_F, Gates.LSTM_G};
    private static final int[] GRU_ORDER = {Gates.GRU_Z, Gates.GRU_R, Gates.GRU_N};
    private static final int[] RNN_ORDER = {0};

    RecurrentWeights {
        if (w.length != gates * units * inputs || r.length != gates * units * units || b.length != 2 * gates * units) {
            throw new IllegalArgumentException("recurrent weights of " + gates + " gates, " + units + " units and "
                    + inputs + " inputs have the wrong sizes: W " + w.length + ", R " + r.length + ", B " + b.length);
        }
    }

    /** The ONNX-layout weights of a built layer. */
    static RecurrentWeights of(Recurrent layer) {
        int[] order = layer instanceof LSTM ? LSTM_ORDER : layer instanceof GRU ? GRU_ORDER
                : layer instanceof SimpleRNN ? RNN_ORDER : null;
        if (order == null) {
            throw new OnnxExportException("recurrent layer " + layer.kind() + " has no ONNX operator mapping");
        }
        int h = layer.units();
        float[] wIh = param(layer, "weight_ih_l0");
        float[] wHh = param(layer, "weight_hh_l0");
        int in = wIh.length / (order.length * h);
        float[] bias = new float[2 * order.length * h];
        float[] bIh = reorder(param(layer, "bias_ih_l0"), order, h, 1);
        float[] bHh = reorder(param(layer, "bias_hh_l0"), order, h, 1);
        System.arraycopy(bIh, 0, bias, 0, bIh.length);
        System.arraycopy(bHh, 0, bias, bIh.length, bHh.length);
        return new RecurrentWeights(reorder(wIh, order, h, in), reorder(wHh, order, h, h), bias, order.length, h, in);
    }

    private static float[] param(Recurrent layer, String name) {
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        throw new OnnxExportException(layer.kind() + " has no parameter " + name);
    }

    /** Rows [k·H, (k+1)·H) of the result are rows [order[k]·H, ...) of {@code m} (G·H rows of {@code cols}). */
    static float[] reorder(float[] m, int[] order, int h, int cols) {
        float[] out = new float[m.length];
        int block = h * cols;
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(m, order[k] * block, out, k * block, block);
        }
        return out;
    }
}
