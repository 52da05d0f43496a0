package org.seqcast.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.baseline.SimpleBaselines;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Series;
import org.seqcast.metrics.Metrics;

class BacktestTest {
    private static final BacktestOptions THREE_FOLDS = new BacktestOptions(3, 6, true);

    @Test
    void foldsEndHBeforeTheEndAndStepBack() {
        TimeSeries s = Series.seasonal("s", 60, 10, 0.1, 2);
        BacktestResult r = Backtest.run(List.of(s), List.of(BaselineForecaster.of("naive", 12)), THREE_FOLDS);
        List<FoldResult> naive = r.folds("naive");
        assertEquals(List.of(36, 42, 48), naive.stream().map(FoldResult::trainSize).toList());
        double[] y = s.values();
        FoldResult first = naive.get(0);
        assertArrayEquals(Arrays.copyOfRange(y, 36, 48), first.actual());
        assertArrayEquals(SimpleBaselines.naive(Arrays.copyOf(y, 36), 12), first.forecast().values());
        assertEquals(s.index().label(36), first.forecast().label(0));
        assertEquals(Metrics.mase(first.actual(), first.forecast().values(), Arrays.copyOf(y, 36), 12),
                first.metrics().mase(), 1e-12);
    }

    @Test
    void theSeasonalNaiveReferenceIsAlwaysThere() {
        TimeSeries s = Series.seasonal("s", 60, 10, 0.1, 2);
        BacktestResult r = Backtest.run(List.of(s), List.of(BaselineForecaster.of("drift", 12)), THREE_FOLDS);
        assertEquals(List.of("drift", "snaive"), r.models());
        assertFalse(r.referenceRequested());
        assertEquals(1.0, r.summary("snaive").skill(), 1e-15);
        ModelSummary drift = r.summary("drift");
        assertEquals(drift.mean().mase() / r.summary("snaive").mean().mase(), drift.skill(), 1e-15);
        // a pure seasonal pattern with a small trend: the seasonal naive wins, and the table says so
        assertTrue(drift.failsToBeatSeasonalNaive());
        assertTrue(r.table().contains("does NOT beat seasonal naive"), r.table());
    }

    /** Means are per series over folds first, then over series; the per-step errors average every fold. */
    @Test
    void aggregationIsTheMeanOfPerSeriesMeans() {
        List<TimeSeries> series = List.of(Series.seasonal("a", 50, 10, 0.1, 2), Series.seasonal("b", 70, 100, 1, 9));
        BacktestResult r = Backtest.run(series, List.of(BaselineForecaster.of("naive", 4)),
                new BacktestOptions(2, 3, true));
        double expected = 0;
        for (TimeSeries s : series) {
            double perSeries = 0;
            for (FoldResult f : r.folds("naive")) {
                if (f.seriesId().equals(s.id())) {
                    perSeries += f.metrics().smape() / 2;
                }
            }
            expected += perSeries / 2;
        }
        ModelSummary naive = r.summary("naive");
        assertEquals(expected, naive.mean().smape(), 1e-12);
        assertEquals(2, naive.series());
        double step1 = 0;
        for (FoldResult f : r.folds("naive")) {
            step1 += Math.abs(f.actual()[0] - f.forecast().values()[0]) / 4;
        }
        assertEquals(step1, naive.maeByStep()[0], 1e-12);
    }

    /**
     * The decisive leakage check: change every value after a fold's cutoff and that fold's forecasts, neural
     * ones included, stay bit for bit the same.
     */
    @Test
    void nothingAfterTheCutoffReachesAnyModel() {
        TimeSeries s = Series.airPassengers();
        List<Forecaster> models = List.of(new RnnForecaster(Series.small(12).build()),
                BaselineForecaster.of("drift", 12), BaselineForecaster.of("mean", 12));
        BacktestOptions holdout = BacktestOptions.holdout();
        BacktestResult r = Backtest.run(List.of(s), models, holdout);
        double[] v = s.values();
        for (int t = v.length - 12; t < v.length; t++) {
            v[t] = -1000 * v[t];
        }
        BacktestResult changed = Backtest.run(List.of(TimeSeries.of(s.id(), s.index(), v)), models, holdout);
        for (String m : List.of("lstm", "drift", "mean", "snaive")) {
            assertArrayEquals(r.folds(m).get(0).forecast().values(), changed.folds(m).get(0).forecast().values(), m);
            assertFalse(Arrays.equals(r.folds(m).get(0).actual(), changed.folds(m).get(0).actual()));
        }
    }

