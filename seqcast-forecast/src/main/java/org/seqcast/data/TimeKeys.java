package org.seqcast.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the cells of a time column into integers (a plain index) or calendar time stamps. Without a date
 * pattern the first row decides: an integer makes an integer column (read as years when every key has four
 * digits, or when the frequency is month-based, unless the frequency is {@code index}); anything else makes
 * a calendar column of ISO dates, date-times (with 'T' or a space), year-months and years.
 */
final class TimeKeys {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String ISO_FORMATS = "write ISO dates (2020-01-31), date-times (2020-01-31T10:30 or"
            + " 2020-01-31 10:30:00), year-months (2020-01) or years (2020), or give a date pattern such as dd/MM/yyyy";

    private TimeKeys() {
    }

    /** The parsed keys: exactly one of the arrays is set. */
    record Parsed(long[] integers, LocalDateTime[] stamps) {
    }

    /** Parses every cell; {@code lines} are the cells' lines, for messages. */
    static Parsed parse(List<String> cells, int[] lines, String file, String column, CsvOptions options) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).isEmpty()) {
                throw new DataFormatException(file, lines[i], column, "empty time stamp; every row needs one");
            }
        }
        LocalDateTime[] stamps = new LocalDateTime[cells.size()];
        if (options.datePattern() != null) {
            DateTimeFormatter f = formatter(options.datePattern());
            for (int i = 0; i < stamps.length; i++) {
                try {
                    stamps[i] = LocalDateTime.parse(cells.get(i), f);
                } catch (DateTimeParseException e) {
                    throw new DataFormatException(file, lines[i], column, "cannot parse '" + cells.get(i)
                            + "' with the date pattern '" + options.datePattern() + "'" + reason(e)
                            + "; correct the cell or the pattern", e);
                }
            }
            return new Parsed(null, stamps);
        }
        if (!INTEGER.matcher(cells.get(0)).matches()) {
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
            return new Parsed(null, stamps);
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
        for (int i = 0; i < integers.length; i++) {
            if (integers[i] < 1 || integers[i] > 9999) {
                throw new DataFormatException(file, lines[i], column, "'" + cells.get(i) + "' is not a year from 1"
                        + " to 9999; write years, or give frequency index for a plain integer index");
            }
            stamps[i] = LocalDate.of((int) integers[i], 1, 1).atStartOfDay();
        }
        return new Parsed(null, stamps);
    }

    private static LocalDateTime calendar(String c, int line, String file, String column) {
        try {
            if (YEAR.matcher(c).matches()) {
                return LocalDate.of(Integer.parseInt(c), 1, 1).atStartOfDay();
            } else if (YEAR_MONTH.matcher(c).matches()) {
                return YearMonth.parse(c).atDay(1).atStartOfDay();
            } else if (DATE.matcher(c).matches()) {
                return LocalDate.parse(c).atStartOfDay();
            } else if (c.length() > 10 && DATE.matcher(c.substring(0, 10)).matches()
                    && (c.charAt(10) == 'T' || c.charAt(10) == ' ')) {
                return LocalDateTime.parse(c.substring(0, 10) + 'T' + c.substring(11).trim());
            }
        } catch (DateTimeParseException e) {
            throw new DataFormatException(file, line, column, "cannot parse '" + c + "' as a time stamp" + reason(e)
                    + "; " + ISO_FORMATS, e);
        }
        throw new DataFormatException(file, line, column, "cannot parse '" + c + "' as a time stamp; " + ISO_FORMATS);
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
