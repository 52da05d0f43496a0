package org.seqcast.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecaster;
import org.seqcast.metrics.MetricReport;
import org.seqcast.tensor.Rng;

/**
 * How much a forecaster's accuracy owes to each covariate, measured in a backtest: at every fold the model is
 * fitted once (on the training parts, as {@link Backtest} does), then forecasts each series from its history as
 * known at the origin, and again with one covariate shuffled: a column's values over the history and its future
 * values permuted together within each series, or a static attribute replaced by that of a series drawn at
 * random (possibly itself). The
 * importance of a covariate is the mean MASE with it shuffled minus the mean MASE without (in MASE units; above
 * 0: the model uses it and is worse without its information; about 0: ignored). Every covariate column of the
 * data and every static attribute is measured, whatever the model reads, so a covariate the model ignores shows
 * as 0. Deterministic: the permutations come from {@code seed}.
 */
public final class PermutationImportance {
    private PermutationImportance() {
    }

    /** What each covariate is to a model: the three roles. */
    public enum Role {
        PAST("past"), FUTURE("future-known"), STATIC("static");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** The role as tables show it. */
        public String label() {
            return label;
        }
    }

    /**
     * One covariate's importance.
     *
     * @param covariate  the column or static attribute
     * @param role       its role for the model
     * @param mase       mean MASE with it shuffled
     * @param baseline   mean MASE as backtested
     */
    public record Result(String covariate, Role role, double mase, double baseline) {
        /** MASE lost by shuffling: {@code mase − baseline}. */
        public double importance() {
            return mase - baseline;
        }
    }

    /**
     * The importance of every covariate of {@code series} (their first series' covariate columns and static
     * attributes) to {@code model}, over the backtest {@code options} describe.
     */
    public static List<Result> run(List<TimeSeries> series, Forecaster model, BacktestOptions options, long seed) {
        List<TimeSeries> data = Backtest.dropLast(series, options.dropLast());
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no series to measure importance on");
        }
        List<String> columns = data.get(0).covariateNames();
        List<String> statics = new ArrayList<>(data.get(0).statics().keySet());
        double[] base = new double[1];
        double[] shuffled = new double[columns.size() + statics.size()];
        int[] count = new int[1];
        Backtest.forEachOrigin(data, model, options, fold -> { }, fitted -> { }, (fold, fitted, i, s, o) -> {
            base[0] += mase(fitted, o.history(), o);
            Rng rng = new Rng(seed + 31L * fold + 1_000_003L * i);
            for (int c = 0; c < columns.size(); c++) {
                shuffled[c] += mase(fitted, shuffleColumn(o.history(), columns.get(c), rng), o);
            }
            for (int a = 0; a < statics.size(); a++) {
                TimeSeries other = data.get(rng.permutation(data.size())[i]);
                shuffled[columns.size() + a] += mase(fitted, withStatic(o.history(), statics.get(a),
                        other.statics().get(statics.get(a))), o);
            }
            count[0]++;
        });
        List<String> future = model.futureCovariates();
        double mean = base[0] / count[0];
        List<Result> out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            out.add(new Result(columns.get(c), future.contains(columns.get(c)) ? Role.FUTURE : Role.PAST,
                    shuffled[c] / count[0], mean));
        }
        for (int a = 0; a < statics.size(); a++) {
            out.add(new Result(statics.get(a), Role.STATIC, shuffled[columns.size() + a] / count[0], mean));
        }
        return out;
    }

    /** The MASE of the forecast from {@code history} at origin {@code o}. */
    private static double mase(FittedForecaster fitted, TimeSeries history, Backtest.Origin o) {
        return MetricReport.of(o.actual(), fitted.forecast(history).values(), o.scale()).mase();
    }

    /** The history with column c's values (and its future values, permuted with them) in a random order. */
    static TimeSeries shuffleColumn(TimeSeries s, String c, Rng rng) {
        double[] known = s.column(c);
        double[] later = s.future(c);
        double[] all = Arrays.copyOf(known, known.length + later.length);
        System.arraycopy(later, 0, all, known.length, later.length);
        int[] p = rng.permutation(all.length);
        double[] mixed = new double[all.length];
        for (int k = 0; k < all.length; k++) {
            mixed[k] = all[p[k]];
        }
        Map<String, double[]> columns = s.columns();
        columns.put(c, Arrays.copyOf(mixed, known.length));
        Map<String, double[]> future = s.future();
        if (future.containsKey(c)) {
            future.put(c, Arrays.copyOfRange(mixed, known.length, mixed.length));
        }
        return new TimeSeries(s.id(), s.index(), s.target(), columns, s.seasonalPeriod(), s.statics(), future);
    }

    private static TimeSeries withStatic(TimeSeries s, String name, String value) {
        Map<String, String> statics = new LinkedHashMap<>(s.statics());
        statics.put(name, value);
        return s.withStatics(statics);
    }
}
