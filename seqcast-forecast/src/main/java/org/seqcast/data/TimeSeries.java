package org.seqcast.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One time series: a regular {@link TimeIndex}, a target column and optional covariate columns, all of the
 * index's length. Values are doubles; NaN marks a missing value (see {@link MissingValues} for detecting and
 * filling them — models refuse series with missing values).
 * <p>
 * Immutable: arrays are copied in and out.
 *
 * @param id             series name (file name, or the id column of a long file)
 * @param index          time stamps
 * @param target         name of the column to forecast
 * @param columns        every column by name, target included, in file order
 * @param seasonalPeriod the season length m used by seasonal methods and MASE (≥ 1)
 */
public record TimeSeries(String id, TimeIndex index, String target, Map<String, double[]> columns,
                         int seasonalPeriod) {
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

    /** Points [from, to). */
    public TimeSeries slice(int from, int to) {
        TimeIndex sub = index.slice(from, to);
        LinkedHashMap<String, double[]> cut = new LinkedHashMap<>();
        columns.forEach((k, v) -> cut.put(k, Arrays.copyOfRange(v, from, to)));
        return new TimeSeries(id, sub, target, cut, seasonalPeriod);
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
        return new TimeSeries(id, index, target, columns, m);
    }

    /** The same data with only the target column and the named covariates. */
    public TimeSeries select(List<String> covariates) {
        LinkedHashMap<String, double[]> kept = new LinkedHashMap<>();
        kept.put(target, columns.get(target));
        for (String c : covariates) {
            kept.put(c, column(c));
        }
        return new TimeSeries(id, index, target, kept, seasonalPeriod);
    }

    /** The same index and columns with new values for every column (used by missing-value filling). */
    public TimeSeries withColumns(TimeIndex newIndex, Map<String, double[]> newColumns) {
        return new TimeSeries(id, newIndex, target, newColumns, seasonalPeriod);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TimeSeries other)) {
            return false;
        }
        if (!id.equals(other.id) || !index.equals(other.index) || !target.equals(other.target)
                || seasonalPeriod != other.seasonalPeriod || !columns.keySet().equals(other.columns.keySet())) {
            return false;
        }
        for (String k : columns.keySet()) {
            if (!Arrays.equals(columns.get(k), other.columns.get(k))) {
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
        return h;
    }

    @Override
    public String toString() {
        return "TimeSeries[" + id + ", " + index.frequency() + ", " + size() + " points from "
                + index.label(0) + " to " + index.lastLabel() + ", target " + target + ", columns " + columns.keySet() + "]";
    }
}
