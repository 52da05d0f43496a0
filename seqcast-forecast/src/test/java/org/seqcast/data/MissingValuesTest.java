package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MissingValuesTest {
    private static final double NA = Double.NaN;
    private static final TimeIndex MONTHS = TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2020, 1, 1), 6);

    private static TimeSeries series(double... values) {
        return TimeSeries.of("s", MONTHS, values);
    }

    private static TimeSeries twoColumns(double[] value, double[] x) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("value", value);
        columns.put("x", x);
        return new TimeSeries("s", MONTHS, "value", columns, 12);
    }

    @Test
    void policiesParseFromTheirNames() {
        assertEquals(MissingPolicy.ERROR, MissingPolicy.parse("error"));
        assertEquals(MissingPolicy.INTERPOLATE, MissingPolicy.parse("Interpolate"));
        assertEquals(MissingPolicy.FORWARD_FILL, MissingPolicy.parse("ffill"));
        assertEquals(MissingPolicy.FORWARD_FILL, MissingPolicy.parse("forward-fill"));
        assertEquals(MissingPolicy.FORWARD_FILL, MissingPolicy.parse("FORWARD_FILL"));
        assertEquals(MissingPolicy.DROP_LEADING, MissingPolicy.parse("drop-leading"));
        assertEquals(MissingPolicy.DROP_LEADING, MissingPolicy.parse(" drop_leading "));
        for (MissingPolicy p : MissingPolicy.values()) {
            assertEquals(p, MissingPolicy.parse(p.label()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MissingPolicy.parse("zero"));
        assertTrue(e.getMessage().contains("'zero'") && e.getMessage().contains("drop-leading"), e.getMessage());
    }

    @Test
    void reportCountsPerColumnAndFindsTheFirstGap() {
        MissingReport r = MissingValues.report(twoColumns(new double[] {1, 2, NA, 4, NA, 6},
                new double[] {1, NA, 3, 4, 5, 6}));
        assertEquals(Map.of("value", 2, "x", 1), r.missingByColumn());
        assertEquals(3, r.total());
        assertEquals(1, r.firstMissingPosition());
        assertEquals("2020-02-01", r.firstMissingLabel());
        assertEquals(-1, r.missingTimeStamps());
        assertTrue(MissingValues.report(series(1, 2, 3, 4, 5, 6)).isComplete());
    }

    @Test
    void errorNamesSeriesCountFirstLabelAndPolicies() {
        TimeSeries s = series(1, 2, NA, 4, NA, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MissingValues.fill(s, MissingPolicy.ERROR));
        String m = e.getMessage();
        assertTrue(m.contains("series 's'") && m.contains("2 missing values") && m.contains("2020-03-01")
                && m.contains("position 2"), m);
        assertTrue(m.contains("interpolate") && m.contains("ffill") && m.contains("drop-leading"), m);
    }

    @Test
    void completeSeriesPassEveryPolicyUnchanged() {
        TimeSeries s = series(1, 2, 3, 4, 5, 6);
        for (MissingPolicy p : MissingPolicy.values()) {
            assertSame(s, MissingValues.fill(s, p));
        }
    }

    @Test
    void interpolateDrawsAStraightLineInsideGaps() {
        TimeSeries filled = MissingValues.fill(series(1, NA, NA, 4, NA, 6), MissingPolicy.INTERPOLATE);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, filled.values(), 1e-12);
        assertEquals(MONTHS, filled.index());
    }

    @Test
    void interpolateRefusesEdgeGapsAndSuggestsTheRightPolicy() {
        String leading = assertThrows(IllegalArgumentException.class,
                () -> MissingValues.fill(series(NA, NA, 3, 4, 5, 6), MissingPolicy.INTERPOLATE)).getMessage();
        assertTrue(leading.contains("first 2 values") && leading.contains("2020-01-01 to 2020-02-01")
                && leading.contains("drop-leading"), leading);
        String trailing = assertThrows(IllegalArgumentException.class,
                () -> MissingValues.fill(series(1, 2, 3, 4, 5, NA), MissingPolicy.INTERPOLATE)).getMessage();
        assertTrue(trailing.contains("last value") && trailing.contains("2020-06-01") && trailing.contains("ffill"),
                trailing);
    }

    @Test
    void forwardFillRepeatsTheLastValueButNeedsAFirstOne() {
        TimeSeries filled = MissingValues.fill(series(1, NA, NA, 4, NA, NA), MissingPolicy.FORWARD_FILL);
        assertArrayEquals(new double[] {1, 1, 1, 4, 4, 4}, filled.values());
        String m = assertThrows(IllegalArgumentException.class,
                () -> MissingValues.fill(series(NA, 2, 3, 4, 5, 6), MissingPolicy.FORWARD_FILL)).getMessage();
        assertTrue(m.contains("first value") && m.contains("drop-leading"), m);
    }

    @Test
    void dropLeadingStartsAtTheFirstCompletePointThenFillsTheRest() {
        TimeSeries s = twoColumns(new double[] {NA, 2, 3, NA, 5, NA}, new double[] {NA, NA, 30, 40, NA, 60});
        TimeSeries filled = MissingValues.fill(s, MissingPolicy.DROP_LEADING);
        assertEquals(4, filled.size());
        assertEquals("2020-03-01", filled.index().label(0));
        assertArrayEquals(new double[] {3, 4, 5, 5}, filled.values(), 1e-12);
        assertArrayEquals(new double[] {30, 40, 50, 60}, filled.column("x"), 1e-12);
    }

    @Test
    void aColumnWithoutValuesCannotBeFilled() {
        TimeSeries s = twoColumns(new double[] {1, 2, 3, 4, 5, 6}, new double[] {NA, NA, NA, NA, NA, NA});
        for (MissingPolicy p : new MissingPolicy[] {MissingPolicy.INTERPOLATE, MissingPolicy.FORWARD_FILL,
                MissingPolicy.DROP_LEADING}) {
            String m = assertThrows(IllegalArgumentException.class, () -> MissingValues.fill(s, p)).getMessage();
            assertTrue(m.contains("column 'x' has no values"), m);
        }
    }
}
