package org.seqcast.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double[] Y = {10, 20, 30, 40};
    private static final double[] F = {12, 18, 33, 40};

    @Test
    void workedExample() {
        // errors 2, -2, 3, 0
        assertEquals((4 + 4 + 9 + 0) / 4.0, Metrics.mse(Y, F), 1e-12);
        assertEquals(Math.sqrt(17 / 4.0), Metrics.rmse(Y, F), 1e-12);
        assertEquals(7 / 4.0, Metrics.mae(Y, F), 1e-12);
        assertEquals(100 * (0.2 + 0.1 + 0.1 + 0) / 4, Metrics.mape(Y, F), 1e-12);
        assertEquals(200 * (2 / 22.0 + 2 / 38.0 + 3 / 63.0 + 0) / 4, Metrics.smape(Y, F), 1e-12);
        // in-sample 1, 3, 2, 6 with m = 1: naive errors 2, 1, 4 -> scale 7/3
        assertEquals((7 / 4.0) / (7 / 3.0), Metrics.mase(Y, F, new double[] {1, 3, 2, 6}, 1), 1e-12);
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Metrics.mae(Y, new double[3])).getMessage()
                .contains("actual has 4 values but forecast has 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Metrics.mape(new double[] {1, 0}, new double[] {1, 1})).getMessage().contains("position 1 is 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Metrics.mase(Y, F, new double[] {5, 5, 5}, 1)).getMessage().contains("repeats itself"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Metrics.mase(Y, F, new double[] {1, 2}, 4)).getMessage().contains("longer than the seasonal period 4"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Metrics.rmse(new double[] {Double.NaN}, new double[] {1})).getMessage().contains("position 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(new double[0], new double[0])).getMessage().contains("empty"));
    }

    @Test
    void reportMarksUndefinedMeasuresAsNaN() {
        MetricReport r = MetricReport.of(new double[] {0, 2}, new double[] {0, 1}, null, 1);
        assertTrue(Double.isNaN(r.mape()));
        assertTrue(Double.isNaN(r.mase()));
        assertEquals(200 * (0 + 1 / 3.0) / 2, r.smape(), 1e-12, "a 0/0 step counts as no error");
    }
}
