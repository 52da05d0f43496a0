package org.seqcast.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;

/**
 * A UTC {@link DateAxis} whose ticks fall on round calendar points: every k-th year on a year divisible by k,
 * every k months on a month number divisible by k (6 months: January and July), weeks on Mondays, hours and
 * minutes on multiples of k. JFreeChart's own axis starts at the first month inside the range instead, which
 * puts half-yearly ticks on, say, June and December.
 */
final class CalendarAxis extends DateAxis {
    private static final long serialVersionUID = 1L;

    CalendarAxis() {
        super(null, TimeZone.getTimeZone("UTC"), Locale.ENGLISH);
    }

    @Override
    public Date calculateLowestVisibleTickValue(DateTickUnit unit) {
        LocalDateTime min = LocalDateTime.ofInstant(getMinimumDate().toInstant(), ZoneOffset.UTC);
        LocalDateTime tick = firstTick(min, unit.getUnitType(), unit.getMultiple());
        return tick == null ? super.calculateLowestVisibleTickValue(unit) : Date.from(tick.toInstant(ZoneOffset.UTC));
    }

    /** The first round point at or after {@code min} for ticks every {@code k} units; null for other units. */
    static LocalDateTime firstTick(LocalDateTime min, DateTickUnitType type, int k) {
        LocalDate day = min.toLocalDate();
        boolean midnight = min.toLocalTime().equals(LocalTime.MIDNIGHT);
        if (type.equals(DateTickUnitType.YEAR)) {
            long y = day.getYear() + (midnight && day.getDayOfYear() == 1 ? 0 : 1);
            return LocalDate.of((int) ceil(y, k), 1, 1).atStartOfDay();
        } else if (type.equals(DateTickUnitType.MONTH)) {
            long m = day.getYear() * 12L + day.getMonthValue() - 1 + (midnight && day.getDayOfMonth() == 1 ? 0 : 1);
            long first = ceil(m, k);
            return LocalDate.of((int) Math.floorDiv(first, 12), Math.floorMod(first, 12) + 1, 1).atStartOfDay();
        } else if (type.equals(DateTickUnitType.DAY)) {
            LocalDate d = midnight ? day : day.plusDays(1);
            if (k == 7) {
                return d.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            }
            return LocalDate.ofEpochDay(ceil(d.toEpochDay(), k)).atStartOfDay();
        } else if (type.equals(DateTickUnitType.HOUR) || type.equals(DateTickUnitType.MINUTE)) {
            ChronoUnit u = type.equals(DateTickUnitType.HOUR) ? ChronoUnit.HOURS : ChronoUnit.MINUTES;
            LocalDateTime truncated = min.truncatedTo(u);
            long n = u.between(LocalDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC), truncated)
                    + (truncated.equals(min) ? 0 : 1);
            return LocalDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC).plus(ceil(n, k), u);
        }
        return null;
    }

    private static long ceil(long v, int k) {
        return Math.floorDiv(v + k - 1, k) * k;
    }
}
