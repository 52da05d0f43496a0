package org.seqcast.data;

import java.util.Locale;

/**
 * How far apart consecutive points of a regular time index are: a {@link Unit} and a stride in that unit.
 * <pre>
 *   YEARLY = 12 months   QUARTERLY = 3 months   MONTHLY = 1 month
 *   WEEKLY = 7 days      DAILY = 1 day          BUSINESS_DAILY = 1 weekday (Monday..Friday)
 *   HOURLY = 60 minutes  HALF_HOURLY = 30 minutes   minutes(k) = k minutes
 *   INDEX = 1 (a plain integer index with no calendar)
 * </pre>
 * Each frequency has a default seasonal period (the number of points in its natural cycle: 12 months in a
 * year, 7 days in a week, 48 half hours in a day, ...), which a series may override.
 *
 * @param unit   the calendar unit
 * @param stride points are {@code stride} units apart (at least 1)
 */
public record Frequency(Unit unit, int stride) {
    /** The calendar unit a frequency counts in. */
    public enum Unit { MONTH, DAY, WEEKDAY, MINUTE, INDEX }

    public static final Frequency YEARLY = new Frequency(Unit.MONTH, 12);
    public static final Frequency QUARTERLY = new Frequency(Unit.MONTH, 3);
    public static final Frequency MONTHLY = new Frequency(Unit.MONTH, 1);
    public static final Frequency WEEKLY = new Frequency(Unit.DAY, 7);
    public static final Frequency DAILY = new Frequency(Unit.DAY, 1);
    public static final Frequency BUSINESS_DAILY = new Frequency(Unit.WEEKDAY, 1);
    public static final Frequency HOURLY = new Frequency(Unit.MINUTE, 60);
    public static final Frequency HALF_HOURLY = new Frequency(Unit.MINUTE, 30);
    public static final Frequency INDEX = new Frequency(Unit.INDEX, 1);

    private static final int MINUTES_PER_DAY = 24 * 60;

    public Frequency {
        if (unit == null) {
            throw new IllegalArgumentException("frequency unit must not be null");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("frequency stride must be at least 1; got " + stride);
        }
        if ((unit == Unit.WEEKDAY || unit == Unit.INDEX) && stride != 1) {
            throw new IllegalArgumentException(unit + " frequency has stride 1; got " + stride);
        }
    }

    /** Points {@code k} minutes apart, e.g. {@code minutes(15)}. */
    public static Frequency minutes(int k) {
        return new Frequency(Unit.MINUTE, k);
    }

    /**
     * The number of points in one natural cycle: yearly 1, quarterly 4, monthly 12, weekly 52, daily 7,
     * business-daily 5, hourly 24, half-hourly 48, k minutes: points per day (when k divides a day; else 1),
     * plain index 1, other strides 1.
     */
    public int defaultSeasonalPeriod() {
        return switch (unit) {
            case MONTH -> 12 % stride == 0 ? 12 / stride : 1;
            case DAY -> stride == 1 ? 7 : stride == 7 ? 52 : 1;
            case WEEKDAY -> 5;
            case MINUTE -> MINUTES_PER_DAY % stride == 0 ? MINUTES_PER_DAY / stride : 1;
            case INDEX -> 1;
        };
    }

    /** True when time stamps of this frequency carry no time of day (printed as dates). */
    public boolean isDateOnly() {
        return unit == Unit.MONTH || unit == Unit.DAY || unit == Unit.WEEKDAY;
    }

    /** The name users write: yearly, quarterly, monthly, weekly, daily, business-daily, hourly, half-hourly, 15min, index. */
    public String label() {
        if (equals(YEARLY)) {
            return "yearly";
        } else if (equals(QUARTERLY)) {
            return "quarterly";
        } else if (equals(MONTHLY)) {
            return "monthly";
        } else if (equals(WEEKLY)) {
            return "weekly";
        } else if (equals(DAILY)) {
            return "daily";
        } else if (equals(BUSINESS_DAILY)) {
            return "business-daily";
        } else if (equals(HOURLY)) {
            return "hourly";
        } else if (equals(HALF_HOURLY)) {
            return "half-hourly";
        } else if (equals(INDEX)) {
            return "index";
        } else if (unit == Unit.MINUTE) {
            return stride + "min";
        } else if (unit == Unit.MONTH) {
            return stride + "months";
        }
        return stride + "days";
    }

    /** Parses a {@link #label()} (case-insensitive; also "half_hourly", "business_daily", "15m", "15min"). */
    public static Frequency parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("frequency must not be null; use one of yearly, quarterly, monthly,"
                    + " weekly, daily, business-daily, hourly, half-hourly, <k>min (e.g. 15min), index");
        }
        String s = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (s) {
            case "yearly", "annual", "year", "y":
                return YEARLY;
            case "quarterly", "quarter", "q":
                return QUARTERLY;
            case "monthly", "month", "m":
                return MONTHLY;
            case "weekly", "week", "w":
                return WEEKLY;
            case "daily", "day", "d":
                return DAILY;
            case "business-daily", "business", "b":
                return BUSINESS_DAILY;
            case "hourly", "hour", "h":
                return HOURLY;
            case "half-hourly", "30min":
                return HALF_HOURLY;
            case "index", "integer", "none":
                return INDEX;
            default:
                break;
        }
        for (String suffix : new String[] {"min", "m", "months", "days"}) {
            if (s.endsWith(suffix) && s.length() > suffix.length()) {
                String digits = s.substring(0, s.length() - suffix.length());
                if (digits.chars().allMatch(Character::isDigit)) {
                    int k = Integer.parseInt(digits);
                    return switch (suffix) {
                        case "months" -> new Frequency(Unit.MONTH, k);
                        case "days" -> new Frequency(Unit.DAY, k);
                        default -> k == 60 ? HOURLY : minutes(k);
                    };
                }
            }
        }
        throw new IllegalArgumentException("unknown frequency '" + text + "'; use one of yearly, quarterly, "
                + "monthly, weekly, daily, business-daily, hourly, half-hourly, <k>min (e.g. 15min), index");
    }

    @Override
    public String toString() {
        return label();
    }
}
