package org.seqcast.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.TimeSeries;

/**
 * Fits one model per series instead of one global model; forecasts each series with its own model. The fitted
 * forecaster is as thread-safe as the inner ones (see {@link FittedForecaster}); it has no model file kind.
 */
public final class PerSeriesForecaster implements Forecaster {
    private final Forecaster inner;

    public PerSeriesForecaster(Forecaster inner) {
        this.inner = inner;
    }

    @Override
    public List<String> futureCovariates() {
        return inner.futureCovariates();
    }

    @Override
    public String name() {
        return inner.name() + "-local";
    }

    @Override
    public int horizon() {
        return inner.horizon();
    }

    @Override
    public FittedForecaster fit(List<TimeSeries> training) {
        Map<String, FittedForecaster> fitted = new LinkedHashMap<>();
        for (TimeSeries s : training) {
            fitted.put(s.id(), inner.fit(s));
        }
        String name = name();
        int h = horizon();
        return new FittedForecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int horizon() {
                return h;
            }

            @Override
            public List<String> futureCovariates() {
                return inner.futureCovariates();
            }

            @Override
            public Forecast forecast(TimeSeries history) {
                FittedForecaster f = fitted.get(history.id());
                if (f == null) {
                    throw new IllegalArgumentException("no model was fitted for series '" + history.id()
                            + "'; per-series models forecast only the series they were fitted on: " + fitted.keySet());
                }
                Forecast raw = f.forecast(history);
                return new Forecast(raw.seriesId(), name, raw.index(), raw.values(), raw.note(), raw.distribution());
            }
        };
    }
}