    /**
     * Validation origins: with dropLast = D the backtest equals a backtest of the series cut to all but their last
     * D points, and perturbing those D points (a competition's holdout) changes nothing, networks included.
     */
    @Test
    void droppedPointsAreNeverRead() {
        TimeSeries s = Series.airPassengers();
        TimeSeries other = Series.seasonal("b", s.size(), 50, 0.5, 5).withSeasonalPeriod(12);
        List<Forecaster> models = List.of(new RnnForecaster(Series.small(12).build()),
                BaselineForecaster.of("theta", 12), BaselineForecaster.of("mean", 12));
        BacktestOptions validation = new BacktestOptions(2, 6, true).droppingLast(12);
        BacktestResult r = Backtest.run(List.of(s, other), models, validation);
        BacktestResult cut = Backtest.run(List.of(s.head(s.size() - 12), other.head(other.size() - 12)), models,
                new BacktestOptions(2, 6, true));
        List<TimeSeries> perturbed = new java.util.ArrayList<>();
        for (TimeSeries t : List.of(s, other)) {
            double[] v = t.values();
            for (int k = v.length - 12; k < v.length; k++) {
                v[k] = k % 2 == 0 ? Double.NaN : -1e6 * v[k];
            }
            perturbed.add(TimeSeries.of(t.id(), t.index(), v).withSeasonalPeriod(t.seasonalPeriod()));
        }
        BacktestResult changed = Backtest.run(perturbed, models, validation);
        assertEquals(12, r.options().dropLast());
        for (String m : List.of("lstm", "theta", "mean", "snaive")) {
            assertEquals(4, r.folds(m).size(), m);
            for (int k = 0; k < 4; k++) {
                FoldResult a = r.folds(m).get(k);
                assertEquals(cut.folds(m).get(k).trainSize(), a.trainSize(), m);
                assertArrayEquals(cut.folds(m).get(k).forecast().values(), a.forecast().values(), m);
                assertArrayEquals(a.forecast().values(), changed.folds(m).get(k).forecast().values(), m);
                assertArrayEquals(a.actual(), changed.folds(m).get(k).actual(), m);
                assertEquals(a.metrics(), changed.folds(m).get(k).metrics(), m);
            }
        }
        // the last origin forecasts the H points just before the dropped ones
        assertEquals(s.size() - 24, r.folds("mean").get(2).trainSize());
    }

    @Test
    void droppingTooManyPointsIsRefusedByName() {
        TimeSeries s = Series.seasonal("s", 40, 10, 0.1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backtest.run(List.of(s),
                List.of(BaselineForecaster.of("naive", 6)), BacktestOptions.holdout().droppingLast(35)));
        assertTrue(e.getMessage().contains("after dropping its last 35 (dropLast)"), e.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> Backtest.run(List.of(s),
                List.of(BaselineForecaster.of("naive", 6)), BacktestOptions.holdout().droppingLast(40)));
        assertTrue(all.getMessage().contains("leaves none"), all.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BacktestOptions(1, 1, true, -1));
    }

    @Test
    void withoutRefitTheFirstModelForecastsFromLaterOrigins() {
        TimeSeries s = Series.seasonal("s", 80, 10, 0.1, 2);
        int[] fits = new int[1];
        Backtest.run(List.of(s), List.of(new RnnForecaster(Series.small(6).build())),
                new BacktestOptions(3, 6, false), (model, fold, folds) -> fits[0] += model.equals("lstm") ? 1 : 0);
        assertEquals(1, fits[0]);
        fits[0] = 0;
        Backtest.run(List.of(s), List.of(new RnnForecaster(Series.small(6).build())),
                new BacktestOptions(3, 6, true), (model, fold, folds) -> fits[0] += model.equals("lstm") ? 1 : 0);
        assertEquals(3, fits[0]);
    }

