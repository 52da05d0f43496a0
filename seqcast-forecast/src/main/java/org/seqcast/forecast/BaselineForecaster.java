package org.seqcast.forecast;

import java.util.List;
import java.util.Locale;
import org.seqcast.baseline.AutoRegression;
import org.seqcast.baseline.EtsCriterion;
import org.seqcast.baseline.EtsSpec;
import org.seqcast.baseline.ExponentialSmoothing;
import org.seqcast.baseline.Seasonality;
import org.seqcast.baseline.SimpleBaselines;
import org.seqcast.baseline.Theta;
import org.seqcast.data.TimeSeries;

/**
 * A classical method as a {@link Forecaster}: a local method fitted on each history it forecasts from (so
 * {@link #fit} has nothing to learn, and a rolling-origin backtest refits it on every fold's past). The
 * methods are the pure functions of {@code org.seqcast.baseline}, verified against R's {@code forecast}:
 * <pre>
 *   mean, naive, snaive, drift   R's meanf, naive, snaive, rwf(drift = TRUE)
 *   ses, holt, holt-damped       R's ses, holt, holt(damped = TRUE): ETS(A,N,N), (A,A,N), (A,Ad,N)
 *   hw, hw-mult                  R's hw(seasonal = "additive" | "multiplicative"): ETS(A,A,A), (M,A,M)
 *   theta                        R's thetaf (SES with drift, multiplicative decomposition when seasonal)
 *   ar                           R's ar(): Yule-Walker, order by AIC
 * </pre>
 * The smoothing methods are fitted by least squares of the one-step errors, as R's ses, holt and hw do
 * ({@code ExponentialSmoothing} also fits by likelihood, as R's ets does).
 */
public final class BaselineForecaster implements Forecaster {
    /** A baseline forecast of h steps from a history with seasonal period m. */
    @FunctionalInterface
    public interface Method {
        double[] forecast(double[] history, int h, int m);
    }

    /** Every baseline by its command-line name, in the order tables list them. */
    public static final List<String> NAMES = List.of("mean", "naive", "snaive", "drift", "ses", "holt", "holt-damped",
            "hw", "hw-mult", "theta", "ar");

    private final String name;
    private final int horizon;
    private final Method method;
    private final java.util.function.IntUnaryOperator minLength;
    private final boolean seasonal;

    /** A method that needs at least one past value. */
    public BaselineForecaster(String name, int horizon, Method method) {
        this(name, horizon, method, m -> 1, false);
    }

    /**
     * A method with a minimum history length (a function of the seasonal period m). A shorter history is
     * forecast by the seasonal naive method (seasonal methods, when the history covers a season) or the naive
     * method instead, and the forecast's note says so: R's forecast functions fall back silently; we say it.
     */
    public BaselineForecaster(String name, int horizon, Method method, java.util.function.IntUnaryOperator minLength,
                              boolean seasonal) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        this.name = name;
        this.horizon = horizon;
        this.method = method;
        this.minLength = minLength;
        this.seasonal = seasonal;
    }

    /** The baseline called {@code name} (one of {@link #NAMES}). */
    public static BaselineForecaster of(String name, int horizon) {
        String key = name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "mean" -> new BaselineForecaster(key, horizon, (y, h, s) -> SimpleBaselines.mean(y, h));
            case "naive" -> new BaselineForecaster(key, horizon, (y, h, s) -> SimpleBaselines.naive(y, h));
            case "snaive" -> new BaselineForecaster(key, horizon, SimpleBaselines::seasonalNaive, m -> m, false);
            case "drift" -> new BaselineForecaster(key, horizon, (y, h, s) -> SimpleBaselines.drift(y, h), m -> 2, false);
            case "ses" -> ets(key, horizon, (y, h, s) -> ExponentialSmoothing.ses(y, EtsCriterion.MSE).forecast(h),
                    m -> EtsSpec.simple().minLength(), false);
            case "holt" -> ets(key, horizon,
                    (y, h, s) -> ExponentialSmoothing.holt(y, false, EtsCriterion.MSE).forecast(h),
                    m -> EtsSpec.holt(false).minLength(), false);
            case "holt-damped" -> ets(key, horizon,
                    (y, h, s) -> ExponentialSmoothing.holt(y, true, EtsCriterion.MSE).forecast(h),
                    m -> EtsSpec.holt(true).minLength(), false);
            case "hw" -> ets(key, horizon, (y, h, s) -> ExponentialSmoothing.holtWinters(y, s, Seasonality.ADDITIVE,
                    false, EtsCriterion.MSE).forecast(h), m -> hwMinLength(m, Seasonality.ADDITIVE), true);
            case "hw-mult" -> ets(key, horizon, (y, h, s) -> ExponentialSmoothing.holtWinters(y, s,
                    Seasonality.MULTIPLICATIVE, false, EtsCriterion.MSE).forecast(h),
                    m -> hwMinLength(m, Seasonality.MULTIPLICATIVE), true);
            case "theta" -> ets(key, horizon, (y, h, s) -> Theta.fit(y, s).forecast(h), m -> Theta.MIN_LENGTH, false);
            case "ar" -> ets(key, horizon, (y, h, s) -> AutoRegression.fit(y).forecast(h),
                    m -> AutoRegression.MIN_LENGTH, false);
            default -> throw new IllegalArgumentException("unknown baseline '" + name + "'; use one of " + NAMES);
        };
    }

    private static BaselineForecaster ets(String name, int horizon, Method method,
                                          java.util.function.IntUnaryOperator minLength, boolean seasonal) {
        return new BaselineForecaster(name, horizon, method, minLength, seasonal);
    }

    /** Holt-Winters' minimum length; a period outside 2..24 is left to the method's own error. */
    private static int hwMinLength(int m, Seasonality s) {
        return m >= 2 && m <= EtsSpec.MAX_PERIOD ? EtsSpec.holtWinters(m, s, false).minLength() : 1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public FittedBaseline fit(TimeSeries training) {
        return fit(List.of(training));
    }

    /**
     * Nothing to learn but the seasonal period: the method is fitted on each history it forecasts from, with the
     * training series' period (each history's own when they differ or there are none; see {@link FittedBaseline}).
     */
    @Override
    public FittedBaseline fit(List<TimeSeries> training) {
        long periods = training.stream().mapToInt(TimeSeries::seasonalPeriod).distinct().count();
        int m = periods == 1 ? training.get(0).seasonalPeriod() : 0;
        return new FittedBaseline(name, horizon, method, minLength, seasonal, m);
    }

    Method method() {
        return method;
    }

    java.util.function.IntUnaryOperator minLength() {
        return minLength;
    }

    boolean seasonal() {
        return seasonal;
    }
}
