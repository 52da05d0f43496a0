package org.seqcast.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.RegressionForecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Series;

/** Shuffling a covariate costs accuracy exactly when the model reads it. */
class PermutationImportanceTest {
    private static final int H = 6;

    private static Map<String, PermutationImportance.Result> byName(List<PermutationImportance.Result> r) {
        return r.stream().collect(Collectors.toMap(PermutationImportance.Result::covariate, Function.identity()));
    }

    @Test
    void theRegressionNeedsItsRegressorAndIgnoresTheRest() {
        List<TimeSeries> series = Series.promotions(4, 11, 120);
        BacktestOptions options = new BacktestOptions(2, H, true);
        Map<String, PermutationImportance.Result> r = byName(PermutationImportance.run(series,
                new RegressionForecaster(H, List.of("promo"), 12), options, 7));
        assertEquals(PermutationImportance.Role.FUTURE, r.get("promo").role());
        assertEquals(PermutationImportance.Role.PAST, r.get("noise").role());
        assertEquals(PermutationImportance.Role.STATIC, r.get("category").role());
        assertTrue(r.get("promo").importance() > 0.5, r.toString());
        assertEquals(0.0, r.get("noise").importance(), r.toString());
        assertEquals(0.0, r.get("category").importance(), r.toString());
        assertEquals(r, byName(PermutationImportance.run(series, new RegressionForecaster(H, List.of("promo"), 12),
                options, 7)), "same seed, same numbers");
    }

    @Test
    void aNetworkLosesMostWithoutThePlanItWasTrainedOn() {
        List<TimeSeries> series = Series.promotions(4, 12, 120);
        RnnForecaster net = new RnnForecaster(RnnConfig.builder(H).window(8).units(16).epochs(30).patience(8)
                .learningRate(0.01).seed(3).calendarFeatures(false).covariates(List.of("noise"))
                .futureCovariates(List.of("promo")).build());
        Map<String, PermutationImportance.Result> r = byName(PermutationImportance.run(series, net,
                new BacktestOptions(1, H, true), 5));
        assertTrue(r.get("promo").importance() > 2 * Math.abs(r.get("noise").importance()), r.toString());
        assertTrue(r.get("promo").importance() > 0.3, r.toString());
    }
}
