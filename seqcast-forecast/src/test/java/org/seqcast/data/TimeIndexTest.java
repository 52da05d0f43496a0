package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeIndexTest {
    private static final List<TimeIndex> INDEXES = List.of(
            TimeIndex.of(Frequency.YEARLY, LocalDate.of(1871, 1, 1), 100),
            TimeIndex.of(Frequency.QUARTERLY, LocalDate.of(1971, 4, 1), 89),
            TimeIndex.of(Frequency.MONTHLY, LocalDate.of(1949, 1, 1), 144),
            TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2020, 1, 31), 30),
            TimeIndex.monthEnds(Frequency.MONTHLY, LocalDate.of(2021, 2, 28), 30),
            TimeIndex.monthEnds(Frequency.QUARTERLY, LocalDate.of(2020, 6, 30), 12),
            TimeIndex.of(Frequency.WEEKLY, LocalDate.of(2020, 1, 6), 60),
            TimeIndex.of(Frequency.DAILY, LocalDate.of(2020, 2, 20), 30),
            TimeIndex.of(Frequency.BUSINESS_DAILY, LocalDate.of(2020, 1, 1), 40),
            TimeIndex.of(Frequency.BUSINESS_DAILY, LocalDate.of(2020, 1, 3), 40),
            TimeIndex.of(Frequency.HOURLY, LocalDateTime.of(2020, 3, 28, 22, 0), 50),
            TimeIndex.of(Frequency.HALF_HOURLY, LocalDateTime.of(2000, 6, 5, 0, 0), 4032),
            TimeIndex.of(Frequency.minutes(15), LocalDateTime.of(2020, 12, 31, 23, 0), 20));

    @Test
    void positionOfInvertsAtForEveryFrequency() {
        for (TimeIndex index : INDEXES) {
            for (int i = -10; i < index.size() + 10; i++) {
                assertEquals(i, index.positionOf(index.at(i)), index + " point " + i);
            }
        }
        TimeIndex plain = TimeIndex.plain(1, 1108);
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(i, plain.positionOf(plain.indexAt(i)));
        }
    }

    @Test
    void followingContinuesTheGrid() {
        for (TimeIndex index : INDEXES) {
            TimeIndex next = index.following(3);
            assertEquals(3, next.size());
            for (int h = 0; h < 3; h++) {
                assertEquals(index.at(index.size() + h), next.at(h), index.toString());
                assertEquals(index.label(index.size() + h), next.label(h));
            }
        }
        assertEquals("1961-01-01", TimeIndex.of(Frequency.MONTHLY, LocalDate.of(1949, 1, 1), 144).following(12)
                .label(0));
        assertEquals("1109", TimeIndex.plain(1, 1108).following(20).label(0));
        assertEquals("2000-08-28T00:00", TimeIndex.of(Frequency.HALF_HOURLY, LocalDateTime.of(2000, 6, 5, 0, 0),
                4032).following(48).label(0));
    }

    @Test
    void weekdaysSkipWeekends() {
        TimeIndex friday = TimeIndex.of(Frequency.BUSINESS_DAILY, LocalDate.of(2020, 1, 3), 6);
        assertEquals("2020-01-06", friday.label(1));
        assertEquals("2020-01-10", friday.label(5));
        assertEquals("2020-01-02", friday.label(-1));
        assertEquals("2020-01-13", friday.following(1).label(0));
        for (int i = -20; i < 40; i++) {
            DayOfWeek d = friday.at(i).getDayOfWeek();
            assertTrue(d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY, friday.label(i));
        }
        assertThrows(IllegalArgumentException.class, () -> friday.positionOf(LocalDate.of(2020, 1, 4).atStartOfDay()));
    }

    @Test
    void monthEndsStayMonthEnds() {
        TimeIndex sameDay = TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2021, 2, 28), 3);
        TimeIndex ends = TimeIndex.monthEnds(Frequency.MONTHLY, LocalDate.of(2021, 2, 28), 3);
        assertEquals("2021-03-28", sameDay.label(1));
        assertEquals("2021-03-31", ends.label(1));
        assertEquals("2021-04-30", ends.label(2));
        assertEquals("2021-05-31", ends.slice(1, 3).following(1).label(0));
        assertEquals("2020-02-29", TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2020, 1, 31), 3).label(1));
        assertThrows(IllegalArgumentException.class, () -> TimeIndex.monthEnds(Frequency.MONTHLY,
                LocalDate.of(2021, 2, 27), 3));
        assertThrows(IllegalArgumentException.class, () -> TimeIndex.monthEnds(Frequency.DAILY,
                LocalDate.of(2021, 2, 28), 3));
    }

    @Test
    void pointsBetweenGridPointsAreRejected() {
        TimeIndex monthly = TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2020, 1, 1), 12);
        assertThrows(IllegalArgumentException.class, () -> monthly.positionOf(LocalDate.of(2020, 3, 2)
                .atStartOfDay()));
        TimeIndex halfHours = TimeIndex.of(Frequency.HALF_HOURLY, LocalDateTime.of(2020, 1, 1, 0, 0), 10);
        assertThrows(IllegalArgumentException.class, () -> halfHours.positionOf(LocalDateTime.of(2020, 1, 1, 0, 15)));
    }
}
