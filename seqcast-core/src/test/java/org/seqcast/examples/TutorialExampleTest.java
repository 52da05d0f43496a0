package org.seqcast.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's tutorial model learns a noisy sine wave. */
class TutorialExampleTest {
    @Test
    void tutorialModelLearnsNoisySineWave() {
        TutorialExample.Result r = TutorialExample.run(3, 42, 2, null);
        double[] loss = r.history().loss();
        double last = loss[loss.length - 1];
        assertFalse(r.history().diverged());
        assertTrue(r.initialMse() / last >= 10, "training loss should fall at least tenfold: " + r.initialMse()
                + " before, " + last + " after");
        assertTrue(r.testMse() < r.naiveMse(), "held-out MSE " + r.testMse() + " should beat the naive forecast's "
                + r.naiveMse());
        assertTrue(r.testMse() < 3 * TutorialExample.NOISE * TutorialExample.NOISE,
                "held-out MSE " + r.testMse() + " should approach the noise variance 0.01");
    }

    @Test
    void windowsRejectShortSeries() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TutorialExample.windows(new float[10], 10));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }
}
