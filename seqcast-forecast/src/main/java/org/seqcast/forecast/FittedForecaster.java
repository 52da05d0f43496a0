package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.data.TimeSeries;
import org.seqcast.train.History;

/** A fitted forecaster: forecasts the H steps after the end of any history of a matching series. */
public interface FittedForecaster {
    String name();

    int horizon();

    /** Forecasts the {@link #horizon()} points after the last point of {@code history}. */
    Forecast forecast(TimeSeries history);

    default List<Forecast> forecast(List<TimeSeries> histories) {
        List<Forecast> out = new ArrayList<>(histories.size());
        for (TimeSeries s : histories) {
            out.add(forecast(s));
        }
        return out;
    }

    /** The training history of a neural model (losses per epoch); null for methods that do not train. */
    default History trainingHistory() {
        return null;
    }
}
