package org.seqcast.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.Dense;
import org.seqcast.nn.GRU;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.TestData;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.optim.SGD;
import org.seqcast.tensor.Tensor;

/** The fit loop's options: validation, early stopping, learning-rate reduction, listeners. */
class TrainerTest {
    private static Sequential gru(long seed) {
        return new Sequential(new GRU(6).inputShape(5, 2), new Dense(1)).seed(seed).threads(1);
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestEpoch() {
        // Noise targets and a large learning rate: validation loss soon stops improving.
        Tensor x = TestData.normal(1, 60, 5, 2);
        Tensor y = TestData.normal(2, 60, 1);
        Tensor vx = TestData.normal(3, 20, 5, 2);
        Tensor vy = TestData.normal(4, 20, 1);
        Sequential m = gru(1);
        m.compile(Loss.mse(), new Adam(0.05));
        History h = m.fit(x, y, FitOptions.builder().epochs(200).batchSize(10).validationData(vx, vy)
                .earlyStopping(EarlyStopping.patience(3)).build());
        assertTrue(h.epochsRun() < 200, "should stop early: " + h.stopReason());
        assertTrue(h.stopReason().startsWith("early stopping at epoch " + h.epochsRun()), h.stopReason());
        double[] val = h.valLoss();
        int best = 0;
        for (int k = 1; k < val.length; k++) {
            if (val[k] < val[best]) {
                best = k;
            }
        }
        assertEquals(best + 1, h.bestEpoch());
        assertEquals(h.epochsRun() - 3, h.bestEpoch(), "patience 3: stop three epochs after the best");
        assertEquals(val[best], m.evaluate(vx, vy), 1e-6, "the model must hold the best epoch's weights");
    }

    @Test
    void validationSplitTakesTheLastSamples() {
        Tensor x = TestData.normal(1, 50, 5, 2);
        Tensor y = TestData.normal(2, 50, 1);
        Sequential a = gru(2);
        a.compile(Loss.mse(), new Adam());
        History ha = a.fit(x, y, FitOptions.builder().epochs(2).batchSize(8).validationSplit(0.2).build());
        Sequential b = gru(2);
        b.compile(Loss.mse(), new Adam());
        History hb = b.fit(x.slice(0, 40), y.slice(0, 40), FitOptions.builder().epochs(2).batchSize(8)
                .validationData(x.slice(40, 50), y.slice(40, 50)).build());
        assertArrayEquals(ha.loss(), hb.loss(), 0.0);
        assertArrayEquals(ha.valLoss(), hb.valLoss(), 0.0);
        assertTrue(Double.isFinite(ha.valLoss()[0]));
    }

    @Test
    void reduceLearningRateOnPlateau() {
        Tensor x = TestData.normal(1, 40, 5, 2);
        Tensor y = TestData.normal(2, 40, 1);
        Sequential m = gru(3);
        m.compile(Loss.mse(), new SGD(0.5));
        History h = m.fit(x, y, FitOptions.builder().epochs(12).batchSize(40).shuffle(false)
                .reduceLROnPlateau(new ReduceLROnPlateau("loss", 0.5, 1, 10.0, 0, 0.1)).build());
        double[] lr = h.learningRate();
        // minDelta 10 means no epoch ever counts as an improvement after the first: halve every epoch down to 0.1.
        assertEquals(0.5, lr[0]);
        assertEquals(0.5, lr[1]);
        assertEquals(0.25, lr[2], 1e-12);
        assertEquals(0.125, lr[3], 1e-12);
        assertEquals(0.1, lr[4], 1e-12);
        assertEquals(0.1, lr[11], 1e-12);
    }

    @Test
    void listenersSeeEveryBatchAndEpoch() {
        List<String> events = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onTrainBegin(TrainingPlan plan) {
                events.add("begin " + plan.epochs() + " " + plan.batchesPerEpoch() + " " + plan.trainSamples());
            }

            @Override
            public void onBatchEnd(int epoch, int batch, int batches, double loss) {
                events.add("batch " + epoch + "." + batch + "/" + batches);
            }

            @Override
            public void onEpochEnd(EpochResult r) {
                events.add("epoch " + r.epoch());
            }

            @Override
            public void onTrainEnd(History history) {
                events.add("end " + history.epochsRun());
            }
        };
        Sequential m = gru(4);
        m.compile(Loss.mse(), new Adam());
        m.fit(TestData.normal(1, 25, 5, 2), TestData.normal(2, 25, 1),
                FitOptions.builder().epochs(2).batchSize(10).listener(l).build());
        assertEquals(List.of("begin 2 3 25", "batch 1.1/3", "batch 1.2/3", "batch 1.3/3", "epoch 1",
                "batch 2.1/3", "batch 2.2/3", "batch 2.3/3", "epoch 2", "end 2"), events);
    }

    @Test
    void fitWithoutCallbacksRunsEveryEpoch() {
        Sequential m = gru(5);
        m.compile("mse", "adam");
        History h = m.fit(TestData.normal(1, 30, 5, 2), TestData.normal(2, 30, 1), 4, 8);
        assertEquals(4, h.epochsRun());
        assertEquals("completed 4 epochs", h.stopReason());
        assertFalse(h.diverged());
        assertTrue(Double.isNaN(h.valLoss()[0]));
    }
}
