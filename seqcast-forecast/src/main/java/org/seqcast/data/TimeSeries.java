package org.seqcast.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One time series: a regular {@link TimeIndex}, a target column and optional covariate columns, all of the
 * index's length; optional static attributes (one text value per name for the whole series: a region, a store
 * size); and optional future values of covariates, for the points after the last one. Values are doubles; NaN
 * marks a missing value (see {@link MissingValues} for detecting and filling them — models refuse series with
 * missing values).
 * <p>
 * What a covariate is to a model (known only up to the forecast origin, or known ahead) is the model's business
 * ({@link org.seqcast.forecast.Forecaster#futureCovariates()}); the series only holds what is known:
 * {@link #knownAt(int, List)} is the series as seen at an origin, with the future-known columns' later values
 * and nothing else of the points after it.
 * <p>
 * Immutable: arrays are copied in and out.
 *
 * @param id             series name (file name, or the id column of a long file)
 * @param index          time stamps
 * @param target         name of the column to forecast
 * @param columns        every column by name, target included, in file order
 * @param seasonalPeriod the season length m used by seasonal methods and MASE (≥ 1)
 * @param statics        static attributes by name, in file order: one value for the whole series, as text
 *                       ({@code "north"}, {@code "12.5"}); models decide whether a name is numeric or categorical;
 *                       names differ from the columns'
 * @param future         future values of covariate columns (not the target) at the points following the index:
 *                       {@code future.get(c)[k]} is column c at point {@code size() + k}; columns may have
 *                       different lengths, NaN marks a value not known
 */
public record TimeSeries(String id, TimeIndex index, String target, Map<String, double[]> columns,
                         int seasonalPeriod, Map<String, String> statics, Map<String, double[]> future) {
    /** A series without static attributes or future values. */
    public TimeSeries(String id, TimeIndex index, String target, Map<String, double[]> columns, int seasonalPeriod) {
        this(id, index, target, columns, seasonalPeriod, Map.of(), Map.of());
    }

    public TimeSeries {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("series id must not be blank");
        }
        if (index == null) {
            throw new IllegalArgumentException("series '" + id + "' needs a time index");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("series '" + id + "' needs the name of its target column");
        }
        if (columns == null || !columns.containsKey(target)) {
            throw new IllegalArgumentException("series '" + id + "' has no target column '" + target + "'; columns: "
                    + (columns == null ? "none" : columns.keySet()));
        }
        if (seasonalPeriod < 1) {
            throw new IllegalArgumentException("seasonal period must be at least 1; got " + seasonalPeriod);
        }
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("series '" + id + "': column '" + e.getKey() + "' has no values");
            }
            if (e.getValue().length != index.size()) {
                throw new IllegalArgumentException("series '" + id + "': column '" + e.getKey() + "' has "
                        + e.getValue().length + " values but the index has " + index.size() + " time stamps");
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        columns = Collections.unmodifiableMap(copy);
        statics = checkedStatics(id, statics, copy);
        future = checkedFuture(id, target, future, copy);
    }

    private static Map<String, String> checkedStatics(String id, Map<String, String> statics, Map<String, double[]> columns) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        if (statics != null) {
            for (Map.Entry<String, String> e : statics.entrySet()) {
                if (e.getKey() == null || e.getKey().isBlank()) {
                    throw new IllegalArgumentException("series '" + id + "': a static attribute needs a name");
                }
                if (columns.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("series '" + id + "': '" + e.getKey() + "' is both a column and"
                            + " a static attribute; give it one role");
                }
                if (e.getValue() == null || e.getValue().isBlank()) {
                    throw new IllegalArgumentException("series '" + id + "': static attribute '" + e.getKey()
                            + "' has no value; every series needs one value for each static attribute");
                }
                copy.put(e.getKey(), e.getValue().strip());
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, double[]> checkedFuture(String id, String target, Map<String, double[]> future,
                                                       Map<String, double[]> columns) {
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        if (future != null) {
            for (Map.Entry<String, double[]> e : future.entrySet()) {
                if (target.equals(e.getKey())) {
                    throw new IllegalArgumentException("series '" + id + "': the target '" + target + "' has no future"
                            + " values; only covariates can be known ahead");
                }
                if (!columns.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("series '" + id + "' has future values of '" + e.getKey()
                            + "' but no such column; columns: " + columns.keySet());
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("series '" + id + "': future values of '" + e.getKey()
                            + "' must not be null");
                }
                copy.put(e.getKey(), e.getValue().clone());
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    /** A univariate series with the frequency's default seasonal period. */
    public static TimeSeries of(String id, TimeIndex index, double[] values) {
        return new TimeSeries(id, index, "value", Map.of("value", values), index.frequency().defaultSeasonalPeriod());
    }

    /** Every column by name (deep copies: the series stays immutable). */
    @Override
    public Map<String, double[]> columns() {
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        columns.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** The future values of every column that has them (deep copies). */
    @Override
    public Map<String, double[]> future() {
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        future.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Column {@code name}'s values after the last point (a copy; empty when none are known). */
    public double[] future(String name) {
        double[] f = future.get(name);
        return f == null ? new double[0] : f.clone();
    }

    /** The same series with these static attributes (replacing any). */
    public TimeSeries withStatics(Map<String, String> attributes) {
        return new TimeSeries(id, index, target, columns, seasonalPeriod, attributes, future);
    }

    /** The same series with these future values (replacing any). */
    public TimeSeries withFuture(Map<String, double[]> values) {
        return new TimeSeries(id, index, target, columns, seasonalPeriod, statics, values);
    }

    /**
     * The series as known at origin n (0 &lt; n ≤ size): points [0, n), the static attributes, and for each
     * column in {@code futureKnown} its values after the origin (the column's points n.., then its future
     * values). Nothing else of the points after n: not the target, not any other covariate.
     */
    public TimeSeries knownAt(int n, List<String> futureKnown) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("series '" + id + "': origin " + n + " is outside 1.." + size());
        }
        LinkedHashMap<String, double[]> ahead = new LinkedHashMap<>();
        for (String c : futureKnown) {
            double[] later = Arrays.copyOfRange(column(c), n, size());
            double[] beyond = future(c);
            double[] all = Arrays.copyOf(later, later.length + beyond.length);
            System.arraycopy(beyond, 0, all, later.length, beyond.length);
            ahead.put(c, all);
        }
        TimeSeries head = slice(0, n);
        return new TimeSeries(id, head.index, target, head.columns, seasonalPeriod, statics, ahead);
    }

    /** Number of time points. */
    public int size() {
        return index.size();
    }

    public Frequency frequency() {
        return index.frequency();
    }

    /** The target values (a copy). */
    public double[] values() {
        return columns.get(target).clone();
    }

    /** A column's values (a copy). */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("series '" + id + "' has no column '" + name + "'; columns: "
                    + columns.keySet());
        }
        return c.clone();
    }

    /** Every column but the target, in order. */
    public List<String> covariateNames() {
        List<String> names = new ArrayList<>(columns.keySet());
        names.remove(target);
        return names;
    }

    /**
     * Points [from, to), with the static attributes; the future values stay only when the slice ends where the
     * series does ({@code to == size()}).
     */
    public TimeSeries slice(int from, int to) {
        TimeIndex sub = index.slice(from, to);
        LinkedHashMap<String, double[]> cut = new LinkedHashMap<>();
        columns.forEach((k, v) -> cut.put(k, Arrays.copyOfRange(v, from, to)));
        return new TimeSeries(id, sub, target, cut, seasonalPeriod, statics, to == size() ? future : Map.of());
    }

    /** The first n points (a chronological training part). */
    public TimeSeries head(int n) {
        return slice(0, n);
    }

    /** The last n points. */
    public TimeSeries tail(int n) {
        return slice(size() - n, size());
    }

    /** The same data with another seasonal period. */
    public TimeSeries withSeasonalPeriod(int m) {
        return new TimeSeries(id, index, target, columns, m, statics, future);
    }

    /** The same data with only the target column and the named covariates (and their future values). */
    public TimeSeries select(List<String> covariates) {
        LinkedHashMap<String, double[]> kept = new LinkedHashMap<>();
        kept.put(target, columns.get(target));
        LinkedHashMap<String, double[]> ahead = new LinkedHashMap<>();
        for (String c : covariates) {
            kept.put(c, column(c));
            if (future.containsKey(c)) {
                ahead.put(c, future.get(c));
            }
        }
        return new TimeSeries(id, index, target, kept, seasonalPeriod, statics, ahead);
    }

    /**
     * The same series with a new index and new values for its columns (used by missing-value filling and
     * adjustments); static attributes kept, future values kept for the columns that remain.
     */
    public TimeSeries withColumns(TimeIndex newIndex, Map<String, double[]> newColumns) {
        LinkedHashMap<String, double[]> ahead = new LinkedHashMap<>(future);
        ahead.keySet().retainAll(newColumns.keySet());
        return new TimeSeries(id, newIndex, target, newColumns, seasonalPeriod, statics, ahead);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TimeSeries other)) {
            return false;
        }
        if (!id.equals(other.id) || !index.equals(other.index) || !target.equals(other.target)
                || seasonalPeriod != other.seasonalPeriod || !columns.keySet().equals(other.columns.keySet())
                || !statics.equals(other.statics) || !future.keySet().equals(other.future.keySet())) {
            return false;
        }
        for (String k : columns.keySet()) {
            if (!Arrays.equals(columns.get(k), other.columns.get(k))) {
                return false;
            }
        }
        for (String k : future.keySet()) {
            if (!Arrays.equals(future.get(k), other.future.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = id.hashCode() * 31 + index.hashCode();
        for (double[] v : columns.values()) {
            h = h * 31 + Arrays.hashCode(v);
        }
        return h * 31 + statics.hashCode();
    }

    @Override
    public String toString() {
        return "TimeSeries[" + id + ", " + index.frequency() + ", " + size() + " points from "
                + index.label(0) + " to " + index.lastLabel() + ", target " + target + ", columns " + columns.keySet()
                + (statics.isEmpty() ? "" : ", statics " + statics)
                + (future.isEmpty() ? "" : ", future values of " + future.keySet()) + "]";
    }
}
