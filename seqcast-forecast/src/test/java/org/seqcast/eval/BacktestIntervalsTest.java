package org.seqcast.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.ConformalConfig;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.Series;
import org.seqcast.metrics.IntervalMetrics;

class BacktestIntervalsTest {
    private static final BacktestOptions TWO_FOLDS = new BacktestOptions(2, 3, true);
    private static final List<TimeSeries> SERIES = List.of(Series.seasonal("a", 50, 10, 0.1, 2),
            Series.seasonal("b", 70, 100, 1, 9));

    /** Coverage, width, MSIS and scaled pinball: per fold by definition, then the mean of per-series means. */
    @Test
    void scoresAreTheMeanOfPerSeriesMeans() {
        Forecaster model = FixedIntervals.around(BaselineForecaster.of("naive", 4), new double[] {80, 95},
                new double[] {1.5, 40});
        BacktestResult r = Backtest.run(SERIES, List.of(model), TWO_FOLDS);
        double[] expected = new double[4]; // coverage 80, width 95, MSIS, scaled pinball
        for (TimeSeries s : SERIES) {
            for (FoldResult f : r.folds("naive")) {
                if (!f.seriesId().equals(s.id())) {
                    continue;
                }
                ForecastDistribution d = f.forecast().distribution();
                double[] y = f.actual();
                double scale = f.maseScale();
                double[] perFold = {IntervalMetrics.coverage(y, d.lower(80), d.upper(80)),
                        IntervalMetrics.width(d.lower(95), d.upper(95)),
                        IntervalMetrics.intervalScore(y, d.lower(95), d.upper(95), 0.05) / scale,
                        IntervalMetrics.pinball(y, d.values(), d.levels()) / scale};
                for (int j = 0; j < 4; j++) {
                    expected[j] += perFold[j] / 2 / 2; // 2 folds per series, 2 series
                }
            }
        }
        IntervalSummary s = r.summary("naive").intervals();
        assertArrayEquals(new double[] {80, 95}, s.levels());
        assertEquals(expected[0], s.coverage(80), 1e-12);
        assertEquals(80, expected[1], 1e-12); // ± 40
        assertEquals(expected[1], s.width()[1], 1e-12);
        assertEquals(expected[2], s.msis(), 1e-12);
        assertEquals(expected[3], s.scaledPinball(), 1e-12);
        assertTrue(expected[0] > 0 && expected[0] < 100, "the 80% interval must both cover and miss: " + expected[0]);
        // the 95% interval always covers, so it is over-covering and its MSIS is its scaled width
        assertEquals(100, s.coverage(95));
        assertEquals("over-covers", s.verdict());
        double scaledWidth = 0;
        for (FoldResult f : r.folds("naive")) {
            scaledWidth += 80 / f.maseScale() / 4; // one fold per (series, origin), equal weights here
        }
        assertEquals(scaledWidth, s.msis(), 1e-12);
        // per step: over every series and fold
        int hits = 0;
        for (FoldResult f : r.folds("naive")) {
            double e = Math.abs(f.actual()[0] - f.forecast().values()[0]);
            hits += e <= 1.5 ? 1 : 0;
        }
        assertEquals(100.0 * hits / 4, s.coverageByStep()[0][0], 1e-12);
        assertEquals(3, s.widthByStep()[0][2], 1e-12);
        assertEquals(4, s.msisByStep().length);
        // the seasonal naive reference has no intervals
        assertTrue(r.summary("snaive").intervals().isEmpty());
        assertEquals("", r.summary("snaive").intervals().verdict());
    }

