package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScalingTest {
    private static final double[] X = {1, 2, 3, 4, 10};

    @Test
    void standardUsesMeanAndPopulationStandardDeviation() {
        AffineScaler s = Scaling.STANDARD.fit(X);
        assertEquals(4.0, s.center(), 1e-15);
        assertEquals(Math.sqrt((9 + 4 + 1 + 0 + 36) / 5.0), s.scale(), 1e-15);
    }

    @Test
    void minMaxMapsTrainingRangeToUnitInterval() {
        AffineScaler s = Scaling.MINMAX.fit(X);
        assertEquals(0.0, s.transform(1), 1e-15);
        assertEquals(1.0, s.transform(10), 1e-15);
    }

    @Test
    void robustUsesMedianAndInterquartileRangeOfRType7() {
        AffineScaler s = Scaling.ROBUST.fit(X);
        // R: quantile(c(1,2,3,4,10)) -> 25% 2, 50% 3, 75% 4
        assertEquals(3.0, s.center(), 1e-15);
        assertEquals(2.0, s.scale(), 1e-15);
    }

    @Test
    void inverseUndoesTransform() {
        for (Scaling kind : Scaling.values()) {
            AffineScaler s = kind.fit(X);
            for (double x : new double[] {-3.5, 0, 7.25, 1e4}) {
                assertEquals(x, s.inverse(s.transform(x)), 1e-9 * Math.max(1, Math.abs(x)), kind.name());
            }
        }
    }

    @Test
    void constantSeriesNeverDividesByZero() {
        for (Scaling kind : Scaling.values()) {
            AffineScaler s = kind.fit(new double[] {5, 5, 5, 5});
            assertTrue(s.scale() > 0 && Double.isFinite(s.transform(6)), kind.name());
            AffineScaler zero = kind.fit(new double[] {0, 0, 0});
            assertEquals(1.0, zero.scale(), kind.name());
        }
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Scaling.STANDARD.fit(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scaling.parse("zscore"));
        assertTrue(e.getMessage().contains("standard, minmax, robust or none"), e.getMessage());
        assertEquals(Scaling.MINMAX, Scaling.parse("MinMax"));
    }
}
