package org.seqcast.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecaster;
import org.seqcast.metrics.MetricReport;

/**
 * Rolling-origin evaluation of forecasters on one or many series ({@link BacktestOptions}). At every origin
 * each series is cut at its own cutoff; models are fitted on the parts before the cutoffs only (scalers and
 * validation included, as {@link Forecaster#fit} sees nothing else) and forecast the next H points, which are
 * then scored. The seasonal naive forecast is always evaluated too: it is the reference of
 * {@link ModelSummary#skill()}. With {@link BacktestOptions#dropLast()} D &gt; 0 each series is first cut to
 * all but its last D points, and everything below (cutoffs, actual values, scales) sees only that part.
 */
public final class Backtest {
    /** The reference every model's MASE is divided by. */
    public static final String REFERENCE = "snaive";

    private Backtest() {
    }

    public static BacktestResult run(List<TimeSeries> series, List<? extends Forecaster> models,
                                     BacktestOptions options) {
        return run(series, models, options, BacktestListener.NONE);
    }

    public static BacktestResult run(List<TimeSeries> series, List<? extends Forecaster> models,
                                     BacktestOptions options, BacktestListener listener) {
        return runOn(dropLast(series, options.dropLast()), models, options, listener);
    }

    /** Each series without its last {@code d} points (the series themselves when d = 0). */
    static List<TimeSeries> dropLast(List<TimeSeries> series, int d) {
        if (d == 0) {
            return series;
        }
        List<TimeSeries> kept = new ArrayList<>(series.size());
        for (TimeSeries s : series) {
            if (s.size() - d < 1) {
                throw new IllegalArgumentException("series '" + s.id() + "' has " + s.size() + " points; dropping the"
                        + " last " + d + " (dropLast) leaves none. Drop fewer points or leave out short series");
            }
            kept.add(s.head(s.size() - d));
        }
        return kept;
    }

    private static BacktestResult runOn(List<TimeSeries> series, List<? extends Forecaster> models,
                                        BacktestOptions options, BacktestListener listener) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series to backtest");
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no models to backtest");
        }
        int h = models.get(0).horizon();
        Set<String> names = new LinkedHashSet<>();
        for (Forecaster f : models) {
            if (f.horizon() != h) {
                throw new IllegalArgumentException("every model of a backtest needs the same horizon; " + f.name()
                        + " has " + f.horizon() + ", " + models.get(0).name() + " has " + h);
            }
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("two models are called '" + f.name() + "'; names must be unique");
            }
        }
        List<Forecaster> all = new ArrayList<>(models);
        if (!names.contains(REFERENCE)) {
            all.add(BaselineForecaster.of(REFERENCE, h));
        }
        int span = h + (options.folds() - 1) * options.step();
        for (TimeSeries s : series) {
            if (s.size() - span < 2) {
                throw new IllegalArgumentException("series '" + s.id() + "' has " + s.size() + " points"
                        + (options.dropLast() > 0 ? " after dropping its last " + options.dropLast() + " (dropLast)" : "")
                        + "; " + options.folds() + " fold(s) of horizon " + h + " and step " + options.step()
                        + " need at least " + (span + 2) + " (fewer folds or a shorter horizon fit)");
            }
        }
        List<FoldResult> results = new ArrayList<>();
        java.util.Map<String, List<org.seqcast.train.History>> histories = new java.util.LinkedHashMap<>();
        java.util.Map<String, FittedForecaster> lastFitted = new java.util.LinkedHashMap<>();
        for (Forecaster model : all) {
            FittedForecaster last = forEachOrigin(series, model, options,
                    fold -> listener.onFit(model.name(), fold, options.folds()),
                    fitted -> {
                        if (fitted.trainingHistory() != null) {
                            histories.computeIfAbsent(model.name(), k -> new ArrayList<>()).add(fitted.trainingHistory());
                        }
                    },
                    (fold, fitted, i, s, o) -> {
                        Forecast f = fitted.forecast(o.history());
                        results.add(new FoldResult(model.name(), s.id(), fold, o.cut(), f, o.actual(),
                                MetricReport.of(o.actual(), f.values(), o.scale()), o.scale()));
                    });
            lastFitted.put(model.name(), last);
        }
        return new BacktestResult(results, names.contains(REFERENCE), options, h, histories, lastFitted);
    }

    /**
     * A series at one origin: the history a forecaster sees ({@link TimeSeries#knownAt}), the number of points
     * before the origin, the H actual values after it and the MASE scale of the history.
     */
    record Origin(TimeSeries history, int cut, double[] actual, double scale) {
    }

    /** Told of each series (the i-th) at each fold's origin. */
    interface OriginVisitor {
        void visit(int fold, FittedForecaster fitted, int i, TimeSeries series, Origin origin);
    }

    /**
     * The backtest loop every measurement over origins shares: per fold, the training parts are cut, the model
     * fitted (at the first fold, and at every fold when the options refit: {@code beforeFit} is told the fold,
     * {@code afterFit} gets the fitted model), then every series is visited at the fold's origin. Returns the
     * model fitted for the latest origin.
     */
    static FittedForecaster forEachOrigin(List<TimeSeries> series, Forecaster model, BacktestOptions options,
                                          java.util.function.IntConsumer beforeFit,
                                          java.util.function.Consumer<FittedForecaster> afterFit,
                                          OriginVisitor visitor) {
        int h = model.horizon();
        FittedForecaster fitted = null;
        for (int fold = 0; fold < options.folds(); fold++) {
            List<TimeSeries> train = new ArrayList<>(series.size());
            for (TimeSeries s : series) {
                train.add(s.head(cutoff(s, h, fold, options)));
            }
            if (fitted == null || options.refit()) {
                beforeFit.accept(fold);
                fitted = model.fit(train);
                afterFit.accept(fitted);
            }
            for (int i = 0; i < series.size(); i++) {
                TimeSeries s = series.get(i);
                int cut = train.get(i).size();
                TimeSeries past = s.knownAt(cut, model.futureCovariates());
                double[] actual = java.util.Arrays.copyOfRange(s.values(), cut, cut + h);
                visitor.visit(fold, fitted, i, s, new Origin(past, cut, actual,
                        MetricReport.maseScale(past.values(), s.seasonalPeriod())));
            }
        }
        return fitted;
    }

    /** The training length of series s at fold k. */
    static int cutoff(TimeSeries s, int h, int fold, BacktestOptions o) {
        return s.size() - h - (o.folds() - 1 - fold) * o.step();
    }
}
