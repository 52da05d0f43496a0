package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Prediction intervals' properties and bad input; their values against R are IntervalsRTest's. */
class PredictionIntervalsTest {
    private static final double[] Y = {12, 15, 14, 18, 17, 21, 20, 24, 23, 27, 26, 30, 29, 33, 32, 36};

    /** One fit of every kind of BaselineFit. */
    private static List<BaselineFit> fits() {
        return List.of(SimpleBaselines.fitMean(Y), SimpleBaselines.fitNaive(Y), SimpleBaselines.fitSeasonalNaive(Y, 4),
                SimpleBaselines.fitDrift(Y), ExponentialSmoothing.holt(Y, false, EtsCriterion.MSE),
                ExponentialSmoothing.holtWinters(Y, 4, Seasonality.MULTIPLICATIVE, false, EtsCriterion.MSE),
                Theta.fit(Y, 4), AutoRegression.fit(Y));
    }

    @Test
    void intervalsAreCentredOnTheForecastAndNestByLevel() {
        for (BaselineFit fit : fits()) {
            PredictionIntervals p = fit.intervals(6, 50, 80, 95);
            assertArrayEquals(fit.forecast(6), p.forecast(), 0, fit.toString());
            assertEquals(6, p.horizon());
            for (int k = 0; k < 6; k++) {
                double f = p.forecast()[k];
                double previous = 0;
                for (double level : p.levels()) {
                    double lo = p.lower(level)[k];
                    double hi = p.upper(level)[k];
                    assertEquals(f - lo, hi - f, 1e-9 * Math.max(1, Math.abs(f)), fit + " symmetric at step " + k);
                    assertTrue(hi - lo > previous, fit + ": the " + level + "% interval is the wider");
                    previous = hi - lo;
                }
            }
        }
    }

    @Test
    void badLevelsAreRefusedNamingTheLevel() {
        BaselineFit naive = SimpleBaselines.fitNaive(Y);
        for (double bad : new double[] {0, 100, -5, 150, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> naive.intervals(3, bad));
            assertTrue(e.getMessage().contains(" is outside (0, 100)"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> naive.intervals(3, 80, 80)).getMessage()
                .contains("levels: 80 is given twice"));
        assertEquals(naive.intervals(3, 80, 95), naive.intervals(3, 95, 80), "levels in any order, sorted as R does");
        assertArrayEquals(new double[] {80, 95}, naive.intervals(3, 95, 80).levels());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> naive.intervals(3)).getMessage()
                .contains("at least one interval coverage"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> naive.intervals(0, 80)).getMessage()
                .contains("horizon must be at least 1"));
        // the mean's own override (Student's t) checks the same
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimpleBaselines.fitMean(Y).intervals(3, 100))
                .getMessage().contains("levels: 100 is outside (0, 100)"));
    }

    @Test
    void noIntervalsWithoutAVariance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimpleBaselines.fitMean(new double[] {4}).intervals(2, 80));
        assertTrue(e.getMessage().contains("no degree of freedom left"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SimpleBaselines.fitSeasonalNaive(new double[] {1, 2, 3, 4}, 4).intervals(2, 80));
        assertThrows(IllegalArgumentException.class,
                () -> SimpleBaselines.fitDrift(new double[] {1, 2}).intervals(2, 95));
    }

    @Test
    void boundsByLevelAskForALevelThatIsThere() {
        PredictionIntervals p = SimpleBaselines.fitNaive(Y).intervals(2, 80, 95);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.lower(90)).getMessage()
                .contains("no interval at level 90.0; the levels are [80.0, 95.0]"));
    }
}
