package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.metrics.Metrics;

class RnnForecasterTest {
    @Test
    void forecastsTheNextHTimeStamps() {
        TimeSeries air = Series.airPassengers();
        Forecast f = new RnnForecaster(Series.small(12).build()).fit(air).forecast(air);
        assertEquals(12, f.horizon());
        assertEquals("1961-01-01", f.label(0));
        assertEquals("1961-12-01", f.label(11));
        assertEquals("airpassengers", f.seriesId());
        assertEquals("lstm", f.model());
    }

    /**
     * Refit: early stopping picks the epochs, then a fresh network of the same seed and window trains on every
     * window for them; the result is exactly that second fit, and it differs from the first.
     */
    @Test
    void refitTrainsAgainOnEveryWindowForTheChosenEpochs() {
        TimeSeries air = Series.airPassengers();
        RnnConfig c = Series.small(12).epochs(60).patience(3).learningRate(0.02).build();
        FittedRnn first = new RnnForecaster(c).fit(air);
        RnnConfig again = RnnForecaster.refitConfig(first);
        assertEquals(first.config().window(), again.window(), "the first fit's window");
        assertEquals(first.trainingHistory().bestEpoch(), again.epochs());
        assertTrue(again.epochs() >= 1 && again.epochs() < 60, "premise: early stopping chose " + again.epochs());
        assertEquals(0, again.validationFraction());
        assertEquals(0, again.patience());
        assertFalse(again.refit());

        FittedRnn refitted = new RnnForecaster(c.toBuilder().refit(true).build()).fit(air);
        assertEquals(again, refitted.config(), "the fitted network says how it was trained");
        assertEquals(again.epochs(), refitted.trainingHistory().epochsRun());
        assertTrue(refitted.trainingWindows() > first.trainingWindows(), "the validation part's windows train too");
        assertArrayEquals(new RnnForecaster(again).fit(air).forecast(air).values(),
                refitted.forecast(air).values(), "the refit is the second fit itself");
        assertFalse(java.util.Arrays.equals(first.forecast(air).values(), refitted.forecast(air).values()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Series.small(12).refit(true).patience(0).build());
        assertTrue(e.getMessage().contains("needs early stopping; got patience 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Series.small(12).refit(true).validationFraction(0).build());
    }

    @Test
    void scalersSeeOnlyTheTrainingPart() {
        TimeSeries air = Series.airPassengers();
        FittedRnn fitted = new RnnForecaster(Series.small(12).build()).fit(air);
        int validation = Math.max(12, (int) Math.ceil(0.1 * air.size()));
        AffineScaler expected = Scaling.STANDARD.fit(Arrays.copyOf(air.values(), air.size() - validation));
        assertEquals(expected, fitted.scalers().get("airpassengers").target());
        // and the validation part changes nothing about them
        double[] v = air.values();
        for (int t = air.size() - validation; t < v.length; t++) {
            v[t] *= 10;
        }
        FittedRnn other = new RnnForecaster(Series.small(12).build())
                .fit(TimeSeries.of("airpassengers", air.index(), v));
        assertEquals(expected, other.scalers().get("airpassengers").target());
    }

    @Test
    void sameSeedSameForecastForAnyThreadCount() {
        TimeSeries air = Series.airPassengers();
        double[] one = new RnnForecaster(Series.small(12).threads(1).build()).fit(air).forecast(air).values();
        double[] two = new RnnForecaster(Series.small(12).threads(2).build()).fit(air).forecast(air).values();
        double[] again = new RnnForecaster(Series.small(12).threads(1).build()).fit(air).forecast(air).values();
        assertArrayEquals(one, two);
        assertArrayEquals(one, again);
        double[] otherSeed = new RnnForecaster(Series.small(12).seed(7).build()).fit(air).forecast(air).values();
        assertFalse(Arrays.equals(one, otherSeed));
    }

    /**
     * Per-series standard scaling and windows relative to the last value make the network blind to a series'
     * units: a series times 1024 (exact in binary) gets exactly 1024 times the forecast.
     */
    @Test
    void perSeriesScalingMakesForecastsScaleEquivariant() {
        TimeSeries a = Series.seasonal("a", 80, 50, 0.3, 8);
        double[] big = a.values();
        for (int t = 0; t < big.length; t++) {
            big[t] *= 1024;
        }
        TimeSeries b = TimeSeries.of("a", a.index(), big);
        double[] fa = new RnnForecaster(Series.small(6).build()).fit(a).forecast(a).values();
        double[] fb = new RnnForecaster(Series.small(6).build()).fit(b).forecast(b).values();
        for (int k = 0; k < 6; k++) {
            assertEquals(fa[k] * 1024, fb[k], 1e-9 * Math.abs(fb[k]));
        }
    }

    @Test
    void aGlobalModelLearnsASharedPatternAcrossSeriesOfDifferentLevels() {
        List<TimeSeries> many = List.of(Series.seasonal("s1", 96, 100, 0.5, 10),
                Series.seasonal("s2", 96, 5, 0.02, 0.5), Series.seasonal("s3", 96, 1000, -2, 80));
        FittedForecaster global = new RnnForecaster(RnnConfig.builder(12).units(16).epochs(60).build())
                .fit(many.stream().map(s -> s.head(84)).toList());
        for (TimeSeries s : many) {
            double[] f = global.forecast(s.head(84)).values();
            double[] actual = Arrays.copyOfRange(s.values(), 84, 96);
            double[] naive = org.seqcast.baseline.SimpleBaselines.naive(s.head(84).values(), 12);
            assertTrue(Metrics.mae(actual, f) < 0.5 * Metrics.mae(actual, naive),
                    s.id() + ": network MAE " + Metrics.mae(actual, f) + " vs naive " + Metrics.mae(actual, naive));
        }
    }

    @Test
    void recursiveStrategyFeedsForecastsBack() {
        TimeSeries s = Series.seasonal("s", 96, 100, 0.5, 10);
        RnnConfig c = Series.small(12).strategy(Strategy.RECURSIVE).epochs(40).build();
        FittedRnn fitted = new RnnForecaster(c).fit(s.head(84));
        assertEquals(1, fitted.model().outputShape()[0]);
        double[] f = fitted.forecast(s.head(84)).values();
        double[] actual = Arrays.copyOfRange(s.values(), 84, 96);
        double[] naive = org.seqcast.baseline.SimpleBaselines.naive(s.head(84).values(), 12);
        assertTrue(Metrics.mae(actual, f) < Metrics.mae(actual, naive), Arrays.toString(f));
    }

    @Test
    void pastCovariatesAreInputFeatures() {
        TimeSeries base = Series.seasonal("s", 60, 10, 0.1, 2);
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("value", base.values());
        double[] driver = new double[60];
        for (int t = 0; t < 60; t++) {
            driver[t] = Math.cos(t);
        }
        cols.put("driver", driver);
        TimeSeries s = new TimeSeries("s", base.index(), "value", cols, 12);
        RnnConfig c = Series.small(3).covariates(List.of("driver")).build();
        FittedRnn fitted = new RnnForecaster(c).fit(s);
        assertEquals(1 + 1 + 2, fitted.model().inputShape()[1]);
        double[] f1 = fitted.forecast(s).values();
        double[] changed = driver.clone();
        changed[59] += 5;
        cols.put("driver", changed);
        double[] f2 = fitted.forecast(new TimeSeries("s", base.index(), "value", cols, 12)).values();
        assertFalse(Arrays.equals(f1, f2), "the last covariate value must reach the network");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitted.forecast(base));
        assertTrue(e.getMessage().contains("no covariate column 'driver'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Series.small(3).covariates(List.of("driver")).strategy(Strategy.RECURSIVE).build());
    }

    @Test
    void perSeriesModelsAreIndependent() {
        TimeSeries a = Series.seasonal("a", 60, 10, 0.1, 2);
        TimeSeries b = Series.seasonal("b", 60, 500, -1, 30);
        Forecaster local = new PerSeriesForecaster(new RnnForecaster(Series.small(4).build()));
        FittedForecaster both = local.fit(List.of(a, b));
        double[] alone = new RnnForecaster(Series.small(4).build()).fit(a).forecast(a).values();
        assertArrayEquals(alone, both.forecast(a).values());
        assertEquals("lstm-local", both.forecast(b).model());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> both.forecast(Series.seasonal("c", 60, 1, 0, 1)));
        assertTrue(e.getMessage().contains("no model was fitted for series 'c'"), e.getMessage());
    }

    @Test
    void theMinimumLengthIsExactlyWhatFitNeeds() {
        RnnConfig c = Series.small(6).window(12).build();
        int min = RnnForecaster.minimumLength(c);
        assertEquals(24, min); // 12 inputs + 6 targets for training, then max(6, ceil(0.1 n)) = 6 for validation
        new RnnForecaster(c).fit(Series.seasonal("ok", min, 10, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new RnnForecaster(c).fit(Series.seasonal("short", min - 1, 10, 0, 1)));
        assertEquals(15, RnnForecaster.minimumLength(c.toBuilder().strategy(Strategy.RECURSIVE).build())); // 12 + 1, then ceil(1.5) = 2
    }

    @Test
    void tooShortASeriesSaysTheMinimumLength() {
        TimeSeries tiny = Series.seasonal("tiny", 20, 10, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnForecaster(Series.small(6).window(12).build()).fit(tiny));
        assertTrue(e.getMessage().contains("needs 18 training points"), e.getMessage());
        assertTrue(e.getMessage().contains("20 points"), e.getMessage());
    }

    @Test
    void aConstantSeriesIsForecastAsThatConstant() {
        double[] v = new double[60];
        java.util.Arrays.fill(v, 42.5);
        TimeSeries flat = TimeSeries.of("flat", TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2000, 1, 1), 60), v);
        for (Scaling scaling : Scaling.values()) {
            double[] f = new RnnForecaster(Series.small(4).scaling(scaling).build()).fit(flat).forecast(flat).values();
            for (double x : f) {
                assertEquals(42.5, x, 0.5, scaling + ": " + Arrays.toString(f));
            }
        }
    }

    @Test
    void logTransformNeedsPositiveValues() {
        double[] v = Series.seasonal("s", 40, 10, 0, 1).values();
        v[5] = 0;
        TimeSeries s = TimeSeries.of("s", TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2000, 1, 1), 40), v);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnForecaster(Series.small(3).transform(TargetTransform.LOG).build()).fit(s));
        assertTrue(e.getMessage().contains("2000-06-01") && e.getMessage().contains("log1p"), e.getMessage());
        Forecast f = new RnnForecaster(Series.small(3).transform(TargetTransform.LOG1P).build()).fit(s).forecast(s);
        assertEquals(3, f.horizon());
    }

    @Test
    void missingValuesAreRefusedWithTheirPosition() {
        double[] v = Series.seasonal("s", 40, 10, 0, 1).values();
        v[17] = Double.NaN;
        TimeSeries s = TimeSeries.of("s", TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2000, 1, 1), 40), v);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnForecaster(Series.small(3).build()).fit(s));
        assertTrue(e.getMessage().contains("2001-06-01"), e.getMessage());
        assertTrue(e.getMessage().contains("interpolate"), e.getMessage());
    }

    @Test
    void frequencyMismatchIsRefused() {
        TimeSeries monthly = Series.seasonal("m", 40, 10, 0, 1);
        TimeSeries quarterly = TimeSeries.of("q", TimeIndex.of(Frequency.QUARTERLY, LocalDate.of(2000, 1, 1), 40),
                monthly.values());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> new RnnForecaster(Series.small(3).build()).fit(List.of(monthly, quarterly)));
        assertTrue(mixed.getMessage().contains("quarterly"), mixed.getMessage());
        FittedRnn fitted = new RnnForecaster(Series.small(3).build()).fit(monthly);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitted.forecast(quarterly));
        assertTrue(e.getMessage().contains("trained on monthly"), e.getMessage());
    }

    @Test
    void aShortHistoryIsPaddedNotRefused() {
        TimeSeries s = Series.seasonal("s", 80, 10, 0.1, 2);
        FittedRnn fitted = new RnnForecaster(Series.small(3).window(24).build()).fit(s);
        TimeSeries shortNew = TimeSeries.of("new", s.index().slice(0, 10), Arrays.copyOf(s.values(), 10));
        Forecast f = fitted.forecast(shortNew);
        assertEquals("2000-11-01", f.label(0));
        assertNotEquals(0.0, f.values()[0]);
    }
}
