package org.seqcast.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.metrics.IntervalMetrics;
import org.seqcast.metrics.MetricReport;
import org.seqcast.train.History;

/** Every fold's forecasts and scores of a {@link Backtest}, and their summary per model. */
public final class BacktestResult {
    private final List<FoldResult> folds;
    private final boolean referenceRequested;
    private final BacktestOptions options;
    private final int horizon;
    private final Map<String, List<History>> histories;
    private final List<ModelSummary> summaries;
    private final Map<String, org.seqcast.forecast.FittedForecaster> lastFitted;

    BacktestResult(List<FoldResult> folds, boolean referenceRequested, BacktestOptions options, int horizon,
                   Map<String, List<History>> histories,
                   Map<String, org.seqcast.forecast.FittedForecaster> lastFitted) {
        this.lastFitted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lastFitted));
        this.folds = List.copyOf(folds);
        this.referenceRequested = referenceRequested;
        this.options = options;
        this.horizon = horizon;
        Map<String, List<History>> copy = new LinkedHashMap<>();
        histories.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.histories = java.util.Collections.unmodifiableMap(copy);
        this.summaries = List.copyOf(summarize());
    }

    /** The training histories of the models that train (networks), one per fit in fold order. */
    public Map<String, List<History>> trainingHistories() {
        return histories;
    }

    /**
     * Each model as fitted for the latest origin (what forecast its last fold), by name: for explaining the
     * last fold's forecasts. Held as long as the result is.
     */
    public Map<String, org.seqcast.forecast.FittedForecaster> lastFitted() {
        return lastFitted;
    }

    /** Each training model's history of its last fit (the latest origin), for loss-curve charts. */
    public Map<String, History> lastTrainingHistories() {
        Map<String, History> last = new LinkedHashMap<>();
        histories.forEach((k, v) -> last.put(k, v.get(v.size() - 1)));
        return last;
    }

    public List<FoldResult> folds() {
        return folds;
    }

    public BacktestOptions options() {
        return options;
    }

    public int horizon() {
        return horizon;
    }

    /** Model names in the order they were given (the seasonal-naive reference last if it was added). */
    public List<String> models() {
        List<String> names = new ArrayList<>();
        for (FoldResult f : folds) {
            if (!names.contains(f.model())) {
                names.add(f.model());
            }
        }
        return names;
    }

    /** Whether the caller asked for the seasonal naive or the backtest added it as the reference. */
    public boolean referenceRequested() {
        return referenceRequested;
    }

    /** The folds of one model. */
    public List<FoldResult> folds(String model) {
        return folds.stream().filter(f -> f.model().equals(model)).toList();
    }

    /** Per model: mean per series over folds, then over series (computed once; the result is immutable). */
    public List<ModelSummary> summary() {
        return summaries;
    }

    private List<ModelSummary> summarize() {
        double refMase = aggregate(Backtest.REFERENCE).mase();
        List<ModelSummary> out = new ArrayList<>();
        for (String model : models()) {
            List<FoldResult> mine = folds(model);
            MetricReport mean = aggregate(model);
            double[] mae = new double[horizon];
            double[] smape = new double[horizon];
            double[] mase = new double[horizon];
            int[] maseCount = new int[horizon];
            for (FoldResult f : mine) {
                double[] yhat = f.forecast().values();
                double[] y = f.actual();
                for (int k = 0; k < horizon; k++) {
                    double e = Math.abs(y[k] - yhat[k]);
                    mae[k] += e / mine.size();
                    double denom = Math.abs(y[k]) + Math.abs(yhat[k]);
                    smape[k] += (denom == 0 ? 0 : 200 * e / denom) / mine.size();
                    if (f.maseScale() > 0) {
                        mase[k] += e / f.maseScale();
                        maseCount[k]++;
                    }
                }
            }
            for (int k = 0; k < horizon; k++) {
                mase[k] = maseCount[k] == 0 ? Double.NaN : mase[k] / maseCount[k];
            }
            long series = mine.stream().map(FoldResult::seriesId).distinct().count();
            int fallbacks = (int) mine.stream().filter(f -> f.forecast().hasNote()).count();
            out.add(new ModelSummary(model, (int) series, options.folds(), mean, mae, smape, mase,
                    mean.mase() / refMase, fallbacks, intervals(mine)));
        }
        return out;
    }

    /** The summary of one model. */
    public ModelSummary summary(String model) {
        return summary().stream().filter(s -> s.model().equals(model)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model '" + model + "' in this backtest: " + models()));
    }

    /** Mean over series of each series' mean over folds, per measure; NaN values left out. */
    MetricReport aggregate(String model) {
        double[] m = meanOfSeriesMeans(folds(model), f -> values(f.metrics()), 6);
        return new MetricReport(m[0], m[1], m[2], m[3], m[4], m[5]);
    }

    /**
     * Per component of {@code measure} (width {@code n}): the mean over series of each series' mean over its
     * folds, NaN values left out (NaN where no series has a value).
     */
    private static double[] meanOfSeriesMeans(List<FoldResult> folds, Function<FoldResult, double[]> measure,
                                              int n) {
        Map<String, double[]> perSeries = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (FoldResult f : folds) {
            double[] sum = perSeries.computeIfAbsent(f.seriesId(), k -> new double[n]);
            int[] c = counts.computeIfAbsent(f.seriesId(), k -> new int[n]);
            add(sum, c, measure.apply(f));
        }
        double[] total = new double[n];
        int[] seriesCount = new int[n];
        for (String id : perSeries.keySet()) {
            add(total, seriesCount, mean(perSeries.get(id), counts.get(id)));
        }
        return mean(total, seriesCount);
    }

    private static double[] mean(double[] sum, int[] n) {
        double[] m = new double[sum.length];
        for (int j = 0; j < sum.length; j++) {
            m[j] = n[j] == 0 ? Double.NaN : sum[j] / n[j];
        }
        return m;
    }

    /**
     * The interval scores of one model's folds: per level coverage and width, MSIS and scaled pinball as means of
     * per-series means, and per step over every series and fold ({@link IntervalSummary#NONE} without any).
     */
    private IntervalSummary intervals(List<FoldResult> mine) {
        double[] levels = mine.stream()
                .flatMapToDouble(f -> Arrays.stream(IntervalScores.centralLevels(f.forecast().distribution())))
                .distinct().sorted().toArray();
        if (levels.length == 0) {
            return IntervalSummary.NONE;
        }
        int c = levels.length;
        double[] m = meanOfSeriesMeans(mine, f -> {
            IntervalScores x = f.intervalScores();
            double[] v = new double[2 * c + 2];
            for (int j = 0; j < c; j++) {
                v[j] = x.coverage(levels[j]);
                v[c + j] = x.width(levels[j]);
            }
            v[2 * c] = x.msis();
            v[2 * c + 1] = x.scaledPinball();
            return v;
        }, 2 * c + 2);
        double[][] coverageByStep = new double[c][horizon];
        double[][] widthByStep = new double[c][horizon];
        int[][] intervalCount = new int[c][horizon];
        double[] msisByStep = new double[horizon];
        double[] pinballByStep = new double[horizon];
        int[] msisCount = new int[horizon];
        int[] pinballCount = new int[horizon];
        double alpha = IntervalScores.alpha(IntervalScores.MSIS_LEVEL);
        for (FoldResult f : mine) {
            ForecastDistribution d = f.forecast().distribution();
            if (d.isEmpty()) {
                continue;
            }
            double[] y = f.actual();
            double[] have = IntervalScores.centralLevels(d);
            for (int j = 0; j < c; j++) {
                if (ForecastDistribution.position(have, levels[j]) < 0) {
                    continue;
                }
                double[] lo = d.lower(levels[j]);
                double[] hi = d.upper(levels[j]);
                for (int k = 0; k < horizon; k++) {
                    coverageByStep[j][k] += IntervalMetrics.covers(y[k], lo[k], hi[k]) ? 100 : 0;
                    widthByStep[j][k] += hi[k] - lo[k];
                    intervalCount[j][k]++;
                    if (levels[j] == IntervalScores.MSIS_LEVEL && f.maseScale() > 0) {
                        msisByStep[k] += IntervalMetrics.intervalScore(y[k], lo[k], hi[k], alpha) / f.maseScale();
                        msisCount[k]++;
                    }
                }
            }
            if (f.maseScale() > 0) {
                double[] tau = d.levels();
                double[][] q = d.values();
                for (int k = 0; k < horizon; k++) {
                    double loss = 0;
                    for (int j = 0; j < tau.length; j++) {
                        loss += IntervalMetrics.pinball(y[k], q[k][j], tau[j]);
                    }
                    pinballByStep[k] += loss / tau.length / f.maseScale();
                    pinballCount[k]++;
                }
            }
        }
        for (int j = 0; j < c; j++) {
            coverageByStep[j] = mean(coverageByStep[j], intervalCount[j]);
            widthByStep[j] = mean(widthByStep[j], intervalCount[j]);
        }
        return new IntervalSummary(levels, Arrays.copyOfRange(m, 0, c), Arrays.copyOfRange(m, c, 2 * c), m[2 * c],
                m[2 * c + 1], coverageByStep, widthByStep, mean(msisByStep, msisCount),
                mean(pinballByStep, pinballCount));
    }

    private static double[] values(MetricReport r) {
        return new double[] {r.mse(), r.rmse(), r.mae(), r.mape(), r.smape(), r.mase()};
    }

    private static void add(double[] sum, int[] n, double[] v) {
        for (int j = 0; j < v.length; j++) {
            if (Double.isFinite(v[j])) {
                sum[j] += v[j];
                n[j]++;
            }
        }
    }

    /**
     * The comparison as a text table: one row per model, MSE, RMSE, MAE, MAPE, sMAPE, MASE and the skill
     * (MASE relative to seasonal naive), with models that do not beat the seasonal naive marked. When some
     * model's forecasts carry intervals or quantiles, columns before the verdict add the coverage of each interval
     * level, MSIS (95%), the scaled pinball loss and the intervals' verdict ({@link IntervalSummary#verdict()}).
     */
    public String table() {
        double[] levels = summary().stream().flatMapToDouble(s -> Arrays.stream(s.intervals().levels())).distinct()
                .sorted().toArray();
        StringBuilder sb = new StringBuilder();
        int width = Math.max(10, summary().stream().mapToInt(s -> s.model().length()).max().orElse(0));
        String name = "%-" + width + "s";
        sb.append(String.format(Locale.ROOT, name + " %12s %10s %10s %8s %8s %7s %7s", "model", "MSE", "RMSE", "MAE",
                "MAPE%", "sMAPE%", "MASE", "skill"));
        if (levels.length > 0) {
            for (double c : levels) {
                sb.append(String.format(Locale.ROOT, " %7s", "cov" + ForecastDistribution.percent(c) + "%"));
            }
            sb.append(String.format(Locale.ROOT, " %7s %7s  %-15s", "MSIS", "sPL", "intervals"));
        }
        sb.append(String.format(Locale.ROOT, "  %s%n", "verdict"));
        for (ModelSummary s : summary()) {
            MetricReport m = s.mean();
            String verdict = s.verdict();
            if (s.fallbacks() > 0) {
                verdict += " (" + s.fallbacks() + " forecast(s) with a note, e.g. " + firstNote(s.model()) + ")";
            }
            sb.append(String.format(Locale.ROOT, name + " %12s %10s %10s %8.2f %8.2f %7.3f %7.3f", s.model(),
                    num(m.mse()), num(m.rmse()), num(m.mae()), m.mape(), m.smape(), m.mase(), s.skill()));
            if (levels.length > 0) {
                sb.append(intervalCells(s.intervals(), levels));
            }
            sb.append(String.format(Locale.ROOT, "  %s%n", verdict));
        }
        long undefined = folds(Backtest.REFERENCE).stream().filter(f -> !(f.maseScale() > 0)).count();
        if (undefined > 0) {
            sb.append(String.format(Locale.ROOT, "MASE is undefined for %d of %d series-folds: their training part is"
                    + " at most one season long or its seasonal naive errors are all zero; the means leave them out%n",
                    undefined, folds(Backtest.REFERENCE).size()));
        }
        if (levels.length > 0) {
            String msis = ForecastDistribution.percent(IntervalScores.MSIS_LEVEL);
            sb.append(String.format(Locale.ROOT, "intervals: cov<c>%% = actual values inside the c%% interval"
                    + " (percent), MSIS of the %s%% interval (M4), sPL = scaled pinball loss over the quantile levels;"
                    + " calibrated = %s%% coverage within %s points of %s%n", msis, msis,
                    ForecastDistribution.percent(IntervalSummary.CALIBRATION_TOLERANCE), msis));
        }
        return sb.toString();
    }

    /** A row's interval columns: coverage per level, MSIS, scaled pinball, verdict; "-" where it has none. */
    private static String intervalCells(IntervalSummary s, double[] levels) {
        StringBuilder sb = new StringBuilder();
        for (double c : levels) {
            double v = s.coverage(c);
            sb.append(Double.isNaN(v) ? String.format(Locale.ROOT, " %7s", "-")
                    : String.format(Locale.ROOT, " %7.1f", v));
        }
        if (s.isEmpty()) {
            return sb.append(String.format(Locale.ROOT, " %7s %7s  %-15s", "-", "-", "-")).toString();
        }
        return sb.append(String.format(Locale.ROOT, " %7.3f %7.3f  %-15s", s.msis(), s.scaledPinball(), s.verdict()))
                .toString();
    }

    private static String num(double v) {
        return Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-2 && v != 0) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The first note of a model's forecasts, quoted ("'...'"), for the table's verdict. */
    private String firstNote(String model) {
        return folds(model).stream().filter(f -> f.forecast().hasNote()).findFirst()
                .map(f -> "'" + f.forecast().note() + "'").orElse("none");
    }
}
