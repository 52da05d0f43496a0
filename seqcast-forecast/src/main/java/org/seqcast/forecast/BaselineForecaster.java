package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import org.seqcast.baseline.AutoRegression;
import org.seqcast.baseline.BaselineFit;
import org.seqcast.baseline.EtsCriterion;
import org.seqcast.baseline.EtsSpec;
import org.seqcast.baseline.PredictionIntervals;
import org.seqcast.baseline.ExponentialSmoothing;
import org.seqcast.baseline.Seasonality;
import org.seqcast.baseline.SimpleBaselines;
import org.seqcast.baseline.Theta;
import org.seqcast.data.TimeSeries;

/**
 * A classical method as a {@link Forecaster}: a local method fitted on each history (so a rolling-origin backtest
 * refits it on every fold's past). {@link #fit} fits it on every training series and keeps what it estimated
 * ({@link FittedBaseline}); forecasting from another history fits the method on that history. The methods are the
 * pure functions of {@code org.seqcast.baseline}, verified against R's {@code forecast}:
 * <pre>
 *   mean, naive, snaive, drift   R's meanf, naive, snaive, rwf(drift = TRUE)
 *   ses, holt, holt-damped       R's ses, holt, holt(damped = TRUE): ETS(A,N,N), (A,A,N), (A,Ad,N)
 *   hw, hw-mult                  R's hw(seasonal = "additive" | "multiplicative"): ETS(A,A,A), (M,A,M)
 *   theta                        R's thetaf (SES with drift, multiplicative decomposition when seasonal)
 *   ar                           R's ar(): Yule-Walker, order by AIC
 * </pre>
 * The smoothing methods are fitted by least squares of the one-step errors, as R's ses, holt and hw do
 * ({@code ExponentialSmoothing} also fits by likelihood, as R's ets does). {@link #METHODS} is the one home of the
 * names, their help text and their needs; {@link Forecasters} lists them with every other forecaster.
 * <p>
 * {@link #withLevels(double...)} makes every forecast carry the method's own prediction intervals at those
 * coverages, as R's function computes them with its {@code level=} argument ({@code BaselineFit.intervals}: normal
 * or, for the mean, Student's t quantiles times R's forecast standard errors); by default there are none and the
 * forecasts are points only.
 */
public final class BaselineForecaster implements Forecaster {
    /** A baseline fitted to a history with seasonal period m. */
    @FunctionalInterface
    public interface Method {
        BaselineFit fit(double[] history, int m);
    }

    /**
     * One classical method by its command-line name.
     *
     * @param name        the name users type
     * @param description one line for help texts
     * @param seasonal    whether it needs seasonal data (period m ≥ 2); too short a history then falls back to the
     *                    seasonal naive method
     * @param minLength   the shortest history as a function of m; shorter ones fall back (see {@link FittedBaseline})
     * @param method      the fit
     */
    public record Spec(String name, String description, boolean seasonal, IntUnaryOperator minLength, Method method) {
        public Spec {
            if (name == null || name.isBlank() || description == null || minLength == null || method == null) {
                throw new IllegalArgumentException("a baseline needs a name, a description, a minimum length and a method");
            }
        }
    }

    /** Every baseline, in the order tables list them. */
    public static final List<Spec> METHODS = List.of(
            new Spec("mean", "historical mean (R's meanf)", false, m -> 1,
                    (y, m) -> SimpleBaselines.fitMean(y)),
            new Spec("naive", "last value (R's naive)", false, m -> 1,
                    (y, m) -> SimpleBaselines.fitNaive(y)),
            new Spec("snaive", "value one season earlier (R's snaive); the reference of every skill score", false,
                    m -> m, SimpleBaselines::fitSeasonalNaive),
            new Spec("drift", "last value plus the mean change (R's rwf with drift)", false, m -> 2,
                    (y, m) -> SimpleBaselines.fitDrift(y)),
            new Spec("ses", "simple exponential smoothing (R's ses)", false, m -> EtsSpec.simple().minLength(),
                    (y, m) -> ExponentialSmoothing.ses(y, EtsCriterion.MSE)),
            new Spec("holt", "Holt's linear trend (R's holt)", false, m -> EtsSpec.holt(false).minLength(),
                    (y, m) -> ExponentialSmoothing.holt(y, false, EtsCriterion.MSE)),
            new Spec("holt-damped", "Holt's damped trend (R's holt, damped = TRUE)", false,
                    m -> EtsSpec.holt(true).minLength(), (y, m) -> ExponentialSmoothing.holt(y, true, EtsCriterion.MSE)),
            new Spec("hw", "Holt-Winters, additive seasonality (R's hw)", true,
                    m -> hwMinLength(m, Seasonality.ADDITIVE),
                    (y, m) -> ExponentialSmoothing.holtWinters(y, m, Seasonality.ADDITIVE, false, EtsCriterion.MSE)),
            new Spec("hw-mult", "Holt-Winters, multiplicative seasonality (R's hw); positive data", true,
                    m -> hwMinLength(m, Seasonality.MULTIPLICATIVE),
                    (y, m) -> ExponentialSmoothing.holtWinters(y, m, Seasonality.MULTIPLICATIVE, false,
                            EtsCriterion.MSE)),
            new Spec("theta", "Theta: SES with drift, deseasonalised when seasonal (R's thetaf)", false,
                    m -> Theta.MIN_LENGTH, Theta::fit),
            new Spec("ar", "autoregression, Yule-Walker, order by AIC (R's ar)", false,
                    m -> AutoRegression.MIN_LENGTH, (y, m) -> AutoRegression.fit(y)));