    /** With a fold left out (MAPE undefined: an actual 0), the mean of per-series means differs from a flat mean. */
    @Test
    void seriesWithFewerUsableFoldsWeighAsMuchAsOthers() {
        double[] v = Series.seasonal("b", 70, 100, 1, 9).values();
        v[69] = 0; // in the test window of the last fold only
        TimeSeries b = TimeSeries.of("b", Series.seasonal("b", 70, 100, 1, 9).index(), v);
        TimeSeries a = Series.seasonal("a", 50, 10, 0.1, 2);
        BacktestResult r = Backtest.run(List.of(a, b), List.of(BaselineForecaster.of("naive", 4)),
                new BacktestOptions(2, 3, true));
        double a0 = r.folds("naive").get(0).metrics().mape(); // folds come in fold order, series order within
        double b0 = r.folds("naive").get(1).metrics().mape();
        double a1 = r.folds("naive").get(2).metrics().mape();
        assertTrue(Double.isNaN(r.folds("naive").get(3).metrics().mape()));
        double expected = ((a0 + a1) / 2 + b0) / 2;
        assertEquals(expected, r.summary("naive").mean().mape(), 1e-12);
        assertTrue(Math.abs(expected - (a0 + a1 + b0) / 3) > 1e-3, "the test must tell the two means apart");
    }

    @Test
    void anUndefinedMaseIsSaidNotHidden() {
        TimeSeries s = Series.seasonal("s", 20, 10, 0.1, 2);
        BacktestResult r = Backtest.run(List.of(s), List.of(BaselineForecaster.of("naive", 12)), BacktestOptions.holdout());
        assertTrue(Double.isNaN(r.summary("naive").mean().mase()));
        assertTrue(r.table().contains("MASE is undefined for 1 of 1 series-folds"), r.table());
        BacktestResult fine = Backtest.run(List.of(Series.seasonal("t", 60, 10, 0.1, 2)),
                List.of(BaselineForecaster.of("naive", 12)), BacktestOptions.holdout());
        assertFalse(fine.table().contains("undefined"), fine.table());
    }

    /** Forecasts that carry intervals are scored on their point values, and keep the intervals in the folds. */
    @Test
    void forecastsWithIntervalsAreScoredOnTheirPointForecast() {
        TimeSeries s = Series.seasonal("s", 60, 10, 0.1, 2);
        Forecaster drift = BaselineForecaster.of("drift", 6);
        BacktestResult plain = Backtest.run(List.of(s), List.of(drift), THREE_FOLDS);
        BacktestResult fanned = Backtest.run(List.of(s), List.of(withIntervals(drift)), THREE_FOLDS);
        // the point columns are the same; the interval columns come between the skill and the verdict
        String[] plainRows = plain.table().split("\n");
        String[] fannedRows = fanned.table().split("\n");
        int points = 79; // model name to skill
        for (int row = 0; row < plainRows.length; row++) {
            assertEquals(plainRows[row].substring(0, points), fannedRows[row].substring(0, points));
            assertTrue(fannedRows[row].endsWith(plainRows[row].substring(points)), fannedRows[row]);
        }
        for (int k = 0; k < 3; k++) {
            FoldResult p = plain.folds("drift").get(k);
            FoldResult f = fanned.folds("drift").get(k);
            assertArrayEquals(p.forecast().values(), f.forecast().values());
            assertEquals(p.metrics(), f.metrics());
            assertFalse(p.forecast().hasDistribution());
            assertTrue(f.forecast().hasDistribution());
            assertArrayEquals(Arrays.stream(p.forecast().values()).map(v -> v - 1).toArray(),
                    f.forecast().distribution().lower(80));
        }
    }

    /** {@code inner}, its forecasts carrying an 80% interval of ± 1 around the point forecast. */
    private static Forecaster withIntervals(Forecaster inner) {
        return FixedIntervals.around(inner, new double[] {80}, new double[] {1});
    }

    @Test
    void badInput() {
        TimeSeries s = Series.seasonal("s", 20, 10, 0.1, 2);
        IllegalArgumentException shortSeries = assertThrows(IllegalArgumentException.class,
                () -> Backtest.run(List.of(s), List.of(BaselineForecaster.of("naive", 12)), new BacktestOptions(3, 6, true)));
        assertTrue(shortSeries.getMessage().contains("need at least 26"), shortSeries.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backtest.run(List.of(s),
                List.of(BaselineForecaster.of("naive", 3), BaselineForecaster.of("mean", 4)), BacktestOptions.holdout()));
        assertThrows(IllegalArgumentException.class, () -> Backtest.run(List.of(s),
                List.of(BaselineForecaster.of("naive", 3), BaselineForecaster.of("naive", 3)), BacktestOptions.holdout()));
        assertThrows(IllegalArgumentException.class, () -> new BacktestOptions(0, 1, true));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BaselineForecaster.of("arima", 3));
        assertTrue(unknown.getMessage().contains("unknown baseline 'arima'"), unknown.getMessage());
    }
}
