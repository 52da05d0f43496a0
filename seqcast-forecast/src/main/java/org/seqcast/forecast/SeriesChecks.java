package org.seqcast.forecast;

import java.util.List;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeSeries;

/** Checks every forecaster makes on the series it is given, with messages that say what to do. */
final class SeriesChecks {
    private SeriesChecks() {
    }

    /** The frequency all series share. */
    static Frequency commonFrequency(List<TimeSeries> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series to fit on");
        }
        Frequency f = series.get(0).frequency();
        for (TimeSeries s : series) {
            if (!s.frequency().equals(f)) {
                throw new IllegalArgumentException("series '" + s.id() + "' is " + s.frequency() + " but '"
                        + series.get(0).id() + "' is " + f + "; a model is fitted on series of one frequency");
            }
            if (s.seasonalPeriod() != series.get(0).seasonalPeriod()) {
                throw new IllegalArgumentException("series '" + s.id() + "' has seasonal period " + s.seasonalPeriod()
                        + " but '" + series.get(0).id() + "' has " + series.get(0).seasonalPeriod()
                        + "; a model is fitted on series of one seasonal period");
            }
        }
        return f;
    }

    /** Throws when the target or a column has a missing value. */
    static void requireComplete(TimeSeries s, String model) {
        for (var e : s.columns().entrySet()) {
            double[] v = e.getValue();
            for (int t = 0; t < v.length; t++) {
                if (!Double.isFinite(v[t])) {
                    throw new IllegalArgumentException("series '" + s.id() + "' column '" + e.getKey()
                            + "' has a missing value at " + s.index().label(t) + " (position " + t + "); " + model
                            + " needs complete data: fill gaps first (missing-value policy interpolate, ffill "
                            + "or drop-leading)");
                }
            }
        }
    }

    static void requireColumns(TimeSeries s, List<String> covariates) {
        for (String c : covariates) {
            if (!s.columns().containsKey(c)) {
                throw new IllegalArgumentException("series '" + s.id() + "' has no covariate column '" + c
                        + "'; its columns are " + s.columns().keySet());
            }
        }
    }
}
