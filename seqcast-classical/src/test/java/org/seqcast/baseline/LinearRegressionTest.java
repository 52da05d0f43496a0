package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** LinearRegression's design, exact fits, the overloads that agree, and clear errors on bad input. */
class LinearRegressionTest {
    private static final double[] X1 = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
    private static final double[] X2 = {2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5};

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    /** y = 2 + 0.5 t + 3 [season 2] − 1 [season 3] + 1.5 x1 − 2 x2 at 0-based time t, season of t from start. */
    private static double exact(int t, double x1, double x2, RegressionTerms terms) {
        int s = terms.season(t);
        return 2 + 0.5 * (t + 1) + (s == 2 ? 3 : 0) - (s == 3 ? 1 : 0) + 1.5 * x1 - 2 * x2;
    }

    @Test
    void recoversAnExactRelationWithTrendSeasonsAndRegressorsAndContinuesThem() {
        RegressionTerms terms = RegressionTerms.withTrend().withSeason(3, 2);
        double[] y = new double[X1.length];
        for (int t = 0; t < y.length; t++) {
            y[t] = exact(t, X1[t], X2[t], terms);
        }
        RegressionFit fit = LinearRegression.fit(y, List.of("price", "promo"), new double[][] {X1, X2}, terms);
        assertEquals(List.of("(Intercept)", "trend", "season2", "season3", "price", "promo"), fit.names());
        assertArrayEquals(new double[] {2, 0.5, 3, -1, 1.5, -2}, fit.coefficients(), 1e-12);
        assertEquals(0, fit.sigma2(), 1e-24);
        assertEquals(6, fit.degreesOfFreedom());
        double[][] future = {{7, 0.5, 2}, {1, 3, 3}};
        double[] f = fit.forecast(future);
        for (int k = 0; k < 3; k++) {
            assertEquals(exact(12 + k, future[0][k], future[1][k], terms), f[k], 1e-11, "step " + (k + 1));
        }
        assertArrayEquals(f, fit.forecast(3, future));
        assertEquals(1.5, fit.coefficient("price"), 1e-12);
    }

    @Test
    void seasonsFollowTheStart() {
        RegressionTerms terms = new RegressionTerms(false, 4, 3);
        assertEquals(3, terms.season(0));
        assertEquals(4, terms.season(1));
        assertEquals(1, terms.season(2));
        assertEquals(3, terms.season(12));
        assertEquals(List.of("(Intercept)", "season2", "season3", "season4"), terms.names());
        assertEquals(4, terms.count());
    }

    @Test
    void unnamedRegressorsAreX1ToXk() {
        double[] y = {1, 3, 2, 5, 4, 6, 8, 7};
        double[][] x = {{1, 2, 2, 4, 4, 5, 7, 8}, {0, 1, 0, 1, 0, 1, 0, 0}};
        RegressionFit fit = LinearRegression.fit(y, x, RegressionTerms.intercept());
        assertEquals(List.of("(Intercept)", "x1", "x2"), fit.names());
        assertEquals(fit, LinearRegression.fit(y, List.of("x1", "x2"), x, RegressionTerms.intercept()));
    }

    @Test
    void intervalsWidenWithTheLeverageOfTheFutureRow() {
        double[] y = {1, 3, 2, 5, 4, 6, 8, 7, 9, 12};
        double[] x = {1, 2, 2, 4, 4, 5, 7, 8, 8, 10};
        RegressionFit fit = LinearRegression.fit(y, List.of("z"), new double[][] {x}, RegressionTerms.intercept());
        double[] se = fit.standardErrors(2, new double[][] {{5.1, 30}});
        assertTrue(se[0] > Math.sqrt(fit.sigma2()) && se[1] > se[0], "se grows away from the data's centre");
        PredictionIntervals pi = fit.intervals(new double[][] {{5.1, 30}}, 95, 80);
        assertArrayEquals(new double[] {80, 95}, pi.levels());
        double t95 = Quantiles.student(0.975, 8);
        assertEquals(pi.forecast()[1] + t95 * se[1], pi.upper(95)[1], 1e-12);
    }

    @Test
    void noRegressorsNeedsAnExplicitHorizon() {
        double[] y = {5, 7, 6, 8, 9, 8, 10, 12};
        RegressionFit fit = LinearRegression.fit(y, List.of(), new double[0][], RegressionTerms.withTrend());
        assertEquals(3, fit.forecast(3, new double[0][]).length);
        assertTrue(message(() -> fit.forecast(new double[0][])).contains("give h"));
    }

