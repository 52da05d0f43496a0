package org.seqcast.forecast;

import org.seqcast.data.TimeSeries;

/**
 * A chronological split of one series: everything before the test part is for fitting (the forecaster
 * holds out its own validation part from the end of it), the last {@code test} points are never seen while
 * fitting.
 *
 * @param train the first n − h points
 * @param test  the last h points
 */
public record ChronologicalSplit(TimeSeries train, TimeSeries test) {
    /** Holds out the last {@code h} points of {@code series}. */
    public static ChronologicalSplit holdout(TimeSeries series, int h) {
        if (h < 1 || h >= series.size()) {
            throw new IllegalArgumentException("series '" + series.id() + "' has " + series.size()
                    + " points; a test part of " + h + " needs at least " + (h + 1));
        }
        return new ChronologicalSplit(series.head(series.size() - h), series.tail(h));
    }
}
