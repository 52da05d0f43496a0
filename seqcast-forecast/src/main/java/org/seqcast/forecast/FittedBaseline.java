package org.seqcast.forecast;

import java.util.List;
import java.util.function.IntUnaryOperator;
import org.seqcast.baseline.SimpleBaselines;
import org.seqcast.data.TimeSeries;

/**
 * A fitted classical method ({@link BaselineForecaster}): a local method, so "fitted" means only that its name,
 * horizon and seasonal period are fixed; every {@link #forecast} fits the method on the history it is given (as
 * a rolling-origin backtest does on each fold's past), with the seasonal period m of the training series (or,
 * when they had different periods or there were none, each history's own). Forecasting the training series
 * therefore gives exactly what the fit and the backtest gave.
 * <p>
 * Thread-safety: immutable and stateless; one instance may be used by any number of threads at once.
 */
public final class FittedBaseline implements FittedForecaster {
    private final String method;
    private final int horizon;
    private final BaselineForecaster.Method function;
    private final IntUnaryOperator minLength;
    private final boolean seasonal;
    private final int seasonalPeriod;

    FittedBaseline(String method, int horizon, BaselineForecaster.Method function, IntUnaryOperator minLength,
                   boolean seasonal, int seasonalPeriod) {
        if (seasonalPeriod < 0) {
            throw new IllegalArgumentException("seasonal period must be at least 1 (or 0 for each history's own);"
                    + " got " + seasonalPeriod);
        }
        this.method = method;
        this.horizon = horizon;
        this.function = function;
        this.minLength = minLength;
        this.seasonal = seasonal;
        this.seasonalPeriod = seasonalPeriod;
    }

    /**
     * The baseline {@code method} (one of {@link BaselineForecaster#NAMES}) for horizon H with seasonal period m
     * (0: each history's own), as loading a model needs it.
     */
    public static FittedBaseline of(String method, int horizon, int seasonalPeriod) {
        BaselineForecaster b = BaselineForecaster.of(method, horizon);
        return new FittedBaseline(b.name(), horizon, b.method(), b.minLength(), b.seasonal(), seasonalPeriod);
    }

    /** The seasonal period m every forecast uses; 0 when each history's own is used. */
    public int seasonalPeriod() {
        return seasonalPeriod;
    }

    @Override
    public String name() {
        return method;
    }

    /** The method's name, one of {@link BaselineForecaster#NAMES} for the built-in methods. */
    public String method() {
        return method;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public Forecast forecast(TimeSeries history) {
        SeriesChecks.requireComplete(history.select(List.of()), method);
        double[] y = history.values();
        int m = seasonalPeriod > 0 ? seasonalPeriod : history.seasonalPeriod();
        int needed = minLength.applyAsInt(m);
        double[] f;
        String note = "";
        try {
            if (y.length >= needed) {
                f = function.forecast(y, horizon, m);
            } else {
                boolean bySeason = seasonal && m >= 2 && y.length >= m;
                f = bySeason ? SimpleBaselines.seasonalNaive(y, horizon, m) : SimpleBaselines.naive(y, horizon);
                note = method + " needs " + needed + " points, the history has " + y.length + ": "
                        + (bySeason ? "seasonal naive" : "naive") + " forecast instead";
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("series '" + history.id() + "': " + e.getMessage(), e);
        }
        return new Forecast(history.id(), method, history.index().following(horizon), f, note);
    }
}
