package org.seqcast.io;

import java.util.List;
import org.seqcast.forecast.BaselineForecaster;

/**
 * A classical method's section: {@code {"kind": "baseline", "method": "theta", "horizon": 12, "seasonal_period":
 * 12, "levels": [80, 95]}}. The method is refitted on each history it forecasts from, with this seasonal period,
 * and its forecasts carry its own prediction intervals (as R computes them) at the levels, if any.
 *
 * @param method         one of {@link BaselineForecaster#NAMES}
 * @param horizon        H ≥ 1
 * @param seasonalPeriod m of the training series, which every forecast uses (0: each history's own)
 * @param levels         coverages (percent, increasing) of the method's intervals; empty for point forecasts only
 */
public record BaselineSection(String method, int horizon, int seasonalPeriod, List<Double> levels)
        implements ForecasterSection {
    public BaselineSection {
        levels = levels == null ? List.of() : List.copyOf(levels);
        if (!BaselineForecaster.NAMES.contains(method)) {
            throw new IllegalArgumentException("unknown baseline '" + method + "'; use one of "
                    + BaselineForecaster.NAMES);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
        }
        if (seasonalPeriod < 0) {
            throw new IllegalArgumentException("seasonal period must be at least 1 (or 0 for each history's own);"
                    + " got " + seasonalPeriod);
        }
    }

    @Override
    public ForecasterKind kind() {
        return ForecasterKind.BASELINE;
    }

    @Override
    public List<String> covariatesUsed() {
        return List.of();
    }
}
