package org.seqcast.baseline;

import static org.seqcast.baseline.ExponentialSmoothingRTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The equations in the javadoc, in their textbook component form (β* = β/α, γ* = γ/(1−α) for the level-based
 * seasonal update), run from a fit's initial state, reproduce its final state and forecasts.
 */
class ExponentialSmoothingEquationsTest {
    private static double[] series(String name) {
        JsonNode root = RFixture.json("smoothing_r.json");
        for (JsonNode c : root.get("cases")) {
            if (c.get("series").asText().equals(name)) {
                return RFixture.doubles(c.get("train"));
            }
        }
        throw new IllegalStateException("no series " + name);
    }

    @Test
    void sesIsTheExponentiallyWeightedLevel() {
        double[] y = series("nile");
        EtsFit fit = ExponentialSmoothing.ses(y);
        double a = fit.alpha();
        double l = fit.initialState()[0];
        for (double v : y) {
            l = a * v + (1 - a) * l;
        }
        assertClose(l, fit.finalState()[0], 1e-9 * Math.abs(l), "level");
        assertClose(l, fit.forecast(4)[3], 1e-9 * Math.abs(l), "flat forecast");
    }

    @Test
    void dampedAdditiveHoltWinters() {
        check(series("usaccdeaths"), EtsSpec.holtWinters(12, Seasonality.ADDITIVE, true), 12);
        check(series("ukgas"), EtsSpec.holt(true), 8);
    }

    @Test
    void multiplicativeHoltWinters() {
        check(series("wineind"), EtsSpec.holtWinters(12, Seasonality.MULTIPLICATIVE, false), 12);
    }

    private static void check(double[] y, EtsSpec spec, int h) {
        EtsFit fit = ExponentialSmoothing.fit(y, spec, EtsCriterion.LIKELIHOOD);
        boolean mult = spec.seasonality() == Seasonality.MULTIPLICATIVE;
        int m = spec.period();
        double a = fit.alpha();
        double bStar = fit.beta() / a;
        double g = fit.gamma();
        double phi = fit.phi();
        double[] x0 = fit.initialState();
        double l = x0[0];
        double b = x0[1];
        // Seasonal values in time order: s[0] is time −m+1 (state s_m), s[m−1] time 0 (state s_1).
        List<Double> s = new ArrayList<>();
        for (int j = m - 1; spec.seasonal() && j >= 0; j--) {
            s.add(x0[2 + j]);
        }
        for (int t = 0; t < y.length; t++) {
            double prev = spec.seasonal() ? s.get(t) : (mult ? 1 : 0);
            double lNew = mult ? a * y[t] / prev + (1 - a) * (l + phi * b)
                    : a * (y[t] - prev) + (1 - a) * (l + phi * b);
            double bNew = bStar * (lNew - l) + (1 - bStar) * phi * b;
            if (spec.seasonal()) {
                s.add(mult ? g * y[t] / (l + phi * b) + (1 - g) * prev : g * (y[t] - l - phi * b) + (1 - g) * prev);
            }
            l = lNew;
            b = bNew;
        }
        double[] fin = fit.finalState();
        assertClose(l, fin[0], 1e-9 * Math.abs(l), "level");
        assertClose(b, fin[1], 1e-9 * Math.max(1, Math.abs(b)), "trend");
        for (int j = 0; spec.seasonal() && j < m; j++) {
            double sj = s.get(s.size() - 1 - j);
            assertClose(sj, fin[2 + j], 1e-9 * Math.max(1, Math.abs(sj)), "seasonal state s_" + (j + 1));
        }
        double[] f = fit.forecast(h);
        double damp = 0;
        for (int k = 1; k <= h; k++) {
            damp += Math.pow(phi, k);
            double season = spec.seasonal() ? s.get(s.size() - m + (k - 1) % m) : (mult ? 1 : 0);
            double expected = mult ? (l + k * b) * season : l + damp * b + season;
            assertClose(expected, f[k - 1], 1e-9 * Math.abs(expected), spec.rName() + " step " + k);
        }
    }
}
