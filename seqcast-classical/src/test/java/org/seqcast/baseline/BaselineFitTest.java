package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.baseline.ExponentialSmoothingRTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * What the fits keep: σ² of every method against its definition from the one-step in-sample residuals, computed
 * here independently (fitted values first, then residuals, then the sum), on the R fixtures' series; Theta's σ²
 * against R's ses()$model$sigma2 where thetaf does not adjust; the undefined cases; the seasonal alignment.
 */
class BaselineFitTest {
    private static final double TOL = 1e-12;

    @Test
    void simpleMethodsKeepRsResidualVariance() {
        int checked = 0;
        for (JsonNode c : RFixture.json("smoothing_r.json").get("cases")) {
            double[] y = RFixture.doubles(c.get("train"));
            int m = c.get("m").asInt();
            int n = y.length;
            double mean = 0;
            for (double v : y) {
                mean += v / n;
            }
            double[] meanResiduals = new double[n];
            double[] naiveResiduals = new double[n - 1];
            double[] seasonalResiduals = new double[n - m];
            double[] driftResiduals = new double[n - 1];
            double slope = (y[n - 1] - y[0]) / (n - 1);
            for (int t = 0; t < n; t++) {
                meanResiduals[t] = y[t] - mean;
                if (t >= 1) {
                    naiveResiduals[t - 1] = y[t] - y[t - 1];
                    driftResiduals[t - 1] = y[t] - (y[t - 1] + slope);
                }
                if (t >= m) {
                    seasonalResiduals[t - m] = y[t] - y[t - m];
                }
            }
            String s = c.get("series").asText();
            assertRelative(sumOfSquares(meanResiduals) / (n - 1), SimpleBaselines.fitMean(y).sigma2(), s + " mean");
            assertRelative(sumOfSquares(naiveResiduals) / (n - 1), SimpleBaselines.fitNaive(y).sigma2(), s + " naive");
            assertRelative(sumOfSquares(seasonalResiduals) / (n - m), SimpleBaselines.fitSeasonalNaive(y, m).sigma2(),
                    s + " snaive");
            assertRelative(sumOfSquares(driftResiduals) / (n - 2), SimpleBaselines.fitDrift(y).sigma2(), s + " drift");
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void simpleFitsForecastAsTheFunctions() {
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
        assertArrayEquals(new double[] {3.9, 3.9}, SimpleBaselines.fitMean(y).forecast(2), 1e-15);
        assertArrayEquals(new double[] {3, 3, 3}, SimpleBaselines.fitNaive(y).forecast(3));
        SeasonalNaiveFit s = SimpleBaselines.fitSeasonalNaive(y, 4);
        assertArrayEquals(new double[] {9, 2, 6, 5, 3, 9, 2, 6, 5, 3}, SimpleBaselines.fitSeasonalNaive(y, 5)
                .forecast(10));
        assertArrayEquals(new double[] {2, 6, 5, 3, 2}, s.forecast(5));
        assertEquals(4, s.period());
        DriftFit d = SimpleBaselines.fitDrift(y);
        assertEquals(0.0, d.slope());
        assertArrayEquals(new double[] {3, 3}, d.forecast(2));
        assertEquals(Math.sqrt(d.sigma2() / 9), d.slopeStandardError(), 1e-15);
    }

    @Test
    void varianceIsNaNWhereRsIsUndefined() {
        assertTrue(Double.isNaN(SimpleBaselines.fitMean(new double[] {5}).sigma2()));
        assertTrue(Double.isNaN(SimpleBaselines.fitNaive(new double[] {5}).sigma2()));
        assertTrue(Double.isNaN(SimpleBaselines.fitSeasonalNaive(new double[] {1, 2, 3}, 3).sigma2()));
        assertTrue(Double.isNaN(SimpleBaselines.fitDrift(new double[] {1, 2}).sigma2()));
        assertEquals(0.0, SimpleBaselines.fitDrift(new double[] {1, 2, 3}).sigma2());
    }

    @Test
    void fitsRefuseInconsistentEstimates() {
        assertEquals("mean: sigma2 must be NaN for n = 1 (no degree of freedom left); got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new MeanFit(1, 1, 0)).getMessage());
        assertEquals("naive: sigma2 must be non-negative; got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new NaiveFit(1, 3, -1)).getMessage());
        assertEquals("seasonal naive needs n of at least 4; got 3",
                assertThrows(IllegalArgumentException.class, () -> new SeasonalNaiveFit(new double[4], 3, 1))
                        .getMessage());
        assertEquals("last value and slope must be finite; got 1.0, NaN",
                assertThrows(IllegalArgumentException.class, () -> new DriftFit(1, Double.NaN, 5, 1)).getMessage());
        assertEquals("horizon must be at least 1; got 0",
                assertThrows(IllegalArgumentException.class, () -> new MeanFit(1, 2, 0).forecast(0)).getMessage());
    }

    /**
     * Theta's σ² is that of its SES fit: Σ e_t² / (n − 2) with e_t = x_t − ℓ_{t−1}, ℓ_t = ℓ_{t−1} + α e_t on the
     * adjusted history x, replayed here from the fit's α and ℓ₀; where thetaf does not adjust, it is R's ses σ².
     */
    @Test
    void thetaKeepsTheVarianceOfItsSesFit() {
        int againstR = 0;
        for (JsonNode c : RFixture.json("smoothing_r.json").get("cases")) {
            double[] y = RFixture.doubles(c.get("train"));
            int m = c.get("m").asInt();
            int n = y.length;
            String s = c.get("series").asText();
            ThetaFit fit = Theta.fit(y, m);
            double[] idx = fit.seasonalIndices();
            double alpha = fit.ses().alpha();
            double level = fit.ses().initialState()[0];
            double[] e = new double[n];
            for (int t = 0; t < n; t++) {
                double x = idx.length == 0 ? y[t] : y[t] / SeasonalAdjustment.indexAt(idx, n, t);
                e[t] = x - level;
                level = level + alpha * e[t];
            }
            assertRelative(sumOfSquares(e) / (n - 2), fit.sigma2(), s + " theta sigma2");
            if (!fit.seasonal()) {
                for (JsonNode r : c.get("ets")) {
                    if (r.get("method").asText().equals("ses") && r.get("criterion").asText().equals("mse")) {
                        double expected = r.get("sigma2").asDouble();
                        assertClose(expected, fit.sigma2(), 1e-6 * expected, s + " theta sigma2 vs R's ses");
                        againstR++;
                    }
                }
            }
        }
        assertTrue(againstR >= 2, "only " + againstR + " series compared with R");
    }

    @Test
    void everyFitExposesItsVariance() {
        double[] y = RFixture.doubles(RFixture.json("smoothing_r.json").get("cases").get(0).get("train"));
        BaselineFit[] fits = {ExponentialSmoothing.ses(y, EtsCriterion.MSE), AutoRegression.fit(y), Theta.fit(y, 12)};
        assertEquals(((EtsFit) fits[0]).sigma2(), fits[0].sigma2());
        assertEquals(((ArFit) fits[1]).innovationVariance(), fits[1].sigma2());
        assertEquals(((ThetaFit) fits[2]).ses().sigma2(), fits[2].sigma2());
        for (BaselineFit f : fits) {
            assertTrue(f.sigma2() > 0 && f.forecast(3).length == 3, f.toString());
        }
    }

    /** The indices of the last season continue over the history and the horizon, period by period. */
    @Test
    void seasonalIndicesAlignByPosition() {
        double[] last = {0.9, 1.0, 1.1};
        int n = 10; // positions 7, 8, 9 hold the last season
        assertEquals(0.9, SeasonalAdjustment.indexAt(last, n, 7));
        assertEquals(1.1, SeasonalAdjustment.indexAt(last, n, 9));
        assertEquals(0.9, SeasonalAdjustment.indexAt(last, n, 10));
        assertEquals(0.9, SeasonalAdjustment.indexAt(last, n, 1));
        assertEquals(1.1, SeasonalAdjustment.indexAt(last, n, 0));
        double[] air = RFixture.doubles(RFixture.json("smoothing_r.json").get("cases").get(0).get("train"));
        assertArrayEquals(Theta.fit(air, 12).seasonalIndices(), SeasonalAdjustment.lastSeasonIndices(air, 12));
        assertEquals(0, SeasonalAdjustment.lastSeasonIndices(air, 1).length);
        assertEquals(0, SeasonalAdjustment.lastSeasonIndices(java.util.Arrays.copyOf(air, 24), 12).length,
                "24 points: too short for the test (n must exceed 2m)");
    }

    private static double sumOfSquares(double[] r) {
        double s = 0;
        for (double v : r) {
            s += v * v;
        }
        return s;
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertClose(expected, actual, TOL * Math.abs(expected), what);
    }
}
