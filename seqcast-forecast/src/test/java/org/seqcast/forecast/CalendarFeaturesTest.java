package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;

class CalendarFeaturesTest {
    @Test
    void monthOfYearIsAPointOnTheUnitCircle() {
        TimeIndex idx = TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2000, 1, 1), 3);
        float[] f = new float[2];
        CalendarFeatures.fill(idx, 0, f, 0); // January
        assertEquals(0f, f[0], 1e-7f);
        assertEquals(1f, f[1], 1e-7f);
        CalendarFeatures.fill(idx, 3, f, 0); // April, beyond the index: future stamps are known too
        assertEquals(1f, f[0], 1e-7f);
        assertEquals(0f, f[1], 1e-6f);
        CalendarFeatures.fill(idx, 12, f, 0); // next January equals January
        assertEquals(0f, f[0], 1e-6f);
    }

    @Test
    void halfHourlyHasTimeOfDayAndDayOfWeek() {
        TimeIndex idx = TimeIndex.of(Frequency.HALF_HOURLY, LocalDateTime.of(2000, 6, 5, 0, 0), 10);
        assertEquals(List.of("tod_sin", "tod_cos", "dow_sin", "dow_cos"), CalendarFeatures.names(Frequency.HALF_HOURLY));
        float[] f = new float[4];
        CalendarFeatures.fill(idx, 12, f, 0); // 06:00 on a Monday: a quarter of the day
        assertEquals(1f, f[0], 1e-6f);
        assertEquals(0f, f[2], 1e-7f);
        assertEquals(1f, f[3], 1e-7f);
    }

    @Test
    void yearlyAndPlainIndexHaveNone() {
        assertEquals(List.of(), CalendarFeatures.names(Frequency.YEARLY));
        assertEquals(List.of(), CalendarFeatures.names(Frequency.INDEX));
    }
}
