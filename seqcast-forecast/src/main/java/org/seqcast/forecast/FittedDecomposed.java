package org.seqcast.forecast;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.baseline.SeasonalAdjustment;
import org.seqcast.data.TimeSeries;
import org.seqcast.train.History;

/**
 * A fitted {@link DecomposedForecaster}: the network trained on the seasonally adjusted series and, per training
 * series, its seasonal adjustment. Everything a model file needs is here as immutable, validated values:
 * {@link #network()} (the inner fitted network, with its configuration) and {@link #adjustments()}.
 * <p>
 * Forecasting a history of a training series (same id, same first time stamp, any length) adjusts it with that
 * series' stored indices, aligned by position; any other history (a new id, or one that starts elsewhere) gets an
 * adjustment estimated on itself, which is all past data, so no value after a history's end reaches the model.
 * <p>
 * Thread safety: one instance may be used by many threads at once: the adjustments are immutable and the inner
 * {@link FittedRnn} serializes only its network's forward pass.
 */
public final class FittedDecomposed implements FittedForecaster {
    /**
     * The seasonal adjustment of one series.
     *
     * @param seriesId the series' id
     * @param start    the label of the series' first time stamp (positions count from it)
     * @param length   n, the number of training values the indices were estimated on
     * @param indices  s_{n−m+1}..s_n, the multiplicative indices of the last season, oldest first (m values, all
     *                 positive); empty when the series is not adjusted
     * @param note     empty, or why a seasonal series was not adjusted (too short for the test, non-positive values)
     */
    public record Adjustment(String seriesId, String start, int length, double[] indices, String note) {
        public Adjustment {
            if (seriesId == null || seriesId.isBlank()) {
                throw new IllegalArgumentException("seriesId must not be blank");
            }
            if (start == null || start.isBlank()) {
                throw new IllegalArgumentException("series '" + seriesId + "': start must not be blank");
            }
            indices = indices == null ? new double[0] : indices.clone();
            if (length < Math.max(1, indices.length)) {
                throw new IllegalArgumentException("series '" + seriesId + "': length must be at least "
                        + Math.max(1, indices.length) + "; got " + length);
            }
            if (indices.length == 1) {
                throw new IllegalArgumentException("series '" + seriesId + "': a season has at least 2 indices; got 1");
            }
            for (double s : indices) {
                if (!(s > 0) || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("series '" + seriesId + "': seasonal indices must be positive "
                            + "and finite: " + Arrays.toString(indices));
                }
            }
            note = note == null ? "" : note;
        }

        /** Estimates the adjustment of {@code s} from its own values; {@code model} names the forecaster in notes. */
        static Adjustment estimate(TimeSeries s, String model) {
            SeriesChecks.requireComplete(s.select(List.of()), model);
            double[] y = s.values();
            int n = y.length;
            int m = s.seasonalPeriod();
            String start = s.index().label(0);
            if (m < 2) {
                return new Adjustment(s.id(), start, n, new double[0], "");
            }
            if (n <= 2 * m) {
                return new Adjustment(s.id(), start, n, new double[0], model + ": the seasonality test needs more than "
                        + 2 * m + " points (2 seasons), the history has " + n + ": not seasonally adjusted");
            }
            for (double v : y) {
                if (!(v > 0)) {
                    return new Adjustment(s.id(), start, n, new double[0], model + ": a multiplicative decomposition "
                            + "needs positive values, the history has " + v + ": not seasonally adjusted");
                }
            }
            return new Adjustment(s.id(), start, n, SeasonalAdjustment.lastSeasonIndices(y, m), "");
        }

        @Override
        public double[] indices() {
            return indices.clone();
        }

        /** Whether the series is divided by seasonal indices. */
        public boolean adjusted() {
            return indices.length > 0;
        }

        /** The index at position t (0-based, from the first time stamp), inside the history or after it; 1 if none. */
        public double indexAt(int t) {
            return adjusted() ? SeasonalAdjustment.indexAt(indices, length, t) : 1;
        }

