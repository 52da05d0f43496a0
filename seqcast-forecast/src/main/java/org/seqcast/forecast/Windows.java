package org.seqcast.forecast;

import java.util.List;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;

/**
 * Cuts scaled series into network inputs. An input window covers points [t0, t0 + W) and holds, per step,
 * F = 1 + C + K features:
 * <pre>
 *   x[s, 0]       = z_{t0+s} − ℓ            the scaled target, relative to the level ℓ
 *   x[s, 1..C]    = c_{j, t0+s}             scaled covariates: the past ones, then the future-known ones
 *   x[s, C+1..F)  = calendar features of the step's time stamp
 *   targets       y[k] = z_{t0+W+k} − a_k   k = 0..H'−1 (H' = H direct, 1 recursive)
 * </pre>
 * A network with future-known covariates also reads, on its decoder side, the D = H'·(K + K_cal) values known
 * at the steps it forecasts, step by step: the K scaled future-known covariates u_{j, n+k} and the calendar
 * features of point n + k (n = t0 + W).
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
    private final int past;
    private final int ahead;

    Windows(RnnConfig config, int window, int calendarCount, int seasonalPeriod) {
        this.config = config;
        this.season = seasonalPeriod;
        this.window = window;
        this.calendar = config.calendarFeatures() ? calendarCount : 0;
        this.past = config.covariates().size();
        this.ahead = config.futureCovariates().size();
        this.features = 1 + past + ahead + calendar;
    }

    int features() {
        return features;
    }

    /** W, the steps of a window. */
    int window() {
        return window;
    }

    /** D, the decoder's inputs per window: H'·(K + K_cal) with K future-known covariates, 0 without any. */
    int futureWidth() {
        return ahead == 0 ? 0 : RnnForecaster.outputs(config) * (ahead + calendar);
    }

    /**
     * A series in scaled units; each covariate runs on into its known future values (so the arrays of
     * future-known covariates may be longer than z).
     */
    record Scaled(TimeIndex index, double[] z, double[][] covariates) {
        static Scaled of(TimeSeries s, SeriesScalers scalers, List<String> covariateNames) {
            double[] z = scalers.targetToModel(s);
            double[][] c = new double[covariateNames.size()][];
            for (int j = 0; j < c.length; j++) {
                double[] known = s.column(covariateNames.get(j));
                double[] later = s.future(covariateNames.get(j));
                double[] v = java.util.Arrays.copyOf(known, known.length + later.length);
                System.arraycopy(later, 0, v, known.length, later.length);
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

    /**
     * Writes the decoder's inputs of the H' steps from point n (D = {@link #futureWidth()} floats): per step, the
     * scaled future-known covariates, then the calendar features of the step's time stamp.
     */
    void future(Scaled s, int n, float[] out, int offset) {
        int at = offset;
        for (int k = 0; k < RnnForecaster.outputs(config); k++) {
            for (int j = 0; j < ahead; j++) {
                out[at++] = (float) s.covariates()[past + j][n + k];
            }
            if (calendar > 0) {
                CalendarFeatures.fill(s.index(), n + k, out, at);
                at += calendar;
            }
        }
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
