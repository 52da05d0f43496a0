package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.data.TimeSeries;
import org.seqcast.train.History;

/**
 * A fitted forecaster: forecasts the H steps after the end of any history of a matching series.
 * <p>
 * Thread-safety: the built-in fitted forecasters may be shared by many threads, each calling {@link #forecast}
 * at once, and give the same numbers as sequential calls: {@link FittedBaseline} is immutable,
 * {@link FittedEnsemble} and {@link FittedConformal} are as safe as their members, {@link FittedDecomposed} as its
 * network, and {@link FittedRnn} serializes only the network's forward pass (use {@link FittedRnn#copy()} per
 * thread for throughput). An implementation that is not safe must say so and offer a cheap copy. A model file
 * ({@code org.seqcast.io.ModelFile}) saves every one of these built-in kinds.
 */
public interface FittedForecaster {
    String name();

    int horizon();

    /**
     * The covariates a forecast reads over the horizon: {@link #forecast} needs their H values after the history
     * ({@link TimeSeries#future()}); none by default.
     */
    default List<String> futureCovariates() {
        return List.of();
    }

    /** The static attributes a forecast reads ({@link TimeSeries#statics()}); none by default. */
    default List<String> staticCovariates() {
        return List.of();
    }

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

    /**
     * Why training diverged, one entry per network whose training stopped on a non-finite loss, gradient or
     * weight ({@link History#diverged()}), as "name: reason"; empty when none did (and for methods that do not
     * train). Such a network keeps its last finite weights, whose forecasts may be far off (or explode): callers
     * should not save or use it without saying so.
     */
    default List<String> divergence() {
        History h = trainingHistory();
        return h != null && h.diverged() ? List.of(name() + ": " + h.stopReason()) : List.of();
    }

    /**
     * The training series that gave a network no training window (too short for its window and targets), one
     * entry per series and network as "name: series 'a' has 5 points, ..."; empty when every series took part (and
     * for methods that fit each series on its own). Known only right after a fit: a loaded model reports none.
     */
    default List<String> seriesWithoutWindows() {
        return List.of();
    }
}
