package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.baseline.SimpleBaselines;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.metrics.Metrics;
import org.seqcast.tensor.Rng;

class ConformalForecasterTest {
    private static final int H = 4;

    /**
     * Exchangeable scores give coverage of at least c and below c + 1/(n+1) on average. R replications, each of
     * S independent stationary AR(1) series (φ = 0.7, unit noise, started in the stationary distribution), one
     * calibration origin per series (n = S absolute naive errors per step), then each series' next H points.
     * The naive forecast's error y_{t+k} − y_t has the same law from every origin, so the calibration scores and
     * the test score of a step are exchangeable and the guarantee holds exactly. Tolerance: the observed
     * coverage of one replication and step varies by the binomial standard error of the S test points plus that
     * of the calibration quantile (a Beta with variance ≈ p(1 − p)/(n + 2)); averaged over R independent
     * replications, SE = √(p(1 − p)·(1/S + 1/(S + 2))/R), ignoring the (positive) gain from averaging over the H
     * steps. The test allows 4 SE: p − 4·SE ≤ coverage ≤ p + 1/(n+1) + 4·SE.
     */
    @Test
    void coversAsPromisedOnStationaryAr1Series() {
        checkCoverage(new Rng(11), false, ConformalScore.ABSOLUTE);
    }

    /**
     * The same on random walks of very different sizes (each series multiplied by e^{2z}, z standard normal)
     * with scaled scores: one pooled set of scores serves every size. Each score is divided by its history's
     * naive MAE, estimated from n − H points for calibration and n for the test, so exchangeability holds only
     * approximately; the same tolerance still applies.
     */
    @Test
    void scaledScoresCoverSeriesOfEverySize() {
        checkCoverage(new Rng(12), true, ConformalScore.SCALED);
    }

    private static void checkCoverage(Rng rng, boolean randomWalk, ConformalScore score) {
        int reps = 25;
        int seriesCount = 200;
        int n = 40;
        double[] levels = {80, 95};
        ConformalForecaster conformal = new ConformalForecaster(BaselineForecaster.of("naive", H),
                ConformalConfig.defaults().withLevels(levels).withScore(score));
        double[] covered = new double[levels.length];
        int total = 0;
        for (int r = 0; r < reps; r++) {
            List<TimeSeries> full = new ArrayList<>();
            for (int i = 0; i < seriesCount; i++) {
                full.add(simulate("s" + i, n + H, randomWalk, rng));
            }
            List<TimeSeries> training = full.stream().map(s -> s.head(n)).toList();
            FittedConformal fitted = conformal.fit(training);
            assertEquals(seriesCount, fitted.calibration().windows(), "one origin per series reaches 95%");
            for (int i = 0; i < seriesCount; i++) {
                Forecast f = fitted.forecast(training.get(i));
                double[] y = Arrays.copyOfRange(full.get(i).values(), n, n + H);
                for (int c = 0; c < levels.length; c++) {
                    double[] lo = f.distribution().lower(levels[c]);
                    double[] hi = f.distribution().upper(levels[c]);
                    for (int k = 0; k < H; k++) {
                        covered[c] += lo[k] <= y[k] && y[k] <= hi[k] ? 1 : 0;
                    }
                }
                total += H;
            }
        }
        for (int c = 0; c < levels.length; c++) {
            double p = levels[c] / 100;
            double se = Math.sqrt(p * (1 - p) * (1.0 / seriesCount + 1.0 / (seriesCount + 2)) / reps);
            double observed = covered[c] / total;
            String what = levels[c] + "%: observed " + observed + ", SE " + se;
            assertTrue(observed >= p - 4 * se, what);
            assertTrue(observed <= p + 1.0 / (seriesCount + 1) + 4 * se, what);
        }
    }

