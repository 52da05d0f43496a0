package org.seqcast.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.BacktestResult;
import org.seqcast.forecast.Forecast;
import org.seqcast.train.History;

/**
 * Everything an {@link HtmlReport} shows. Lists and maps are copied (insertion order kept); null forecasts,
 * histories or settings mean none.
 *
 * @param title     the report's heading
 * @param series    the series as backtested (their full history), at least one
 * @param backtest  the backtest of the models on {@code series}
 * @param forecasts the final forecasts: the future after the end of the data, usually from a model fitted on
 *                  all of it (any number of models and series; may be empty)
 * @param histories training histories of neural models by model name (may be empty)
 * @param settings  free-form settings shown in the header, e.g. command line, data file, seed (may be empty)
 */
public record ReportData(String title, List<TimeSeries> series, BacktestResult backtest, List<Forecast> forecasts,
                         Map<String, History> histories, Map<String, String> settings) {
    public ReportData {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a report needs a title");
        }
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("a report needs the backtested series");
        }
        if (backtest == null) {
            throw new IllegalArgumentException("a report needs a backtest result");
        }
        series = List.copyOf(series);
        forecasts = forecasts == null ? List.of() : List.copyOf(forecasts);
        histories = copy(histories, "training history of model");
        settings = copy(settings, "setting");
    }

    /** A report of a backtest alone: no final forecasts, no training histories, no settings. */
    public static ReportData of(String title, List<TimeSeries> series, BacktestResult backtest) {
        return new ReportData(title, series, backtest, List.of(), Map.of(), Map.of());
    }

    private static <V> Map<String, V> copy(Map<String, V> map, String what) {
        if (map == null) {
            return Map.of();
        }
        LinkedHashMap<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException(what + " '" + k + "' is null");
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }
}
