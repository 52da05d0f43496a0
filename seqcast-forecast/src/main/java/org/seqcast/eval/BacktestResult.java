package org.seqcast.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    BacktestResult(List<FoldResult> folds, boolean referenceRequested, BacktestOptions options, int horizon,
                   Map<String, List<History>> histories) {
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
                    mean.mase() / refMase, fallbacks));
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
        Map<String, double[]> perSeries = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (FoldResult f : folds(model)) {
            double[] sum = perSeries.computeIfAbsent(f.seriesId(), k -> new double[6]);
            int[] n = counts.computeIfAbsent(f.seriesId(), k -> new int[6]);
            add(sum, n, values(f.metrics()));
        }
        double[] total = new double[6];
        int[] seriesCount = new int[6];
        for (String id : perSeries.keySet()) {
            double[] sum = perSeries.get(id);
            int[] n = counts.get(id);
            double[] mean = new double[6];
            for (int j = 0; j < 6; j++) {
                mean[j] = n[j] == 0 ? Double.NaN : sum[j] / n[j];
            }
            add(total, seriesCount, mean);
        }
        double[] m = new double[6];
        for (int j = 0; j < 6; j++) {
            m[j] = seriesCount[j] == 0 ? Double.NaN : total[j] / seriesCount[j];
        }
        return new MetricReport(m[0], m[1], m[2], m[3], m[4], m[5]);
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
     * (MASE relative to seasonal naive), with models that do not beat the seasonal naive marked.
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        int width = Math.max(10, summary().stream().mapToInt(s -> s.model().length()).max().orElse(0));
        String name = "%-" + width + "s";
        sb.append(String.format(Locale.ROOT, name + " %12s %10s %10s %8s %8s %7s %7s  %s%n", "model", "MSE", "RMSE",
                "MAE", "MAPE%", "sMAPE%", "MASE", "skill", "verdict"));
        for (ModelSummary s : summary()) {
            MetricReport m = s.mean();
            String verdict = s.verdict();
            if (s.fallbacks() > 0) {
                verdict += " (" + s.fallbacks() + " forecast(s) by a simpler method: history too short)";
            }
            sb.append(String.format(Locale.ROOT, name + " %12s %10s %10s %8.2f %8.2f %7.3f %7.3f  %s%n", s.model(),
                    num(m.mse()), num(m.rmse()), num(m.mae()), m.mape(), m.smape(), m.mase(), s.skill(), verdict));
        }
        long undefined = folds(Backtest.REFERENCE).stream().filter(f -> !(f.maseScale() > 0)).count();
        if (undefined > 0) {
            sb.append(String.format(Locale.ROOT, "MASE is undefined for %d of %d series-folds: their training part is"
                    + " at most one season long or its seasonal naive errors are all zero; the means leave them out%n",
                    undefined, folds(Backtest.REFERENCE).size()));
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-2 && v != 0) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
