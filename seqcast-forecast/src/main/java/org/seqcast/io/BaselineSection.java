package org.seqcast.io;

import java.util.List;
import org.seqcast.forecast.BaselineForecaster;

/**
 * A classical method's section: {@code {"kind": "baseline", "method": "theta", "horizon": 12}}. The method is
 * refitted on each history it forecasts from, with that history's seasonal period (the data schema records the
 * training data's period, which {@code seqcast forecast} reads new data with).
 *
 * @param method  one of {@link BaselineForecaster#NAMES}
 * @param horizon H ≥ 1
 */
public record BaselineSection(String method, int horizon) implements ForecasterSection {
    public BaselineSection {
        if (!BaselineForecaster.NAMES.contains(method)) {
            throw new IllegalArgumentException("unknown baseline '" + method + "'; use one of "
                    + BaselineForecaster.NAMES);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1; got " + horizon);
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
