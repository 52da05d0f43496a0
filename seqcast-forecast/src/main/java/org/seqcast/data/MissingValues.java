package org.seqcast.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds missing values (NaN) in a {@link TimeSeries} and fills them by a {@link MissingPolicy}. Every column is
 * filled on its own; the time index stays the same except that {@link MissingPolicy#DROP_LEADING} starts it later.
 */
public final class MissingValues {
    private MissingValues() {
    }

    /** Counts the missing values of each column and finds the first one. Missing time stamps are unknown (-1). */
    public static MissingReport report(TimeSeries series) {
        Map<String, double[]> columns = series.columns();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int first = -1;
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            double[] v = e.getValue();
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    n++;
                    first = first < 0 ? i : Math.min(first, i);
                }
            }
            counts.put(e.getKey(), n);
        }
        return new MissingReport(series.id(), series.size(), counts, -1, first,
                first < 0 ? null : series.index().label(first));
    }

    /**
     * The series with its missing values filled by {@code policy}; the series itself when it has none.
     *
     * @throws IllegalArgumentException under {@link MissingPolicy#ERROR} when anything is missing (naming the
     *     series, the count and the first missing time stamp), or when the policy cannot fill a gap
     */
    public static TimeSeries fill(TimeSeries series, MissingPolicy policy) {
        return fill(series, policy, report(series));
    }

    /** As {@link #fill(TimeSeries, MissingPolicy)}, with a report that may know the missing time stamps. */
    static TimeSeries fill(TimeSeries series, MissingPolicy policy, MissingReport report) {
        Problem problem = problem(series, policy, report);
        if (problem != null) {
            throw new IllegalArgumentException(problem.message());
        }
        if (report.isComplete()) {
            return series;
        }
        TimeSeries kept = series;
        if (policy == MissingPolicy.DROP_LEADING) {
            int start = 0;
            for (double[] v : series.columns().values()) {
                start = Math.max(start, firstObserved(v));
            }
            kept = start == 0 ? series : series.slice(start, series.size());
        }
        Map<String, double[]> columns = kept.columns();
        for (double[] v : columns.values()) {
            if (policy != MissingPolicy.FORWARD_FILL) {
                interpolateInside(v);
            }
            carryForward(v);
        }
        return kept.withColumns(kept.index(), columns);
    }

    /** Why {@code policy} cannot fill this series: the position and column to point at, and the message. */
    record Problem(int position, String column, String message) {
    }

    /** The first reason {@code policy} refuses this series, or null when it can fill it. */
    static Problem problem(TimeSeries series, MissingPolicy policy, MissingReport report) {
        if (policy == null) {
            throw new IllegalArgumentException("missing-value policy must not be null");
        }
        if (report.isComplete()) {
            return null;
        }
        Map<String, double[]> columns = series.columns();
        if (policy == MissingPolicy.ERROR) {
            int p = report.firstMissingPosition();
            String column = columns.entrySet().stream().filter(e -> Double.isNaN(e.getValue()[p]))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            double[] target = columns.get(series.target());
            boolean trailing = lastObserved(target) >= 0 && lastObserved(target) < target.length - 1;
            return new Problem(p, column, report.describe() + "; models need complete series: choose a missing-value"
                    + " policy: interpolate (a straight line between neighbours), ffill (repeat the last value) or"
                    + " drop-leading (start at the first complete time stamp, interpolate the rest)"
                    + (trailing ? ". If the rows after the last target value hold values of covariates known ahead,"
                    + " name those covariates future-known: the rows then become their future values" : ""));
        }
        TimeIndex index = series.index();
        String where = "series '" + series.id() + "': ";
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            double[] v = e.getValue();
            int first = firstObserved(v);
            if (first < 0) {
                return new Problem(0, e.getKey(), where + "column '" + e.getKey() + "' has no values at all, so no"
                        + " policy can fill it; remove the column or fill it in the file");
            }
            if (first > 0 && policy != MissingPolicy.DROP_LEADING) {
                return new Problem(0, e.getKey(), where + "the " + span("first", first, e.getKey(), index, 0)
                        + " missing and cannot be " + (policy == MissingPolicy.INTERPOLATE ? "interpolated"
                        : "carried forward") + " (no earlier value); use drop-leading to start the series at its"
                        + " first complete time stamp, or remove those rows");
            }
            int last = lastObserved(v);
            if (last < v.length - 1 && policy == MissingPolicy.INTERPOLATE) {
                int n = v.length - 1 - last;
                return new Problem(last + 1, e.getKey(), where + "the " + span("last", n, e.getKey(), index, last + 1)
                        + " missing and cannot be interpolated (no later value); use ffill to repeat the last value,"
                        + " or drop-leading, which interpolates inside the series and repeats the last value at its end");
            }
        }
        return null;
    }

    /** "first 3 values of column 'x' (2020-01-01 to 2020-03-01) are" / "first value of column 'x' (2020-01-01) is". */
    private static String span(String which, int n, String column, TimeIndex index, int from) {
        String labels = n == 1 ? index.label(from) : index.label(from) + " to " + index.label(from + n - 1);
        return which + " " + (n == 1 ? "value" : n + " values") + " of column '" + column + "' (" + labels + ")"
                + (n == 1 ? " is" : " are");
    }

    /** "1 missing value", "3 missing values". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static int firstObserved(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                return i;
            }
        }
        return -1;
    }

    private static int lastObserved(double[] v) {
        for (int i = v.length - 1; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Fills each gap between two observed values on the straight line between them; edges stay NaN. */
    private static void interpolateInside(double[] v) {
        int previous = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                continue;
            }
            if (previous >= 0 && i - previous > 1) {
                double a = v[previous];
                double slope = (v[i] - a) / (i - previous);
                for (int k = previous + 1; k < i; k++) {
                    v[k] = a + slope * (k - previous);
                }
            }
            previous = i;
        }
    }

    /** Repeats the last observed value over the gaps after it; a leading gap stays NaN. */
    private static void carryForward(double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = v[i - 1];
            }
        }
    }
}
