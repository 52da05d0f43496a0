package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.data.TimeSeries;

/**
 * Conformal prediction intervals for any {@link Forecaster}: a wrapper whose fitted form
 * ({@link FittedConformal}) forecasts what the inner forecaster does and adds, at every step k, central intervals
 * ŷ_k ± r_{k,c}·s at the coverages c the user chose ({@link ConformalConfig}), without any distributional
 * assumption. Baselines, networks and ensembles all get intervals this way.
 *
 * <h2>Calibration (on the training part only)</h2>
 * {@link #fit} sees only the training series. In each series of length n it places K calibration origins at the
 * end, t_j = n − H − (K − 1 − j)·step for j = 0..K−1, so that each origin's next H points still lie in the
 * training part; origins that would leave fewer than {@value #MIN_HISTORY} points before them are skipped. From
 * every origin the inner forecaster forecasts H steps, and step k's score is |y_{t+k} − ŷ_{t+k|t}| / s(x_1..x_t)
 * ({@link ConformalScore}: s = 1, or the history's seasonal naive MAE so one set of scores serves series of any
 * size). The n scores of step k, pooled over origins and series, give the radius r_{k,c}: the ⌈(n+1)·c/100⌉-th
 * smallest ({@link ConformalCalibration}). Finally the inner forecaster is fitted on the whole training part, and
 * its forecasts carry the intervals. Origins are chosen automatically (K = 0, the default) as the fewest that
 * give the highest level enough scores: 19 for 95%, so one origin when there are 19 series or more.
 *
 * <h2>Refit at every origin, or fit once ("cheap")</h2>
 * With {@link ConformalConfig#refit()} true (the default, split conformal) the inner forecaster is fitted anew on
 * the part before each origin: every calibration forecast is made exactly as the final forecast will be, from a
 * model that has seen everything up to its origin and nothing after; it costs K + 1 fits. With refit false the
 * inner forecaster is fitted once, on the part before the first origin, and forecasts from every origin with that
 * fit, then once more on the whole training part: 2 fits whatever K, which matters for a global network. The
 * calibration forecasts are still out of sample, but from later origins they come from a model that has not
 * seen the last points before them, so their errors can be larger than the final model's (intervals a little
 * wide rather than too narrow). Local baselines ({@link BaselineForecaster}) fit on each history they forecast
 * from, so for them both modes give the same intervals.
 *
 * <h2>What is guaranteed, and when</h2>
 * If the n calibration scores of step k and the score of the forecast being made are exchangeable (their joint
 * distribution does not change when they are permuted), the interval of coverage c contains the actual value
 * with probability at least c/100, and below c/100 + 1/(n+1) when scores do not tie (Vovk, Gammerman &amp;
 * Shafer 2005; Lei et al. 2018). The guarantee is marginal and per step: averaged over series and origins, not
 * for each series, not conditional on the history, and not for all H steps at once. Time series bend its
 * conditions: consecutive origins of one series share data (their scores are dependent; exchangeability across
 * series, one origin each, is the cleaner case); a level shift, a change of volatility or of season after the
 * calibration windows makes the scores unlike the future's; the final model, fitted on more data, is usually a
 * little better than the calibration models (conservative intervals); scaled scores assume errors grow with the
 * series' seasonal naive error. Check coverage in a backtest ({@code org.seqcast.eval.Backtest} scores it).
 */
public final class ConformalForecaster implements Forecaster {
    /** The fewest points a calibration origin leaves before it (as a backtest's training part). */
    public static final int MIN_HISTORY = 2;

    private final Forecaster inner;
    private final ConformalConfig config;
    private final String name;

    /** {@code inner} with conformal intervals as {@code config} says, under the inner forecaster's name. */
    public ConformalForecaster(Forecaster inner, ConformalConfig config) {
        this(inner, config, inner.name());
    }

