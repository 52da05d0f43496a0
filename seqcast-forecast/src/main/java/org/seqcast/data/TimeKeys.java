package org.seqcast.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the cells of a time column into integers (a plain index) or calendar time stamps. Without a date
 * pattern the first row decides: an integer makes an integer column (read as years when every key has four
 * digits, or when the frequency is month-based, unless the frequency is {@code index}); anything else makes
 * a calendar column of ISO dates, date-times (with 'T' or a space, optionally with a UTC offset), year-months and
 * years. Time stamps with offsets are instants (see {@link Parsed}).
 */
final class TimeKeys {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** A time of day followed by a UTC offset: {@code 10:30Z}, {@code 10:30:00+02:00}, {@code 10:30-0500}. */
    private static final Pattern OFFSET = Pattern.compile("(\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)\\s*([Zz]|[+-]\\d{2}(?::?\\d{2})?)");
    private static final String ISO_FORMATS = "write ISO dates (2020-01-31), date-times (2020-01-31T10:30 or"
            + " 2020-01-31 10:30:00, optionally with a UTC offset: 2020-01-31T10:30Z, 2020-01-31T10:30+02:00), year-months (2020-01) or years (2020), or give a date pattern such as dd/MM/yyyy";

    private TimeKeys() {
    }

    /**
     * The parsed keys: exactly one of the arrays is set. With {@code instants}, the cells carried UTC offsets (or
     * zones) and {@code stamps} are their instants written in UTC, so a clock change neither drops nor repeats an
     * hour.
     */
    record Parsed(long[] integers, LocalDateTime[] stamps, boolean instants) {
        Parsed(long[] integers, LocalDateTime[] stamps) {
            this(integers, stamps, false);
        }
    }

    /** A cell's local date-time and its offset from UTC (null when the cell has none). */
    private record Stamp(LocalDateTime local, ZoneOffset offset) {
    }

