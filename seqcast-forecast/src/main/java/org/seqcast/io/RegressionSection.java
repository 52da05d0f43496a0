package org.seqcast.io;

import java.util.List;

/**
 * A regression's section: {@code {"kind": "regression", "horizon": 14, "regressors": ["workday", "temperature"],
 * "seasonal_period": 7, "levels": [80, 95]}}. Like a baseline, the regression is refitted on each history it
 * forecasts from ({@link org.seqcast.forecast.RegressionForecaster}); its regressors are future-known covariates,
 * whose values a forecast needs over the horizon.
 *
 * @param horizon        H ≥ 1
 * @param regressors     the future-known covariate columns it regresses on
 * @param seasonalPeriod season length of the dummies (0: each history's own; 1: none)
 * @param levels         coverages (percent) of R's prediction intervals; empty for point forecasts only
 */
public record RegressionSection(int horizon, List<String> regressors, int seasonalPeriod, List<Double> levels)
        implements ForecasterSection {
    public RegressionSection {
        regressors = regressors == null ? List.of() : List.copyOf(regressors);
        levels = levels == null ? List.of() : List.copyOf(levels);
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        if (seasonalPeriod < 0) {
            throw new IllegalArgumentException("seasonal period must be 0 (each history's own) or more; got "
                    + seasonalPeriod);
        }
    }

    @Override
    public ForecasterKind kind() {
        return ForecasterKind.REGRESSION;
    }

    @Override
    public List<String> covariatesUsed() {
        return regressors;
    }
}
