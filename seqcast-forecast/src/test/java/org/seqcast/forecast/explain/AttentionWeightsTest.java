package org.seqcast.forecast.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Architecture;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Series;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;

/**
 * Attention weights of the explained window: the same numbers as softmax_j(s · h_i·h_j) computed here from the
 * encoder's states in double, rows summing to 1, the window's steps as labels; none for a network without attention.
 */
class AttentionWeightsTest {
    private static final int H = 6;
    private static final int W = 12;

    private static FittedRnn fitted;

    @BeforeAll
    static void fit() {
        fitted = new RnnForecaster(Series.small(H).window(W).units(5).seed(2).epochs(4)
                .architecture(Architecture.ATTENTION).build()).fit(Series.airPassengers());
    }

    @Test
    void theWeightsAreTheSoftmaxOfTheScaledDotProductsOfTheEncoderStates() {
        TimeSeries history = Series.airPassengers();
        List<AttentionWeights> all = AttentionWeights.of(fitted, history);
        assertEquals(1, all.size());
        AttentionWeights w = all.get(0);
        assertEquals("1", w.layer());                                 // [LSTM, Attention, GAP, Dense]
        FittedRnn.ModelWindow mw = fitted.lastWindow(history);
        assertEquals(mw.steps(), w.steps());
        assertEquals(history.index().label(history.size() - 1), w.steps().get(W - 1));

        // h = the LSTM's states for the window, from a network of that layer alone with its weights
        Map<String, Tensor> state = fitted.network().stateDict();
        int f = mw.features().size();
        Sequential encoder = Sequential.of(List.of(new LayerSpec.Lstm(5).returnSequences(true))).build(W, f);
        encoder.loadStateDict(Map.of("0.weight_ih_l0", state.get("0.weight_ih_l0"), "0.weight_hh_l0",
                state.get("0.weight_hh_l0"), "0.bias_ih_l0", state.get("0.bias_ih_l0"), "0.bias_hh_l0",
                state.get("0.bias_hh_l0")));
        float[] h = encoder.predict(mw.inputs().get(RnnForecaster.INPUT)).data();
        double scale = state.get("1.scale").data()[0];
        double[][] a = w.weights();
        double worst = 0;
        for (int i = 0; i < W; i++) {
            double[] s = new double[W];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < W; j++) {
                for (int u = 0; u < 5; u++) {
                    s[j] += (double) h[i * 5 + u] * h[j * 5 + u];
                }
                s[j] *= scale;
                max = Math.max(max, s[j]);
            }
            double sum = 0;
            for (int j = 0; j < W; j++) {
                sum += Math.exp(s[j] - max);
            }
            double rowSum = 0;
            for (int j = 0; j < W; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - Math.exp(s[j] - max) / sum));
                rowSum += a[i][j];
            }
            assertEquals(1, rowSum, 1e-6, "row " + i);
        }
        assertTrue(worst < 1e-6, "weights against softmax(s h_i·h_j): " + worst);
        double[] received = w.received();
        assertEquals(1, java.util.Arrays.stream(received).sum(), 1e-6);
        assertEquals(w, AttentionWeights.of(fitted, history).get(0));
    }

    @Test
    void aNetworkWithoutAttentionHasNoWeights() {
        FittedRnn plain = new RnnForecaster(Series.small(H).window(W).units(3).epochs(1).build())
                .fit(Series.airPassengers());
        assertTrue(AttentionWeights.of(plain, Series.airPassengers()).isEmpty());
    }
}
