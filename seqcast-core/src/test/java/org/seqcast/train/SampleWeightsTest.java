package org.seqcast.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.Dense;
import org.seqcast.nn.GRU;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.TestData;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Tensor;

/** Per-sample weights: carried with their samples through slicing and shuffling, and into the loss. */
class SampleWeightsTest {
    private static Sequential gru(long seed, Loss loss) {
        Sequential m = new Sequential(new GRU(6).inputShape(5, 2), new Dense(3)).seed(seed).threads(1);
        m.compile(loss, new Adam(0.01));
        return m;
    }

    private static Tensor weights(float... w) {
        return Tensor.wrap(w, w.length);
    }

    @Test
    void weightsTravelWithTheirRows() {
        Samples s = Samples.of("y", TestData.normal(1, 5, 2)).withWeights(weights(1, 2, 3, 4, 5));
        Samples g = s.gather(new int[] {4, 0, 3, 1, 2}, 1, 4);
        assertArrayEquals(new float[] {1, 4, 2}, g.weights().data());
        assertArrayEquals(new float[] {3, 4}, s.slice(2, 4).weights().data());
        assertNull(Samples.of("y", TestData.normal(1, 5, 2)).weights());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samples.of("y", TestData.normal(1, 5, 2)).withWeights(weights(1, 2, 3)));
        assertTrue(e.getMessage().contains("(5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Samples.of("y", TestData.normal(1, 2, 2)).withWeights(weights(1, Float.NaN)));
        assertTrue(e.getMessage().contains("sample weight 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Samples.of("y", TestData.normal(1, 2, 2)).withWeights(weights(1, -1)));
    }

    /** Weights of 2 double every gradient exactly (a power of two), through the whole network. */
    @Test
    void weightsReachTheGradients() {
        Tensor x = TestData.normal(1, 8, 5, 2);
        Tensor y = TestData.normal(2, 8, 3);
        float[] two = new float[8];
        Arrays.fill(two, 2f);
        for (Loss loss : new Loss[] {Loss.mse(), Loss.mae(), Loss.huber()}) {
            Sequential m = gru(4, loss);
            double plain = m.computeGradients(x, y);
            Map<String, Tensor> g1 = m.gradients();
            double doubled = m.computeGradients(x, y, weights(two));
            Map<String, Tensor> g2 = m.gradients();
            assertEquals(2 * plain, doubled, 1e-12 * Math.abs(plain), loss.name());
            g1.forEach((name, g) -> {
                float[] expected = g.data().clone();
                for (int k = 0; k < expected.length; k++) {
                    expected[k] *= 2;
                }
                assertArrayEquals(expected, g2.get(name).data(), loss.name() + " " + name);
            });
        }
    }

    /**
     * A sample of weight 0 does not influence training, whatever its target: two fits that differ only in that
     * sample's target give the same weights bit for bit, with shuffled batches, so every batch's weights belong
     * to its rows. Weights of 1 give the unweighted fit's weights bit for bit.
     */
    @Test
    void aZeroWeightSampleIsIgnoredAndWeightsOfOneChangeNothing() {
        Tensor x = TestData.normal(1, 30, 5, 2);
        Tensor y = TestData.normal(2, 30, 3);
        Tensor vx = TestData.normal(3, 10, 5, 2);
        Tensor vy = TestData.normal(4, 10, 3);
        float[] w = new float[30];
        Arrays.fill(w, 1f);
        FitOptions options = FitOptions.builder().epochs(4).batchSize(7).validationData(vx, vy).build();
        Sequential plain = gru(5, Loss.mae());
        History hp = plain.fit(x, y, options);
        Sequential ones = gru(5, Loss.mae());
        History ho = ones.fit(x, y, weights(w.clone()), options);
        assertArrayEquals(hp.loss(), ho.loss(), 1e-12, "the same loss, summed per sample first");
        assertArrayEquals(plain.predict(vx).data(), ones.predict(vx).data());

        w[17] = 0;
        Tensor y2 = y.copy();
        y2.data()[17 * 3] = 1e4f;
        y2.data()[17 * 3 + 2] = -1e4f;
        float[] vw = new float[10];
        Arrays.fill(vw, 0.5f);
        FitOptions weighted = FitOptions.builder().epochs(4).batchSize(7)
                .validationData(vx, vy, weights(vw)).build();
        Sequential a = gru(6, Loss.mse());
        History ha = a.fit(x, y, weights(w), weighted);
        Sequential b = gru(6, Loss.mse());
        History hb = b.fit(x, y2, weights(w), weighted);
        assertArrayEquals(ha.loss(), hb.loss(), 0.0);
        assertArrayEquals(a.predict(vx).data(), b.predict(vx).data());
        assertEquals(0.5 * a.evaluate(vx, vy), ha.valLoss()[3], 1e-9, "validation loss weighs by 0.5");
    }
}
