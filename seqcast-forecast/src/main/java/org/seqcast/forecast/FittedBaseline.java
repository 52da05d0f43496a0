package org.seqcast.forecast;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.baseline.BaselineFit;
import org.seqcast.baseline.PredictionIntervals;
import org.seqcast.data.TimeSeries;

/**
 * A classical method fitted on each training series, keeping what it estimated there (a {@link BaselineFit}:
 * parameters, states and R's σ² of the one-step errors), so intervals or a model file can use the fits without
 * refitting.
 * <p>
 * The methods are local: {@link #forecast(TimeSeries)} forecasts from the fit of that very history, which is the
 * stored fit when the history is a training series as given to {@link BaselineForecaster#fit} (same id, same
 * values, same seasonal period), and otherwise a fit made on the history then and there (a longer history of the
 * same series, another series). Either way the forecast is the same pure function of the history.
 * <p>
 * The season length m is the training series' (when they share one), so a history handed over with another period
 * (or none) is still forecast with the m the method was fitted with; {@link #seasonalPeriod()} is 0 when the training
 * series had different periods, and each history's own is used.
 * <p>
 * Thread safety: immutable; one instance may be used by any number of threads at once.
 */
public final class FittedBaseline implements FittedForecaster {
    /**
     * The fit of one series.
     *
     * @param seriesId the series' id
     * @param length   n, the number of values fitted
     * @param fit      what the method estimated; the naive or seasonal naive fit when the history was too short
     * @param note     empty, or why the fit is a fallback (e.g. "hw needs 21 points, the history has 14: ...")
     */
    public record SeriesFit(String seriesId, int length, BaselineFit fit, String note) {
        public SeriesFit {
            if (seriesId == null || seriesId.isBlank()) {
                throw new IllegalArgumentException("seriesId must not be blank");
            }
            if (length < 1) {
                throw new IllegalArgumentException("length must be at least 1; got " + length);
            }
            if (fit == null) {
                throw new IllegalArgumentException("series '" + seriesId + "' needs a fit");
            }
            note = note == null ? "" : note;
        }

        /** True when the method fell back to a simpler one. */
        public boolean isFallback() {
            return !note.isEmpty();
        }
    }

    private final BaselineForecaster method;
    private final Map<String, SeriesFit> fits;
    /** The training values behind each fit, so a forecast from the same history reuses it; empty when rebuilt. */
    private final Map<String, TimeSeries> fitted;
    private final int seasonalPeriod;

    /**
     * A fitted baseline rebuilt from its fits (e.g. read from a model file): forecasts from any history are fitted
     * afresh on it, which gives the same forecasts as the original.
     *
     * @param seasonalPeriod the season length m every fit uses, or 0 for each history's own
     * @throws IllegalArgumentException if two fits have the same series id, or m is negative
     */
    public FittedBaseline(BaselineForecaster method, List<SeriesFit> fits, int seasonalPeriod) {
        this(method, fits, List.of(), seasonalPeriod);
    }

    /**
     * The built-in method {@code name} for horizon H with season length m (0: each history's own), without fits,
     * its forecasts carrying its prediction intervals at {@code levels} (none: point forecasts only).
     */
    public static FittedBaseline of(String name, int horizon, int seasonalPeriod, double... levels) {
        return new FittedBaseline(BaselineForecaster.of(name, horizon).withLevels(levels), List.of(), seasonalPeriod);
    }

    FittedBaseline(BaselineForecaster method, List<SeriesFit> fits, List<TimeSeries> training, int seasonalPeriod) {
        if (method == null || fits == null) {
            throw new IllegalArgumentException("method and fits must not be null");
        }
        if (seasonalPeriod < 0) {
            throw new IllegalArgumentException("seasonal period must be at least 1 (or 0 for each history's own); got "
                    + seasonalPeriod);
        }
        this.seasonalPeriod = seasonalPeriod;
        Map<String, SeriesFit> byId = new LinkedHashMap<>();
        for (SeriesFit f : fits) {
            if (byId.put(f.seriesId(), f) != null) {
                throw new IllegalArgumentException("two fits for series '" + f.seriesId() + "'; ids must be unique");
            }
        }
        Map<String, TimeSeries> values = new LinkedHashMap<>();
        for (TimeSeries s : training) {
            values.put(s.id(), s.select(List.of()));
        }
        this.method = method;
        this.fits = Collections.unmodifiableMap(byId);
        this.fitted = Collections.unmodifiableMap(values);
    }

    @Override
    public String name() {
        return method.name();
    }

    @Override
    public int horizon() {
        return method.horizon();
    }

    /** The method with its horizon. */
    public BaselineForecaster method() {
        return method;
    }

    /** The season length m every forecast uses; 0 when each history's own is used. */
    public int seasonalPeriod() {
        return seasonalPeriod;
    }

    /** The fit of every training series by id, in training order. */
    public Map<String, SeriesFit> fits() {
        return fits;
    }

    /**
     * The fit that {@link #forecast(TimeSeries)} forecasts {@code history} from: the stored one when
     * {@code history} is a training series, a new one otherwise.
     */
    public SeriesFit fitOf(TimeSeries history) {
        SeriesFit stored = fits.get(history.id());
        TimeSeries trained = fitted.get(history.id());
        int m = seasonalPeriod > 0 ? seasonalPeriod : history.seasonalPeriod();
        if (stored != null && trained != null && trained.seasonalPeriod() == m
                && Arrays.equals(trained.values(), history.values())) {
            return stored;
        }
        return method.fitSeries(history, m);
    }

    /**
     * The point forecast of the H steps after {@code history} and, when the method has levels
     * ({@link BaselineForecaster#withLevels(double...)}), its prediction intervals at them as R computes them for
     * the method (or for the fallback, when the history was too short for the method).
     *
     * @throws IllegalArgumentException naming the series if the history is unusable, or if intervals are asked
     *                                  for and the history leaves no degree of freedom for the error variance
     */
    @Override
    public Forecast forecast(TimeSeries history) {
        SeriesFit f = fitOf(history);
        int h = method.horizon();
        Forecast point = new Forecast(history.id(), name(), history.index().following(h), f.fit().forecast(h),
                f.note());
        double[] levels = method.levels();
        if (levels.length == 0) {
            return point;
        }
        PredictionIntervals p;
        try {
            p = f.fit().intervals(h, levels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("series '" + history.id() + "': " + e.getMessage(), e);
        }
        return point.withIntervals(p.levels(), p.lower(), p.upper());
    }
}
