package org.seqcast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.jfree.chart.axis.DateTickUnitType;
import org.junit.jupiter.api.Test;

class CalendarAxisTest {
    private static final LocalDateTime MIN = LocalDateTime.of(1953, 11, 20, 7, 30);

    @Test
    void ticksFallOnRoundCalendarPoints() {
        assertEquals(LocalDateTime.of(1954, 1, 1, 0, 0), CalendarAxis.firstTick(MIN, DateTickUnitType.MONTH, 6));
        assertEquals(LocalDateTime.of(1954, 1, 1, 0, 0), CalendarAxis.firstTick(MIN, DateTickUnitType.MONTH, 3));
        assertEquals(LocalDateTime.of(1953, 12, 1, 0, 0), CalendarAxis.firstTick(MIN, DateTickUnitType.MONTH, 1));
        assertEquals(LocalDateTime.of(1955, 1, 1, 0, 0), CalendarAxis.firstTick(MIN, DateTickUnitType.YEAR, 5));
        assertEquals(LocalDateTime.of(1953, 11, 23, 0, 0), CalendarAxis.firstTick(MIN, DateTickUnitType.DAY, 7));
        assertEquals(LocalDateTime.of(1953, 11, 20, 12, 0), CalendarAxis.firstTick(MIN, DateTickUnitType.HOUR, 6));
        assertEquals(LocalDateTime.of(1953, 11, 20, 7, 30), CalendarAxis.firstTick(MIN, DateTickUnitType.MINUTE, 15));
        assertEquals(LocalDateTime.of(1953, 11, 20, 7, 40), CalendarAxis.firstTick(MIN, DateTickUnitType.MINUTE, 20));
        // a tick exactly at the minimum is kept
        LocalDateTime jan = LocalDateTime.of(1960, 1, 1, 0, 0);
        assertEquals(jan, CalendarAxis.firstTick(jan, DateTickUnitType.MONTH, 6));
        assertEquals(jan, CalendarAxis.firstTick(jan, DateTickUnitType.YEAR, 10));
    }
}
