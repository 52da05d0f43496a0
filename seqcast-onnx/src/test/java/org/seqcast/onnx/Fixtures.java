package org.seqcast.onnx;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.CalendarFeatures;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;

/** Small monthly series and tiny trained forecasters for the export tests, and raw windows as the baked graph takes them. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * Monthly from 2000-01: level + slope·t + amplitude·sin(2πt/12) + noise, with covariates price (smooth) and
     * promo (0/1); every value positive.
     */
    static TimeSeries series(String id, int n, double level, double slope, double amplitude, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        double[] price = new double[n];
        double[] promo = new double[n];
        for (int t = 0; t < n; t++) {
            promo[t] = t % 4 == 0 ? 1 : 0;
            price[t] = 10 + Math.sin(t / 5.0) + 0.1 * t;
            y[t] = level + slope * t + amplitude * Math.sin(2 * Math.PI * t / 12) + 0.05 * level * r.nextDouble()
                    + 0.02 * level * promo[t];
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("sales", y);
        columns.put("price", price);
        columns.put("promo", promo);
        return new TimeSeries(id, TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2000, 1, 1), n), "sales", columns, 12);
    }

    /** A small fast configuration: 8 units, a few epochs. */
    static RnnConfig.Builder small(int horizon) {
        return RnnConfig.builder(horizon).units(8).epochs(6).patience(3).threads(1);
    }

    static FittedRnn fit(RnnConfig config, List<TimeSeries> series) {
        return new RnnForecaster(config).fit(series);
    }

    /**
     * The last W points of {@code history} as the baked graph takes them, written at row {@code row} of
     * {@code x} (rows of W·F floats): raw target, raw covariates, calendar features.
     */
    static void rawWindow(TimeSeries history, RnnConfig config, Frequency frequency, float[] x, int row) {
        int w = config.window();
        List<String> covariates = config.covariates();
        int k = config.calendarFeatures() ? CalendarFeatures.names(frequency).size() : 0;
        int f = 1 + covariates.size() + k;
        double[] y = history.values();
        int n = y.length;
        for (int s = 0; s < w; s++) {
            int t = n - w + s;
            int base = (row * w + s) * f;
            x[base] = (float) y[t];
            for (int j = 0; j < covariates.size(); j++) {
                x[base + 1 + j] = (float) history.column(covariates.get(j))[t];
            }
            if (k > 0) {
                CalendarFeatures.fill(history.index(), t, x, base + 1 + covariates.size());
            }
        }
    }

    /** The calendar features of the forecast steps n .. n+H−2 at row {@code row} of {@code x} (rows of (H−1)·K floats). */
    static void futureCalendar(TimeSeries history, int horizon, int k, float[] x, int row) {
        int n = history.size();
        for (int s = 0; s < horizon - 1; s++) {
            CalendarFeatures.fill(history.index(), n + s, x, (row * (horizon - 1) + s) * k);
        }
    }
}
