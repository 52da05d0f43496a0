package org.seqcast.forecast.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Series;

/**
 * Integrated gradients of trained networks: completeness within a small error that shrinks with m, the
 * attribution landing on the one input cell a synthetic target depends on, and bit-identical reruns.
 */
class IntegratedGradientsTest {
    private static final int H = 6;

    private static FittedRnn fitted;

    @BeforeAll
    static void fit() {
        fitted = new RnnForecaster(Series.small(H).window(12).seed(1).epochs(6).build()).fit(Series.airPassengers());
    }

    @Test
    void attributionsSumToTheDifferenceOfOutputsWithinTheStatedError() {
        TimeSeries history = Series.airPassengers();
        Attribution a64 = IntegratedGradients.of(fitted).explain(history);
        Attribution a4 = IntegratedGradients.of(fitted).steps(4).explain(history);
        assertEquals(H, a64.horizon());
        assertEquals(12, a64.steps().size());
        assertEquals(List.of(org.seqcast.forecast.FittedRnn.TARGET_FEATURE), a64.features().subList(0, 1));
        assertEquals(history.index().label(history.size() - 1), a64.steps().get(11));
        assertEquals(history.index().following(H).label(0), a64.targets().get(0));
        System.out.printf("IntegratedGradientsTest: completeness m=64 max abs %.2e rel %.2e (total %.2e rel %.2e);"
                        + " m=4 max abs %.2e rel %.2e%n", a64.maxCompletenessError(), a64.maxRelativeError(),
                a64.totalCompletenessError(), a64.totalRelativeError(), a4.maxCompletenessError(), a4.maxRelativeError());
        for (int k = 0; k < H; k++) {
            assertTrue(Math.abs(a64.difference(k)) > 1e-3, "premise: the window moves output " + k + " away from"
                    + " the baseline's: " + a64.difference(k));
            assertTrue(a64.relativeError(k) < 1e-3, "step " + k + ": relative error " + a64.relativeError(k));
        }
        assertTrue(a64.totalRelativeError() < 1e-3, "horizon sum: " + a64.totalRelativeError());
        assertTrue(a64.maxCompletenessError() < a4.maxCompletenessError(), "the error shrinks with m: "
                + a64.maxCompletenessError() + " (m = 64) vs " + a4.maxCompletenessError() + " (m = 4)");
    }

    @Test
    void explanationsAreDeterministic() {
        Attribution a = IntegratedGradients.of(fitted).steps(8).explain(Series.airPassengers());
        Attribution b = IntegratedGradients.of(fitted).steps(8).explain(Series.airPassengers());
        for (int k = 0; k < H; k++) {
            for (int t = 0; t < a.steps().size(); t++) {
                assertArrayEquals(a.of(k)[t], b.of(k)[t]);
            }
        }
        assertArrayEquals(a.output(), b.output());
        assertEquals(a, b, "equal by value");
    }

    /**
     * y_t = 3·d_{t−1} + small noise with d i.i.d. uniform: the one-step forecast (anchor NONE, so the output is
     * the scaled target itself) depends on the driver at the window's last step only, and so should its
     * attribution. The premise, that the network learned the relation, is checked first.
     */
    @Test
    void aTargetDrivenByTheLastStepOfOneCovariateIsAttributedThere() {
        int n = 400;
        SplittableRandom r = new SplittableRandom(7);
        double[] d = new double[n];
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            d[t] = r.nextDouble();
            y[t] = 10 + (t > 0 ? 3 * d[t - 1] : 0) + 0.01 * r.nextDouble();
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("y", y);
        columns.put("driver", d);
        columns.put("noise", r.doubles(n).toArray());
        TimeSeries s = new TimeSeries("s", TimeIndex.of(Frequency.MONTHLY, LocalDate.of(1990, 1, 1), n), "y", columns,
                12, Map.of(), Map.of());
        RnnConfig config = RnnConfig.builder(1).window(4).units(16).epochs(60).patience(10).learningRate(0.01).seed(2)
                .anchor(Anchor.NONE).calendarFeatures(false).covariates(List.of("driver", "noise")).build();
        FittedRnn model = new RnnForecaster(config).fit(s);
        TimeSeries history = s.head(n - 1);
        double forecast = model.forecast(history).values()[0];
        assertEquals(y[n - 1], forecast, 0.3, "premise: the network learned y_t = 3 d_{t-1}: forecast " + forecast
                + " vs actual " + y[n - 1]);

        Attribution a = IntegratedGradients.of(model).explain(history);
        assertEquals(List.of("target", "driver", "noise"), a.features());
        double[][] total = a.total();
        double all = 0;
        for (double[] row : total) {
            for (double v : row) {
                all += Math.abs(v);
            }
        }
        double there = Math.abs(total[3][1]);
        System.out.printf("IntegratedGradientsTest: the driver's last step holds %.3f of the absolute attribution%n",
                there / all);
        assertTrue(there > 0.6 * all, "the driver's last step holds " + there + " of " + all);
        assertTrue(a.relativeError(0) < 1e-3, "completeness: " + a.relativeError(0));
    }

    /**
     * A network with a decoder (a Graph reading future-known values and static attributes besides the window,
     * here a quantile network whose median is explained): the window's attributions still sum to the difference,
     * the decoder's inputs held at their values. Its decoder is a ReLU layer, whose gradient jumps where a unit
     * switches on or off along the path, so the trapezoidal rule's error falls as 1/m rather than 1/m²: measured
     * about 4e-4 in model units at m = 64 and 2e-4 at 256 on this network (relative 4.7e-3 and 2.3e-3 on its first
     * step; the smooth network above: under 2e-4 relative at m = 64).
     */
    @Test
    void aNetworkWithADecoderIsExplainedThroughItsWindow() {
        List<TimeSeries> series = Series.promotions(3, 4, 120);
        FittedRnn model = new RnnForecaster(RnnConfig.builder(3).window(6).units(8).epochs(3).seed(5)
                .calendarFeatures(false).covariates(List.of("noise")).futureCovariates(List.of("promo"))
                .staticCovariates(List.of("category")).quantiles(List.of(0.1, 0.5, 0.9)).build()).fit(series);
        TimeSeries history = series.get(1).knownAt(114, List.of("promo"));
        Attribution a16 = IntegratedGradients.of(model).steps(16).explain(history);
        Attribution a256 = IntegratedGradients.of(model).steps(256).explain(history);
        assertEquals(List.of("target", "noise", "promo"), a256.features());
        assertEquals(3, a256.horizon());
        for (int k = 0; k < 3; k++) {
            assertTrue(Math.abs(a256.difference(k)) > 1e-3, "premise: output " + k + " moves: " + a256.difference(k));
            assertTrue(a256.completenessError(k) < 1e-3, "step " + k + ": error " + a256.completenessError(k)
                    + " in model units (a thousandth of the series' scale)");
            assertTrue(a256.completenessError(k) < a16.completenessError(k), "step " + k + ": the error shrinks with m");
        }
    }

    @Test
    void aUserBaselineIsUsedAndChecked() {
        TimeSeries history = Series.airPassengers();
        IntegratedGradients ig = IntegratedGradients.of(fitted).steps(16);
        Attribution zero = ig.explain(history);
        double[][] same = zero.input();
        Attribution none = ig.explain(history, same);
        for (int k = 0; k < H; k++) {
            assertEquals(0, none.difference(k), 0, "baseline = input: no difference");
            assertEquals(0, none.sum(k), 0, "baseline = input: no attribution");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ig.explain(history, new double[3][2]));
        assertTrue(e.getMessage().contains("baseline must have 12 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ig.steps(0));
    }
}
