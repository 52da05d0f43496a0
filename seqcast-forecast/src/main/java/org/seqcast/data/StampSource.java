package org.seqcast.data;

import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Where a list of time keys came from, for error messages: the file, the time column, the series (long files)
 * and the line of each key. Every part may be absent (keys built in memory). For keys read from time stamps with
 * UTC offsets ({@code instants}), {@code cells} holds each key's cell as written, which messages quote beside the
 * instant in UTC.
 */
record StampSource(String file, String column, String series, int[] lines, String[] cells, boolean instants) {
    static final StampSource NONE = new StampSource(null, null, null, null);

    StampSource(String file, String column, String series, int[] lines) {
        this(file, column, series, lines, null, false);
    }

    /** The line of key i, 0 when unknown. */
    int line(int i) {
        return lines == null ? 0 : lines[i];
    }

    /**
     * "2020-03-01 (line 4)" or, without lines, "2020-03-01 (time stamp 3)"; an instant as
     * "2020-10-25T01:00Z (line 51: '2020-10-25T02:00+01:00')".
     */
    String describe(Object key, int i) {
        String label = key instanceof LocalDateTime t ? (instants ? t + "Z" : label(t)) : String.valueOf(key);
        String written = cells == null ? "" : ": '" + cells[i] + "'";
        return label + (lines == null ? " (time stamp " + (i + 1) + written + ")" : " (line " + lines[i] + written + ")");
    }

    /** " in series 'A'" for long files, else "". */
    String inSeries() {
        return series == null ? "" : " in series '" + series + "'";
    }

    DataFormatException error(int i, String problem) {
        return new DataFormatException(file, line(i), column, problem);
    }

    /** A date when the time is midnight, else the ISO date-time. */
    static String label(LocalDateTime t) {
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
    }
}
