package org.seqcast.forecast;

import java.time.LocalDateTime;
import java.util.List;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;

/**
 * Calendar features known for any time stamp, past or future, as points on the unit circle so that
 * December sits next to January: for a cycle position p ∈ [0, 1), the pair (sin 2πp, cos 2πp).
 * <pre>
 *   monthly, quarterly:        month of year            p = (month − 1) / 12
 *   weekly:                    week of year             p = (day of year − 1) / 365.25
 *   daily, business-daily:     day of week              p = (day of week − 1) / 7
 *   hourly, half-hourly, min:  time of day, day of week p = minute of day / 1440, (day of week − 1) / 7
 *   yearly, plain index:       none
 * </pre>
 */
public final class CalendarFeatures {
    private CalendarFeatures() {
    }

    /** The feature names for a frequency, in the order {@link #fill} writes them. */
    public static List<String> names(Frequency f) {
        return switch (f.unit()) {
            case MONTH -> f.stride() < 12 ? List.of("month_sin", "month_cos") : List.of();
            case DAY -> f.stride() == 7 ? List.of("week_sin", "week_cos") : List.of("dow_sin", "dow_cos");
            case WEEKDAY -> List.of("dow_sin", "dow_cos");
            case MINUTE -> List.of("tod_sin", "tod_cos", "dow_sin", "dow_cos");
            case INDEX -> List.of();
        };
    }

    /** Writes the features of point i of {@code index} into {@code out} from {@code offset}. */
    public static void fill(TimeIndex index, long i, float[] out, int offset) {
        Frequency f = index.frequency();
        if (names(f).isEmpty()) {
            return;
        }
        LocalDateTime t = index.at(i);
        switch (f.unit()) {
            case MONTH -> circle((t.getMonthValue() - 1) / 12.0, out, offset);
            case DAY -> {
                if (f.stride() == 7) {
                    circle((t.getDayOfYear() - 1) / 365.25, out, offset);
                } else {
                    circle((t.getDayOfWeek().getValue() - 1) / 7.0, out, offset);
                }
            }
            case WEEKDAY -> circle((t.getDayOfWeek().getValue() - 1) / 7.0, out, offset);
            case MINUTE -> {
                circle((t.getHour() * 60 + t.getMinute()) / 1440.0, out, offset);
                circle((t.getDayOfWeek().getValue() - 1) / 7.0, out, offset + 2);
            }
            default -> throw new AssertionError(f);
        }
    }

    private static void circle(double p, float[] out, int offset) {
        out[offset] = (float) Math.sin(2 * Math.PI * p);
        out[offset + 1] = (float) Math.cos(2 * Math.PI * p);
    }
}
