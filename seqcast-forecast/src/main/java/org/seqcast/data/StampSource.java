package org.seqcast.data;

import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Where a list of time keys came from, for error messages: the file, the time column, the series (long files)
 * and the line of each key. Every part may be absent (keys built in memory).
 */
record StampSource(String file, String column, String series, int[] lines) {
    static final StampSource NONE = new StampSource(null, null, null, null);

    /** The line of key i, 0 when unknown. */
    int line(int i) {
        return lines == null ? 0 : lines[i];
    }

    /** "2020-03-01 (line 4)" or, without lines, "2020-03-01 (time stamp 3)". */
    String describe(Object key, int i) {
        String label = key instanceof LocalDateTime t ? label(t) : String.valueOf(key);
        return label + (lines == null ? " (time stamp " + (i + 1) + ")" : " (line " + lines[i] + ")");
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
