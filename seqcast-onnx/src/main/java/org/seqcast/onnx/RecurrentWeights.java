package org.seqcast.onnx;

import org.seqcast.nn.Layer;
import org.seqcast.nn.LayerSpec;
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

    /** The ONNX-layout weights of a built recurrent layer of this spec. */
    static RecurrentWeights of(LayerSpec.Recurrent spec, Layer layer) {
        return of(spec, layer, "");
    }

    /**
     * The ONNX-layout weights of one direction of a layer whose parameters are named weight_ih_l0 + {@code suffix}
     * (a {@link org.seqcast.nn.Bidirectional}: "" forwards, "_reverse" backwards).
     */
    static RecurrentWeights of(LayerSpec.Recurrent spec, Layer layer, String suffix) {
        int[] order = spec.acceptRecurrent(new LayerSpec.RecurrentVisitor<int[]>() {
            @Override
            public int[] lstm(LayerSpec.Lstm s) {
                return LSTM_ORDER;
            }

            @Override
            public int[] gru(LayerSpec.Gru s) {
                return GRU_ORDER;
            }

            @Override
            public int[] simpleRnn(LayerSpec.SimpleRnn s) {
                return RNN_ORDER;
            }
        });
        int h = spec.units();
        float[] wIh = NetworkGraph.param(layer, LayerSpec.Recurrent.WEIGHT_IH + suffix);
        float[] wHh = NetworkGraph.param(layer, LayerSpec.Recurrent.WEIGHT_HH + suffix);
        int in = wIh.length / (order.length * h);
        float[] bias = new float[2 * order.length * h];
        float[] bIh = reorder(NetworkGraph.param(layer, LayerSpec.Recurrent.BIAS_IH + suffix), order, h, 1);
        float[] bHh = reorder(NetworkGraph.param(layer, LayerSpec.Recurrent.BIAS_HH + suffix), order, h, 1);
        System.arraycopy(bIh, 0, bias, 0, bIh.length);
        System.arraycopy(bHh, 0, bias, bIh.length, bHh.length);
        return new RecurrentWeights(reorder(wIh, order, h, in), reorder(wHh, order, h, h), bias, order.length, h, in);
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
