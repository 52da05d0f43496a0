package org.seqcast.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a series has missing values (NaN), from {@link MissingValues#report(TimeSeries)}.
 *
 * @param seriesId             the series
 * @param size                 number of time points
 * @param missingByColumn      number of missing values in each column, every column listed, in series order
 * @param missingTimeStamps    time points absent from the source (all columns missing there), or -1 when
 *                             unknown (a series in memory does not remember which of its NaNs were absent rows)
 * @param firstMissingPosition earliest position with a missing value in any column, -1 when complete
 * @param firstMissingLabel    that position's time label, null when complete
 */
public record MissingReport(String seriesId, int size, Map<String, Integer> missingByColumn, int missingTimeStamps,
                            int firstMissingPosition, String firstMissingLabel) {
    public MissingReport {
        if (seriesId == null || missingByColumn == null) {
            throw new IllegalArgumentException("a missing-value report needs a series id and per-column counts");
        }
        missingByColumn = Collections.unmodifiableMap(new LinkedHashMap<>(missingByColumn));
        int most = 0;
        int least = missingByColumn.isEmpty() ? 0 : Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : missingByColumn.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > size) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' of series '" + seriesId
                        + "' cannot miss " + e.getValue() + " of " + size + " values");
            }
            most = Math.max(most, e.getValue());
            least = Math.min(least, e.getValue());
        }
        if (missingTimeStamps < -1 || missingTimeStamps > least) {
            throw new IllegalArgumentException("series '" + seriesId + "': " + missingTimeStamps
                    + " missing time stamps, but a column misses only " + least + " values");
        }
        if ((most == 0) != (firstMissingPosition == -1) || (firstMissingPosition == -1) != (firstMissingLabel == null)
                || firstMissingPosition >= size) {
            throw new IllegalArgumentException("series '" + seriesId + "': first missing position "
                    + firstMissingPosition + " (" + firstMissingLabel + ") does not fit the counts " + missingByColumn);
        }
    }

    /** Number of missing values over all columns. */
    public int total() {
        return missingByColumn.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True when nothing is missing. */
    public boolean isComplete() {
        return firstMissingPosition < 0;
    }

    /** The same report with the number of time stamps absent from the source. */
    public MissingReport withMissingTimeStamps(int count) {
        return new MissingReport(seriesId, size, missingByColumn, count, firstMissingPosition, firstMissingLabel);
    }

    /**
     * One sentence, e.g. "series 'gold' has 34 missing values in column 'value', the first at 68 (position 67)",
     * or "series 'x' has no missing values".
     */
    public String describe() {
        if (isComplete()) {
            return "series '" + seriesId + "' has no missing values";
        }
        StringBuilder s = new StringBuilder("series '").append(seriesId).append("' has ")
                .append(MissingValues.count(total(), "missing value"));
        Map<String, Integer> nonZero = new LinkedHashMap<>();
        missingByColumn.forEach((k, v) -> {
            if (v > 0) {
                nonZero.put(k, v);
            }
        });
        if (nonZero.size() == 1) {
            s.append(" in column '").append(nonZero.keySet().iterator().next()).append('\'');
        } else {
            s.append(" (");
            nonZero.forEach((k, v) -> s.append(k).append(": ").append(v).append(", "));
            s.setLength(s.length() - 2);
            s.append(')');
        }
        if (missingTimeStamps > 0) {
            s.append("; ").append(MissingValues.count(missingTimeStamps, "time stamp"))
                    .append(missingTimeStamps == 1 ? " is" : " are").append(" absent from the file");
        }
        return s.append("; the first is at ").append(firstMissingLabel).append(" (position ")
                .append(firstMissingPosition).append(')').toString();
    }
}
