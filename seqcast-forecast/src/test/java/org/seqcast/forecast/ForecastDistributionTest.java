package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;

class ForecastDistributionTest {
    private static final TimeIndex THREE_MONTHS = TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2020, 1, 1), 3);
    private static final double[] POINT = {10, 20, 30};
    /** Step k: the 95% interval is point ± 2(k+1), the 80% one point ± (k+1). */
    private static final double[][] LOWER = {{9, 8}, {18, 16}, {27, 24}};
    private static final double[][] UPPER = {{11, 12}, {22, 24}, {33, 36}};

    private static Forecast point() {
        return new Forecast("s", "m", THREE_MONTHS, POINT);
    }

    /** Levels that pair up (τ, 1 − τ) show as intervals of coverage 100 − 200τ, the others as quantiles. */
    /** Multiplying back by seasonal indices: each step by its own factor, columns kept, bad factors named. */
    @Test
    void scalingMultipliesEachStepAndKeepsTheColumns() {
        ForecastDistribution d = ForecastDistribution.ofLevels(new double[] {0.1, 0.5, 0.9},
                new double[][] {{1, 2, 3}, {4, 5, 6}});
        ForecastDistribution s = d.scaled(new double[] {2, 0.5});
        assertEquals(d.columns(), s.columns());
        assertArrayEquals(new double[] {2, 2}, s.lower(80));
        assertArrayEquals(new double[] {6, 3}, s.upper(80));
        assertArrayEquals(new double[] {4, 2.5}, s.quantile(0.5));
        assertArrayEquals(new double[] {1, 4}, d.lower(80), "the original is untouched");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.scaled(new double[] {1, 0}));
        assertTrue(e.getMessage().contains("step 2") && e.getMessage().contains("got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.scaled(new double[] {1}));
        assertTrue(e.getMessage().contains("2 steps") && e.getMessage().contains("got 1"), e.getMessage());
    }

    @Test
    void levelsShowAsIntervalsWhereTheyPairUp() {
        double[] levels = {0.05, 0.1, 0.3, 0.5, 0.9, 0.95};
        double[][] values = {{1, 2, 3, 4, 5, 6}, {0, 0, 1, 1, 2, 2}};
        ForecastDistribution d = ForecastDistribution.ofLevels(levels, values);
        assertEquals(List.of("lo80", "hi80", "lo90", "hi90", "q30", "q50"), d.columns());
        assertArrayEquals(new double[] {2, 0}, d.lower(80));
        assertArrayEquals(new double[] {6, 2}, d.upper(90));
        assertArrayEquals(new double[] {4, 1}, d.quantile(0.5));
        assertArrayEquals(values, d.values());
        assertEquals(List.of("q50"), ForecastDistribution.ofLevels(new double[] {0.5}, new double[][] {{1}}).columns());
        assertEquals(List.of("q20", "q60"), ForecastDistribution.ofLevels(new double[] {0.2, 0.6},
                new double[][] {{1, 2}}).columns());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForecastDistribution.ofLevels(new double[] {0.1, 0.9}, new double[][] {{2, 1}}));
        assertTrue(e.getMessage().contains("quantiles cross at step 1"), e.getMessage());
    }

    @Test
    void aPointForecastCarriesNoDistribution() {
        Forecast f = point();
        assertFalse(f.hasDistribution());
        assertSame(ForecastDistribution.NONE, f.distribution());
        assertEquals(List.of(), f.distribution().columns());
        assertEquals(f.distribution(), new Forecast("s", "m", THREE_MONTHS, POINT, "a note", null).distribution());
    }

    @Test
    void intervalsAreTheQuantilesAtTheirBounds() {
        Forecast f = point().withIntervals(new double[] {80, 95}, LOWER, UPPER);
        ForecastDistribution d = f.distribution();
        assertTrue(f.hasDistribution());
        assertArrayEquals(POINT, f.values(), "the point forecast stays");
        assertArrayEquals(new double[] {0.025, 0.1, 0.9, 0.975}, d.levels());
        assertArrayEquals(new double[] {9, 18, 27}, d.lower(80));
        assertArrayEquals(new double[] {12, 24, 36}, d.upper(95));
        assertArrayEquals(d.lower(80), d.quantile(0.1));
        assertArrayEquals(d.upper(95), d.quantile(0.975));
        assertEquals(List.of("lo80", "hi80", "lo95", "hi95"), d.columns());
        assertEquals(List.of("lo80", "hi80", "lo95", "hi95"), List.copyOf(d.row(1).keySet()));
        assertEquals(List.of(18.0, 22.0, 16.0, 24.0), List.copyOf(d.row(1).values()));
        assertEquals(0, d.quantileLevels().length);
    }

    @Test
    void quantilesNameTheirColumnsAndGiveTheIntervalsTheyContain() {
        double[][] q = {{1, 2, 3, 4, 5}, {1, 1, 1, 1, 1}, {-5, -2, 0, 2.5, 7}};
        ForecastDistribution d = ForecastDistribution.ofQuantiles(new double[] {0.025, 0.1, 0.5, 0.9, 0.975}, q);
        assertEquals(List.of("q2.5", "q10", "q50", "q90", "q97.5"), d.columns());
        assertArrayEquals(new double[] {3, 1, 0}, d.quantile(0.5));
        // the 80% interval is [q10, q90] whether or not it was asked for as an interval
        assertArrayEquals(new double[] {2, 1, -2}, d.lower(80));
        assertArrayEquals(new double[] {5, 1, 7}, d.upper(95));
        ForecastDistribution both = d.withIntervals(80);
        assertEquals(List.of("lo80", "hi80", "q2.5", "q10", "q50", "q90", "q97.5"), both.columns());
        assertEquals(Map.of("lo80", 2.0, "hi80", 4.0, "q2.5", 1.0, "q10", 2.0, "q50", 3.0, "q90", 4.0, "q97.5", 5.0),
                both.row(0));
        assertArrayEquals(d.levels(), both.levels());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> d.withIntervals(50));
        assertTrue(missing.getMessage().contains("the 50% interval needs the quantile at level 0.25"),
                missing.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> d.quantile(0.3));
        assertTrue(absent.getMessage().contains("no quantile at level 0.3"), absent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.lower(99));
    }

    @Test
    void theValueTypeIsImmutableAndComparedByValue() {
        double[] levels = {0.1, 0.9};
        double[][] q = {{1, 2}, {3, 4}, {5, 6}};
        ForecastDistribution d = ForecastDistribution.ofQuantiles(levels, q);
        levels[0] = 0.2;
        q[0][0] = 100;
        d.values()[0][1] = 100;
        d.quantileLevels()[0] = 0.3;
        assertArrayEquals(new double[] {0.1, 0.9}, d.quantileLevels());
        assertArrayEquals(new double[] {1, 3, 5}, d.quantile(0.1));
        assertArrayEquals(new double[] {2, 4, 6}, d.quantile(0.9));
        assertEquals(d, ForecastDistribution.ofQuantiles(new double[] {0.1, 0.9}, new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        assertEquals(d.hashCode(), ForecastDistribution.ofQuantiles(new double[] {0.1, 0.9},
                new double[][] {{1, 2}, {3, 4}, {5, 6}}).hashCode());
        assertNotEquals(d, d.withIntervals(80), "the same numbers shown as an interval are another distribution");
    }

    @Test
    void columnsOfSeveralForecastsAreTheUnionInOneOrder() {
        ForecastDistribution a = ForecastDistribution.ofIntervals(new double[] {95}, new double[][] {{1}}, new double[][] {{2}});
        ForecastDistribution b = ForecastDistribution.ofQuantiles(new double[] {0.5}, new double[][] {{1}})
                .withIntervals();
        ForecastDistribution c = ForecastDistribution.ofIntervals(new double[] {80}, new double[][] {{1}}, new double[][] {{2}});
        assertEquals(List.of("lo80", "hi80", "lo95", "hi95", "q50"),
                ForecastDistribution.columns(List.of(a, ForecastDistribution.NONE, b, c)));
        assertEquals(List.of(), ForecastDistribution.columns(List.of(ForecastDistribution.NONE)));
    }

    @Test
    void levelsAndCoveragesOutsideTheirRangeOrRepeatedAreRefused() {
        double[][] two = {{1, 2}, {1, 2}, {1, 2}};
        refused(() -> point().withQuantiles(new double[] {0, 0.5}, two), "quantile level 0.0 (position 1) is outside (0, 1)");
        refused(() -> point().withQuantiles(new double[] {0.5, 1}, two), "quantile level 1.0 (position 2) is outside (0, 1)");
        refused(() -> point().withQuantiles(new double[] {0.5, Double.NaN}, two), "quantile level NaN");
        refused(() -> point().withQuantiles(new double[] {0.5, 0.5}, two), "quantile level 0.5 is given twice");
        refused(() -> point().withQuantiles(new double[] {0.9, 0.1}, two), "strictly increasing: 0.1 (position 2) follows 0.9");
        refused(() -> point().withIntervals(new double[] {80, 100}, LOWER, UPPER),
                "interval coverage 100.0 (position 2) is outside (0, 100) percent");
        refused(() -> point().withIntervals(new double[] {95, 80}, LOWER, UPPER), "interval coverages must be strictly increasing");
    }

    @Test
    void badValuesAreRefusedNamingSeriesStepAndLevel() {
        refused(() -> point().withQuantiles(new double[] {0.1, 0.9}, new double[][] {{1, 2}, {1, 2}}),
                "the distribution of m's forecast of series 's' has 2 steps for a forecast of 3");
        refused(() -> point().withQuantiles(new double[] {0.1, 0.9}, new double[][] {{1, 2}, {1}, {1, 2}}),
                "series 's': quantile values at step 2 have 1 columns but there are 2 levels");
        refused(() -> point().withQuantiles(new double[] {0.1, 0.5, 0.9}, new double[][] {{1, 2, 3}, {1, 2, 3}, {1, 4, 3}}),
                "series 's': quantiles cross at step 3: q90 (level 0.9) is 3.0, below q50 (level 0.5) at 4.0");
        refused(() -> point().withQuantiles(new double[] {0.1, 0.9}, new double[][] {{1, 2}, {1, Double.NaN}, {1, 2}}),
                "series 's': non-finite q90 NaN at step 2 (level 0.9)");
        double[][] crossed = {{9, 8}, {18, 16}, {34, 24}};
        refused(() -> point().withIntervals(new double[] {80, 95}, crossed, UPPER),
                "series 's': quantiles cross at step 3: hi80 (level 0.9) is 33.0, below lo80 (level 0.1) at 34.0");
        double[][] notNested = {{9, 10}, {18, 16}, {27, 24}};
        refused(() -> point().withIntervals(new double[] {80, 95}, notNested, UPPER),
                "quantiles cross at step 1: lo80 (level 0.1) is 9.0, below lo95 (level 0.025) at 10.0");
        refused(() -> point().withIntervals(new double[] {80, 95}, LOWER, new double[][] {{11, 12}, {22, 24}}),
                "lower has 3 steps but upper has 2");
        double[][] infinite = {{11, 12}, {22, Double.POSITIVE_INFINITY}, {33, 36}};
        refused(() -> point().withIntervals(new double[] {80, 95}, LOWER, infinite),
                "non-finite hi95 Infinity at step 2 (level 0.975)");
        refused(() -> point().withDistribution(ForecastDistribution.ofQuantiles(new double[] {0.5}, new double[][] {{1}})),
                "the distribution of m's forecast of series 's' has 1 steps for a forecast of 3");
    }

    private static void refused(Executable e, String expected) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }

    /** withLevels keeps all (null), none (empty) or exactly the coverages asked for, with the same bounds. */
    @Test
    void withLevelsChoosesAmongTheCarriedIntervals() {
        Forecast both = point().withIntervals(new double[] {80, 95}, LOWER, UPPER);
        assertSame(both, both.withLevels(null));
        assertFalse(both.withLevels(new double[0]).hasDistribution());
        Forecast only95 = both.withLevels(new double[] {95});
        assertArrayEquals(new double[] {95}, only95.distribution().coverages());
        assertArrayEquals(both.distribution().lower(95), only95.distribution().lower(95));
        assertArrayEquals(both.distribution().upper(95), only95.distribution().upper(95));
        assertEquals(both.distribution(), both.withLevels(new double[] {80, 95}).distribution());

        MissingLevelException e = assertThrows(MissingLevelException.class, () -> both.withLevels(new double[] {80, 90}));
        assertEquals(90, e.level());
        assertArrayEquals(new double[] {80, 95}, e.available());
        assertTrue(e.getMessage().startsWith("levels: m's forecast of series 's' has intervals at 80%, 95% only, not at"
                + " 90%"), e.getMessage());
        MissingLevelException none = assertThrows(MissingLevelException.class, () -> point().withLevels(new double[] {80}));
        assertArrayEquals(new double[0], none.available());
        assertTrue(none.getMessage().contains("has no intervals, not at 80%"), none.getMessage());
    }
}
