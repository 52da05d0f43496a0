package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequencyInferenceTest {
    private static List<LocalDateTime> dates(String... isoDates) {
        return Arrays.stream(isoDates).map(d -> LocalDate.parse(d).atStartOfDay()).toList();
    }

    private static List<LocalDateTime> times(String... isoDateTimes) {
        return Arrays.stream(isoDateTimes).map(LocalDateTime::parse).toList();
    }

    @Test
    void calendarFrequencies() {
        assertEquals(Frequency.YEARLY, FrequencyInference.infer(dates("1871-01-01", "1872-01-01", "1873-01-01")));
        assertEquals(Frequency.QUARTERLY, FrequencyInference.infer(dates("1971-04-01", "1971-07-01", "1971-10-01",
                "1972-01-01")));
        assertEquals(Frequency.MONTHLY, FrequencyInference.infer(dates("1949-01-01", "1949-02-01", "1949-03-01")));
        assertEquals(Frequency.MONTHLY, FrequencyInference.infer(dates("2020-01-15", "2020-02-15", "2020-03-15")));
        assertEquals(Frequency.WEEKLY, FrequencyInference.infer(dates("2020-01-06", "2020-01-13", "2020-01-20")));
        assertEquals(Frequency.DAILY, FrequencyInference.infer(dates("2020-01-03", "2020-01-04", "2020-01-05")));
        assertEquals(new Frequency(Frequency.Unit.DAY, 2), FrequencyInference.infer(dates("2020-01-01",
                "2020-01-03", "2020-01-05")));
    }

    @Test
    void monthEndsAreMonthly() {
        List<LocalDateTime> t = dates("2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30");
        assertEquals(Frequency.MONTHLY, FrequencyInference.infer(t));
        List<LocalDateTime> fromFebruary = dates("2021-02-28", "2021-03-31", "2021-04-30", "2021-05-31");
        assertEquals(Frequency.MONTHLY, FrequencyInference.infer(fromFebruary));
        TimeIndex grid = FrequencyInference.grid(fromFebruary, Frequency.MONTHLY);
        assertTrue(grid.monthEnd());
        assertEquals(4, grid.size());
        assertEquals("2021-06-30", grid.following(1).label(0));
        assertEquals(Frequency.QUARTERLY, FrequencyInference.infer(dates("2020-03-31", "2020-06-30", "2020-09-30",
                "2020-12-31")));
    }

    @Test
    void businessDaysSkipWeekendsAndHolidays() {
        // Thursday 2 Jan 2020 .. Wednesday 8 Jan; Monday 6 Jan missing (a holiday).
        List<LocalDateTime> t = dates("2020-01-02", "2020-01-03", "2020-01-07", "2020-01-08");
        assertEquals(Frequency.BUSINESS_DAILY, FrequencyInference.infer(t));
        TimeIndex grid = FrequencyInference.grid(t, Frequency.BUSINESS_DAILY);
        assertEquals(5, grid.size());
        assertEquals("2020-01-06", grid.label(2));
        assertEquals(Frequency.BUSINESS_DAILY, FrequencyInference.infer(dates("2020-01-03", "2020-01-06")));
    }

    @Test
    void minuteFrequencies() {
        assertEquals(Frequency.HOURLY, FrequencyInference.infer(times("2020-01-01T00:00", "2020-01-01T01:00",
                "2020-01-01T03:00")));
        assertEquals(Frequency.HALF_HOURLY, FrequencyInference.infer(times("2000-06-05T23:00", "2000-06-05T23:30",
                "2000-06-06T00:00")));
        assertEquals(Frequency.minutes(15), FrequencyInference.infer(times("2020-01-01T10:00", "2020-01-01T10:15",
                "2020-01-01T10:45", "2020-01-01T11:00")));
        assertEquals("15min", FrequencyInference.infer(times("2020-01-01T10:00", "2020-01-01T10:15")).label());
    }

    @Test
    void gapsOfWholeStepsAreMissingTimeStamps() {
        List<LocalDateTime> t = dates("2020-01-01", "2020-02-01", "2020-05-01", "2020-06-01");
        assertEquals(Frequency.MONTHLY, FrequencyInference.infer(t));
        assertEquals(6, FrequencyInference.grid(t, Frequency.MONTHLY).size());
        assertEquals(Frequency.QUARTERLY, FrequencyInference.infer(dates("2020-01-01", "2020-04-01", "2021-01-01")));
    }

    @Test
    void integerKeysAreAPlainIndex() {
        assertEquals(Frequency.INDEX, FrequencyInference.infer(new long[] {1, 2, 4}));
        assertEquals(TimeIndex.plain(1, 4), FrequencyInference.grid(new long[] {1, 2, 4}));
        String m = assertThrows(DataFormatException.class, () -> FrequencyInference.infer(new long[] {1, 3, 2}))
                .getMessage();
        assertTrue(m.contains("must increase"), m);
    }

    @Test
    void irregularSpacingNamesBothTimeStamps() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> FrequencyInference.infer(
                dates("2020-01-01", "2020-01-04", "2020-01-11")));
        assertTrue(e.getMessage().contains("2020-01-04 (time stamp 2) is followed by 2020-01-11 (time stamp 3)")
                && e.getMessage().contains("3 days"), e.getMessage());
        DataFormatException lined = assertThrows(DataFormatException.class, () -> FrequencyInference.infer(
                dates("2020-01-01", "2020-02-01", "2020-03-05"), new StampSource("f.csv", "date", null,
                        new int[] {2, 3, 4})));
        assertEquals(4, lined.line());
        assertTrue(lined.getMessage().startsWith("f.csv, line 4, column 'date': ")
                && lined.getMessage().contains("2020-02-01 (line 3)") && lined.getMessage().contains("2020-03-05 (line 4)")
                && lined.getMessage().contains("same day of every month"), lined.getMessage());
        assertThrows(DataFormatException.class, () -> FrequencyInference.infer(times("2020-01-01T10:00",
                "2020-01-01T10:15", "2020-01-01T10:35")));
    }

    @Test
    void duplicatesAndUnsortedStampsNameTheirLines() {
        StampSource src = new StampSource("f.csv", "date", null, new int[] {2, 3, 4});
        DataFormatException dup = assertThrows(DataFormatException.class, () -> FrequencyInference.infer(
                dates("2020-01-01", "2020-02-01", "2020-01-01"), src));
        assertTrue(dup.getMessage().contains("duplicate time stamp") && dup.getMessage().contains("line 2")
                && dup.getMessage().contains("line 4"), dup.getMessage());
        DataFormatException unsorted = assertThrows(DataFormatException.class, () -> FrequencyInference.infer(
                dates("2020-01-01", "2020-03-01", "2020-02-01"), src));
        assertEquals(4, unsorted.line());
        assertTrue(unsorted.getMessage().contains("2020-03-01 (line 3) is followed by 2020-02-01 (line 4)")
                && unsorted.getMessage().contains("sort"), unsorted.getMessage());
    }

    @Test
    void oneTimeStampIsNotEnough() {
        String m = assertThrows(DataFormatException.class, () -> FrequencyInference.infer(dates("2020-01-01")))
                .getMessage();
        assertTrue(m.contains("only one time stamp") && m.contains("give the frequency"), m);
    }

    @Test
    void gridRejectsStampsOffTheGivenFrequency() {
        String m = assertThrows(DataFormatException.class, () -> FrequencyInference.grid(
                dates("2020-01-01", "2020-02-01", "2020-02-15"), Frequency.MONTHLY)).getMessage();
        assertTrue(m.contains("2020-02-15") && m.contains("monthly grid"), m);
        String weekend = assertThrows(DataFormatException.class, () -> FrequencyInference.grid(
                dates("2020-01-03", "2020-01-04"), Frequency.BUSINESS_DAILY)).getMessage();
        assertTrue(weekend.contains("saturday"), weekend);
        assertThrows(DataFormatException.class, () -> FrequencyInference.grid(times("2020-01-01T10:30",
                "2020-01-02T10:30"), Frequency.DAILY));
    }

    @Test
    void longHalfHourlyRunRoundTrips() {
        List<LocalDateTime> t = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            t.add(LocalDateTime.of(2000, 6, 5, 0, 0).plusMinutes(30L * i));
        }
        assertEquals(Frequency.HALF_HOURLY, FrequencyInference.infer(t));
        assertFalse(FrequencyInference.grid(t, Frequency.HALF_HOURLY).monthEnd());
        assertEquals(500, FrequencyInference.grid(t, Frequency.HALF_HOURLY).size());
    }
}
