package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input to the fitted baselines fails early with a message that says what is wrong and where. */
class FittedBaselinesBadInputTest {
    private static double[] ramp(int n) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 10 + t + 3 * Math.sin(t);
        }
        return y;
    }

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void tooShortHistoriesNameTheMinimumLength() {
        assertEquals("simple exponential smoothing ETS(A,N,N) needs at least 7 past values; got 6",
                message(() -> ExponentialSmoothing.ses(ramp(6))));
        assertEquals("Holt's linear trend ETS(A,A,N) needs at least 9 past values; got 8",
                message(() -> ExponentialSmoothing.holt(ramp(8), false)));
        assertEquals("damped Holt's linear trend ETS(A,Ad,N) needs at least 10 past values; got 9",
                message(() -> ExponentialSmoothing.holt(ramp(9), true, EtsCriterion.MSE)));
        assertEquals("Holt-Winters ETS(A,A,A) with period 12 needs at least 21 past values; got 20",
                message(() -> ExponentialSmoothing.holtWinters(ramp(20), 12, Seasonality.ADDITIVE, false)));
        assertEquals("Holt-Winters ETS(M,A,M) with period 4 needs at least 13 past values; got 12",
                message(() -> ExponentialSmoothing.holtWinters(ramp(12), 4, Seasonality.MULTIPLICATIVE, false)));
        assertEquals("the Theta method needs at least 7 past values; got 3", message(() -> Theta.fit(ramp(3), 1)));
        assertEquals("an autoregression needs at least 2 past values; got 1",
                message(() -> AutoRegression.fit(new double[] {1})));
    }

    @Test
    void theMinimumLengthsAreEnough() {
        assertEquals(7, ExponentialSmoothing.ses(ramp(7)).n());
        assertEquals(9, ExponentialSmoothing.holt(ramp(9), false).n());
        assertEquals(10, ExponentialSmoothing.holt(ramp(10), true).n());
        assertEquals(21, ExponentialSmoothing.holtWinters(ramp(21), 12, Seasonality.ADDITIVE, false).n());
        assertEquals(13, ExponentialSmoothing.holtWinters(ramp(13), 4, Seasonality.MULTIPLICATIVE, false).n());
        assertEquals(7, Theta.fit(ramp(7), 1).ses().n());
        assertEquals(1, AutoRegression.fit(new double[] {1, 2}).maxOrder());
    }

    @Test
    void nonFiniteValuesAreReportedWithTheirPosition() {
        double[] y = ramp(30);
        y[17] = Double.NaN;
        String expected = "history has NaN at position 17; fill or drop missing values first";
        assertEquals(expected, message(() -> ExponentialSmoothing.ses(y)));
        assertEquals(expected, message(() -> ExponentialSmoothing.holtWinters(y, 4, Seasonality.ADDITIVE, true)));
        assertEquals(expected, message(() -> Theta.fit(y, 4)));
        assertEquals(expected, message(() -> AutoRegression.fit(y)));
        y[17] = Double.NEGATIVE_INFINITY;
        assertEquals("history has -Infinity at position 17; fill or drop missing values first",
                message(() -> ExponentialSmoothing.holt(y, false)));
    }

    @Test
    void multiplicativeSeasonalityNeedsPositiveValues() {
        double[] y = ramp(30);
        y[11] = 0;
        assertEquals("Holt-Winters ETS(M,A,M) with period 4 needs positive values; history has 0.0 at position 11",
                message(() -> ExponentialSmoothing.holtWinters(y, 4,
                        Seasonality.MULTIPLICATIVE, false, EtsCriterion.MSE)));
        y[11] = -2.5;
        assertEquals("seasonal exponential smoothing ETS(M,N,M) with period 4 needs positive values; history has "
                + "-2.5 at position 11", message(() -> ExponentialSmoothing.fit(y,
                        new EtsSpec(false, false, Seasonality.MULTIPLICATIVE, 4), EtsCriterion.LIKELIHOOD)));
        // Additive forms take any sign.
        assertEquals(30, ExponentialSmoothing.holtWinters(y, 4, Seasonality.ADDITIVE, false).n());
    }

    @Test
    void seasonalMethodsNeedAPeriodOfAtLeastTwo() {
        double[] y = ramp(40);
        assertEquals("seasonal period must be at least 2; got 1",
                message(() -> ExponentialSmoothing.holtWinters(y, 1, Seasonality.ADDITIVE, false)));
        assertEquals("seasonal period must be at least 2; got 0",
                message(() -> ExponentialSmoothing.holtWinters(y, 0, Seasonality.MULTIPLICATIVE, false)));
        assertEquals("seasonal period must be at most 24 (R's ets limit); got 25",
                message(() -> ExponentialSmoothing.holtWinters(y, 25, Seasonality.ADDITIVE, false)));
        assertEquals("Holt-Winters needs ADDITIVE or MULTIPLICATIVE seasonality",
                message(() -> ExponentialSmoothing.holtWinters(y, 4, Seasonality.NONE, false)));
        assertEquals("seasonal period must be at least 1; got 0", message(() -> Theta.fit(y, 0)));
    }

    @Test
    void otherBadArgumentsAreRejected() {
        double[] y = ramp(40);
        assertEquals("horizon must be at least 1; got 0",
                message(() -> ExponentialSmoothing.ses(y).forecast(0)));
        assertEquals("horizon must be at least 1; got -1", message(() -> AutoRegression.fit(y).forecast(-1)));
        assertEquals("a damped model needs a trend", message(() -> new EtsSpec(false, true, Seasonality.NONE, 1)));
        assertEquals("a non-seasonal model has period 1; got 12",
                message(() -> new EtsSpec(true, false, Seasonality.NONE, 12)));
        assertEquals("damped multiplicative seasonality ETS(M,Ad,M) is not supported (R forecast 8.20's point "
                + "forecasts for it ignore the damping)",
                message(() -> ExponentialSmoothing.holtWinters(y, 4, Seasonality.MULTIPLICATIVE, true)));
        double[] flat = new double[12];
        Arrays.fill(flat, 3.0);
        assertEquals("an autoregression needs a non-constant history", message(() -> AutoRegression.fit(flat)));
        assertEquals("the largest order must be in 1..39 for 40 values; got 40",
                message(() -> AutoRegression.fit(y, 40)));
    }

    @Test
    void fittedModelRecordsCheckTheirFields() {
        EtsFit ok = ExponentialSmoothing.holt(ramp(30), false);
        assertEquals("alpha must be in (0, 1]; got 1.5", message(() -> new EtsFit(ok.spec(), ok.criterion(), 1.5,
                ok.beta(), 0, 1, ok.initialState(), ok.finalState(), 30, 0, 0, 1, 1)));
        assertEquals("beta must be in [0, alpha] with a trend and 0 without; got 0.9", message(() -> new EtsFit(
                ok.spec(), ok.criterion(), 0.5, 0.9, 0, 1, ok.initialState(), ok.finalState(), 30, 0, 0, 1, 1)));
        assertEquals("ETS(A,A,N) has 2 states", message(() -> new EtsFit(ok.spec(), ok.criterion(), 0.5, 0.1, 0, 1,
                new double[] {1}, ok.finalState(), 30, 0, 0, 1, 1)));
        assertEquals("phi must be in (0, 1] when damped and 1 otherwise; got 0.9", message(() -> new EtsFit(
                ok.spec(), ok.criterion(), 0.5, 0.1, 0, 0.9, ok.initialState(), ok.finalState(), 30, 0, 0, 1, 1)));
        assertEquals("an AR(2) forecast needs the last 2 values; got 1", message(() -> new ArFit(
                new double[] {0.1, 0.2}, 0, 1, new double[] {0, 1, 2}, new double[] {1})));
        assertEquals("seasonal indices must be finite and at least 1e-4 in absolute value: [1.0, 0.0]", message(() -> new ThetaFit(
                ExponentialSmoothing.ses(ramp(20), EtsCriterion.MSE), 0.5, new double[] {1, 0})));
        // The record keeps its own copy of the arrays it is given and hands out copies.
        double[] state = ok.finalState();
        state[0] = 1e9;
        assertEquals(ok.finalState()[0], ExponentialSmoothing.holt(ramp(30), false).finalState()[0]);
    }
}
