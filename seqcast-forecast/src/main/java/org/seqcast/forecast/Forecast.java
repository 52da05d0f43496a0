package org.seqcast.forecast;

import org.seqcast.data.TimeIndex;

/**
 * The point forecast of one series for the H steps after its history.
 *
 * @param seriesId the series' id
 * @param model    the forecaster's name
 * @param index    the time stamps of the H forecast points (the index that follows the history)
 * @param values   ŷ_{n+1..n+H} in the series' own units
 * @param note     empty, or how the forecast departed from the model (e.g. a fallback for a too-short history)
 */
public record Forecast(String seriesId, String model, TimeIndex index, double[] values, String note) {
    public Forecast(String seriesId, String model, TimeIndex index, double[] values) {
        this(seriesId, model, index, values, "");
    }

    public Forecast {
        note = note == null ? "" : note;
        if (values.length != index.size()) {
            throw new IllegalArgumentException("forecast has " + values.length + " values for " + index.size()
                    + " time stamps");
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException(model + " produced a non-finite forecast " + values[k]
                        + " for series '" + seriesId + "' at step " + (k + 1));
            }
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** True when the forecast carries a note (the model fell back to something simpler). */
    public boolean hasNote() {
        return !note.isEmpty();
    }

    public int horizon() {
        return values.length;
    }

    /** The time stamp of step k (0-based) as text. */
    public String label(int k) {
        return index.label(k);
    }
}
