package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.tensor.Tensor;

/**
 * Masking: masked steps change nothing (a padded sequence predicts as its unpadded part, wherever the padding sits),
 * streaming one step at a time gives the bits of a whole-sequence pass, and the layers a mask may not reach are
 * refused when the model is built. The numbers against PyTorch are {@code golden/GoldenMaskingTorchTest}'s.
 */
class MaskingTest {
    private static final int T = 6;
    private static final int F = 2;

    private static Sequential model(int threads) {
        return Sequential.of(List.of(new LayerSpec.Masking(-1), new LayerSpec.Lstm(4).returnSequences(true),
                new LayerSpec.Dense(3).activation(Activation.TANH), new LayerSpec.Gru(3), new LayerSpec.Dense(1)))
                .seed(3).threads(threads).build(-1, F);
    }

    private static float[] randomSteps(int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[steps * F];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (r.nextDouble() * 2 - 0.5);
        }
        return x;
    }

    @Test
    void paddedStepsAnywhereChangeNothing() {
        Sequential m = model(1);
        float[] data = randomSteps(4, 1);
        Tensor plain = m.predict(Tensor.wrap(data, 1, 4, F));
        // the same four steps with two padded steps at the end, at the start, and one between steps 2 and 3
        for (int[] where : new int[][] {{4, 5}, {0, 1}, {2, 5}}) {
            float[] padded = new float[T * F];
            int s = 0;
            for (int t = 0; t < T; t++) {
                boolean pad = t == where[0] || t == where[1];
                for (int f = 0; f < F; f++) {
                    padded[t * F + f] = pad ? -1f : data[s * F + f];
                }
                s += pad ? 0 : 1;
            }
            assertArrayEquals(plain.data(), m.predict(Tensor.wrap(padded, 1, T, F)).data(),
                    "padding at " + where[0] + ", " + where[1]);
        }
        Sequential noMask = Sequential.of(List.of(new LayerSpec.Masking(1234), new LayerSpec.Lstm(4).returnSequences(true),
                new LayerSpec.Dense(3).activation(Activation.TANH), new LayerSpec.Gru(3), new LayerSpec.Dense(1)))
                .seed(3).threads(1).build(-1, F);
        float[] padded = randomSteps(T, 3);
        padded[T * F - 1] = -1f;
        padded[T * F - 2] = -1f;
        assertTrue(Math.abs(noMask.predict(Tensor.wrap(padded, 1, T, F)).data()[0]
                - m.predict(Tensor.wrap(padded, 1, T, F)).data()[0]) > 1e-4, "the mask must matter");
    }

    @Test
    void streamingMatchesAWholePassAndThreadsDoNotMatter() {
        Sequential one = model(1);
        Sequential three = model(3);
        int B = 5;
        float[] x = randomSteps(B * T, 4);
        for (int b = 0; b < B; b++) {
            for (int f = 0; f < F; f++) {
                x[(b * T + (b % T)) * F + f] = -1f;                 // sample b masked at step b mod T
            }
        }
        Tensor whole = one.predict(Tensor.wrap(x, B, T, F));
        assertArrayEquals(whole.data(), three.predict(Tensor.wrap(x, B, T, F)).data());
        Stepper s = one.stepper(B);
        Tensor last = null;
        for (int t = 0; t < T; t++) {
            float[] xt = new float[B * F];
            for (int b = 0; b < B; b++) {
                System.arraycopy(x, (b * T + t) * F, xt, b * F, F);
            }
            last = s.step(Tensor.wrap(xt, B, F));
        }
        assertArrayEquals(whole.data(), last.data());
    }

    @Test
    void layersAMaskMayNotReachAreRefusedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Masking(),
                new Conv1D(2, 2), new LSTM(2)).build(-1, F));
        assertTrue(e.getMessage().startsWith("layer 1 (Conv1D) is reached by the mask of a Masking layer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Masking(),
                new Bidirectional(new LayerSpec.Lstm(2))).build(-1, F));
        assertTrue(e.getMessage().contains("layer 1 (Bidirectional)"), e.getMessage());
        // the mask ends at a recurrent layer that returns its last state: what follows is unmasked
        new Sequential(new Masking(), new LSTM(3).returnSequences(false), new RepeatVector(2), new Conv1D(2, 2)).build(-1, F);
        Graph.Builder g = Graph.builder();
        Graph.Node in = g.input("x", -1, F);
        Graph.Node masked = g.layer("m", new LayerSpec.Masking(), in);
        Graph.Node lstm = g.layer("lstm", new LayerSpec.Lstm(F).returnSequences(true), masked);
        e = assertThrows(IllegalArgumentException.class, () -> g.add("sum", lstm, in));
        assertTrue(e.getMessage().contains("add 'sum' reads 'lstm', which carries the mask"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Masking(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Masking().outputShape(new int[] {3}));
    }
}