    /**
     * {@code inner} with conformal intervals, called {@code name} (its point forecasts are the inner ones, so
     * its name by default; give another to backtest both side by side).
     */
    public ConformalForecaster(Forecaster inner, ConformalConfig config, String name) {
        if (inner == null || config == null) {
            throw new IllegalArgumentException("a conformal forecaster needs an inner forecaster and its settings");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.inner = inner;
        this.config = config;
        this.name = name;
    }

    /** {@code inner} with conformal intervals at {@code levels} (percent) and the other defaults. */
    public static ConformalForecaster of(Forecaster inner, double... levels) {
        return new ConformalForecaster(inner, ConformalConfig.defaults().withLevels(levels));
    }

    /**
     * The intervals the command-line tool and the demo give {@code inner}: {@link ConformalConfig#defaults()} at
     * {@code levels} (its 80% and 95% when none are given), refitted at every calibration origin for a
     * {@link BaselineForecaster} (a local method refits on each history anyway, so refitting costs nothing and
     * changes nothing) and fitted once before the first origin for every other kind (2 fits of a global network
     * or an ensemble instead of K + 1).
     */
    public static ConformalForecaster recommended(Forecaster inner, double... levels) {
        ConformalConfig config = ConformalConfig.defaults();
        if (levels.length > 0) {
            config = config.withLevels(levels);
        }
        return new ConformalForecaster(inner, config.withRefit(inner instanceof BaselineForecaster));
    }

    @Override
    public List<String> futureCovariates() {
        return inner.futureCovariates();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int horizon() {
        return inner.horizon();
    }

    public Forecaster inner() {
        return inner;
    }

    public ConformalConfig config() {
        return config;
    }

    /** Calibrates on the training series, then fits the inner forecaster on all of them. */
    @Override
    public FittedConformal fit(List<TimeSeries> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training series to calibrate on");
        }
        int k = originCount(training);
        double[][] scores = scores(training, k);
        int skipped = windows(training, k) - scores[0].length;
        ConformalCalibration calibration;
        try {
            calibration = ConformalCalibration.of(config.levels(), config.score(), scores);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + skipped + " window(s) left out: their history is"
                    + " constant, so the scale of its scores is undefined)", e);
        }
        return new FittedConformal(name, inner.fit(training), calibration);
    }

    @Override
    public FittedConformal fit(TimeSeries training) {
        return fit(List.of(training));
    }

    /** The cutoff of calibration origin j (0-based) of K in a series of n points. */
    private int cut(int n, int j, int k) {
        return n - horizon() - (k - 1 - j) * config.step();
    }

    /** The calibration windows series of n points gives with K origins. */
    private int windows(int n, int k) {
        if (config.refit()) {
            int usable = 0;
            for (int j = 0; j < k; j++) {
                usable += cut(n, j, k) >= MIN_HISTORY ? 1 : 0;
            }
            return usable;
        }
        return cut(n, 0, k) >= MIN_HISTORY ? k : 0;
    }

    private int windows(List<TimeSeries> training, int k) {
        int total = 0;
        for (TimeSeries s : training) {
            total += windows(s.size(), k);
        }
        return total;
    }

    /** K: the configured origins, or the fewest that give the highest level enough windows; checked. */
    private int originCount(List<TimeSeries> training) {
        double top = config.levels()[config.levels().length - 1];
        int needed = ConformalCalibration.minimumWindows(top);
        int longest = training.stream().mapToInt(TimeSeries::size).max().orElse(0);
        int most = Math.max(0, (longest - horizon() - MIN_HISTORY) / config.step() + 1);
        if (most == 0) {
            throw new CalibrationException("conformal calibration needs a training series of at least "
                    + (horizon() + MIN_HISTORY) + " points (a window of H = " + horizon() + " after " + MIN_HISTORY
                    + " points of history); the longest has " + longest);
        }
        if (config.origins() > 0) {
            int have = windows(training, config.origins());
            if (have < needed) {
                throw new CalibrationException(tooFew(top, needed, have, "origins = " + config.origins(),
                        training.size(), most));
            }
            return config.origins();
        }
        for (int k = 1; k <= most; k++) {
            if (windows(training, k) >= needed) {
                return k;
            }
        }
        throw new CalibrationException(tooFew(top, needed, windows(training, most), "at most " + most
                + " origin(s)", training.size(), most));
    }

