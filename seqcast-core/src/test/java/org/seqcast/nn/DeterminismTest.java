package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;

/** The same seed gives bit-identical weights and predictions for any number of threads. */
class DeterminismTest {
    private static Sequential model(long seed, int threads) {
        return new Sequential(
                new LSTM(16).returnSequences(true).inputShape(12, 3),
                new Dropout(0.2),
                new GRU(8).resetAfter(false).returnSequences(true),
                new SimpleRNN(6),
                new Dense(2)).seed(seed).threads(threads);
    }

    private static float[][] train(long seed, int threads, Tensor x, Tensor y) {
        Sequential m = model(seed, threads);
        m.compile(Loss.mse(), new Adam(0.01));
        m.fit(x, y, FitOptions.builder().epochs(3).batchSize(16).validationSplit(0.2).build());
        float[][] weights = m.snapshotWeights();
        float[][] out = Arrays.copyOf(weights, weights.length + 1);
        out[weights.length] = m.predict(x).data();
        return out;
    }

    @Test
    void sameSeedSameBitsForAnyThreadCount() {
        Tensor x = TestData.normal(1, 70, 12, 3);
        Tensor y = TestData.normal(2, 70, 2);
        float[][] one = train(5, 1, x, y);
        for (int threads : new int[] {2, 3, 4}) {
            float[][] other = train(5, threads, x, y);
            for (int k = 0; k < one.length; k++) {
                assertArrayEquals(one[k], other[k], 0f, "tensor " + k + " differs with " + threads + " threads");
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentModels() {
        Sequential a = model(1, 1).build(12, 3);
        Sequential b = model(2, 1).build(12, 3);
        Map<String, Tensor> wa = a.stateDict();
        Map<String, Tensor> wb = b.stateDict();
        assertFalse(Arrays.equals(wa.get("0.weight_ih_l0").data(), wb.get("0.weight_ih_l0").data()));
    }

    @Test
    void predictionsDoNotDependOnBatchComposition() {
        Sequential m = model(3, 2).build(12, 3);
        Tensor x = TestData.normal(4, 300, 12, 3);   // more than one predict batch of 256 rows
        Tensor all = m.predict(x);
        for (int row : new int[] {0, 17, 255, 256, 299}) {
            Tensor single = m.predict(x.slice(row, row + 1));
            assertArrayEquals(single.data(), all.slice(row, row + 1).data(), 0f, "row " + row);
        }
    }

    /**
     * A convolutional model large enough that every product of Conv1D (forward, dW, dX̂) is split over threads:
     * training gives the same bits for any thread count, and predictions do not depend on the batch.
     */
    @Test
    void convolutionalModelsGiveTheSameBitsForAnyThreadCount() {
        Tensor x = TestData.normal(6, 128, 60, 8);
        Tensor y = TestData.normal(7, 128, 1);
        float[][] one = trainConvolutional(1, x, y);
        for (int threads : new int[] {2, 3}) {
            float[][] other = trainConvolutional(threads, x, y);
            for (int k = 0; k < one.length; k++) {
                assertArrayEquals(one[k], other[k], 0f, "tensor " + k + " differs with " + threads + " threads");
            }
        }
    }

    private static float[][] trainConvolutional(int threads, Tensor x, Tensor y) {
        Sequential m = new Sequential(
                new Conv1D(new LayerSpec.Conv1d(64, 5).padding(LayerSpec.Padding.CAUSAL).activation(
                        org.seqcast.nn.kernels.Activation.RELU)),
                new Pooling1D(new LayerSpec.MaxPooling1d(2)),
                new Conv1D(new LayerSpec.Conv1d(16, 3).strides(2).padding(LayerSpec.Padding.SAME)),
                new Pooling1D(new LayerSpec.AveragePooling1d(2).strides(1)),
                new Dropout(0.1),
                new GRU(8).returnSequences(true),
                new GlobalAveragePooling1D(),
                new Dense(1)).seed(9).threads(threads);
        m.compile(Loss.mse(), new Adam(0.01));
        m.fit(x, y, FitOptions.builder().epochs(2).batchSize(64).build());
        float[][] weights = m.snapshotWeights();
        float[][] out = Arrays.copyOf(weights, weights.length + 2);
        out[weights.length] = m.predict(x).data();
        out[weights.length + 1] = m.predict(x.slice(17, 18)).data();
        assertArrayEquals(out[weights.length + 1], m.predict(x).slice(17, 18).data(), 0f, "row 17 alone and in the batch");
        return out;
    }
}
