package org.seqcast.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntervalMetricsTest {
    private static final double[] Y = {10, 12, 9, 15};
    private static final double[] L = {8, 11, 10, 11};
    private static final double[] U = {12, 14, 13, 14};
    /** In-sample 1, 3, 2, 5, 4: naive (m = 1) errors 2, 1, 3, 1, scale 7/4; m = 2 errors 1, 2, 2, scale 5/3. */
    private static final double[] X = {1, 3, 2, 5, 4};

    @Test
    void workedExample() {
        // 10 in [8, 12], 12 in [11, 14]; 9 is 1 below 10, 15 is 1 above 14
        assertEquals(50, IntervalMetrics.coverage(Y, L, U), 1e-12);
        assertEquals((4 + 3 + 3 + 3) / 4.0, IntervalMetrics.width(L, U), 1e-12);
        // widths 4, 3, 3, 3 plus 2/0.05 = 40 times each miss of 1
        assertEquals((4 + 3 + 43 + 43) / 4.0, IntervalMetrics.intervalScore(Y, L, U, 0.05), 1e-12);
        assertEquals(23.25 / 1.75, IntervalMetrics.msis(Y, L, U, 0.05, X, 1), 1e-12);
        assertEquals(23.25 / (5 / 3.0), IntervalMetrics.msis(Y, L, U, 0.05, X, 2), 1e-12);
        // 80%: misses cost 2/0.2 = 10 per unit
        assertEquals((4 + 3 + 13 + 13) / 4.0, IntervalMetrics.intervalScore(Y, L, U, 0.2), 1e-12);
    }

    @Test
    void pinballWorkedExample() {
        double[] y = {10, 20};
        double[] levels = {0.1, 0.5, 0.9};
        double[][] q = {{8, 10, 12}, {21, 22, 25}};
        // step 1: 0.1·2 + 0 + (1 − 0.9)·2 = 0.4; step 2: 0.9·1 + 0.5·2 + 0.1·5 = 2.4
        assertEquals(2.8 / 6, IntervalMetrics.pinball(y, q, levels), 1e-12);
        assertEquals(2.8 / 6 / 1.75, IntervalMetrics.scaledPinball(y, q, levels, X, 1), 1e-12);
        assertEquals(0.9, IntervalMetrics.pinball(20, 21, 0.1), 1e-15);
        assertEquals(0.1 * 5, IntervalMetrics.pinball(30, 25, 0.1), 1e-15);
    }

    /** Identities of the definitions, on random data. */
    @Test
    void definitions() {
        SplittableRandom r = new SplittableRandom(7);
        int h = 50;
        double[] y = new double[h];
        double[] lo = new double[h];
        double[] hi = new double[h];
        double[] wide = new double[h];
        double[] wideLo = new double[h];
        for (int t = 0; t < h; t++) {
            y[t] = r.nextDouble(-5, 5);
            lo[t] = r.nextDouble(-5, 5);
            hi[t] = lo[t] + r.nextDouble(0, 4);
            wideLo[t] = y[t] - r.nextDouble(0, 3);
            wide[t] = y[t] + r.nextDouble(0, 3);
        }
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
        double scale = Metrics.seasonalNaiveScale(x, 2);
        // an interval that always covers scores its scaled width, at any α
        assertEquals(100, IntervalMetrics.coverage(y, wideLo, wide));
        for (double alpha : new double[] {0.05, 0.2, 0.5}) {
            assertEquals(IntervalMetrics.width(wideLo, wide) / scale,
                    IntervalMetrics.msis(y, wideLo, wide, alpha, x, 2), 1e-12);
        }
        // IS_α(y; L, U) = (2/α)·(ρ_{α/2}(y; L) + ρ_{1−α/2}(y; U)): the interval score is two pinball losses
        double alpha = 0.05;
        double[][] q = new double[h][];
        for (int t = 0; t < h; t++) {
            assertEquals(2 / alpha * (IntervalMetrics.pinball(y[t], lo[t], alpha / 2)
                    + IntervalMetrics.pinball(y[t], hi[t], 1 - alpha / 2)),
                    IntervalMetrics.intervalScore(y[t], lo[t], hi[t], alpha), 1e-9);
            q[t] = new double[] {y[t] + r.nextDouble(-2, 2)};
        }
        // the pinball loss at the median is half the absolute error
        double[] median = new double[h];
        for (int t = 0; t < h; t++) {
            median[t] = q[t][0];
        }
        assertEquals(Metrics.mae(y, median) / 2, IntervalMetrics.pinball(y, q, new double[] {0.5}), 1e-12);
        assertEquals(Metrics.mase(y, median, x, 2) / 2,
                IntervalMetrics.scaledPinball(y, q, new double[] {0.5}, x, 2), 1e-12);
        // the hand-counted coverage
        int hits = 0;
        for (int t = 0; t < h; t++) {
            hits += lo[t] <= y[t] && y[t] <= hi[t] ? 1 : 0;
        }
        assertEquals(100.0 * hits / h, IntervalMetrics.coverage(y, lo, hi), 1e-12);
        assertTrue(hits > 0 && hits < h, "the random intervals must both cover and miss for this check to bite");
    }

    @Test
    void boundsCount() {
        assertTrue(IntervalMetrics.covers(1, 1, 2));
        assertTrue(IntervalMetrics.covers(2, 1, 2));
        assertFalse(IntervalMetrics.covers(2.000001, 1, 2));
        assertEquals(0, IntervalMetrics.intervalScore(3, 3, 3, 0.05));
    }

    /** The scaled scores are undefined where MASE is: they throw as Metrics.mase does; MetricReport gives NaN. */
    @Test
    void undefinedScale() {
        double[] flat = {5, 5, 5, 5};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IntervalMetrics.msis(Y, L, U, 0.05, flat, 1))
                .getMessage().contains("repeats itself"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IntervalMetrics.scaledPinball(Y, new double[][] {{1}, {1}, {1}, {1}}, new double[] {0.5},
                        new double[] {1, 2}, 4)).getMessage().contains("longer than the seasonal period 4"));
        assertTrue(Double.isNaN(MetricReport.maseScale(flat, 1)));
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IntervalMetrics.coverage(Y, L, new double[3]))
                .getMessage().contains("actual has 4 values, lower 4 and upper 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IntervalMetrics.width(new double[] {2}, new double[] {1})).getMessage()
                .contains("lower bound 2.0 above its upper bound 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IntervalMetrics.intervalScore(Y, L, U, 5))
                .getMessage().contains("alpha must be in (0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IntervalMetrics.pinball(1, 1, 1))
                .getMessage().contains("quantile level must be in (0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IntervalMetrics.pinball(new double[] {1}, new double[][] {{1, 2}}, new double[] {0.5}))
                .getMessage().contains("2 values for 1 levels"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IntervalMetrics.coverage(new double[] {Double.NaN}, new double[] {1}, new double[] {2}))
                .getMessage().contains("position 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IntervalMetrics.coverage(new double[0], new double[0], new double[0])).getMessage()
                .contains("empty"));
    }
}
