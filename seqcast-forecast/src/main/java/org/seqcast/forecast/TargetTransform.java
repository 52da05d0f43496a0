package org.seqcast.forecast;

import java.util.Locale;

/**
 * A fixed transform of the target applied before scaling and undone after forecasting. LOG turns
 * multiplicative seasonality and growth (seasonal swings that widen with the level, as in AirPassengers or
 * tourism numbers) into additive patterns the network can carry from one level to another; it needs positive
 * values. LOG1P, log(1 + y), does the same for counts that may be zero (values ≥ 0).
 */
public enum TargetTransform {
    NONE, LOG, LOG1P;

    /** The transformed values; throws naming the series, time stamp and value when LOG meets a value ≤ 0. */
    double[] apply(double[] y, String seriesId, org.seqcast.data.TimeIndex index) {
        if (this == NONE) {
            return y.clone();
        }
        double[] out = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            if (this == LOG ? !(y[t] > 0) : !(y[t] >= 0)) {
                throw new IllegalArgumentException("series '" + seriesId + "' has the value " + y[t] + " at "
                        + index.label(t) + " (position " + t + "); the " + label() + " transform needs "
                        + (this == LOG ? "positive values: use log1p for series with zeros, or none"
                        : "values >= 0: use transform none"));
            }
            out[t] = this == LOG ? Math.log(y[t]) : Math.log1p(y[t]);
        }
        return out;
    }

    double inverse(double v) {
        return switch (this) {
            case NONE -> v;
            case LOG -> Math.exp(v);
            case LOG1P -> Math.expm1(v);
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TargetTransform parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transform '" + text + "'; use none, log or log1p");
        }
    }
}
