package org.seqcast.report;

import java.text.SimpleDateFormat;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;

/**
 * The horizontal axis of a time chart: a {@link DateAxis} (time stamps as UTC milliseconds, ticks and labels
 * chosen for the frequency) for calendar data, a plain integer axis for {@link Frequency#INDEX}.
 */
final class TimeAxis {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private TimeAxis() {
    }

    /** The x value of point {@code i} of {@code index} (i may lie outside the index). */
    static double x(TimeIndex index, long i) {
        return index.isPlain() ? index.indexAt(i) : index.at(i).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** An axis for data of frequency {@code f}. */
    static ValueAxis of(Frequency f) {
        if (f.unit() == Frequency.Unit.INDEX) {
            NumberAxis axis = new NumberAxis("index");
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            axis.setAutoRangeIncludesZero(false);
            return axis;
        }
        DateAxis axis = new CalendarAxis();
        axis.setStandardTickUnits(ticks(f));
        return axis;
    }

    /** Tick spacings no finer than the data, each labelled as much as it needs: years alone, months, days, times. */
    static TickUnits ticks(Frequency f) {
        TickUnits u = new TickUnits();
        switch (f.unit()) {
            case MINUTE -> {
                for (int k : new int[] {1, 2, 5, 10, 15, 30}) {
                    if (k >= f.stride()) {
                        add(u, DateTickUnitType.MINUTE, k, "HH:mm");
                    }
                }
                for (int k : new int[] {1, 2, 3, 6, 12}) {
                    if (k * 60 >= f.stride()) {
                        add(u, DateTickUnitType.HOUR, k, "d MMM HH:mm");
                    }
                }
                days(u);
            }
            case DAY, WEEKDAY -> days(u);
            case MONTH -> {
                for (int k : new int[] {1, 2, 3, 6}) {
                    if (k >= f.stride() && k % f.stride() == 0) {
                        add(u, DateTickUnitType.MONTH, k, "MMM yyyy");
                    }
                }
            }
            case INDEX -> throw new IllegalArgumentException("a plain index has no date ticks");
        }
        for (int k : new int[] {1, 2, 5, 10, 20, 50, 100}) {
            add(u, DateTickUnitType.YEAR, k, "yyyy");
        }
        return u;
    }

    private static void days(TickUnits u) {
        for (int k : new int[] {1, 2, 7, 14}) {
            add(u, DateTickUnitType.DAY, k, "d MMM yyyy");
        }
        for (int k : new int[] {1, 2, 3, 6}) {
            add(u, DateTickUnitType.MONTH, k, "MMM yyyy");
        }
    }

    private static void add(TickUnits u, DateTickUnitType type, int multiple, String pattern) {
        SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.ENGLISH);
        format.setTimeZone(UTC);
        u.add(new DateTickUnit(type, multiple, format));
    }
}
