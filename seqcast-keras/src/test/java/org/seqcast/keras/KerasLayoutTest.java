package org.seqcast.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.tensor.Tensor;

/**
 * The Keras → Seqcast (PyTorch) weight mapping on small hand-numbered weights: kernel[i][c] = 100·i + c, so
 * every converted value says which Keras row and column it came from.
 */
class KerasLayoutTest {
    private static float[] numbered(int rows, int cols, int offset) {
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = offset + 100 * r + c;
            }
        }
        return v;
    }

    @Test
    void gruGatesAreReorderedFromZrhToRzn() {
        int inputs = 2;
        int units = 2;
        // Keras columns: z0 z1 | r0 r1 | h0 h1
        Map<String, Tensor> p = KerasLayout.recurrent("GRU", units, numbered(inputs, 6, 0), inputs,
                numbered(units, 6, 1000), numbered(2, 6, 5000), true);
        // Seqcast rows: r0 r1 | z0 z1 | n0 n1, each row the Keras column over the inputs
        assertArrayEquals(new float[] {2, 102, 3, 103, 0, 100, 1, 101, 4, 104, 5, 105}, p.get("weight_ih_l0").data());
        assertArrayEquals(new float[] {1002, 1102, 1003, 1103, 1000, 1100, 1001, 1101, 1004, 1104, 1005, 1105},
                p.get("weight_hh_l0").data());
        assertArrayEquals(new float[] {5002, 5003, 5000, 5001, 5004, 5005}, p.get("bias_ih_l0").data());
        assertArrayEquals(new float[] {5102, 5103, 5100, 5101, 5104, 5105}, p.get("bias_hh_l0").data());
        assertArrayEquals(new int[] {6, 2}, p.get("weight_ih_l0").shape());
    }

    @Test
    void resetBeforeGruPutsItsOneBiasInBiasIh() {
        Map<String, Tensor> p = KerasLayout.recurrent("GRU", 1, numbered(1, 3, 0), 1, numbered(1, 3, 0),
                new float[] {7, 8, 9}, false);
        assertArrayEquals(new float[] {8, 7, 9}, p.get("bias_ih_l0").data());
        assertArrayEquals(new float[] {0, 0, 0}, p.get("bias_hh_l0").data());
    }

    @Test
    void lstmKeepsGateOrderAndIsTransposed() {
        Map<String, Tensor> p = KerasLayout.recurrent("LSTM", 1, numbered(3, 4, 0), 3, numbered(1, 4, 0),
                new float[] {1, 2, 3, 4}, false);
        // Keras i f c o = Seqcast i f g o: row g = Keras column g over the 3 inputs
        assertArrayEquals(new float[] {0, 100, 200, 1, 101, 201, 2, 102, 202, 3, 103, 203}, p.get("weight_ih_l0").data());
        assertArrayEquals(new float[] {1, 2, 3, 4}, p.get("bias_ih_l0").data());
        assertArrayEquals(new float[] {0, 0, 0, 0}, p.get("bias_hh_l0").data());
    }

    @Test
    void biasFreeLayersGetZeroBiases() {
        Map<String, Tensor> p = KerasLayout.recurrent("SimpleRNN", 2, numbered(1, 2, 0), 1, numbered(2, 2, 0), null, false);
        assertArrayEquals(new float[] {0, 0}, p.get("bias_ih_l0").data());
        assertArrayEquals(new float[] {0, 100, 1, 101}, p.get("weight_hh_l0").data());
        Map<String, Tensor> d = KerasLayout.dense(numbered(3, 2, 0), 3, 2, null);
        assertArrayEquals(new float[] {0, 100, 200, 1, 101, 201}, d.get("weight").data());
        assertArrayEquals(new float[] {0, 0}, d.get("bias").data());
    }

    @Test
    void conv1dKernelIsPermutedToPyTorchsLayout() {
        int k = 3;
        int in = 2;
        int out = 2;
        float[] kernel = new float[k * in * out];                       // Keras (k, I, O): value 100j + 10i + o
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    kernel[(j * in + i) * out + o] = 100 * j + 10 * i + o;
                }
            }
        }
        Map<String, Tensor> p = KerasLayout.conv1d(kernel, k, in, out, new float[] {7, 8});
        assertArrayEquals(new int[] {out, in, k}, p.get("weight").shape());
        assertArrayEquals(new float[] {0, 100, 200, 10, 110, 210, 1, 101, 201, 11, 111, 211}, p.get("weight").data());
        assertArrayEquals(new float[] {7, 8}, p.get("bias").data());
        assertEquals(java.util.Set.of("weight"), KerasLayout.conv1d(kernel, k, in, out, null).keySet());
    }
}
