package org.seqcast.data;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * A regular time index: {@code size} points starting at {@code start}, {@link Frequency} apart. Point i is
 * <pre>
 *   month units:   start + i·stride months, the day clamped to the month's length (Jan 31 → Feb 29 → Mar 31);
 *                  with {@code monthEnd}, the last day of that month (Feb 29 → Mar 31 → Apr 30)
 *   day units:     start + i·stride days
 *   weekdays:      the i-th weekday from start (Saturday and Sunday skipped)
 *   minute units:  start + i·stride minutes
 *   plain index:   startIndex + i
 * </pre>
 * Regular by construction, so sorted and unique. A calendar index has a {@code start} and
 * {@code startIndex = 0}; a plain index has {@code start = null}.
 * <p>
 * Month-based data come in two alignments: the same day of every month (the first, usually) and month ends
 * (Jan 31, Feb 29, Mar 31, ...). They differ when the start is a month end shorter than 31 days: from Feb 29,
 * the same-day index goes on to Mar 29, the {@link #monthEnds month-end} index to Mar 31.
 *
 * @param frequency  spacing of the points
 * @param start      first time stamp (calendar frequencies), null for {@link Frequency#INDEX}
 * @param startIndex first integer (plain index only)
 * @param size       number of points, at least 1
 * @param monthEnd   every point is the last day of its month (month-based frequencies only; start must be one)
 * @param utc        the points are instants written in UTC (read from time stamps with UTC offsets): their labels
 *                   end in {@code Z}, and the grid counts real hours across clock changes
 */
public record TimeIndex(Frequency frequency, LocalDateTime start, long startIndex, int size, boolean monthEnd,
                        boolean utc) {
    public TimeIndex {
        if (frequency == null) {
            throw new IllegalArgumentException("time index needs a frequency");
        }
        if (size < 1) {
            throw new IllegalArgumentException("time index must not be empty; got size " + size);
        }
        boolean plain = frequency.unit() == Frequency.Unit.INDEX;
        if (plain != (start == null)) {
            throw new IllegalArgumentException(plain ? "a plain integer index has no start time stamp"
                    : "a " + frequency + " index needs a start time stamp");
        }
        if (!plain && frequency.isDateOnly() && !start.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("a " + frequency + " index starts at midnight; got " + start);
        }
        if (frequency.unit() == Frequency.Unit.WEEKDAY && isWeekend(start.toLocalDate())) {
            throw new IllegalArgumentException("a business-daily index starts on a weekday; got " + start.toLocalDate()
                    + " (" + start.getDayOfWeek() + ")");
        }
        if (monthEnd && frequency.unit() != Frequency.Unit.MONTH) {
            throw new IllegalArgumentException("only a month-based index can be anchored at month ends; got " + frequency);
        }
        if (monthEnd && !isMonthEnd(start.toLocalDate())) {
            throw new IllegalArgumentException("a month-end index starts on the last day of a month; got "
                    + start.toLocalDate());
        }
        if (utc && plain) {
            throw new IllegalArgumentException("a plain integer index has no time stamps, so no UTC instants");
        }
    }

    /** An index of local time stamps (not {@link #utc}). */
    public TimeIndex(Frequency frequency, LocalDateTime start, long startIndex, int size, boolean monthEnd) {
        this(frequency, start, startIndex, size, monthEnd, false);
    }

    /** An index anchored on the same day of every month (or not month-based at all). */
    public TimeIndex(Frequency frequency, LocalDateTime start, long startIndex, int size) {
        this(frequency, start, startIndex, size, false);
    }

    /** A calendar index. */
    public static TimeIndex of(Frequency frequency, LocalDateTime start, int size) {
        return new TimeIndex(frequency, start, 0, size);
    }

    /** A calendar index of dates. */
    public static TimeIndex of(Frequency frequency, LocalDate start, int size) {
        return new TimeIndex(frequency, start.atStartOfDay(), 0, size);
    }

    /** A month-based index whose points are all month ends, starting at {@code firstMonthEnd}. */
    public static TimeIndex monthEnds(Frequency frequency, LocalDate firstMonthEnd, int size) {
        return new TimeIndex(frequency, firstMonthEnd.atStartOfDay(), 0, size, true);
    }

    /** A plain integer index startIndex, startIndex + 1, ... */
    public static TimeIndex plain(long startIndex, int size) {
        return new TimeIndex(Frequency.INDEX, null, startIndex, size);
    }

    /** This index with its points read as instants in UTC (labels ending in {@code Z}). */
    public TimeIndex inUtc() {
        return new TimeIndex(frequency, start, startIndex, size, monthEnd, true);
    }

    public boolean isPlain() {
        return start == null;
    }

    /** The time stamp of point i; i may lie outside [0, size) (before the start or in the future). */
    public LocalDateTime at(long i) {
        requireCalendar();
        long k = i * frequency.stride();
        return switch (frequency.unit()) {
            case MONTH -> monthEnd ? start.plusMonths(k).with(TemporalAdjusters.lastDayOfMonth()) : start.plusMonths(k);
            case DAY -> start.plusDays(k);
            case WEEKDAY -> plusWeekdays(start.toLocalDate(), k).atStartOfDay();
            case MINUTE -> start.plusMinutes(k);
            case INDEX -> throw new AssertionError();
        };
    }

    /** The integer of point i of a plain index. */
    public long indexAt(long i) {
        if (!isPlain()) {
            throw new IllegalStateException("a " + frequency + " index has time stamps, not integers");
        }
        return startIndex + i;
    }

    /** Point i as text: ISO date, ISO date-time ({@code Z} at the end for UTC instants), or the integer. */
    public String label(long i) {
        if (isPlain()) {
            return Long.toString(indexAt(i));
        }
        LocalDateTime t = at(i);
        return frequency.isDateOnly() ? t.toLocalDate().toString() : t + (utc ? "Z" : "");
    }

    /** The last time stamp's label. */
    public String lastLabel() {
        return label(size - 1);
    }

    /**
     * The position of time stamp {@code t} on this index's grid (may be negative or ≥ size), or throws when
     * {@code t} falls between grid points.
     */
    public long positionOf(LocalDateTime t) {
        requireCalendar();
        long units = switch (frequency.unit()) {
            case MONTH -> (t.getYear() * 12L + t.getMonthValue()) - (start.getYear() * 12L + start.getMonthValue());
            case DAY -> ChronoUnit.DAYS.between(start, t);
            case WEEKDAY -> weekdaysBetween(start.toLocalDate(), t.toLocalDate());
            case MINUTE -> ChronoUnit.MINUTES.between(start, t);
            case INDEX -> throw new AssertionError();
        };
        long i = Math.floorDiv(units, frequency.stride());
        if (!at(i).equals(t)) {
            throw new IllegalArgumentException(t + " is not on the " + frequency + " grid that starts at " + start);
        }
        return i;
    }

    /** The position of integer {@code k} on a plain index. */
    public long positionOf(long k) {
        return k - indexAt(0);
    }

    /** Points [from, to) of this index. */
    public TimeIndex slice(int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of an index of " + size + " points");
        }
        return isPlain() ? plain(startIndex + from, to - from) : new TimeIndex(frequency, at(from), 0, to - from, monthEnd, utc);
    }

    /** The {@code h} points that follow this index. */
    public TimeIndex following(int h) {
        return isPlain() ? plain(startIndex + size, h) : new TimeIndex(frequency, at(size), 0, h, monthEnd, utc);
    }

    private void requireCalendar() {
        if (isPlain()) {
            throw new IllegalStateException("a plain integer index has no time stamps");
        }
    }

    /** True when {@code d} is the last day of its month. */
    static boolean isMonthEnd(LocalDate d) {
        return d.getDayOfMonth() == d.lengthOfMonth();
    }

    static boolean isWeekend(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
    }

    /** The date k weekdays after the weekday {@code from} (k may be negative). */
    static LocalDate plusWeekdays(LocalDate from, long k) {
        int dow = from.getDayOfWeek().getValue() - 1; // Monday 0 .. Friday 4
        long total = dow + k;
        long weeks = Math.floorDiv(total, 5);
        long day = Math.floorMod(total, 5);
        return from.minusDays(dow).plusWeeks(weeks).plusDays(day);
    }

    /** Weekdays from the weekday {@code from} to {@code to}; a weekend {@code to} counts as the next Monday's position. */
    static long weekdaysBetween(LocalDate from, LocalDate to) {
        LocalDate mondayFrom = from.minusDays(from.getDayOfWeek().getValue() - 1);
        long days = ChronoUnit.DAYS.between(mondayFrom, to);
        long weeks = Math.floorDiv(days, 7);
        long rest = Math.min(Math.floorMod(days, 7), 5);
        return weeks * 5 + rest - (from.getDayOfWeek().getValue() - 1);
    }
}
