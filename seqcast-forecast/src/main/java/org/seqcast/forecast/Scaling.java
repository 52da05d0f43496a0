package org.seqcast.forecast;

import java.util.Arrays;
import java.util.Locale;

/**
 * How values are scaled before a network sees them, always as an affine map x' = (x − center) / scale
 * fitted on training values only:
 * <pre>
 *   STANDARD: center = mean,   scale = standard deviation (population)
 *   MINMAX:   center = min,    scale = max − min                 (training values map to [0, 1])
 *   ROBUST:   center = median, scale = interquartile range (R's quantile type 7)
 *   NONE:     center = 0,      scale = 1
 * </pre>
 * A constant training part has no spread: the scale falls back to 1 (values are only centred), so a constant
 * series never divides by zero and a network's small output errors stay small in the series' units.
 */
public enum Scaling {
    NONE, STANDARD, MINMAX, ROBUST;

    /** Fits the scaler on {@code train} (finite values). */
    public AffineScaler fit(double[] train) {
        if (train.length == 0) {
            throw new IllegalArgumentException("cannot fit a " + this + " scaler on no values");
        }
        double center;
        double scale;
        switch (this) {
            case NONE -> {
                center = 0;
                scale = 1;
            }
            case STANDARD -> {
                double mean = 0;
                for (double v : train) {
                    mean += v;
                }
                mean /= train.length;
                double ss = 0;
                for (double v : train) {
                    ss += (v - mean) * (v - mean);
                }
                center = mean;
                scale = Math.sqrt(ss / train.length);
            }
            case MINMAX -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : train) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                center = min;
                scale = max - min;
            }
            case ROBUST -> {
                double[] sorted = train.clone();
                Arrays.sort(sorted);
                center = quantile(sorted, 0.5);
                scale = quantile(sorted, 0.75) - quantile(sorted, 0.25);
            }
            default -> throw new AssertionError(this);
        }
        if (!(scale > 1e-12 * Math.max(1, Math.abs(center)))) {
            scale = 1;
        }
        return new AffineScaler(center, scale);
    }

    /** R's default (type 7) quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public static Scaling parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scaling '" + text + "'; use standard, minmax, robust or none");
        }
    }
}
