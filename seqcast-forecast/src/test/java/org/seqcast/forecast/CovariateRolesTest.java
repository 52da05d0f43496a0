package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;

/**
 * Networks with future-known and static covariates: they learn what only those inputs explain, forecasts
 * need the future values, and nothing past the origin but the future-known values reaches a forecast.
 */
class CovariateRolesTest {
    private static final int H = 6;
    private static final int N = 160;

    private static RnnConfig.Builder small() {
        return RnnConfig.builder(H).window(8).units(16).epochs(40).patience(8).learningRate(0.01).seed(3)
                .calendarFeatures(false);
    }

    @Test
    void theFutureKnownPromotionPlanIsWorthItsWeight() {
        List<TimeSeries> series = Series.promotions(6, 1, N);
        BacktestOptions options = new BacktestOptions(2, H, true);
        RnnForecaster without = new RnnForecaster(small().build());
        RnnForecaster with = new RnnForecaster(small().futureCovariates(List.of("promo")).build());
        double maeWithout = Backtest.run(series, List.of(without), options).summary().get(0).mean().mae();
        double maeWith = Backtest.run(series, List.of(with), options).summary().get(0).mean().mae();
        // premise: the promotions move sales by 4, so a forecaster blind to the plan errs by about 4·0.3·0.7·2 ≈ 1.7
        assertTrue(maeWithout > 1.0, "premise: without the plan the network cannot know the promotions: " + maeWithout);
        assertTrue(maeWith < 0.5 * maeWithout, "with the plan known ahead " + maeWith + " vs " + maeWithout);
    }

