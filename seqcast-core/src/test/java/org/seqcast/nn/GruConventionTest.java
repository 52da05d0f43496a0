package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.kernels.Gates;
import org.seqcast.tensor.Tensor;

/**
 * The documented mapping between update-gate conventions: a GRU written as in the textbook,
 * h_t = (1 − z'_t) h_{t-1} + z'_t h̃_t with h̃_t = tanh(W_h·[r_t ⊙ h_{t-1}, x_t] + b_h), equals our reset-before
 * GRU once the z rows of all four parameters are negated.
 */
class GruConventionTest {
    @Test
    void textbookGruEqualsOursWithNegatedUpdateRows() {
        int H = 4;
        int I = 3;
        int T = 5;
        Sequential m = new Sequential(new GRU(H).resetAfter(false).inputShape(T, I)).seed(4).build(T, I);
        Map<String, Tensor> ours = m.stateDict();
        for (Tensor t : ours.values()) {      // non-zero biases so that the bias rows are checked too
            float[] d = t.data();
            for (int k = 0; k < d.length; k++) {
                d[k] += 0.1f * (float) Math.sin(k + 1);
            }
        }
        m.loadStateDict(ours);
        Tensor x = TestData.normal(5, 1, T, I);
        float[] hOurs = m.predict(x).data();

        // Textbook weights: the z rows negated.
        double[] wIh = negZ(ours.get("0.weight_ih_l0").data(), H, I);
        double[] wHh = negZ(ours.get("0.weight_hh_l0").data(), H, H);
        double[] bIh = negZ(ours.get("0.bias_ih_l0").data(), H, 1);
        double[] bHh = negZ(ours.get("0.bias_hh_l0").data(), H, 1);
        double[] h = new double[H];
        for (int t = 0; t < T; t++) {
            double[] r = new double[H];
            double[] zPrime = new double[H];
            for (int j = 0; j < H; j++) {
                r[j] = sigmoid(affine(wIh, wHh, bIh, bHh, Gates.GRU_R * H + j, x, t, h, I, H));
                zPrime[j] = sigmoid(affine(wIh, wHh, bIh, bHh, Gates.GRU_Z * H + j, x, t, h, I, H));
            }
            double[] rh = new double[H];
            for (int j = 0; j < H; j++) {
                rh[j] = r[j] * h[j];
            }
            double[] next = new double[H];
            for (int j = 0; j < H; j++) {
                double hTilde = Math.tanh(affine(wIh, wHh, bIh, bHh, Gates.GRU_N * H + j, x, t, rh, I, H));
                next[j] = (1 - zPrime[j]) * h[j] + zPrime[j] * hTilde;   // the textbook update
            }
            h = next;
        }
        for (int j = 0; j < H; j++) {
            assertEquals(h[j], hOurs[j], 1e-6, "h[" + j + "]");
        }
    }

    private static double affine(double[] wIh, double[] wHh, double[] bIh, double[] bHh, int row, Tensor x, int t,
                                 double[] h, int I, int H) {
        double a = bIh[row] + bHh[row];
        for (int i = 0; i < I; i++) {
            a += wIh[row * I + i] * x.get(0, t, i);
        }
        for (int k = 0; k < H; k++) {
            a += wHh[row * H + k] * h[k];
        }
        return a;
    }

    private static double[] negZ(float[] w, int H, int cols) {
        double[] out = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            boolean zRow = k / cols / H == Gates.GRU_Z;
            out[k] = zRow ? -w[k] : w[k];
        }
        return out;
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }
}
