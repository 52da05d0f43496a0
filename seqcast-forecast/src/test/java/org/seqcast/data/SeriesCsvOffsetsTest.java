package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Time stamps with UTC offsets are instants: an hourly series written in Berlin's local time across the clock
 * changes of 2020 (summer time from 29 March 02:00 CET to 03:00 CEST, back on 25 October from 03:00 CEST to
 * 02:00 CET) has neither a missing nor a repeated hour.
 */
class SeriesCsvOffsetsTest {
    /** Berlin on 25 October 2020: 00:00 to 04:00 local, 02:00 twice (first in CEST, then in CET). */
    private static final String AUTUMN = "time,load\n2020-10-25T00:00+02:00,1\n2020-10-25T01:00+02:00,2\n"
            + "2020-10-25T02:00+02:00,3\n2020-10-25T02:00+01:00,4\n2020-10-25T03:00+01:00,5\n"
            + "2020-10-25T04:00+01:00,6\n";
    /** Berlin on 29 March 2020: 02:00 local does not exist. */
    private static final String SPRING = "time,load\n2020-03-29T00:00+01:00,1\n2020-03-29T01:00+01:00,2\n"
            + "2020-03-29T03:00+02:00,3\n2020-03-29T04:00+02:00,4\n";

    private static List<SeriesCsv.RawSeries> raw(String text, CsvOptions options) {
        return SeriesCsv.readRaw(new StringReader(text), "load.csv", options);
    }

    private static TimeSeries read(String text, CsvOptions options) {
        return SeriesCsv.read(new StringReader(text), "load.csv", options).get(0);
    }

    @Test
    void autumnClockChangeRepeatsNoHour() {
        TimeSeries s = read(AUTUMN, CsvOptions.defaults());
        assertEquals(Frequency.HOURLY, s.frequency());
        assertEquals(6, s.size());
        assertTrue(s.index().utc());
        assertEquals("2020-10-24T22:00Z", s.index().label(0));
        assertEquals("2020-10-25T00:00Z", s.index().label(2));
        assertEquals("2020-10-25T01:00Z", s.index().label(3));
        assertEquals("2020-10-25T03:00Z", s.index().lastLabel());
        assertEquals("2020-10-25T04:00Z", s.index().following(1).label(0));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, s.values());
    }

    @Test
    void springClockChangeMissesNoHour() {
        SeriesCsv.RawSeries r = raw(SPRING, CsvOptions.defaults()).get(0);
        assertEquals(0, r.missing().missingTimeStamps());
        assertEquals(4, r.series().size());
        assertEquals("2020-03-29T01:00Z", r.series().index().label(2));
        // interpolation has nothing to invent
        TimeSeries filled = read(SPRING, CsvOptions.builder().missingPolicy(MissingPolicy.INTERPOLATE).build());
        assertArrayEquals(new double[] {1, 2, 3, 4}, filled.values());
    }

    @Test
    void aDatePatternKeepsTheOffset() {
        CsvOptions withOffset = CsvOptions.builder().datePattern("yyyy-MM-dd'T'HH:mmXXX").build();
        TimeSeries s = read(AUTUMN, withOffset);
        assertEquals(6, s.size());
        assertEquals("2020-10-25T01:00Z", s.index().label(3));
        TimeSeries spring = read(SPRING.replace("T", " "), CsvOptions.builder().datePattern("yyyy-MM-dd HH:mmXXX")
                .build());
        assertEquals(4, spring.size());
    }

    @Test
    void utcStampsWithZ() {
        TimeSeries s = read("time,v\n2020-10-25T00:00Z,1\n2020-10-25T01:00Z,2\n2020-10-25T02:00:00Z,3\n",
                CsvOptions.defaults());
        assertEquals(Frequency.HOURLY, s.frequency());
        assertEquals("2020-10-25T02:00Z", s.index().lastLabel());
        TimeSeries compact = read("time,v\n2020-10-25 02:00 +0200,1\n2020-10-25 02:00 +0100,2\n", CsvOptions.builder()
                .frequency(Frequency.HOURLY).build());
        assertEquals("2020-10-25T01:00Z", compact.index().lastLabel());
    }

    @Test
    void aZoneNameWithoutOffsetIsAmbiguousInTheRepeatedHour() {
        CsvOptions zoned = CsvOptions.builder().datePattern("yyyy-MM-dd HH:mm VV").build();
        DataFormatException twice = assertThrows(DataFormatException.class, () -> read("time,v\n"
                + "2020-10-25 01:00 Europe/Berlin,1\n2020-10-25 02:00 Europe/Berlin,2\n", zoned));
        assertEquals(3, twice.line());
        assertTrue(twice.problem().contains("happened twice in zone Europe/Berlin, at offsets +02:00 and +01:00"),
                twice.getMessage());
        DataFormatException skipped = assertThrows(DataFormatException.class, () -> read("time,v\n"
                + "2020-03-29 01:00 Europe/Berlin,1\n2020-03-29 02:30 Europe/Berlin,2\n", zoned));
        assertTrue(skipped.problem().contains("does not exist in zone Europe/Berlin"), skipped.getMessage());
        // outside the changes a zone names one instant
        TimeSeries s = read("time,v\n2020-10-25 00:00 Europe/Berlin,1\n2020-10-25 01:00 Europe/Berlin,2\n", zoned);
        assertEquals("2020-10-24T23:00Z", s.index().lastLabel());
    }

    @Test
    void offsetsOnSomeRowsOnlyAreRefusedNamingTheOffset() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("time,v\n2020-10-25T00:00+02:00,1\n"
                + "2020-10-25T01:00,2\n", CsvOptions.defaults()));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("'2020-10-25T01:00' (line 3) has no UTC offset, but '2020-10-25T00:00+02:00'"
                + " (line 2) has the offset +02:00"), e.getMessage());
        DataFormatException bad = assertThrows(DataFormatException.class, () -> read("time,v\n2020-10-25T00:00+25:00,1\n"
                + "2020-10-25T01:00+02:00,2\n", CsvOptions.defaults()));
        assertTrue(bad.problem().contains("UTC offset '+25:00'"), bad.getMessage());
    }

    @Test
    void aRepeatedInstantNamesTheCellsAsWritten() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("time,v\n2020-10-25T00:00+02:00,1\n"
                + "2020-10-24T22:00Z,2\n", CsvOptions.defaults()));
        assertTrue(e.problem().contains("2020-10-24T22:00Z (line 2: '2020-10-25T00:00+02:00') and 2020-10-24T22:00Z"
                + " (line 3: '2020-10-24T22:00Z')"), e.getMessage());
    }

    @Test
    void dailyStampsAtLocalMidnightStayOnTheirDates() {
        TimeSeries s = read("date,v\n2020-10-24T00:00+02:00,1\n2020-10-25T00:00+02:00,2\n2020-10-26T00:00+01:00,3\n",
                CsvOptions.defaults());
        assertEquals(Frequency.DAILY, s.frequency());
        assertFalse(s.index().utc());
        assertEquals("2020-10-26", s.index().lastLabel());
    }

    @Test
    void aFutureFileMustWriteOffsetsAsTheDataDoes() {
        // the data's own rows after the last target are its future values; an offset-free row among them is refused
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("time,v,price\n"
                + "2020-10-25T00:00+02:00,1,5\n2020-10-25T01:00+02:00,2,5\n2020-10-25T02:00,,6\n",
                CsvOptions.builder().target("v").futureCovariates("price").build()));
        assertTrue(e.problem().contains("has no UTC offset"), e.getMessage());
    }
}
