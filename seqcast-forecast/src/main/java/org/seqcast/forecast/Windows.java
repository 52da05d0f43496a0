package org.seqcast.forecast;

import java.util.List;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;

/**
 * Cuts scaled series into network inputs. An input window covers points [t0, t0 + W) and holds, per step,
 * F = 1 + C + K features:
 * <pre>
 *   x[s, 0]       = z_{t0+s} − ℓ            the scaled target, relative to the level ℓ
 *   x[s, 1..C]    = c_{j, t0+s}             scaled past covariates
 *   x[s, C+1..F)  = calendar features of the step's time stamp
 *   targets       y[k] = z_{t0+W+k} − a_k   k = 0..H'−1 (H' = H direct, 1 recursive)
 * </pre>
 * where z = (g(y) − center)/scale with the series' own training scalers ({@link SeriesScalers}) ℓ = z_{t0+W−1} (0 with anchor NONE) and
 * a_k the {@link Anchor}: ℓ, the seasonal naive value, or 0. A window that would start before the series' first point
 * repeats the first point's values (padding for short histories); calendar features still follow the real
 * (extrapolated) time stamps.
 */
final class Windows {
    private final RnnConfig config;
    private final int window;
    private final int features;
    private final int calendar;

    private final int season;

    Windows(RnnConfig config, int window, int calendarCount, int seasonalPeriod) {
        this.config = config;
        this.season = seasonalPeriod;
        this.window = window;
        this.calendar = config.calendarFeatures() ? calendarCount : 0;
        this.features = 1 + config.covariates().size() + calendar;
    }

    int features() {
        return features;
    }

    /** A series in scaled units. */
    record Scaled(TimeIndex index, double[] z, double[][] covariates) {
        static Scaled of(TimeSeries s, SeriesScalers scalers, List<String> covariateNames) {
            double[] z = scalers.targetToModel(s);
            double[][] c = new double[covariateNames.size()][];
            for (int j = 0; j < c.length; j++) {
                double[] v = s.column(covariateNames.get(j));
                AffineScaler sc = scalers.covariates().get(j);
                c[j] = new double[v.length];
                for (int t = 0; t < v.length; t++) {
                    c[j][t] = sc.transform(v[t]);
                }
            }
            return new Scaled(s.index(), z, c);
        }
    }

    /**
     * Writes the input window [t0, t0 + W) of {@code s} to {@code x} at {@code offset} (W·F floats) and returns
     * the level ℓ. Points before 0 repeat point 0.
     */
    double input(Scaled s, int t0, float[] x, int offset) {
        double level = config.anchor() != Anchor.NONE ? s.z()[Math.max(0, t0 + window - 1)] : 0.0;
        int c = s.covariates().length;
        for (int step = 0; step < window; step++) {
            int t = Math.max(0, t0 + step);
            int base = offset + step * features;
            x[base] = (float) (s.z()[t] - level);
            for (int j = 0; j < c; j++) {
                x[base + 1 + j] = (float) s.covariates()[j][t];
            }
            if (calendar > 0) {
                CalendarFeatures.fill(s.index(), t0 + step, x, base + 1 + c);
            }
        }
        return level;
    }

    /** Writes targets z_{n+k} − a_k, k = 0..outputs−1, n = t0 + W, a_k the {@link #anchor}. */
    void target(Scaled s, int t0, double level, int outputs, float[] y, int offset) {
        for (int k = 0; k < outputs; k++) {
            y[offset + k] = (float) (s.z()[t0 + window + k] - anchor(s, t0 + window, k, level));
        }
    }

    /**
     * What step k after point n is measured from: ℓ (LAST), z_{n − m + (k mod m)} (SEASON, the seasonal naive
     * forecast; points before the series start repeat its first value) or 0 (NONE).
     */
    double anchor(Scaled s, int n, int k, double level) {
        return switch (config.anchor()) {
            case NONE -> 0.0;
            case LAST -> level;
            case SEASON -> s.z()[Math.max(0, n - season + k % season)];
        };
    }
}
