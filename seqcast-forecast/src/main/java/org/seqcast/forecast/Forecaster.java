package org.seqcast.forecast;

import java.util.List;
import org.seqcast.data.TimeSeries;

/**
 * A forecasting method with its settings, not yet fitted: the neural ({@link RnnForecaster}) and the
 * classical ({@link BaselineForecaster}) methods share this interface, so backtests treat them alike.
 * <p>
 * {@link #fit} sees only the series it is given: callers pass the training part of each series (see
 * {@link ChronologicalSplit}), and nothing a forecaster does may look past the end of those series.
 */
public interface Forecaster {
    /** A short name for tables ("lstm", "snaive", ...). */
    String name();

    /** H, the number of steps every forecast covers. */
    int horizon();

    /**
     * The covariates this forecaster reads over the horizon (known ahead: prices, promotions, holidays, weather
     * forecasts); none by default. A forecast from a history needs the values of these columns at the H points
     * after it, in the history's {@link TimeSeries#future() future} values; backtests hand over exactly these
     * ({@link TimeSeries#knownAt}) and no other value past the origin.
     */
    default List<String> futureCovariates() {
        return List.of();
    }

    /** Fits on the given series (one global model for a neural forecaster; nothing to do for local methods). */
    FittedForecaster fit(List<TimeSeries> training);

    default FittedForecaster fit(TimeSeries training) {
        return fit(List.of(training));
    }
}
