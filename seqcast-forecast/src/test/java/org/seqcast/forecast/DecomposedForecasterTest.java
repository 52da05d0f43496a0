package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqcast.baseline.Theta;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;

/**
 * The network on a classical decomposition: thetaf's indices from the training part only, the network trained on
 * the adjusted series, forecasts reseasonalised; no value after a cutoff reaches it; any thread count gives the
 * same bits; short or non-positive series are left unadjusted with a note.
 */
class DecomposedForecasterTest {
    private static final TimeSeries AIR = Series.airPassengers();
    private static final TimeSeries TRAIN = AIR.head(132);
    private static FittedDecomposed fitted;

    @BeforeAll
    static void fit() {
        fitted = new DecomposedForecaster(Series.small(12).threads(1).build()).fit(TRAIN);
    }

    @Test
    void indicesAreThetasFromTheTrainingPart() {
        FittedDecomposed.Adjustment a = fitted.adjustments().get("airpassengers");
        assertTrue(a.adjusted() && a.note().isEmpty(), a.toString());
        assertArrayEquals(Theta.fit(TRAIN.values(), 12).seasonalIndices(), a.indices());
        assertEquals(132, a.length());
        assertEquals(TRAIN.index().label(0), a.start());
        assertEquals("lstm-deseason", fitted.name());
        assertSame(fitted.network().trainingHistory(), fitted.trainingHistory());
    }

    /** The same network trained by hand on the divided series gives the same forecasts, times the last indices. */
    @Test
    void theNetworkLearnsTheAdjustedSeriesAndForecastsAreReseasonalised() {
        double[] s = fitted.adjustments().get("airpassengers").indices();
        TimeSeries adjusted = divided(TRAIN, s);
        FittedRnn byHand = new RnnForecaster(Series.small(12).threads(1).build()).fit(adjusted);
        double[] x = byHand.forecast(adjusted).values();
        double[] f = fitted.forecast(TRAIN).values();
        for (int k = 0; k < 12; k++) {
            assertEquals(x[k] * s[k % 12], f[k], 0.0, "step " + (k + 1));
        }
    }

    /** The backtest's holdout fold on data changed after the cutoff forecasts exactly as the fit on the past alone. */
    @Test
    void nothingAfterTheCutoffReachesTheModel() {
        List<Forecaster> models = List.of(new DecomposedForecaster(Series.small(12).threads(1).build()));
        double[] v = AIR.values();
        for (int t = v.length - 12; t < v.length; t++) {
            v[t] = 1000 * v[t];
        }
        BacktestResult changed = Backtest.run(List.of(TimeSeries.of(AIR.id(), AIR.index(), v)), models,
                BacktestOptions.holdout());
        assertArrayEquals(fitted.forecast(TRAIN).values(), changed.folds("lstm-deseason").get(0).forecast().values());
        assertEquals(1000 * AIR.values()[143], changed.folds("lstm-deseason").get(0).actual()[11]);
    }

    @Test
    void anyThreadCountGivesTheSameBits() {
        double[] two = new DecomposedForecaster(Series.small(12).threads(2).build()).fit(TRAIN).forecast(TRAIN)
                .values();
        assertArrayEquals(fitted.forecast(TRAIN).values(), two);
    }

    @Test
    void laterHistoriesKeepTheIndicesAndNewSeriesGetTheirOwn() {
        assertSame(fitted.adjustments().get("airpassengers"), fitted.adjustmentOf(AIR));
        double[] f = fitted.forecast(AIR).values();
        assertEquals(12, f.length);
        TimeSeries renamed = TimeSeries.of("copy", TRAIN.index(), TRAIN.values());
        FittedDecomposed.Adjustment own = fitted.adjustmentOf(renamed);
        assertArrayEquals(fitted.adjustments().get("airpassengers").indices(), own.indices());
        double[] x = fitted.network().forecast(divided(renamed, own.indices())).values();
        double[] g = fitted.forecast(renamed).values();
        for (int k = 0; k < 12; k++) {
            assertEquals(x[k] * own.indices()[k], g[k], 0.0, "a new id is adjusted by its own indices, step " + (k + 1));
        }
    }

    @Test
    void shortNonPositiveAndNonSeasonalSeriesAreNotAdjusted() {
        DecomposedForecaster gru = new DecomposedForecaster(Series.small(3).cell(Cell.GRU).build());
        TimeSeries shortSeries = Series.seasonal("short", 24, 100, 1, 10);
        TimeSeries negative = Series.seasonal("negative", 60, 0, 0, 10);
        TimeSeries yearly = TimeSeries.of("yearly", TimeIndex.plain(1, 40),
                Series.seasonal("y", 40, 10, 0.5, 3).values());
        FittedDecomposed f = gru.fit(List.of(shortSeries, negative));
        assertFalse(f.adjustments().get("short").adjusted());
        assertEquals("gru-deseason: the seasonality test needs more than 24 points (2 seasons), the history has 24: "
                + "not seasonally adjusted", f.forecast(shortSeries).note());
        assertFalse(f.adjustments().get("negative").adjusted());
        assertTrue(f.forecast(negative).note().startsWith("gru-deseason: a multiplicative decomposition needs "
                + "positive values, the history has 0.0"), f.forecast(negative).note());
        FittedDecomposed y = gru.fit(yearly);
        assertFalse(y.adjustments().get("yearly").adjusted());
        assertEquals("", y.forecast(yearly).note());
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        double[] v = TRAIN.values();
        v[5] = Double.NaN;
        TimeSeries gap = TimeSeries.of("gap", TRAIN.index(), v);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DecomposedForecaster(Series.small(12).build()).fit(gap));
        assertTrue(e.getMessage().startsWith("series 'gap' column 'value' has a missing value"), e.getMessage());
        FittedDecomposed.Adjustment a = fitted.adjustments().get("airpassengers");
        assertThrows(IllegalArgumentException.class, () -> new FittedDecomposed(fitted.network(), List.of(a, a)));
        FittedDecomposed.Adjustment quarterly = new FittedDecomposed.Adjustment("q", "2000-01", 20,
                new double[] {0.9, 1.1, 1.0, 1.0}, "");
        assertEquals("series 'q' has 4 seasonal indices but the network was trained on seasonal period 12",
                assertThrows(IllegalArgumentException.class,
                        () -> new FittedDecomposed(fitted.network(), List.of(quarterly))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FittedDecomposed.Adjustment("q", "2000-01", 20,
                new double[] {0.9, -1.1}, ""));
        assertThrows(IllegalArgumentException.class, () -> new FittedDecomposed.Adjustment("q", "2000-01", 1,
                new double[] {0.9, 1.1}, ""));
        FittedDecomposed.Adjustment copy = new FittedDecomposed.Adjustment(a.seriesId(), a.start(), a.length(),
                a.indices(), a.note());
        assertEquals(a, copy);
        assertNotEquals(a, new FittedDecomposed.Adjustment(a.seriesId(), a.start(), a.length() + 1, a.indices(), ""));
    }

    private static TimeSeries divided(TimeSeries s, double[] lastSeason) {
        double[] y = s.values();
        int n = y.length;
        for (int t = 0; t < n; t++) {
            y[t] = y[t] / lastSeason[Math.floorMod(t - (n - 12), 12)];
        }
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put(s.target(), y);
        return s.withColumns(s.index(), c);
    }
}
