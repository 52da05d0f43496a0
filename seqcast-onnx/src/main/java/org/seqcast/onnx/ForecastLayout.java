package org.seqcast.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqcast.forecast.CalendarFeatures;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.Strategy;

/**
 * The shapes of a forecaster's network input, in the feature layout of {@code org.seqcast.forecast.Windows}:
 * a window is (W, F), F = 1 + C + K, and step s holds
 * <pre>
 *   [s, 0]        the target            (scaled and relative to the window's last value, or raw when baked)
 *   [s, 1..C]     the C covariates      (scaled, or raw when baked), in {@code RnnConfig.covariates()} order
 *   [s, C+1..F)   the K calendar features of the step's time stamp ({@link CalendarFeatures}, never scaled)
 * </pre>
 *
 * @param window         W
 * @param horizon        H
 * @param networkOutputs H for the direct strategy, 1 for the recursive one
 * @param target         the target column's name
 * @param covariates     the C covariate names
 * @param calendar       the K calendar feature names (empty when calendar features are off)
 */
record ForecastLayout(int window, int horizon, int networkOutputs, String target, List<String> covariates,
                      List<String> calendar) {
    ForecastLayout {
        covariates = List.copyOf(covariates);
        calendar = List.copyOf(calendar);
        if (window < 1 || horizon < 1 || networkOutputs < 1) {
            throw new IllegalArgumentException("window, horizon and outputs must be positive; got " + window + ", "
                    + horizon + ", " + networkOutputs);
        }
    }

    static ForecastLayout of(FittedRnn model, String target) {
        RnnConfig c = model.config();
        List<String> calendar = c.calendarFeatures() ? CalendarFeatures.names(model.frequency()) : List.of();
        ForecastLayout layout = new ForecastLayout(c.window(), c.horizon(), c.strategy() == Strategy.DIRECT ? c.horizon() * c.outputsPerStep() : 1,
                target, c.inputCovariates(), calendar);
        int[] in = model.network().inputShape();
        int[] out = model.network().outputShape();
        if (in.length != 2 || in[0] != c.window() || in[1] != layout.features()
                || out.length != 1 || out[0] != layout.networkOutputs()) {
            throw new OnnxExportException("the forecaster's network takes " + Arrays.toString(in) + " and returns "
                    + Arrays.toString(out) + ", not the [" + c.window() + ", " + layout.features() + "] -> ["
                    + layout.networkOutputs() + "] its configuration describes");
        }
        return layout;
    }

    /** F = 1 + C + K. */
    int features() {
        return 1 + covariates.size() + calendar.size();
    }

    /** The F feature names: target, covariates, calendar features. */
    List<String> featureNames() {
        List<String> names = new ArrayList<>();
        names.add(target);
        names.addAll(covariates);
        names.addAll(calendar);
        return names;
    }
}