    /** AR(1) with φ = 0.7 from its stationary law, or a random walk of size e^{2z}; yearly, so m = 1. */
    private static TimeSeries simulate(String id, int length, boolean randomWalk, Rng rng) {
        double[] v = new double[length];
        double phi = 0.7;
        if (randomWalk) {
            double size = Math.exp(2 * rng.gaussian());
            v[0] = 100 * size;
            for (int t = 1; t < length; t++) {
                v[t] = v[t - 1] + size * rng.gaussian();
            }
        } else {
            v[0] = rng.gaussian() / Math.sqrt(1 - phi * phi);
            for (int t = 1; t < length; t++) {
                v[t] = phi * v[t - 1] + rng.gaussian();
            }
        }
        return TimeSeries.of(id, TimeIndex.of(Frequency.YEARLY, LocalDate.of(1900, 1, 1), length), v);
    }

    /** The radius is the ⌈(n+1)·c/100⌉-th smallest score, recomputed here from the definition. */
    @Test
    void radiusIsTheCorrectedQuantileOfTheCalibrationErrors() {
        TimeSeries s = Series.seasonal("s", 60, 10, 0.3, 2);
        int k = 5;
        ConformalConfig config = ConformalConfig.defaults().withLevels(80).withScore(ConformalScore.SCALED)
                .withOrigins(k).withStep(2);
        FittedConformal fitted = new ConformalForecaster(BaselineForecaster.of("drift", H), config).fit(s);
        double[] y = s.values();
        double[][] scores = new double[H][k];
        for (int j = 0; j < k; j++) {
            int cut = 60 - H - (k - 1 - j) * 2;
            double[] past = Arrays.copyOf(y, cut);
            double[] f = SimpleBaselines.drift(past, H);
            double scale = Metrics.seasonalNaiveScale(past, 12);
            for (int step = 0; step < H; step++) {
                scores[step][j] = Math.abs(y[cut + step] - f[step]) / scale;
            }
        }
        // n = 5, 80%: rank ⌈6·0.8⌉ = 5, the largest
        assertEquals(5, ConformalCalibration.rank(5, 80));
        Forecast f = fitted.forecast(s);
        double scale = Metrics.seasonalNaiveScale(y, 12);
        double[] point = SimpleBaselines.drift(y, H);
        assertArrayEquals(point, f.values());
        for (int step = 0; step < H; step++) {
            double r = Arrays.stream(scores[step]).max().orElseThrow();
            assertEquals(r, fitted.calibration().radius()[step][0], 1e-12);
            assertEquals(point[step] - r * scale, f.distribution().lower(80)[step], 1e-9);
            assertEquals(point[step] + r * scale, f.distribution().upper(80)[step], 1e-9);
        }
        assertEquals("drift", f.model());
    }

    @Test
    void finiteSampleRanks() {
        assertEquals(19, ConformalCalibration.minimumWindows(95));
        assertEquals(4, ConformalCalibration.minimumWindows(80));
        assertEquals(99, ConformalCalibration.minimumWindows(99));
        assertEquals(1, ConformalCalibration.minimumWindows(50));
        assertEquals(19, ConformalCalibration.rank(19, 95));
        assertEquals(96, ConformalCalibration.rank(100, 95)); // ⌈101·0.95⌉ = ⌈95.95⌉
        assertEquals(80, ConformalCalibration.rank(99, 80)); // exactly 80: no rounding up
        double[][] scores = {{5, 1, 4, 2, 3}};
        ConformalCalibration c = ConformalCalibration.of(new double[] {50, 80}, ConformalScore.ABSOLUTE, scores);
        assertArrayEquals(new double[] {3, 5}, c.radius()[0]); // ranks ⌈6·0.5⌉ = 3 and ⌈6·0.8⌉ = 5
    }

