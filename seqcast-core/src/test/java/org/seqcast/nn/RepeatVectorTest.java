package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * {@link RepeatVector} on hand-computed values: every step is the input, the gradient is the sum over steps;
 * refusals. Its gradient inside a network is checked against PyTorch in GoldenTorchTest
 * (repeat_vector_encoder_decoder).
 */
class RepeatVectorTest {
    @Test
    void repeatsTheVectorAtEveryStepAndSumsTheGradient() {
        RepeatVector r = new RepeatVector(3);
        r.build(new int[] {2}, new Rng(1), "layer 0");
        Context ctx = Context.inference(Parallel.serial());
        Tensor y = r.forward(Tensor.wrap(new float[] {1, 2, 3, 4}, 2, 2), ctx);          // (B=2, F=2)
        assertArrayEquals(new int[] {3, 2, 2}, y.shape());                                 // time-major (n, B, F)
        assertArrayEquals(new float[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, y.data());
        Tensor dx = r.backward(Tensor.wrap(new float[] {1, 0, 0, 1, 2, 0, 0, 2, 4, 0.5f, 0, 4}, 3, 2, 2), ctx);
        assertArrayEquals(new int[] {2, 2}, dx.shape());
        assertArrayEquals(new float[] {7, 0.5f, 0, 7}, dx.data());
    }

    @Test
    void inAModelItTurnsAVectorIntoASequence() {
        Sequential m = Sequential.of(List.of(new LayerSpec.Lstm(3), new LayerSpec.RepeatVector(4),
                new LayerSpec.Gru(2).returnSequences(true), new LayerSpec.Dense(1))).seed(2).build(5, 2);
        assertArrayEquals(new int[] {4, 1}, m.outputShape());
        assertArrayEquals(new int[] {3, 4, 1}, m.predict(Tensor.zeros(3, 5, 2)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.stepper(1));
        assertTrue(e.getMessage().contains("layer 1 (RepeatVector)"), e.getMessage());
    }

    @Test
    void aSequenceInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(List.of(new LayerSpec.Lstm(3).returnSequences(true), new LayerSpec.RepeatVector(4)))
                        .build(5, 2));
        assertTrue(e.getMessage().contains("layer 1 (RepeatVector)") && e.getMessage().contains("returnSequences false"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RepeatVector(0));
    }
}