    @Test
    void verdicts() {
        assertEquals("calibrated", summary(93.0).verdict());
        assertEquals("calibrated", summary(97.0).verdict());
        assertEquals("under-covers", summary(92.9).verdict());
        assertEquals("over-covers", summary(97.1).verdict());
        BacktestResult only80 = Backtest.run(SERIES, List.of(FixedIntervals.around(BaselineForecaster.of("naive", 4),
                new double[] {80}, new double[] {1})), TWO_FOLDS);
        assertEquals("no 95% interval", only80.summary("naive").intervals().verdict());
        assertTrue(Double.isNaN(only80.summary("naive").intervals().msis()));
        BacktestResult narrow = Backtest.run(SERIES, List.of(FixedIntervals.around(BaselineForecaster.of("drift", 4),
                new double[] {95}, new double[] {1e-6})), TWO_FOLDS);
        assertEquals("under-covers", narrow.summary("drift").intervals().verdict());
    }

    private static IntervalSummary summary(double coverage95) {
        return new IntervalSummary(new double[] {95}, new double[] {coverage95}, new double[] {1}, 1, 1,
                new double[][] {{coverage95}}, new double[][] {{1}}, new double[] {1}, new double[] {1});
    }

    /** Point-only tables keep today's layout; interval columns appear when some model has intervals. */
    @Test
    void tableGainsIntervalColumnsOnlyWhenNeeded() {
        BacktestResult plain = Backtest.run(SERIES, List.of(BaselineForecaster.of("naive", 4)), TWO_FOLDS);
        String header = plain.table().lines().findFirst().orElseThrow();
        assertEquals("model               MSE       RMSE        MAE    MAPE%   sMAPE%    MASE   skill  verdict",
                header);
        assertFalse(plain.table().contains("cov"), plain.table());
        assertFalse(plain.table().contains("intervals"), plain.table());
        BacktestResult mixed = Backtest.run(SERIES, List.of(BaselineForecaster.of("drift", 4),
                FixedIntervals.around(BaselineForecaster.of("naive", 4), new double[] {80, 95}, new double[] {1, 40})),
                TWO_FOLDS);
        String table = mixed.table();
        List<String> rows = table.lines().toList();
        assertTrue(rows.get(0).contains(" cov80%  cov95%    MSIS     sPL  intervals"), table);
        assertTrue(rows.get(1).startsWith("drift") && rows.get(1).contains("       -       -       -       -  -"),
                table);
        assertTrue(rows.get(2).startsWith("naive") && rows.get(2).contains("  100.0 ") && rows.get(2)
                .contains("over-covers"), table);
        assertTrue(table.contains("calibrated = 95% coverage within 2 points of 95"), table);
    }

    /** Conformal calibration sees only each fold's training part: values after the cutoff change nothing. */
    @Test
    void nothingAfterTheCutoffReachesTheCalibration() {
        TimeSeries s = Series.airPassengers();
        List<Forecaster> models = List.of(
                new ConformalForecaster(BaselineForecaster.of("drift", 12), ConformalConfig.defaults()),
                new ConformalForecaster(BaselineForecaster.of("theta", 12),
                        ConformalConfig.defaults().withRefit(false).withScore(
                                org.seqcast.forecast.ConformalScore.ABSOLUTE), "theta-cp"));
        BacktestOptions holdout = BacktestOptions.holdout();
        BacktestResult r = Backtest.run(List.of(s), models, holdout);
        double[] v = s.values();
        for (int t = v.length - 12; t < v.length; t++) {
            v[t] = -1000 * v[t];
        }
        BacktestResult changed = Backtest.run(List.of(TimeSeries.of(s.id(), s.index(), v)), models, holdout);
        for (String m : List.of("drift", "theta-cp")) {
            Forecast before = r.folds(m).get(0).forecast();
            Forecast after = changed.folds(m).get(0).forecast();
            assertTrue(before.hasDistribution(), m);
            assertArrayEquals(before.values(), after.values(), m);
            assertEquals(before.distribution(), after.distribution(), m);
            assertFalse(Arrays.equals(r.folds(m).get(0).actual(), changed.folds(m).get(0).actual()));
        }
        // and the calibration is the one made on the training part alone
        Forecast direct = models.get(0).fit(s.head(s.size() - 12)).forecast(s.head(s.size() - 12));
        assertEquals(direct.distribution(), r.folds("drift").get(0).forecast().distribution());
    }
}
