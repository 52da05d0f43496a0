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

    /**
     * The first h future values of each column in {@code futureKnown}, every one known ({@code out[j]} for column
     * j).
     *
     * @throws IllegalArgumentException naming the series, the column and the first time stamp without a value
     */
    static double[][] requireFuture(TimeSeries s, List<String> futureKnown, int h, String model) {
        double[][] out = new double[futureKnown.size()][];
        for (int j = 0; j < out.length; j++) {
            String c = futureKnown.get(j);
            double[] ahead = s.future(c);
            for (int k = 0; k < h; k++) {
                if (k >= ahead.length || Double.isNaN(ahead[k])) {
                    org.seqcast.data.TimeIndex next = s.index().following(h);
                    throw new IllegalArgumentException("series '" + s.id() + "' has no value of future-known"
                            + " covariate '" + c + "' at " + next.label(k) + ": " + model + " needs its values at all"
                            + " H = " + h + " points after the history (" + next.label(0) + " to " + next.label(h - 1)
                            + "), and the series has " + (k >= ahead.length ? ahead.length + " future values of it"
                            : "a missing value there") + ". Give the values known ahead for every series");
                }
            }
            out[j] = java.util.Arrays.copyOf(ahead, h);
        }
        return out;
    }
}
