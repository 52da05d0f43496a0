package org.seqcast.baseline;

import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic columns of a {@link LinearRegression} besides its regressors, as R's {@code forecast::tslm}
 * builds them: always an intercept, optionally a linear trend and seasonal dummies. For the value at 0-based time
 * t (t = 0..n−1 over the history, t = n..n+h−1 over the horizon):
 * <pre>
 *   (Intercept)   1
 *   trend         t + 1                                     tslm's trend: 1..n, continued n+1..n+h
 *   season j      1 if s_t = j, else 0   (j = 2..m)          s_t = (start − 1 + t) mod m + 1, R's cycle(y):
 *                                                           season 1 is the base level, as tslm's factor
 * </pre>
 *
 * @param trend  whether to include the trend column (tslm's {@code trend})
 * @param period m, the number of seasons; 1 for no seasonal dummies (tslm's {@code season} needs m ≥ 2)
 * @param start  the season of the first value, 1..m (R's {@code start = c(year, start)} of the ts; 1 when m = 1)
 */
public record RegressionTerms(boolean trend, int period, int start) {
    /** The name of the intercept's coefficient, as R's lm names it. */
    public static final String INTERCEPT = "(Intercept)";
    /** The name of the trend's coefficient, as tslm names it. */
    public static final String TREND = "trend";
    /** The prefix of the seasonal dummies' names, as tslm names them: season2..season{m}. */
    public static final String SEASON = "season";

    public RegressionTerms {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1 (1: no seasonal dummies); got " + period);
        }
        if (start < 1 || start > period) {
            throw new IllegalArgumentException("start, the season of the first value, must be in 1.." + period
                    + " for period " + period + "; got " + start);
        }
    }

    /** An intercept only (tslm's {@code y ~ x}). */
    public static RegressionTerms intercept() {
        return new RegressionTerms(false, 1, 1);
    }

    /** An intercept and a linear trend (tslm's {@code y ~ trend + x}). */
    public static RegressionTerms withTrend() {
        return new RegressionTerms(true, 1, 1);
    }

    /** These terms plus seasonal dummies of period m, the first value being in season 1. */
    public RegressionTerms withSeason(int m) {
        return withSeason(m, 1);
    }

    /** These terms plus seasonal dummies of period m, the first value being in season {@code start}. */
    public RegressionTerms withSeason(int m, int start) {
        return new RegressionTerms(trend, m, start);
    }

    /** The number of columns: 1 + (1 if trend) + (m − 1). */
    public int count() {
        return 1 + (trend ? 1 : 0) + (period - 1);
    }

    /** The columns' coefficient names in design order: (Intercept), trend, season2..season{m}. */
    public List<String> names() {
        List<String> names = new ArrayList<>(count());
        names.add(INTERCEPT);
        if (trend) {
            names.add(TREND);
        }
        for (int j = 2; j <= period; j++) {
            names.add(SEASON + j);
        }
        return names;
    }

    /** The season s_t (1..m) of the value at 0-based time t. */
    public int season(int t) {
        return Math.floorMod(start - 1 + t, period) + 1;
    }

    /** Writes the columns' values at 0-based time t into {@code row[0..count()−1]}. */
    void fill(int t, double[] row) {
        int c = 0;
        row[c++] = 1;
        if (trend) {
            row[c++] = t + 1;
        }
        int s = season(t);
        for (int j = 2; j <= period; j++) {
            row[c++] = s == j ? 1 : 0;
        }
    }
}
