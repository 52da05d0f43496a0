package org.seqcast.io;

import java.util.List;
import org.seqcast.forecast.BaselineForecaster;

/**
 * A classical method's section: {@code {"kind": "baseline", "method": "theta", "horizon": 12, "seasonal_period":
 * 12}}. The method is refitted on each history it forecasts from, with this seasonal period.
 *
 * @param method         one of {@link BaselineForecaster#NAMES}
 * @param horizon        H ≥ 1
 * @param seasonalPeriod m of the training series, which every forecast uses (0: each history's own)
 */
public record BaselineSection(String method, int horizon, int seasonalPeriod) implements ForecasterSection {
    public BaselineSection {
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
