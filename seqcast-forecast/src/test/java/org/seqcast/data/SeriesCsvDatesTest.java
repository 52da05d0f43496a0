package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Time keys: ISO forms without a pattern, and date patterns. */
class SeriesCsvDatesTest {
    private static TimeSeries read(String text, CsvOptions options) {
        return SeriesCsv.read(new StringReader(text), "t.csv", options).get(0);
    }

    @Test
    void dayMonthYearPattern() {
        TimeSeries s = read("date,value\n31/01/2020,1\n29/02/2020,2\n31/03/2020,3\n30/04/2020,4\n",
                CsvOptions.builder().datePattern("dd/MM/yyyy").build());
        assertEquals(Frequency.MONTHLY, s.frequency());
        assertEquals("2020-01-31", s.index().label(0));
        assertEquals("2020-05-31", s.index().following(1).label(0));
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("date,value\n31/01/2020,1\n"
                + "2020-02-29,2\n", CsvOptions.builder().datePattern("dd/MM/yyyy").build()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("with the date pattern 'dd/MM/yyyy'"), e.getMessage());
    }

    @Test
    void yearAndMonthYearPatterns() {
        TimeSeries years = read("year,value\n1871,1\n1872,2\n1873,3\n", CsvOptions.builder().datePattern("yyyy")
                .build());
        assertEquals(Frequency.YEARLY, years.frequency());
        assertEquals("1871-01-01", years.index().label(0));
        TimeSeries months = read("month,value\n11/2019,1\n12/2019,2\n01/2020,3\n",
                CsvOptions.builder().datePattern("MM/yyyy").build());
        assertEquals(Frequency.MONTHLY, months.frequency());
        assertEquals("2019-11-01", months.index().label(0));
        TimeSeries quarters = read("q,value\n2020-Q1,1\n2020-Q2,2\n2020-Q3,3\n",
                CsvOptions.builder().datePattern("yyyy-'Q'Q").build());
        assertEquals(Frequency.QUARTERLY, quarters.frequency());
        assertEquals("2020-04-01", quarters.index().label(1));
    }

    @Test
    void isoFormsWithoutAPattern() {
        TimeSeries years = read("year,value\n1871,1\n1872,2\n", CsvOptions.defaults());
        assertEquals(Frequency.YEARLY, years.frequency());
        assertEquals("1872-01-01", years.index().lastLabel());
        TimeSeries months = read("month,value\n1949-01,1\n1949-02,2\n", CsvOptions.defaults());
        assertEquals(Frequency.MONTHLY, months.frequency());
        TimeSeries spaced = read("time,value\n2020-01-01 10:30,1\n2020-01-01 11:30:00,2\n2020-01-01T12:30,3\n",
                CsvOptions.defaults());
        assertEquals(Frequency.HOURLY, spaced.frequency());
        assertEquals("2020-01-01T10:30", spaced.index().label(0));
        assertEquals(24, spaced.seasonalPeriod());
    }

    @Test
    void integersAreAnIndexUnlessTheyLookLikeYears() {
        TimeSeries index = read("t,value\n7,1\n8,2\n10,4\n", CsvOptions.builder()
                .missingPolicy(MissingPolicy.INTERPOLATE).build());
        assertEquals(Frequency.INDEX, index.frequency());
        assertEquals("7", index.index().label(0));
        assertArrayEquals(new double[] {1, 2, 3, 4}, index.values(), 1e-12);
        TimeSeries forced = read("t,value\n1001,1\n1002,2\n", CsvOptions.builder().frequency(Frequency.INDEX).build());
        assertEquals(Frequency.INDEX, forced.frequency());
        assertEquals("1002", forced.index().lastLabel());
        assertThrows(DataFormatException.class, () -> read("t,value\n1,1\n2,2\n",
                CsvOptions.builder().frequency(Frequency.DAILY).build()));
    }

    @Test
    void seasonalPeriodOverride() {
        TimeSeries s = read("date,value\n2020-01-01,1\n2020-02-01,2\n", CsvOptions.builder().seasonalPeriod(3).build());
        assertEquals(3, s.seasonalPeriod());
    }
}
