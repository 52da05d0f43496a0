package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

class DropoutTest {
    @Test
    void identityAtInference() {
        Dropout d = new Dropout(0.5);
        d.build(new int[] {4}, new Rng(1), "test");
        Tensor x = TestData.normal(1, 3, 4);
        assertArrayEquals(x.data(), d.forward(x, Context.inference(Parallel.serial())).data());
    }

    @Test
    void trainingZeroesAboutRateAndScalesSurvivors() {
        Dropout d = new Dropout(0.25);
        d.build(new int[] {1000}, new Rng(1), "test");
        Tensor x = Tensor.zeros(10, 1000);
        java.util.Arrays.fill(x.data(), 1f);
        Context ctx = Context.training(Parallel.serial(), new Rng(3));
        Tensor y = d.forward(x, ctx);
        int zeros = 0;
        for (float v : y.data()) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.75f, v, 1e-6f);
            }
        }
        assertEquals(0.25, zeros / 10000.0, 0.02);
        Tensor dx = d.backward(x, ctx);     // gradient passes exactly where the value passed
        assertArrayEquals(y.data(), dx.data());
        assertTrue(zeros > 0);
    }
}