    @Test
    void badInputNamesTheRegressorAndWhatWasExpected() {
        double[] y = {1, 3, 2, 5, 4, 6, 8, 7};
        double[] x = {1, 2, 2, 4, 4, 5, 7, 8};
        RegressionTerms none = RegressionTerms.intercept();
        List<String> names = List.of("temp");
        assertEquals("regressor 'temp' (index 0) has 7 past values; expected 8, one per value of the history",
                message(() -> LinearRegression.fit(y, names, new double[][] {{1, 2, 3, 4, 5, 6, 7}}, none)));
        double[] nan = x.clone();
        nan[4] = Double.NaN;
        assertEquals("regressor 'temp' (index 0) has NaN at past position 4; fill or drop missing values first",
                message(() -> LinearRegression.fit(y, names, new double[][] {nan}, none)));
        double[] yNan = y.clone();
        yNan[2] = Double.NaN;
        assertEquals("history has NaN at position 2; fill or drop missing values first",
                message(() -> LinearRegression.fit(yNan, names, new double[][] {x}, none)));
        assertEquals("expected 1 past regressor arrays [temp], one per regressor of the fit; got 2",
                message(() -> LinearRegression.fit(y, names, new double[][] {x, x}, none)));
        assertEquals("a linear regression with 5 coefficients [(Intercept), trend, season2, season3, temp] needs at"
                + " least 5 past values; got 4", message(() -> LinearRegression.fit(new double[] {1, 2, 3, 4},
                        names, new double[][] {{1, 5, 2, 3}}, RegressionTerms.withTrend().withSeason(3))));
        assertEquals("regressor 'temp' (index 0) is constant (2.0) over the history, so it duplicates the intercept;"
                + " drop it", message(() -> LinearRegression.fit(y, names, new double[][] {new double[] {2, 2, 2, 2,
                        2, 2, 2, 2}}, none)));
        double[] twice = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            twice[t] = 2 * x[t] + 1;
        }
        String collinear = message(() -> LinearRegression.fit(y, List.of("temp", "temp2"), new double[][] {x, twice},
                none));
        assertTrue(collinear.startsWith("regressor 'temp2' (index 1) is collinear with the columns before it "
                + "[(Intercept), temp]"), collinear);
        assertTrue(message(() -> LinearRegression.fit(y, List.of("trend"), new double[][] {x},
                RegressionTerms.withTrend())).contains("is named 'trend'"));
    }

    @Test
    void missingOrShortFutureRegressorsAreNamed() {
        double[] y = {1, 3, 2, 5, 4, 6, 8, 7};
        double[] x = {1, 2, 2, 4, 4, 5, 7, 8};
        double[] w = {0, 1, 0, 1, 1, 0, 1, 0};
        RegressionFit fit = LinearRegression.fit(y, List.of("temp", "workday"), new double[][] {x, w},
                RegressionTerms.intercept());
        assertEquals("expected 2 future regressor arrays [temp, workday], one per regressor of the fit; got 1",
                message(() -> fit.forecast(new double[][] {{1, 2}})));
        assertEquals("regressor 'workday' (index 1) has 1 future values; expected 2, one per step of the horizon",
                message(() -> fit.forecast(new double[][] {{1, 2}, {1}})));
        assertEquals("regressor 'workday' (index 1) has no future values (null); expected 2, one per step of the "
                + "horizon", message(() -> fit.intervals(2, new double[][] {{1, 2}, null}, 80)));
        assertEquals("regressor 'temp' (index 0) has Infinity at future position 1; fill or drop missing values "
                + "first", message(() -> fit.forecast(2, new double[][] {{1, Double.POSITIVE_INFINITY}, {0, 1}})));
        assertEquals("horizon must be at least 1; got 0", message(() -> fit.forecast(0, new double[][] {{}, {}})));
        assertEquals("regressor 'temp' (index 0) has no future values (null); expected 3, one per step of the "
                + "horizon", message(() -> fit.forecast(new double[][] {null, {1, 0, 1}})));
    }

    @Test
    void exactlyDeterminedFitsHaveNoIntervals() {
        RegressionFit fit = LinearRegression.fit(new double[] {1, 4, 2}, List.of("x"),
                new double[][] {{0, 1, 3}}, RegressionTerms.withTrend());
        assertTrue(Double.isNaN(fit.sigma2()));
        assertEquals(1, fit.forecast(new double[][] {{2}}).length);
        assertTrue(message(() -> fit.intervals(new double[][] {{2}}, 80)).contains("no degree of freedom"));
    }

    @Test
    void leastSquaresSolveStillRefusesAZeroColumn() {
        double[][] x = {{1, 0}, {1, 0}, {1, 0}};
        assertEquals("regressors are collinear", message(() -> LeastSquares.solve(x, new double[] {1, 2, 3})));
    }
}
