package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqcast.baseline.LinearRegression;
import org.seqcast.baseline.PredictionIntervals;
import org.seqcast.baseline.RegressionFit;
import org.seqcast.baseline.RegressionTerms;
import org.seqcast.data.TimeSeries;

/**
 * The classical model with regressors, R's {@code tslm(y ~ trend + season + x_1 + … + x_k)}: a linear regression
 * of each series on a trend, seasonal dummies (season length m ≥ 2) and its future-known covariates, forecast
 * with their values over the horizon ({@link LinearRegression}, checked against R). It has the same information
 * as a network with those future-known covariates, so it is the classical benchmark for one.
 * <p>
 * Local, like the baselines: the model is fitted on each history it forecasts from, so {@link #fit} only checks
 * the series and returns the same immutable forecaster (thread-safe). Per history, a regressor constant over it
 * (a holiday flag that never fires) is left out, and seasonal dummies are left out when the history has fewer
 * than 2m + p points; the forecast's note says so. With {@link #levels} set, forecasts carry R's prediction
 * intervals (Student t with n − p degrees of freedom).
 */
public final class RegressionForecaster implements Forecaster, FittedForecaster {
    /** The registry name. */
    public static final String NAME = "regression";

    private final int horizon;
    private final List<String> regressors;
    private final int seasonalPeriod;
    private final double[] levels;

    /**
     * A regression for horizon H on the future-known covariates {@code regressors}, with seasonal dummies of
     * season length {@code seasonalPeriod} (0: each history's own; 1: none) and intervals at {@code levels}
     * (percent; none for point forecasts).
     */
    public RegressionForecaster(int horizon, List<String> regressors, int seasonalPeriod, double... levels) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        if (seasonalPeriod < 0) {
            throw new IllegalArgumentException("seasonal period must be 0 (each history's own) or more; got "
                    + seasonalPeriod);
        }
        this.horizon = horizon;
        this.regressors = List.copyOf(new CovariateRoles(List.of(), regressors, List.of()).future());
        this.seasonalPeriod = seasonalPeriod;
        this.levels = levels.length == 0 ? levels : PredictionIntervals.checkedLevels(levels);
    }

    /** The same regression with R's prediction intervals at {@code coverages} (percent). */
    public RegressionForecaster withLevels(double... coverages) {
        return new RegressionForecaster(horizon, regressors, seasonalPeriod, coverages);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public List<String> futureCovariates() {
        return regressors;
    }

    /** The season length of the dummies (0: each history's own). */
    public int seasonalPeriod() {
        return seasonalPeriod;
    }

    /** Interval coverages in percent (empty for point forecasts). */
    public double[] levels() {
        return levels.clone();
    }

    /** Checks that every series has the regressors and no missing value; nothing is learned ahead. */
    @Override
    public RegressionForecaster fit(List<TimeSeries> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("regression: no series to fit");
        }
        for (TimeSeries s : training) {
            SeriesChecks.requireComplete(s, NAME);
            SeriesChecks.requireColumns(s, regressors);
        }
        return this;
    }

    @Override
    public Forecast forecast(TimeSeries history) {
        SeriesChecks.requireComplete(history, NAME);
        SeriesChecks.requireColumns(history, regressors);
        List<String> notes = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<double[]> past = new ArrayList<>();
        List<double[]> future = new ArrayList<>();
        double[][] known = SeriesChecks.requireFuture(history, regressors, horizon, "the regression");
        for (int j = 0; j < regressors.size(); j++) {
            String r = regressors.get(j);
            double[] x = history.column(r);
            double[] ahead = known[j];
            if (Arrays.stream(x).allMatch(v -> v == x[0])) {
                notes.add("regressor '" + r + "' is constant over the history: left out");
                continue;
            }
            used.add(r);
            past.add(x);
            future.add(ahead);
        }
        int m = seasonalPeriod == 0 ? history.seasonalPeriod() : seasonalPeriod;
        RegressionTerms terms = RegressionTerms.withTrend();
        if (m >= 2 && history.size() >= 2 * m + terms.count() + used.size()) {
            terms = terms.withSeason(m);
        } else if (m >= 2) {
            notes.add("history of " + history.size() + " points too short for seasonal dummies of period " + m
                    + ": trend and regressors only");
        }
        RegressionFit fit;
        try {
            fit = LinearRegression.fit(history.values(), used, past.toArray(double[][]::new), terms);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("regression on series '" + history.id() + "': " + e.getMessage(), e);
        }
        double[][] x = future.toArray(double[][]::new);
        Forecast point = new Forecast(history.id(), NAME, history.index().following(horizon),
                fit.forecast(horizon, x), String.join("; ", notes));
        if (levels.length == 0) {
            return point;
        }
        PredictionIntervals p;
        try {
            p = fit.intervals(horizon, x, levels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("series '" + history.id() + "': " + e.getMessage(), e);
        }
        return point.withIntervals(p.levels(), p.lower(), p.upper());
    }
}