    @Test
    void aForecastNeedsTheFutureValuesAndNamesWhatIsMissing() {
        List<TimeSeries> series = Series.promotions(2, 2, N);
        FittedRnn fitted = new RnnForecaster(small().epochs(2).futureCovariates(List.of("promo")).build())
                .fit(series);
        TimeSeries history = series.get(0).head(N - H);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitted.forecast(history));
        assertTrue(e.getMessage().contains("'s0'") && e.getMessage().contains("'promo'")
                && e.getMessage().contains(history.index().following(H).label(0)), e.getMessage());
        TimeSeries partial = series.get(0).knownAt(N - 2, List.of("promo"));
        e = assertThrows(IllegalArgumentException.class, () -> fitted.forecast(partial));
        assertTrue(e.getMessage().contains("has 2 future values") && e.getMessage().contains(
                partial.index().following(H).label(2)), e.getMessage());
        assertEquals(H, fitted.forecast(series.get(0).knownAt(N - H, List.of("promo"))).horizon());
    }

    @Test
    void nothingAfterTheOriginButTheFutureKnownValuesReachesAForecast() {
        List<TimeSeries> series = Series.promotions(3, 3, N);
        FittedRnn fitted = new RnnForecaster(small().epochs(3).covariates(List.of("noise"))
                .futureCovariates(List.of("promo")).build()).fit(series);
        int origin = N - 2 * H;
        TimeSeries s = series.get(1);
        double[] base = fitted.forecast(s.knownAt(origin, fitted.futureCovariates())).values();
        // perturb the target and the past covariate after the origin: the forecast must not move
        Map<String, double[]> columns = s.columns();
        for (int t = origin; t < N; t++) {
            columns.get("sales")[t] += 1000;
            columns.get("noise")[t] = -50;
        }
        TimeSeries perturbed = new TimeSeries(s.id(), s.index(), s.target(), columns, s.seasonalPeriod(),
                s.statics(), Map.of());
        assertArrayEquals(base, fitted.forecast(perturbed.knownAt(origin, fitted.futureCovariates())).values());
        // premise: the future-known column after the origin is seen
        columns.get("promo")[origin] = 1 - columns.get("promo")[origin];
        TimeSeries plan = new TimeSeries(s.id(), s.index(), s.target(), columns, s.seasonalPeriod(), s.statics(),
                Map.of());
        assertFalse(java.util.Arrays.equals(base, fitted.forecast(plan.knownAt(origin, fitted.futureCovariates()))
                .values()), "the plan over the horizon reaches the forecast");
    }

    /**
     * A backtest sees nothing of the holdout but the future-known values: perturbing the held-out targets and
     * past covariates leaves every forecast bit for bit as it was; perturbing the future-known plan moves them.
     */
    @Test
    void backtestsDoNotLeakTheHoldout() {
        List<TimeSeries> series = Series.promotions(3, 5, N);
        List<Forecaster> models = List.of(new RnnForecaster(small().epochs(3).covariates(List.of("noise"))
                        .futureCovariates(List.of("promo")).staticCovariates(List.of("category")).build()),
                new RegressionForecaster(H, List.of("promo"), 12));
        BacktestOptions holdout = new BacktestOptions(1, H, true);
        List<TimeSeries> hidden = new ArrayList<>();
        List<TimeSeries> replanned = new ArrayList<>();
        for (TimeSeries s : series) {
            Map<String, double[]> columns = s.columns();
            for (int t = N - H; t < N; t++) {
                columns.get("sales")[t] = -1e6;
                columns.get("noise")[t] = 1e6;
            }
            hidden.add(new TimeSeries(s.id(), s.index(), s.target(), columns, 12, s.statics(), Map.of()));
            Map<String, double[]> plan = s.columns();
            for (int t = N - H; t < N; t++) {
                plan.get("promo")[t] = 1 - plan.get("promo")[t];
            }
            replanned.add(new TimeSeries(s.id(), s.index(), s.target(), plan, 12, s.statics(), Map.of()));
        }
        for (Forecaster m : models) {
            List<org.seqcast.eval.FoldResult> base = Backtest.run(series, List.of(m), holdout).folds(m.name());
            List<org.seqcast.eval.FoldResult> leak = Backtest.run(hidden, List.of(m), holdout).folds(m.name());
            List<org.seqcast.eval.FoldResult> moved = Backtest.run(replanned, List.of(m), holdout).folds(m.name());
            for (int i = 0; i < base.size(); i++) {
                assertArrayEquals(base.get(i).forecast().values(), leak.get(i).forecast().values(), m.name());
                assertFalse(java.util.Arrays.equals(base.get(i).forecast().values(), moved.get(i).forecast().values()),
                        "premise: " + m.name() + " reads the plan over the horizon");
            }
        }
    }

    @Test
    void staticAttributesConditionOneGlobalModelAndUnknownCategoriesAreNoted() {
        List<TimeSeries> series = Series.promotions(6, 4, N);
        RnnForecaster blind = new RnnForecaster(small().window(1).build());
        RnnForecaster aware = new RnnForecaster(small().window(1).staticCovariates(List.of("category", "size"))
                .build());
        FittedRnn fitted = aware.fit(series);
        assertEquals(List.of("size"), fitted.statics().numeric());
        assertEquals(List.of("a", "b"), fitted.statics().categorical().get(0).categories());
        TimeSeries s = series.get(1);
        Forecast known = fitted.forecast(s);
        assertFalse(known.hasNote(), known.note());
        Forecast unseen = fitted.forecast(s.withStatics(Map.of("category", "z", "size", "1")));
        assertTrue(unseen.note().contains("category 'z'"), unseen.note());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fitted.forecast(s.withStatics(Map.of("category", "a"))));
        assertTrue(e.getMessage().contains("'size'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> fitted.forecast(s.withStatics(Map.of("category", "a", "size", "large"))));
        assertTrue(e.getMessage().contains("'large'"), e.getMessage());
        assertTrue(blind.fit(series) != null);
    }

    /** The recursive strategy reads the plan one step at a time: it learns it too, and needs every future value. */
    @Test
    void theRecursiveStrategyReadsThePlanStepByStep() {
        List<TimeSeries> series = Series.promotions(6, 6, N);
        BacktestOptions options = new BacktestOptions(2, H, true);
        RnnConfig.Builder recursive = small().strategy(Strategy.RECURSIVE);
        double blind = Backtest.run(series, List.of(new RnnForecaster(recursive.build())), options).summary().get(0)
                .mean().mae();
        RnnForecaster planned = new RnnForecaster(recursive.futureCovariates(List.of("promo")).build());
        double informed = Backtest.run(series, List.of(planned), options).summary().get(0).mean().mae();
        assertTrue(informed < 0.5 * blind, "recursive with the plan " + informed + " vs " + blind);
        FittedRnn fitted = planned.fit(series.stream().map(s -> s.head(N - H)).toList());
        TimeSeries short1 = series.get(0).knownAt(N - 1, List.of("promo"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitted.forecast(short1));
        assertTrue(e.getMessage().contains("'promo'"), e.getMessage());
    }

    @Test
    void rolesAreOneEachAndChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small()
                .covariates(List.of("promo")).futureCovariates(List.of("promo")).build());
        assertTrue(e.getMessage().contains("'promo' is given as a past covariate and as a future covariate"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> small().futureCovariates(List.of("promo"))
                .lossScale(LossScale.SNAIVE).build());
        assertTrue(e.getMessage().contains("loss scale"), e.getMessage());
    }
}
