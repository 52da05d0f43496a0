package org.seqcast.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seqcast.nn.Dense;
import org.seqcast.nn.GRU;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.TestData;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Tensor;

/** Learning-rate schedules: their formulas, their specs, and the rate the fit loop uses in every epoch. */
class LearningRateScheduleTest {
    @Test
    void cosineAnnealsFromTheInitialRateToTheFinalFraction() {
        LearningRateSchedule c = new LearningRateSchedule.Cosine(4, 0.1);
        assertEquals(0.02, c.rate(0.02, 1), 1e-15);
        // e = 3: progress 1/2, cos = 0: halfway between η₀ and 0.1·η₀
        assertEquals(0.02 * (0.1 + 0.9 * 0.5), c.rate(0.02, 3), 1e-15);
        assertEquals(0.002, c.rate(0.02, 5), 1e-15);
        assertEquals(0.002, c.rate(0.02, 50), 1e-15, "stays at the floor after E epochs");
        for (int e = 1; e < 5; e++) {
            assertTrue(c.rate(1, e + 1) < c.rate(1, e), "decreasing at epoch " + e);
        }
    }

    @Test
    void stepDecayMultipliesEveryNEpochs() {
        LearningRateSchedule s = new LearningRateSchedule.StepDecay(3, 0.5);
        assertEquals(0.1, s.rate(0.1, 1));
        assertEquals(0.1, s.rate(0.1, 3));
        assertEquals(0.05, s.rate(0.1, 4), 1e-15);
        assertEquals(0.025, s.rate(0.1, 7), 1e-15);
    }

    @Test
    void specsAndTheirErrors() {
        assertNull(LearningRateSchedule.parse("constant", 100));
        assertEquals(new LearningRateSchedule.Cosine(100, 0), LearningRateSchedule.parse("cosine", 100));
        assertEquals(new LearningRateSchedule.Cosine(30, 0.01), LearningRateSchedule.parse("Cosine:0.01", 30));
        assertEquals(new LearningRateSchedule.StepDecay(20, 0.5), LearningRateSchedule.parse("step:20:0.5", 100));
        for (String bad : new String[] {"linear", "step:20", "step:x:0.5", "cosine:0.1:2", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LearningRateSchedule.parse(bad, 10));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("step:EVERY:FACTOR"),
                    e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.parse("step:0:0.5", 10));
        assertTrue(e.getMessage().contains("at least 1 epoch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("cosine:1.5", 10));
        e = assertThrows(IllegalArgumentException.class, () -> FitOptions.builder()
                .schedule(new LearningRateSchedule.Cosine(5, 0)).reduceLROnPlateau(ReduceLROnPlateau.defaults()).build());
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    /** Every epoch of a fit runs at the schedule's rate, and the same seed gives the same bits twice. */
    @Test
    void theFitLoopSetsTheRateOfEveryEpoch() {
        Tensor x = TestData.normal(1, 24, 5, 2);
        Tensor y = TestData.normal(2, 24, 1);
        LearningRateSchedule cosine = new LearningRateSchedule.Cosine(6, 0.0);
        History[] h = new History[2];
        for (int run = 0; run < 2; run++) {
            Sequential m = new Sequential(new GRU(4).inputShape(5, 2), new Dense(1)).seed(3).threads(1);
            m.compile(Loss.mse(), new Adam(0.01));
            h[run] = m.fit(x, y, FitOptions.builder().epochs(6).batchSize(8).schedule(cosine).build());
        }
        for (int e = 1; e <= 6; e++) {
            assertEquals(cosine.rate(0.01, e), h[0].learningRate()[e - 1], 1e-18, "epoch " + e);
        }
        assertEquals(0.01, h[0].learningRate()[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(h[0].loss(), h[1].loss(), 0.0);
    }
}
