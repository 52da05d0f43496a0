package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.train.LearningRateSchedule;

/** Training options that target the metric: loss scale per series, recent windows, learning-rate schedule. */
class MetricTrainingTest {
    @Test
    void theDefaultsLeaveTrainingAsItWas() {
        RnnConfig c = RnnConfig.builder(4).build();
        assertEquals(LossScale.NONE, c.lossScale());
        assertEquals(0, c.recentHorizons());
        assertNull(c.learningRateSchedule());
        RnnConfig old = new RnnConfig(4, 0, Cell.LSTM, 32, 1, 0, Strategy.DIRECT, TargetTransform.NONE,
                Scaling.STANDARD, Anchor.LAST, true, List.of(), 100, 32, 0.001, "adam", "mse", 10, 0.1, 0, 0, 1);
        assertEquals(c, old, "a model file's fields give the default training options");
    }

    @Test
    void seasonalNaiveScaleOfATrainingPart() {
        double[] z = {1, 2, 4, 3, 5, 9, 100};
        // lag 2 over [2, 6): |4-1|, |3-2|, |5-4|, |9-3| -> 11/4; the last point is past the end
        assertEquals(11 / 4.0, LossScale.seasonalNaiveMae(z, 6, 2), 1e-15);
        // a training part not longer than m uses lag 1
        assertEquals((1 + 2) / 2.0, LossScale.seasonalNaiveMae(z, 3, 4), 1e-15);
        assertTrue(Double.isNaN(LossScale.seasonalNaiveMae(z, 1, 4)));
        assertEquals(LossScale.SNAIVE, LossScale.parse(" SNaive "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossScale.parse("mase"));
        assertTrue(e.getMessage().contains("'mase'") && e.getMessage().contains("none or snaive"), e.getMessage());
    }

    /** Series 10 times larger (no scaling) weigh 10 times less; the weights average 1 over training windows. */
    @Test
    void eachSeriesWeighsByItsInverseScale() {
        TimeSeries a = Series.seasonal("a", 48, 50, 0.3, 8);
        TimeSeries b = TimeSeries.of("b", a.index(), Arrays.stream(a.values()).map(v -> 10 * v).toArray());
        TimeSeries c = Series.seasonal("c", 36, 5, 0.1, 1);
        RnnConfig config = RnnConfig.builder(6).scaling(Scaling.NONE).lossScale(LossScale.SNAIVE).build();
        List<Windows.Scaled> scaled = List.of(a, b, c).stream()
                .map(s -> Windows.Scaled.of(s, SeriesScalers.fit(TargetTransform.NONE, Scaling.NONE, s, List.of(),
                        s.size() - 6), List.of())).toList();
        int[] trainEnd = {42, 42, 30};
        int window = 12;
        double[] w = RnnForecaster.seriesWeights(config, scaled, trainEnd, window, 12);
        assertEquals(10, w[0] / w[1], 1e-9);
        double sa = LossScale.seasonalNaiveMae(scaled.get(0).z(), 42, 12);
        double sc = LossScale.seasonalNaiveMae(scaled.get(2).z(), 30, 12);
        assertEquals(sc / sa, w[0] / w[2], 1e-9);
        int[] windows = {42 - 12 - 6 + 1, 42 - 12 - 6 + 1, 30 - 12 - 6 + 1};
        double mean = (w[0] * windows[0] + w[1] * windows[1] + w[2] * windows[2]) / (windows[0] + windows[1] + windows[2]);
        assertEquals(1, mean, 1e-12);
        assertNull(RnnForecaster.seriesWeights(config.toBuilder().lossScale(LossScale.NONE).build(), scaled, trainEnd,
                window, 12));
        // a constant series (scale 0) gets the mean weight, 1
        TimeSeries flat = TimeSeries.of("flat", a.index(), new double[48]);
        List<Windows.Scaled> withFlat = List.of(scaled.get(0), Windows.Scaled.of(flat, SeriesScalers.fit(
                TargetTransform.NONE, Scaling.NONE, flat, List.of(), 42), List.of()));
        assertEquals(1.0, RnnForecaster.seriesWeights(config, withFlat, new int[] {42, 42}, window, 12)[1]);
    }

    @Test
    void recentHorizonsKeepOnlyWindowsWhoseTargetsEndLate() {
        TimeSeries s = Series.seasonal("s", 96, 100, 0.5, 10);
        RnnConfig all = Series.small(6).window(12).epochs(2).build();
        // 96 points, validation max(6, ceil(9.6)) = 10: training part 86, windows 86 - 12 - 6 + 1 = 69
        assertEquals(69, new RnnForecaster(all).fit(s).trainingWindows());
        // L = 2: targets end in the last 12 training points -> 12 windows; validation windows unchanged
        FittedRnn recent = new RnnForecaster(all.toBuilder().recentHorizons(2).build()).fit(s);
        assertEquals(12, recent.trainingWindows());
        assertEquals(new RnnForecaster(all).fit(s).validationWindows(), recent.validationWindows());
        assertEquals(0, RnnForecaster.firstTrainingStart(all, 86, 12));
        assertEquals(86 - 12 - 12 - 6 + 1, RnnForecaster.firstTrainingStart(all.toBuilder().recentHorizons(2).build(), 86, 12));
        // more horizons than the series has: every window
        assertEquals(69, new RnnForecaster(all.toBuilder().recentHorizons(50).build()).fit(s).trainingWindows());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RnnConfig.builder(4).recentHorizons(-1).build());
        assertTrue(e.getMessage().contains("recent horizons") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void theScheduleSetsEveryEpochsRate() {
        TimeSeries s = Series.seasonal("s", 60, 100, 0.5, 10);
        RnnConfig c = Series.small(6).epochs(5).patience(0).learningRate(0.01).schedule("cosine").build();
        double[] lr = new RnnForecaster(c).fit(s).trainingHistory().learningRate();
        LearningRateSchedule cosine = new LearningRateSchedule.Cosine(5, 0);
        for (int e = 1; e <= 5; e++) {
            assertEquals(cosine.rate(0.01, e), lr[e - 1], 1e-18);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RnnConfig.builder(4).schedule("linear").build());
        assertTrue(e.getMessage().contains("'linear'"), e.getMessage());
    }

    /** With every option on, a fit is still a pure function of the seed, and differs from the plain fit. */
    @Test
    void scaledRecentScheduledTrainingIsDeterministic() {
        List<TimeSeries> many = List.of(Series.seasonal("s1", 72, 100, 0.5, 10), Series.seasonal("s2", 72, 5, 0.01, 1),
                Series.seasonal("s3", 60, 1000, 4, 80));
        RnnConfig c = Series.small(6).scaling(Scaling.NONE).transform(TargetTransform.LOG1P).loss("mae")
                .lossScale(LossScale.SNAIVE).recentHorizons(3).schedule("step:3:0.5").build();
        double[] one = new RnnForecaster(c).fit(many).forecast(many.get(1)).values();
        double[] again = new RnnForecaster(c.toBuilder().threads(2).build()).fit(many).forecast(many.get(1)).values();
        assertArrayEquals(one, again);
        double[] plain = new RnnForecaster(c.toBuilder().lossScale(LossScale.NONE).build()).fit(many)
                .forecast(many.get(1)).values();
        assertFalse(Arrays.equals(one, plain), "the loss scale changes training");
    }

    @Test
    void theSmapeLossNeedsUnscaledLogs() {
        RnnConfig ok = RnnConfig.builder(4).transform(TargetTransform.LOG1P).scaling(Scaling.NONE).loss("log_smape").build();
        assertEquals("log_smape", ok.loss());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RnnConfig.builder(4).transform(TargetTransform.LOG).loss("log_smape").build());
        assertTrue(e.getMessage().contains("scaling none") && e.getMessage().contains("scaling standard"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RnnConfig.builder(4).scaling(Scaling.NONE).loss("log_smape").build());
        assertTrue(e.getMessage().contains("transform none"), e.getMessage());
    }

    /** A series not longer than its validation part holds out nothing instead of failing the global fit. */
    @Test
    void aSeriesShorterThanItsValidationPartJoinsTheFit() {
        TimeSeries tiny = TimeSeries.of("tiny", Series.seasonal("x", 3, 10, 0, 1).index(), new double[] {3, 4, 5});
        List<TimeSeries> data = List.of(Series.seasonal("long", 60, 10, 0.1, 2), tiny);
        FittedRnn f = new RnnForecaster(Series.small(4).build()).fit(data);
        assertEquals(4, f.forecast(tiny).values().length);
        assertTrue(Arrays.stream(f.forecast(tiny).values()).allMatch(Double::isFinite));
    }
}
