package org.seqcast.data;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Infers the {@link Frequency} of sorted time stamps and lays them on a regular {@link TimeIndex}.
 * <ul>
 *   <li>Stamps with a time of day: k minutes (hourly = 60, half-hourly = 30).</li>
 *   <li>Dates on the same day of every month (clamped to short months), or all on month ends: k months
 *       (monthly = 1, quarterly = 3, yearly = 12).</li>
 *   <li>Dates on weekdays only, with at least one step over a weekend and some step of one weekday:
 *       business-daily.</li>
 *   <li>Other dates: k days (daily = 1, weekly = 7).</li>
 *   <li>Integer keys: {@link Frequency#INDEX}.</li>
 * </ul>
 * The step k is the smallest step present; larger steps must be whole multiples of it and are read as missing
 * time stamps. Duplicated, unsorted and irregularly spaced stamps throw a {@link DataFormatException} naming
 * both stamps involved (and their lines when known).
 */
public final class FrequencyInference {
    /** The longest index we build: more points than this means a wrong frequency or a stray time stamp. */
    static final long MAX_POINTS = 20_000_000L;

    private FrequencyInference() {
    }

    /** The frequency of sorted, distinct calendar time stamps (at least two). */
    public static Frequency infer(List<LocalDateTime> stamps) {
        return infer(stamps, StampSource.NONE);
    }

    /** {@link Frequency#INDEX} after checking that the integer keys are sorted and distinct. */
    public static Frequency infer(long[] keys) {
        grid(keys);
        return Frequency.INDEX;
    }

    /**
     * The regular index of {@code frequency} from the first stamp to the last; the stamps must lie on it (gaps
     * are fine). A month-based index is anchored at month ends when the stamps are month ends but not all on one
     * day of the month.
     */
    public static TimeIndex grid(List<LocalDateTime> stamps, Frequency frequency) {
        return grid(stamps, frequency, StampSource.NONE);
    }

    /** The plain index from the first integer key to the last; the keys must be sorted and distinct. */
    public static TimeIndex grid(long[] keys) {
        return grid(Arrays.stream(keys).boxed().toList(), StampSource.NONE);
    }

    static Frequency infer(List<LocalDateTime> t, StampSource src) {
        checkOrder(t, src);
        if (t.size() < 2) {
            throw src.error(0, "only one time stamp" + src.inSeries() + ", " + src.describe(t.get(0), 0)
                    + ", so the frequency cannot be inferred; give the frequency (e.g. monthly) or more rows");
        }
        if (!t.stream().allMatch(s -> s.toLocalTime().equals(LocalTime.MIDNIGHT))) {
            return minutes(t, src);
        }
        if (monthEndAligned(t) != null) {
            return months(t, src);
        }
        return days(t, src);
    }

    static TimeIndex grid(List<LocalDateTime> t, Frequency frequency, StampSource src) {
        checkOrder(t, src);
        if (frequency.unit() == Frequency.Unit.INDEX) {
            throw src.error(0, "the time column holds dates such as " + src.describe(t.get(0), 0) + ", but frequency"
                    + " 'index' needs integer keys; give a calendar frequency or write integers");
        }
        for (int i = 0; i < t.size(); i++) {
            LocalDateTime s = t.get(i);
            if (frequency.isDateOnly() && !s.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                throw src.error(i, src.describe(s, i) + " has a time of day, but " + frequency + " time stamps are"
                        + " dates; drop the time or give a finer frequency (e.g. hourly)");
            }
            if (frequency.unit() == Frequency.Unit.WEEKDAY && TimeIndex.isWeekend(s.toLocalDate())) {
                throw src.error(i, src.describe(s, i) + " falls on a " + s.getDayOfWeek().toString().toLowerCase(Locale.ROOT)
                        + ", but business-daily time stamps are weekdays; remove the row or give frequency daily");
            }
        }
        LocalDateTime first = t.get(0);
        TimeIndex probe;
        if (frequency.unit() == Frequency.Unit.MONTH) {
            Boolean monthEnd = monthEndAligned(t);
            probe = Boolean.TRUE.equals(monthEnd) ? TimeIndex.monthEnds(frequency, first.toLocalDate(), 1)
                    : TimeIndex.of(frequency, first, 1);
        } else {
            probe = TimeIndex.of(frequency, first, 1);
        }
        long last = 0;
        for (int i = 1; i < t.size(); i++) {
            try {
                last = probe.positionOf(t.get(i));
            } catch (IllegalArgumentException e) {
                throw src.error(i, src.describe(t.get(i), i) + " is not on the " + frequency + " grid that starts at "
                        + src.describe(first, 0) + offGridHint(frequency) + "; correct the time stamp or give the"
                        + " right frequency");
            }
        }
        long n = last + 1;
        if (n > MAX_POINTS) {
            throw src.error(t.size() - 1, "the time stamps" + src.inSeries() + " from " + src.describe(first, 0)
                    + " to " + src.describe(t.get(t.size() - 1), t.size() - 1) + " span " + n + " " + frequency
                    + " steps, too many to be real data; check the frequency and the time stamps");
        }
        return new TimeIndex(frequency, first, 0, (int) n, probe.monthEnd());
    }

    static TimeIndex grid(List<Long> keys, StampSource src) {
        checkOrder(keys, src);
        long n = keys.get(keys.size() - 1) - keys.get(0) + 1;
        if (n > MAX_POINTS) {
            throw src.error(keys.size() - 1, "the integer keys" + src.inSeries() + " run from " + keys.get(0) + " to "
                    + keys.get(keys.size() - 1) + ", too many points to be real data; check the time column");
        }
        return TimeIndex.plain(keys.get(0), (int) n);
    }

    /** Throws for an empty list, a duplicated key (naming both lines) or a key smaller than the one before it. */
    static <K extends Comparable<? super K>> void checkOrder(List<K> keys, StampSource src) {
        if (keys == null || keys.isEmpty()) {
            throw new DataFormatException(src.file(), 0, src.column(), "no time stamps" + src.inSeries());
        }
        Map<K, Integer> seen = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Integer before = seen.putIfAbsent(keys.get(i), i);
            if (before != null) {
                throw src.error(i, "duplicate time stamp" + src.inSeries() + ": " + src.describe(keys.get(i), before)
                        + " and " + src.describe(keys.get(i), i) + "; keep one row per time stamp");
            }
        }
        for (int i = 1; i < keys.size(); i++) {
            if (keys.get(i).compareTo(keys.get(i - 1)) < 0) {
                throw src.error(i, "time stamps" + src.inSeries() + " must increase, but " + src.describe(keys.get(i - 1),
                        i - 1) + " is followed by " + src.describe(keys.get(i), i) + "; sort the rows by time");
            }
        }
    }

    /**
     * TRUE when every stamp is a month end (checked first: data on the 31st, 28/29th, 30th... are month ends,
     * and an index anchored on day 31 would lose the anchor after a short month), FALSE when every stamp is the
     * first one plus whole months (same day of month, clamped to short months), null when neither (or a stamp
     * has a time of day).
     */
    static Boolean monthEndAligned(List<LocalDateTime> t) {
        LocalDateTime first = t.get(0);
        boolean sameDay = true;
        boolean monthEnds = true;
        for (LocalDateTime s : t) {
            if (!s.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                return null;
            }
            sameDay &= first.plusMonths(monthsBetween(first, s)).equals(s);
            monthEnds &= TimeIndex.isMonthEnd(s.toLocalDate());
        }
        return monthEnds ? Boolean.TRUE : sameDay ? Boolean.FALSE : null;
    }

    private static long monthsBetween(LocalDateTime a, LocalDateTime b) {
        return (b.getYear() * 12L + b.getMonthValue()) - (a.getYear() * 12L + a.getMonthValue());
    }

    private static Frequency months(List<LocalDateTime> t, StampSource src) {
        long[] steps = new long[t.size() - 1];
        for (int i = 1; i < t.size(); i++) {
            steps[i - 1] = monthsBetween(t.get(i - 1), t.get(i));
        }
        long step = checkMultiples(t, steps, src, "months", "");
        return new Frequency(Frequency.Unit.MONTH, (int) step);
    }

    private static Frequency days(List<LocalDateTime> t, StampSource src) {
        long[] steps = new long[t.size() - 1];
        boolean weekdays = t.stream().noneMatch(s -> TimeIndex.isWeekend(s.toLocalDate()));
        boolean overWeekend = false;
        boolean oneWeekday = false;
        for (int i = 1; i < t.size(); i++) {
            LocalDate a = t.get(i - 1).toLocalDate();
            LocalDate b = t.get(i).toLocalDate();
            steps[i - 1] = ChronoUnit.DAYS.between(a, b);
            if (weekdays) {
                long w = TimeIndex.weekdaysBetween(a, b);
                overWeekend |= w < steps[i - 1];
                oneWeekday |= w == 1;
            }
        }
        if (weekdays && overWeekend && oneWeekday) {
            return Frequency.BUSINESS_DAILY;
        }
        long smallest = Arrays.stream(steps).min().orElseThrow();
        String hint = smallest >= 28 && smallest <= 31 ? "; monthly data must fall on the same day of every month,"
                + " or on every month end" : "";
        long step = checkMultiples(t, steps, src, "days", hint);
        return new Frequency(Frequency.Unit.DAY, (int) step);
    }

    private static Frequency minutes(List<LocalDateTime> t, StampSource src) {
        long[] steps = new long[t.size() - 1];
        for (int i = 1; i < t.size(); i++) {
            Duration d = Duration.between(t.get(i - 1), t.get(i));
            if (d.getNano() != 0 || d.getSeconds() % 60 != 0) {
                throw src.error(i, "time stamps" + src.inSeries() + " must be whole minutes apart, but "
                        + src.describe(t.get(i - 1), i - 1) + " is followed by " + src.describe(t.get(i), i)
                        + ", " + d.toString().substring(2).toLowerCase(Locale.ROOT) + " later; correct the time stamps");
            }
            steps[i - 1] = d.getSeconds() / 60;
        }
        long step = checkMultiples(t, steps, src, "minutes", "");
        return Frequency.minutes((int) step);
    }

    /** The smallest step; throws at the first step that is not a whole multiple of it. */
    private static long checkMultiples(List<LocalDateTime> t, long[] steps, StampSource src, String unit, String hint) {
        long step = Arrays.stream(steps).min().orElseThrow();
        if (step > Integer.MAX_VALUE) {
            throw src.error(1, "time stamps" + src.inSeries() + " are " + step + " " + unit + " apart, too far to be"
                    + " a regular series; check the time column");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] % step != 0) {
                throw src.error(i + 1, "time stamps" + src.inSeries() + " are not evenly spaced: "
                        + src.describe(t.get(i), i) + " is followed by " + src.describe(t.get(i + 1), i + 1) + ", "
                        + steps[i] + " " + unit + " later, but the smallest step is " + step + " " + unit + " and every"
                        + " step must be a whole multiple of it (longer steps are read as missing time stamps)" + hint
                        + "; correct or remove the row, or give the frequency");
            }
        }
        return step;
    }

    private static String offGridHint(Frequency frequency) {
        return frequency.unit() == Frequency.Unit.MONTH
                ? "; month-based time stamps fall on the same day of every month, or on every month end" : "";
    }
}