    private String tooFew(double level, int needed, int have, String origins, int series, int most) {
        int k = (needed + series - 1) / series;
        String fix = "use at least " + k + " origin(s), which needs every series to have at least "
                + (horizon() + (k - 1) * config.step() + MIN_HISTORY) + " points (H + (origins − 1)·step + "
                + MIN_HISTORY + "), or give more series";
        return "levels: the " + ForecastDistribution.percent(level) + "% interval needs at least " + needed
                + " calibration windows (the ⌈(n+1)·" + ForecastDistribution.percent(level / 100)
                + "⌉-th smallest of n scores must exist), but " + origins + " in " + series + " training series"
                + " give " + have + " (the longest allows " + most + " origin(s) of step " + config.step() + "); "
                + fix + ", or ask for a lower level";
    }

    /** H × n: the calibration scores of every step, over origins and series. */
    private double[][] scores(List<TimeSeries> training, int k) {
        List<double[]> windows = new ArrayList<>();
        if (config.refit()) {
            for (int j = 0; j < k; j++) {
                List<Origin> origins = origins(training, j, j, k);
                if (!origins.isEmpty()) {
                    score(fitBeforeOrigins(histories(origins)), origins, windows);
                }
            }
        } else {
            FittedForecaster once = fitBeforeOrigins(histories(origins(training, 0, 0, k)));
            for (int j = 0; j < k; j++) {
                score(once, origins(training, 0, j, k), windows);
            }
        }
        double[][] out = new double[horizon()][windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            for (int step = 0; step < horizon(); step++) {
                out[step][w] = windows.get(w)[step];
            }
        }
        return out;
    }

    /** The inner forecaster fitted on the parts before calibration origins; a failure is a calibration failure. */
    private FittedForecaster fitBeforeOrigins(List<TimeSeries> histories) {
        try {
            return inner.fit(histories);
        } catch (IllegalArgumentException e) {
            throw new CalibrationException("conformal calibration: " + inner.name() + " cannot be fitted on the"
                    + " parts of the series before the calibration origins (at least H = " + horizon() + " points"
                    + " shorter than the training series): " + e.getMessage(), e);
        }
    }

    /** A calibration origin: the series and the number of its points before the origin. */
    private record Origin(TimeSeries series, int cut, List<String> futureKnown) {
        TimeSeries history() {
            return series.knownAt(cut, futureKnown);
        }
    }

    /** Origin j of every series whose origin {@code first} leaves at least MIN_HISTORY points before it. */
    private List<Origin> origins(List<TimeSeries> training, int first, int j, int k) {
        List<Origin> out = new ArrayList<>();
        for (TimeSeries s : training) {
            if (cut(s.size(), first, k) >= MIN_HISTORY) {
                out.add(new Origin(s, cut(s.size(), j, k), inner.futureCovariates()));
            }
        }
        return out;
    }

    private static List<TimeSeries> histories(List<Origin> origins) {
        return origins.stream().map(Origin::history).toList();
    }

    /** Adds the H scores of the forecast from each origin (skipping a history whose scale is undefined). */
    private void score(FittedForecaster fitted, List<Origin> origins, List<double[]> windows) {
        for (Origin o : origins) {
            TimeSeries history = o.history();
            double s = config.score().scale(history);
            if (!(s > 0)) {
                continue;
            }
            double[] actual = o.series().values();
            double[] yhat = fitted.forecast(history).values();
            double[] e = new double[horizon()];
            for (int step = 0; step < e.length; step++) {
                e[step] = Math.abs(actual[o.cut() + step] - yhat[step]) / s;
            }
            windows.add(e);
        }
    }

    @Override
    public String toString() {
        return "ConformalForecaster[" + name + ": " + inner.name() + ", " + config + "]";
    }
}
