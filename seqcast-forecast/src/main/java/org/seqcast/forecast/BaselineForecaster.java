package org.seqcast.forecast;

import java.util.List;
import java.util.Locale;
import org.seqcast.baseline.AutoRegression;
import org.seqcast.baseline.EtsCriterion;
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

    public BaselineForecaster(String name, int horizon, Method method) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        this.name = name;
        this.horizon = horizon;
        this.method = method;
    }

    /** The baseline called {@code name} (one of {@link #NAMES}). */
    public static BaselineForecaster of(String name, int horizon) {
        Method m = switch (name.toLowerCase(Locale.ROOT)) {
            case "mean" -> (y, h, s) -> SimpleBaselines.mean(y, h);
            case "naive" -> (y, h, s) -> SimpleBaselines.naive(y, h);
            case "snaive" -> SimpleBaselines::seasonalNaive;
            case "drift" -> (y, h, s) -> SimpleBaselines.drift(y, h);
            case "ses" -> (y, h, s) -> ExponentialSmoothing.ses(y, EtsCriterion.MSE).forecast(h);
            case "holt" -> (y, h, s) -> ExponentialSmoothing.holt(y, false, EtsCriterion.MSE).forecast(h);
            case "holt-damped" -> (y, h, s) -> ExponentialSmoothing.holt(y, true, EtsCriterion.MSE).forecast(h);
            case "hw" -> (y, h, s) -> ExponentialSmoothing.holtWinters(y, s, Seasonality.ADDITIVE, false,
                    EtsCriterion.MSE).forecast(h);
            case "hw-mult" -> (y, h, s) -> ExponentialSmoothing.holtWinters(y, s, Seasonality.MULTIPLICATIVE, false,
                    EtsCriterion.MSE).forecast(h);
            case "theta" -> (y, h, s) -> Theta.fit(y, s).forecast(h);
            case "ar" -> (y, h, s) -> AutoRegression.fit(y).forecast(h);
            default -> throw new IllegalArgumentException("unknown baseline '" + name + "'; use one of " + NAMES);
        };
        return new BaselineForecaster(name.toLowerCase(Locale.ROOT), horizon, m);
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
    public FittedForecaster fit(List<TimeSeries> training) {
        return new FittedForecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int horizon() {
                return horizon;
            }

            @Override
            public Forecast forecast(TimeSeries history) {
                SeriesChecks.requireComplete(history.select(List.of()), name);
                double[] f;
                try {
                    f = method.forecast(history.values(), horizon, history.seasonalPeriod());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("series '" + history.id() + "': " + e.getMessage(), e);
                }
                return new Forecast(history.id(), name, history.index().following(horizon), f);
            }
        };
    }
}