    /** Parses every cell; {@code lines} are the cells' lines, for messages. */
    static Parsed parse(List<String> cells, int[] lines, String file, String column, CsvOptions options) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).isEmpty()) {
                throw new DataFormatException(file, lines[i], column, "empty time stamp; every row needs one");
            }
        }
        if (options.datePattern() != null) {
            DateTimeFormatter f = formatter(options.datePattern());
            Stamp[] stamps = new Stamp[cells.size()];
            for (int i = 0; i < stamps.length; i++) {
                stamps[i] = withPattern(cells.get(i), f, lines[i], file, column, options.datePattern());
            }
            return instants(stamps, cells, lines, file, column);
        }
        if (!INTEGER.matcher(cells.get(0)).matches()) {
            Stamp[] stamps = new Stamp[cells.size()];
            for (int i = 0; i < stamps.length; i++) {
                try {
                    stamps[i] = calendar(cells.get(i), lines[i], file, column);
                } catch (DataFormatException e) {
                    if (i > 0) {
                        throw e;
                    }
                    throw new DataFormatException(file, lines[i], column, e.problem() + "; if '" + column + "' is not"
                            + " the time column, name the time column (the default is the first column)", e);
                }
            }
            return instants(stamps, cells, lines, file, column);
        }
        long[] integers = new long[cells.size()];
        boolean fourDigits = true;
        for (int i = 0; i < integers.length; i++) {
            String c = cells.get(i);
            try {
                if (!INTEGER.matcher(c).matches()) {
                    throw new NumberFormatException();
                }
                integers[i] = Long.parseLong(c);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, lines[i], column, "cannot parse '" + c + "' as an integer time"
                        + " key; the first row holds the integer '" + cells.get(0) + "', so every row must hold one"
                        + " (or write dates in every row)");
            }
            fourDigits &= YEAR.matcher(c).matches();
        }
        Frequency f = options.frequency();
        boolean years = f == null ? fourDigits : f.unit() == Frequency.Unit.MONTH;
        if (f != null && !years && f.unit() != Frequency.Unit.INDEX) {
            throw new DataFormatException(file, lines[0], column, "the time column holds integers such as '"
                    + cells.get(0) + "', which can be read as years or as a plain index, not as " + f + " time stamps;"
                    + " write dates, or give frequency yearly or index");
        }
        if (!years) {
            return new Parsed(integers, null);
        }
        LocalDateTime[] stamps = new LocalDateTime[cells.size()];
        for (int i = 0; i < integers.length; i++) {
            if (integers[i] < 1 || integers[i] > 9999) {
                throw new DataFormatException(file, lines[i], column, "'" + cells.get(i) + "' is not a year from 1"
                        + " to 9999; write years, or give frequency index for a plain integer index");
            }
            stamps[i] = LocalDate.of((int) integers[i], 1, 1).atStartOfDay();
        }
        return new Parsed(null, stamps);
    }

    /**
     * The time stamps of the cells. Cells with a UTC offset (or zone) are instants: every cell must then have one,
     * and the stamps are the instants in UTC, unless every cell is at local midnight (dates, whose offset does
     * not move the day: a daily file written at local midnight stays on its dates across a clock change).
     */
    private static Parsed instants(Stamp[] stamps, List<String> cells, int[] lines, String file, String column) {
        int withOffset = -1;
        int without = -1;
        boolean midnight = true;
        for (int i = 0; i < stamps.length; i++) {
            if (stamps[i].offset() != null) {
                withOffset = withOffset < 0 ? i : withOffset;
            } else {
                without = without < 0 ? i : without;
            }
            midnight &= stamps[i].local().toLocalTime().equals(LocalTime.MIDNIGHT);
        }
        LocalDateTime[] out = new LocalDateTime[stamps.length];
        if (withOffset >= 0 && without >= 0) {
            int bad = Math.max(withOffset, without);
            throw new DataFormatException(file, lines[bad], column, "'" + cells.get(without) + "' (line "
                    + lines[without] + ") has no UTC offset, but '" + cells.get(withOffset) + "' (line "
                    + lines[withOffset] + ") has the offset " + stamps[withOffset].offset().getId() + "; write an"
                    + " offset on every time stamp (they are then read as instants) or on none");
        }
        for (int i = 0; i < stamps.length; i++) {
            Stamp s = stamps[i];
            out[i] = s.offset() == null || midnight ? s.local()
                    : s.local().atOffset(s.offset()).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return new Parsed(null, out, withOffset >= 0 && !midnight);
    }

    /** A cell read with a date pattern; an offset or zone in the pattern is kept with the stamp. */
    private static Stamp withPattern(String c, DateTimeFormatter f, int line, String file, String column,
                                     String pattern) {
        TemporalAccessor t;
        LocalDateTime local;
        try {
            t = f.parse(c);
            local = LocalDateTime.from(t);
        } catch (DateTimeException e) {
            throw new DataFormatException(file, line, column, "cannot parse '" + c + "' with the date pattern '"
                    + pattern + "'" + (e instanceof DateTimeParseException p ? reason(p) : ": " + e.getMessage())
                    + "; correct the cell or the pattern", e);
        }
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return new Stamp(local, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)));
        }
        ZoneId zone = t.query(TemporalQueries.zone());
        if (zone == null) {
            return new Stamp(local, null);
        }
        List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
        if (valid.size() != 1) {
            throw new DataFormatException(file, line, column, "'" + c + "' " + (valid.isEmpty()
                    ? "does not exist in zone " + zone.getId() + " (the clocks skipped that time)"
                    : "happened twice in zone " + zone.getId() + ", at offsets " + valid.get(0).getId() + " and "
                    + valid.get(1).getId() + " (the clocks went back)") + "; write the UTC offset in the time stamps"
                    + " (pattern letters XXX) so that every one names one instant");
        }
        return new Stamp(local, valid.get(0));
    }

    private static Stamp calendar(String c, int line, String file, String column) {
        try {
            if (YEAR.matcher(c).matches()) {
                return new Stamp(LocalDate.of(Integer.parseInt(c), 1, 1).atStartOfDay(), null);
            } else if (YEAR_MONTH.matcher(c).matches()) {
                return new Stamp(YearMonth.parse(c).atDay(1).atStartOfDay(), null);
            } else if (DATE.matcher(c).matches()) {
                return new Stamp(LocalDate.parse(c).atStartOfDay(), null);
            } else if (c.length() > 10 && DATE.matcher(c.substring(0, 10)).matches()
                    && (c.charAt(10) == 'T' || c.charAt(10) == ' ')) {
                String time = c.substring(11).trim();
                Matcher m = OFFSET.matcher(time);
                ZoneOffset offset = null;
                if (m.matches()) {
                    time = m.group(1).trim();
                    offset = offset(m.group(2), c, line, file, column);
                }
                return new Stamp(LocalDateTime.parse(c.substring(0, 10) + 'T' + time), offset);
            }
        } catch (DateTimeParseException e) {
            throw new DataFormatException(file, line, column, "cannot parse '" + c + "' as a time stamp" + reason(e)
                    + "; " + ISO_FORMATS, e);
        }
        throw new DataFormatException(file, line, column, "cannot parse '" + c + "' as a time stamp; " + ISO_FORMATS);
    }

    /** The UTC offset written at the end of a date-time: Z, +02, +0200 or +02:00. */
    private static ZoneOffset offset(String text, String c, int line, String file, String column) {
        try {
            return ZoneOffset.of(text.equals("z") ? "Z" : text);
        } catch (DateTimeException e) {
            throw new DataFormatException(file, line, column, "cannot read the UTC offset '" + text + "' of '" + c
                    + "': " + e.getMessage() + "; write Z or an offset from -18:00 to +18:00 such as +02:00", e);
        }
    }

    /** ": Invalid value for MonthOfYear ..." from a parse exception, or "". */
    private static String reason(DateTimeParseException e) {
        String m = e.getMessage();
        int at = m == null ? -1 : m.indexOf("could not be parsed");
        if (at < 0) {
            return "";
        }
        String rest = m.substring(at + "could not be parsed".length());
        return rest.startsWith(":") ? rest : rest.startsWith(" at index") ? " (" + rest.trim() + ")" : "";
    }

    /**
     * A formatter for a {@link DateTimeFormatter} pattern in which absent fields default to month 1, day 1 (the
     * first day of the quarter for quarter patterns), 00:00; English month and day names.
     *
     * @throws IllegalArgumentException for an invalid pattern
     */
    static DateTimeFormatter formatter(String pattern) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
        try {
            b.appendPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date pattern '" + pattern + "': " + e.getMessage()
                    + "; write a java.time pattern such as dd/MM/yyyy, yyyy-MM or yyyy", e);
        }
        String letters = letters(pattern);
        boolean quarter = has(letters, "Qq");
        if (quarter) {
            b.parseDefaulting(IsoFields.DAY_OF_QUARTER, 1);
        } else if (!has(letters, "D")) {
            if (!has(letters, "ML")) {
                b.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
            }
            if (!has(letters, "d")) {
                b.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
            }
        }
        if (!has(letters, "HhKkaB")) {
            b.parseDefaulting(ChronoField.HOUR_OF_DAY, 0);
        }
        if (!has(letters, "m")) {
            b.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0);
        }
        return b.toFormatter(Locale.ENGLISH);
    }

    /** The pattern letters outside quoted literals. */
    private static String letters(String pattern) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (char ch : pattern.toCharArray()) {
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && Character.isLetter(ch)) {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static boolean has(String letters, String any) {
        return letters.chars().anyMatch(ch -> any.indexOf(ch) >= 0);
    }
}