    /** Every baseline by its command-line name, in the order tables list them. */
    public static final List<String> NAMES = METHODS.stream().map(Spec::name).toList();

    private final Spec spec;
    private final int horizon;
    private final double[] levels;

    /** The baseline {@code spec} for horizon H, point forecasts only. */
    public BaselineForecaster(Spec spec, int horizon) {
        this(spec, horizon, new double[0]);
    }

    private BaselineForecaster(Spec spec, int horizon, double[] levels) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        this.spec = spec;
        this.horizon = horizon;
        this.levels = levels.length == 0 ? levels : PredictionIntervals.checkedLevels(levels);
    }

    /**
     * This baseline with its forecasts carrying R's prediction intervals at {@code levels} (coverages in percent
     * in (0, 100), e.g. 80, 95, in any order); no levels: point forecasts only.
     *
     * @throws IllegalArgumentException if a level is outside (0, 100) or given twice
     */
    public BaselineForecaster withLevels(double... levels) {
        if (levels == null) {
            throw new IllegalArgumentException("levels must not be null; give none for point forecasts only");
        }
        return new BaselineForecaster(spec, horizon, levels.clone());
    }

    /** The coverages (percent, increasing) of the intervals every forecast carries; empty for point forecasts only. */
    public double[] levels() {
        return levels.clone();
    }

    /** The baseline called {@code name} (one of {@link #NAMES}, any case). */
    public static BaselineForecaster of(String name, int horizon) {
        return new BaselineForecaster(spec(name), horizon);
    }

    /** The method called {@code name} (any case); an unknown name is an error listing the known ones. */
    public static Spec spec(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Spec s : METHODS) {
            if (s.name().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown baseline '" + name + "'; use one of " + NAMES);
    }

    /** Holt-Winters' minimum length; a period outside 2..24 is left to the method's own error. */
    private static int hwMinLength(int m, Seasonality s) {
        return m >= 2 && m <= EtsSpec.MAX_PERIOD ? EtsSpec.holtWinters(m, s, false).minLength() : 1;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public int horizon() {
        return horizon;
    }

    /** The method and its help text. */
    public Spec spec() {
        return spec;
    }

    /** Fits the method on every training series (see {@link FittedBaseline}). */
    @Override
    public FittedBaseline fit(List<TimeSeries> training) {
        List<FittedBaseline.SeriesFit> fits = new ArrayList<>(training.size());
        for (TimeSeries s : training) {
            fits.add(fitSeries(s, s.seasonalPeriod()));
        }
        long periods = training.stream().mapToInt(TimeSeries::seasonalPeriod).distinct().count();
        return new FittedBaseline(this, fits, training, periods == 1 ? training.get(0).seasonalPeriod() : 0);
    }

    @Override
    public FittedBaseline fit(TimeSeries training) {
        return fit(List.of(training));
    }

    /**
     * The method fitted to one history, or — when the history is shorter than the method needs — the seasonal
     * naive (seasonal methods, when the history covers a season) or naive method, with a note that says so: R's
     * forecast functions fall back silently; we say it.
     */
    FittedBaseline.SeriesFit fitSeries(TimeSeries history, int m) {
        String name = spec.name();
        SeriesChecks.requireComplete(history.select(List.of()), name);
        double[] y = history.values();
        int needed = spec.minLength().applyAsInt(m);
        try {
            if (y.length >= needed) {
                return new FittedBaseline.SeriesFit(history.id(), y.length, spec.method().fit(y, m), "");
            }
            boolean bySeason = spec.seasonal() && m >= 2 && y.length >= m;
            BaselineFit fallback = bySeason ? SimpleBaselines.fitSeasonalNaive(y, m) : SimpleBaselines.fitNaive(y);
            String note = name + " needs " + needed + " points, the history has " + y.length + ": "
                    + (bySeason ? "seasonal naive" : "naive") + " forecast instead";
            return new FittedBaseline.SeriesFit(history.id(), y.length, fallback, note);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("series '" + history.id() + "': " + e.getMessage(), e);
        }
    }
}
