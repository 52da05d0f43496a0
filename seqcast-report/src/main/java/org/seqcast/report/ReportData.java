package org.seqcast.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.BacktestResult;
import org.seqcast.forecast.CovariateRoles;
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
 * @param roles     the covariates drawn under each series, by role ({@link CovariateRoles#NONE}, or null, for none):
 *                  past and future-known ones must be columns of every series, static ones attributes of every
 *                  series ({@link TimeSeries#statics()})
 * @param explanations the covariates' permutation importance and networks' attributions ({@link Explanations#NONE},
 *                  or null, for none)
 */
public record ReportData(String title, List<TimeSeries> series, BacktestResult backtest, List<Forecast> forecasts,
                         Map<String, History> histories, Map<String, String> settings, CovariateRoles roles,
                         Explanations explanations) {
    /** A report without covariate importances. */
    public ReportData(String title, List<TimeSeries> series, BacktestResult backtest, List<Forecast> forecasts,
                      Map<String, History> histories, Map<String, String> settings, CovariateRoles roles) {
        this(title, series, backtest, forecasts, histories, settings, roles, Explanations.NONE);
    }

    /** A report that shows no covariates. */
    public ReportData(String title, List<TimeSeries> series, BacktestResult backtest, List<Forecast> forecasts,
                      Map<String, History> histories, Map<String, String> settings) {
        this(title, series, backtest, forecasts, histories, settings, CovariateRoles.NONE, Explanations.NONE);
    }

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
        roles = roles == null ? CovariateRoles.NONE : roles;
        explanations = explanations == null ? Explanations.NONE : explanations;
        for (TimeSeries s : series) {
            checkCovariates(s, roles);
        }
    }

    /** A report of a backtest alone: no final forecasts, no training histories, no settings. */
    public static ReportData of(String title, List<TimeSeries> series, BacktestResult backtest) {
        return new ReportData(title, series, backtest, List.of(), Map.of(), Map.of());
    }

    /** The same report showing the covariates of {@code roles} under each series. */
    public ReportData withRoles(CovariateRoles roles) {
        return new ReportData(title, series, backtest, forecasts, histories, settings, roles, explanations);
    }

    /** The same report with these explanations. */
    public ReportData withExplanations(Explanations e) {
        return new ReportData(title, series, backtest, forecasts, histories, settings, roles, e);
    }

    /** Checks that {@code s} has every covariate {@code roles} names, in its role. */
    private static void checkCovariates(TimeSeries s, CovariateRoles roles) {
        List<String> columns = s.covariateNames();
        for (CovariateRole role : CovariateRole.DRAWN) {
            for (String c : role.names(roles)) {
                if (!columns.contains(c)) {
                    throw new IllegalArgumentException("roles: " + role.label() + " covariate '" + c
                            + "' is not a column of series '" + s.id() + "'; its covariate columns: " + columns);
                }
            }
        }
        for (String a : roles.statics()) {
            if (!s.statics().containsKey(a)) {
                throw new IllegalArgumentException("roles: static covariate '" + a + "' is not an attribute of"
                        + " series '" + s.id() + "'; its static attributes: " + s.statics().keySet());
            }
        }
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