        /** The series with its target divided by the index of each position (the same series when not adjusted). */
        TimeSeries adjust(TimeSeries s) {
            if (!adjusted()) {
                return s;
            }
            double[] y = s.values();
            for (int t = 0; t < y.length; t++) {
                y[t] = y[t] / indexAt(t);
            }
            Map<String, double[]> columns = new LinkedHashMap<>(s.columns());
            columns.put(s.target(), y);
            return s.withColumns(s.index(), columns);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Adjustment a && seriesId.equals(a.seriesId) && start.equals(a.start)
                    && length == a.length && Arrays.equals(indices, a.indices) && note.equals(a.note);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * seriesId.hashCode() + length) + Arrays.hashCode(indices);
        }

        @Override
        public String toString() {
            return "series '" + seriesId + "' from " + start + ", n=" + length
                    + (adjusted() ? ", last season's indices " + Arrays.toString(indices) : ", not adjusted")
                    + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    private final FittedRnn network;
    private final Map<String, Adjustment> adjustments;

    /**
     * Assembles a fitted hybrid (also for model loading).
     *
     * @throws IllegalArgumentException if an argument is null, two adjustments share a series id, or an adjusted
     *                                  series' season is not the network's seasonal period
     */
    public FittedDecomposed(FittedRnn network, List<Adjustment> adjustments) {
        if (network == null || adjustments == null) {
            throw new IllegalArgumentException("network and adjustments must not be null");
        }
        Map<String, Adjustment> byId = new LinkedHashMap<>();
        for (Adjustment a : adjustments) {
            if (a == null) {
                throw new IllegalArgumentException("adjustments must not contain null");
            }
            if (a.adjusted() && a.indices.length != network.seasonalPeriod()) {
                throw new IllegalArgumentException("series '" + a.seriesId() + "' has " + a.indices.length
                        + " seasonal indices but the network was trained on seasonal period " + network.seasonalPeriod());
            }
            if (byId.put(a.seriesId(), a) != null) {
                throw new IllegalArgumentException("two adjustments for series '" + a.seriesId() + "'; ids must be unique");
            }
        }
        this.network = network;
        this.adjustments = Collections.unmodifiableMap(byId);
    }

    @Override
    public String name() {
        return DecomposedForecaster.name(network.config().cell());
    }

    @Override
    public int horizon() {
        return network.horizon();
    }

    /** The network trained on the adjusted series. */
    public FittedRnn network() {
        return network;
    }

    /** The network's resolved configuration. */
    public RnnConfig config() {
        return network.config();
    }

    /** The adjustment of every training series by id, in training order. */
    public Map<String, Adjustment> adjustments() {
        return adjustments;
    }

    @Override
    public History trainingHistory() {
        return network.trainingHistory();
    }

    @Override
    public java.util.List<String> seriesWithoutWindows() {
        return network.seriesWithoutWindows();
    }

    /** The adjustment {@link #forecast(TimeSeries)} uses for {@code history}: stored, or estimated on it. */
    public Adjustment adjustmentOf(TimeSeries history) {
        Adjustment stored = adjustments.get(history.id());
        if (stored != null && history.size() >= 1 && stored.start().equals(history.index().label(0))) {
            return stored;
        }
        return Adjustment.estimate(history, name());
    }

    /** What the network reads for {@code history}: the history divided by its seasonal indices. */
    public TimeSeries adjusted(TimeSeries history) {
        return adjustmentOf(history).adjust(history);
    }

    @Override
    public java.util.List<String> futureCovariates() {
        return network.futureCovariates();
    }

    @Override
    public java.util.List<String> staticCovariates() {
        return network.staticCovariates();
    }

    /**
     * The network's forecast of the adjusted history times the indices of the forecast steps; a quantile network's
     * quantiles are multiplied by the same indices (a positive factor keeps a quantile a quantile).
     */
    @Override
    public Forecast forecast(TimeSeries history) {
        Adjustment a = adjustmentOf(history);
        Forecast x = network.forecast(a.adjust(history));
        double[] f = x.values();
        double[] s = new double[f.length];
        int n = history.size();
        for (int k = 0; k < f.length; k++) {
            s[k] = a.indexAt(n + k);
            f[k] = f[k] * s[k];
        }
        String note = a.note().isEmpty() ? x.note() : x.note().isEmpty() ? a.note() : a.note() + "; " + x.note();
        Forecast out = new Forecast(history.id(), name(), x.index(), f, note);
        return x.distribution().isEmpty() ? out : out.withDistribution(x.distribution().scaled(s));
    }
}