    /** For local baselines, refitting at every origin and fitting once give the same intervals. */
    @Test
    void cheapModeEqualsRefitForLocalBaselines() {
        List<TimeSeries> series = List.of(Series.airPassengers(), Series.seasonal("b", 80, 100, 1, 9));
        ConformalConfig config = ConformalConfig.defaults().withOrigins(12);
        Forecaster theta = BaselineForecaster.of("theta", 12);
        FittedConformal refit = new ConformalForecaster(theta, config).fit(series);
        FittedConformal once = new ConformalForecaster(theta, config.withRefit(false)).fit(series);
        assertEquals(24, refit.calibration().windows());
        assertEquals(refit.calibration(), once.calibration());
        for (TimeSeries s : series) {
            assertSameForecast(refit.forecast(s), once.forecast(s));
            assertTrue(refit.forecast(s).distribution().lower(95)[0] < refit.forecast(s).distribution().lower(80)[0]);
        }
    }

    /** A tiny network in the cheap mode: the same intervals for one and two threads. */
    @Test
    void sameIntervalsForAnyThreadCount() {
        TimeSeries air = Series.airPassengers();
        ConformalConfig config = ConformalConfig.defaults().withRefit(false);
        Forecast[] out = new Forecast[2];
        for (int threads = 1; threads <= 2; threads++) {
            RnnForecaster net = new RnnForecaster(Series.small(6).units(4).epochs(2).threads(threads).build());
            out[threads - 1] = new ConformalForecaster(net, config).fit(air).forecast(air);
        }
        assertTrue(out[0].hasDistribution());
        assertSameForecast(out[0], out[1]);
    }

    /** The same point values and distribution, bit for bit. */
    private static void assertSameForecast(Forecast expected, Forecast actual) {
        assertArrayEquals(expected.values(), actual.values());
        assertEquals(expected.distribution(), actual.distribution());
        assertEquals(expected.note(), actual.note());
    }

    @Test
    void aConstantHistoryGetsZeroWidthAndANote() {
        TimeSeries s = Series.seasonal("s", 60, 10, 0.3, 2);
        FittedConformal fitted = ConformalForecaster.of(BaselineForecaster.of("naive", H), 80, 95).fit(s);
        double[] flat = new double[30];
        Arrays.fill(flat, 7);
        Forecast f = fitted.forecast(TimeSeries.of("flat", TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2000, 1, 1),
                30), flat));
        assertArrayEquals(f.values(), f.distribution().lower(95));
        assertTrue(f.note().contains("intervals of width 0"), f.note());
    }

    @Test
    void badInputNamesTheParameterAndTheMinimum() {
        Forecaster naive = BaselineForecaster.of("naive", H);
        for (double bad : new double[] {0, 100, -5, 150, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConformalForecaster.of(naive, 80, bad));
            assertTrue(e.getMessage().startsWith("levels: ") && e.getMessage().contains("outside (0, 100)"),
                    e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConformalForecaster.of(naive, 95, 80, 95))
                .getMessage().contains("levels: 95 is given twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConformalForecaster.of(naive))
                .getMessage().startsWith("levels: "));
        // one series of 20 points: 15 origins of step 1 at most, 95% needs 19
        TimeSeries s = Series.seasonal("s", 20, 10, 0.3, 2);
        String auto = assertThrows(IllegalArgumentException.class, () -> ConformalForecaster.of(naive, 95).fit(s))
                .getMessage();
        assertTrue(auto.startsWith("levels: the 95% interval needs at least 19 calibration windows"), auto);
        assertTrue(auto.contains("at least 24 points"), auto); // H + (19 − 1)·1 + 2
        ConformalConfig three = ConformalConfig.defaults().withLevels(95).withOrigins(3);
        String explicit = assertThrows(IllegalArgumentException.class,
                () -> new ConformalForecaster(naive, three).fit(Series.airPassengers())).getMessage();
        assertTrue(explicit.contains("origins = 3") && explicit.contains("give 3"), explicit);
        String tooShort = assertThrows(IllegalArgumentException.class,
                () -> ConformalForecaster.of(naive, 80).fit(s.head(5))).getMessage();
        assertTrue(tooShort.contains("at least 6 points"), tooShort);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConformalConfig.defaults().withOrigins(-1))
                .getMessage().contains("origins"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConformalConfig.defaults().withStep(0))
                .getMessage().contains("step"));
    }
}
