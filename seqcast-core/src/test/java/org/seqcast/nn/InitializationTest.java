package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.kernels.Gates;
import org.seqcast.tensor.Tensor;

/** Keras's initialisation: Glorot-uniform input weights, orthogonal recurrent weights, forget bias 1. */
class InitializationTest {
    @Test
    void lstmStartsAsKerasDoes() {
        int H = 8;
        int I = 3;
        Sequential m = new Sequential(new LSTM(H).inputShape(10, I), new Dense(2)).seed(1).build(10, I);
        Map<String, Tensor> w = m.stateDict();
        double limit = Math.sqrt(6.0 / (I + 4 * H));
        float max = 0;
        for (float v : w.get("0.weight_ih_l0").data()) {
            assertTrue(Math.abs(v) <= limit, "Glorot bound " + limit + " exceeded by " + v);
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.8 * limit, "weights should fill the Glorot range, max " + max + " of " + limit);
        assertOrthonormalColumns(w.get("0.weight_hh_l0").data(), 4 * H, H);
        float[] bIh = w.get("0.bias_ih_l0").data();
        for (int k = 0; k < 4 * H; k++) {
            float expected = k / H == Gates.LSTM_F ? 1f : 0f;
            assertEquals(expected, bIh[k], "bias_ih[" + k + "]");
        }
        for (float v : w.get("0.bias_hh_l0").data()) {
            assertEquals(0f, v);
        }
        for (float v : w.get("1.bias").data()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void simpleRnnRecurrentWeightIsOrthogonal() {
        Sequential m = new Sequential(new SimpleRNN(7).inputShape(4, 2)).seed(2).build(4, 2);
        assertOrthonormalColumns(m.stateDict().get("0.weight_hh_l0").data(), 7, 7);
    }

    @Test
    void gruRecurrentWeightHasOrthonormalColumns() {
        Sequential m = new Sequential(new GRU(5).inputShape(4, 2)).seed(3).build(4, 2);
        assertOrthonormalColumns(m.stateDict().get("0.weight_hh_l0").data(), 15, 5);
    }

    /** WᵀW = I for W (rows, cols) with rows ≥ cols. */
    private static void assertOrthonormalColumns(float[] w, int rows, int cols) {
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < cols; b++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += (double) w[r * cols + a] * w[r * cols + b];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5, "column " + a + " · column " + b);
            }
        }
    }
}
