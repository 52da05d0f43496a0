package org.seqcast.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.nn.Dense;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Sequential;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/**
 * Every loss's gradient against central differences of its value, and the pinball loss's definition and checks.
 * The values are sums in double of float inputs, so the differences use the float-rounded steps actually taken;
 * points are kept at least 0.05 away from every kink (|ŷ − y| = 0, and δ for Huber), the step is 1e-3.
 */
class LossTest {
    private static final double H = 1e-3;

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(Loss.mse(), new int[] {3, 4}),
                Arguments.of(Loss.mae(), new int[] {3, 4}),
                Arguments.of(Loss.huber(), new int[] {2, 3, 2}),
                Arguments.of(Loss.huber(0.3), new int[] {5, 2}),
                Arguments.of(Loss.logSmape(), new int[] {3, 4}),
                Arguments.of(Loss.pinball(0.1, 0.5, 0.9), new int[] {4, 3}),
                Arguments.of(Loss.pinball(0.05, 0.95), new int[] {2, 3, 2}),
                Arguments.of(Loss.pinball(0.5), new int[] {3, 2, 1}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("losses")
    void gradientMatchesCentralDifferences(Loss loss, int[] outShape) {
        Random rnd = new Random(11);
        Tensor pred = Tensor.zeros(outShape);
        Tensor target = Tensor.zeros(loss.targetShape(outShape));
        float[] y = target.data();
        for (int k = 0; k < y.length; k++) {
            y[k] = (float) rnd.nextGaussian();
        }
        float[] p = pred.data();
        int perTarget = p.length / y.length;
        for (int k = 0; k < p.length; k++) {
            p[k] = awayFromKinks(rnd, y[k / perTarget], loss);
        }
        float[] grad = loss.gradient(pred, target).data();
        double worst = 0;
        for (int k = 0; k < p.length; k++) {
            float keep = p[k];
            p[k] = (float) (keep + H);
            double up = loss.value(pred, target);
            float hi = p[k];
            p[k] = (float) (keep - H);
            double down = loss.value(pred, target);
            float lo = p[k];
            p[k] = keep;
            double fd = (up - down) / ((double) hi - lo);
            worst = Math.max(worst, Math.abs(fd - grad[k]) / Math.max(1e-3, Math.abs(fd)));
        }
        assertTrue(worst < 1e-4, loss + ": worst relative gradient error " + worst);
    }

    /** The weighted loss L_w = (1/N) Σ_k w_b(k) ℓ_k: its gradient against central differences, as above. */
    @ParameterizedTest(name = "{0} {1} weighted")
    @MethodSource("losses")
    void weightedGradientMatchesCentralDifferences(Loss loss, int[] outShape) {
        Random rnd = new Random(13);
        Tensor pred = Tensor.zeros(outShape);
        Tensor target = Tensor.zeros(loss.targetShape(outShape));
        Tensor w = Tensor.zeros(outShape[0]);
        for (int b = 0; b < outShape[0]; b++) {
            w.data()[b] = (float) (0.2 + 3 * rnd.nextDouble());
        }
        float[] y = target.data();
        for (int k = 0; k < y.length; k++) {
            y[k] = (float) rnd.nextGaussian();
        }
        float[] p = pred.data();
        int perTarget = p.length / y.length;
        for (int k = 0; k < p.length; k++) {
            p[k] = awayFromKinks(rnd, y[k / perTarget], loss);
        }
        float[] grad = loss.gradient(pred, target, w).data();
        double worst = 0;
        for (int k = 0; k < p.length; k++) {
            float keep = p[k];
            p[k] = (float) (keep + H);
            double up = loss.value(pred, target, w);
            float hi = p[k];
            p[k] = (float) (keep - H);
            double down = loss.value(pred, target, w);
            float lo = p[k];
            p[k] = keep;
            double fd = (up - down) / ((double) hi - lo);
            worst = Math.max(worst, Math.abs(fd - grad[k]) / Math.max(1e-3, Math.abs(fd)));
        }
        assertTrue(worst < 1e-4, loss + " weighted: worst relative gradient error " + worst);
    }

    /** The definition: sample b's terms times w_b, over N; weights of 1 give the unweighted loss bit for bit. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("losses")
    void weightsScaleEachSamplesTerms(Loss loss, int[] outShape) {
        Random rnd = new Random(17);
        Tensor pred = Tensor.zeros(outShape);
        Tensor target = Tensor.zeros(loss.targetShape(outShape));
        for (int k = 0; k < pred.size(); k++) {
            pred.data()[k] = (float) rnd.nextGaussian();
        }
        for (int k = 0; k < target.size(); k++) {
            target.data()[k] = (float) rnd.nextGaussian();
        }
        int b = outShape[0];
        Tensor ones = Tensor.zeros(b);
        java.util.Arrays.fill(ones.data(), 1f);
        assertEquals(loss.value(pred, target), loss.value(pred, target, ones), 1e-15);
        assertArrayEquals(loss.gradient(pred, target).data(), loss.gradient(pred, target, ones).data());
        assertEquals(loss.value(pred, target), loss.value(pred, target, null));
        // one sample weighted 3, the others 0: three times that sample's share of the unweighted loss
        Tensor only = Tensor.zeros(b);
        only.data()[1] = 3f;
        Tensor single = Tensor.zeros(oneSample(outShape));
        Tensor singleTarget = Tensor.zeros(loss.targetShape(oneSample(outShape)));
        System.arraycopy(pred.data(), single.size(), single.data(), 0, single.size());
        System.arraycopy(target.data(), singleTarget.size(), singleTarget.data(), 0, singleTarget.size());
        assertEquals(3 * loss.value(single, singleTarget) / b, loss.value(pred, target, only), 1e-12);
        float[] g = loss.gradient(pred, target, only).data();
        for (int k = 0; k < g.length; k++) {
            assertEquals(k / single.size() == 1, g[k] != 0, "only sample 1 has a gradient, element " + k);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.value(pred, target, Tensor.zeros(b + 1)));
        assertTrue(e.getMessage().contains("(" + (b + 1) + ")") && e.getMessage().contains("one per sample"),
                e.getMessage());
    }

    private static int[] oneSample(int[] shape) {
        int[] s = shape.clone();
        s[0] = 1;
        return s;
    }

    /** A prediction whose error to y is at least 0.05 from 0 and from ±δ (Huber). */
    private static float awayFromKinks(Random rnd, float y, Loss loss) {
        while (true) {
            float p = (float) (y + 2 * rnd.nextGaussian());
            double d = Math.abs((double) p - y);
            boolean nearDelta = loss instanceof Huber h && Math.abs(d - h.delta()) < 0.05;
            if (d > 0.05 && !nearDelta) {
                return p;
            }
        }
    }

    @Test
    void pinballIsTheMeanOfTheCheckFunction() {
        Loss loss = Loss.pinball(0.1, 0.9);
        Tensor pred = Tensor.wrap(new float[] {1f, 3f, 2f, 2f}, 2, 2);      // ŷ (B = 2, Q = 2)
        Tensor target = Tensor.wrap(new float[] {2f, 1f}, 2);
        // u = y − ŷ: (1, −1) for y = 2, (−1, −1) for y = 1; ρ_0.1: 0.1, 0.9, 0.9; ρ_0.9: 0.1, 0.1
        double expected = (0.1 * 1 + (0.9 - 1) * -1 + (0.1 - 1) * -1 + (0.9 - 1) * -1) / 4;
        assertEquals(expected, loss.value(pred, target), 1e-12);
        assertArrayEquals(new float[] {-0.1f / 4, (1 - 0.9f) / 4, (1 - 0.1f) / 4, (1 - 0.9f) / 4},
                loss.gradient(pred, target).data(), 1e-7f);
        Tensor median = Tensor.wrap(new float[] {1f, 3f}, 2, 1);
        assertEquals(0.5 * Loss.mae().value(Tensor.wrap(new float[] {1f, 3f}, 2, 1), Tensor.wrap(new float[] {2f, 1f}, 2, 1)),
                Loss.pinball(0.5).value(median, target), 1e-12, "ρ_0.5 is half the absolute error");
    }

    @Test
    void pinballTargetsDropTheQuantileAxis() {
        Loss loss = Loss.pinball(0.1, 0.5, 0.9);
        assertArrayEquals(new int[] {8, 6}, loss.targetShape(new int[] {8, 6, 3}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.targetShape(new int[] {8, 6, 2}));
        assertTrue(e.getMessage().contains("3 quantile levels") && e.getMessage().contains("(8, 6, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> loss.value(Tensor.zeros(4, 3), Tensor.zeros(4, 1)));
        assertTrue(e.getMessage().contains("(4)") && e.getMessage().contains("(4, 1)"), e.getMessage());
        assertArrayEquals(new int[] {8, 6}, Loss.mse().targetShape(new int[] {8, 6}));
    }

    @Test
    void pinballLevelsAreChecked() {
        assertMessage("strictly between 0 and 1", () -> Loss.pinball(0.1, 1.0));
        assertMessage("strictly between 0 and 1", () -> Loss.pinball(0.0));
        assertMessage("strictly between 0 and 1", () -> Loss.pinball(Double.NaN));
        assertMessage("strictly increasing", () -> Loss.pinball(0.9, 0.1));
        assertMessage("twice", () -> Loss.pinball(0.1, 0.5, 0.5));
        assertMessage("at least one", Loss::pinball);
        assertMessage("Loss.pinball", () -> Loss.of("pinball"));
        assertEquals(Loss.pinball(0.1, 0.9), Loss.pinball(0.1, 0.9));
        double[] levels = {0.2, 0.8};
        Pinball p = new Pinball(levels);
        levels[0] = 0.5;
        assertEquals(0.2, p.levels()[0], "levels are copied");
    }

    @Test
    void sequentialAsksTheLossForTheTargetShape() {
        Sequential m = new Sequential(new LSTM(4).returnSequences(true), new Dense(3)).seed(2).threads(1);
        m.compile(Loss.pinball(0.1, 0.5, 0.9), new Adam(0.02));
        Tensor x = normal(1, 16, 5, 2);
        Tensor y = normal(2, 16, 5);                                   // (B, T) targets for (B, T, Q) outputs
        History h = m.fit(x, y, FitOptions.builder().epochs(30).batchSize(16).build());
        assertTrue(h.loss()[29] < h.loss()[0], "the quantile loss falls: " + h.loss()[0] + " -> " + h.loss()[29]);
        Tensor q = m.predict(x);
        assertArrayEquals(new int[] {16, 5, 3}, q.shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(x, normal(3, 16, 5, 3)));
        assertTrue(e.getMessage().contains("(16, 5)") && e.getMessage().contains("pinball"), e.getMessage());
    }

    private static Tensor normal(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        Rng rng = new Rng(seed);
        for (int k = 0; k < t.size(); k++) {
            t.data()[k] = (float) rng.gaussian();
        }
        return t;
    }

    /** log_smape is the sMAPE of the exponentiated values, bounded by 2. */
    @Test
    void logSmapeIsTheSmapeOfTheExponentials() {
        float[] p = {(float) Math.log(110), (float) Math.log(3), (float) Math.log(50)};
        float[] y = {(float) Math.log(100), (float) Math.log(4), (float) Math.log(5e6)};
        double expected = 0;
        for (int k = 0; k < 3; k++) {
            double a = Math.exp(p[k]);
            double b = Math.exp(y[k]);
            expected += 2 * Math.abs(a - b) / (a + b) / 3;
        }
        assertEquals(expected, Loss.of("log_smape").value(Tensor.wrap(p, 3, 1), Tensor.wrap(y, 3, 1)), 1e-12);
        assertTrue(Loss.logSmape().value(Tensor.wrap(new float[] {0}, 1, 1), Tensor.wrap(new float[] {1e3f}, 1, 1)) <= 2);
    }

    @Test
    void namesStillGiveTheElementwiseLosses() {
        assertEquals(Loss.mse(), Loss.of("mean_squared_error"));
        assertEquals(Loss.mae(), Loss.of("MAE"));
        assertEquals(Loss.huber(), Loss.of("huber"));
        assertMessage("unknown loss", () -> Loss.of("hinge"));
    }

    private static void assertMessage(String part, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
