package org.seqcast.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.ConformalConfig;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.forecast.MissingLevelException;

/**
 * The forecasts of a served model as {@code seqcast forecast} makes them: the same checks (the series' frequency
 * is the model's), the same call ({@code forecaster().forecast(series)}) and the same choice of intervals
 * ({@link Forecast#withLevels}: all the model gives, none, or exactly the requested coverages); then the first
 * {@code horizon} steps. Problems of the request are 400s naming its field.
 */
final class Forecasting {
    private Forecasting() {
    }

    /**
     * The request's options, checked against the model.
     *
     * @param horizon the steps wanted (1..the model's horizon)
     * @param levels  the coverages in percent wanted, increasing; null = all the model gives, empty = none
     */
    record Options(int horizon, double[] levels) {
        /** Checks {@code horizon} (null: the model's) and {@code levels} (null: all) against {@code maxHorizon}. */
        static Options of(Integer horizon, List<Double> levels, int maxHorizon) {
            int h = horizon == null ? maxHorizon : horizon;
            if (h < 1 || h > maxHorizon) {
                throw ApiException.badRequest("horizon", "expected an integer in 1.." + maxHorizon + " (the model's"
                        + " horizon); got " + h);
            }
            return new Options(h, levels == null ? null : checkLevels(levels));
        }

        private static double[] checkLevels(List<Double> levels) {
            if (levels.isEmpty()) {
                return new double[0];
            }
            for (int i = 0; i < levels.size(); i++) {
                if (levels.get(i) == null) {
                    throw ApiException.badRequest("levels[" + i + "]", "expected a coverage in percent, e.g. 80; got null");
                }
            }
            double[] c = levels.stream().mapToDouble(Double::doubleValue).toArray();
            try {
                return ConformalConfig.defaults().withLevels(c).levels();
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("levels", e.getMessage());
            }
        }
    }

    /** The forecasts of {@code series} by {@code model} with {@code options}. */
    static List<Forecast> forecast(ServedModel model, List<TimeSeries> series, Options options, String field) {
        Frequency frequency = model.model().manifest().data().frequency();
        for (TimeSeries s : series) {
            if (!s.frequency().equals(frequency)) {
                throw ApiException.badRequest(field, "series '" + s.id() + "' is " + s.frequency() + " but model '"
                        + model.name() + "' was trained on " + frequency + " data; send " + frequency + " time stamps");
            }
        }
        List<Forecast> all;
        try {
            all = model.model().forecaster().forecast(series);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, e.getMessage());
        }
        List<Forecast> out = new ArrayList<>(all.size());
        for (Forecast f : all) {
            try {
                out.add(f.withLevels(options.levels()));
            } catch (MissingLevelException e) {
                double[] stored = e.available();
                throw ApiException.badRequest("levels", "model '" + model.name() + "' gives intervals at "
                        + (stored.length == 0 ? "no level (it holds no calibration; fit it with levels)"
                        : percents(stored)) + ", not " + ForecastDistribution.percent(e.level()) + "%; ask for some of"
                        + " those, or [] for point forecasts");
            }
        }
        return out;
    }

    private static String percents(double[] coverages) {
        return String.join(", ", Arrays.stream(coverages).mapToObj(c -> ForecastDistribution.percent(c) + "%")
                .toList());
    }
}
