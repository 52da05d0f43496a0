package org.seqcast.forecast;

import java.util.Arrays;
import java.util.Locale;

/** How an {@link EnsembleForecaster} combines its members' forecasts of one step. */
public enum Combination {
    /** The median of the members' values (the mean of the middle two for an even count), robust to one bad member. */
    MEDIAN,
    /** The mean of the members' values, summed in member order. */
    MEAN;

    /** The combined value of {@code values} (one per member, in member order); {@code values} is left unchanged. */
    public double combine(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("nothing to combine: no member values");
        }
        return switch (this) {
            case MEDIAN -> median(values);
            case MEAN -> mean(values);
        };
    }

    /** The median of {@code values} (the mean of the middle two for an even count); {@code values} is not changed. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double x : values) {
            sum += x;
        }
        return sum / values.length;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Combination parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown combination '" + text + "'; use median or mean");
        }
    }
}
