package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.data.TimeSeries;
import org.seqcast.train.TrainingListener;

/**
 * A recurrent network on top of a classical decomposition, as the M4 benchmarks and R's thetaf combine them:
 * <ol>
 *   <li>per series, on the training part only: thetaf's seasonality test (lag-m autocorrelation at 90%) and, when
 *       the series is seasonal, the multiplicative classical decomposition (R's decompose()), see
 *       {@link org.seqcast.baseline.SeasonalAdjustment}; the series is divided by its seasonal indices s_t;</li>
 *   <li>one global {@link RnnForecaster} with the given configuration is trained on the adjusted series;</li>
 *   <li>forecasts of the adjusted series are multiplied by the indices of the last season, repeated:
 *       ŷ_{n+k} = x̂_{n+k} · s_{n−m+((k−1) mod m)+1}.</li>
 * </ol>
 * A series with period m = 1 or found non-seasonal is not adjusted (the network then sees it as it is). A seasonal
 * series too short for the test (n ≤ 2m) or with a non-positive value (a multiplicative decomposition divides by
 * the values' level) is not adjusted either, and its forecasts carry a note that says so.
 */
public final class DecomposedForecaster implements Forecaster {
    /** What the name of the network's cell gets appended: "lstm" becomes "lstm-deseason". */
    public static final String SUFFIX = "-deseason";

    private final RnnForecaster network;

    /** The network {@code config} on seasonally adjusted series. */
    public DecomposedForecaster(RnnConfig config) {
        this(new RnnForecaster(config));
    }

    private DecomposedForecaster(RnnForecaster network) {
        this.network = network;
    }

    /** The same forecaster reporting the network's training progress to {@code listener}. */
    public DecomposedForecaster withListener(TrainingListener listener) {
        return new DecomposedForecaster(network.withListener(listener));
    }

    /**
     * The same hybrid (listeners kept) with a quantile network at {@code levels}
     * ({@link RnnForecaster#withQuantiles}): its quantiles of the adjusted series are multiplied back by the
     * seasonal indices like its point forecasts.
     */
    public DecomposedForecaster withQuantiles(List<Double> levels) {
        return new DecomposedForecaster(network.withQuantiles(levels));
    }

    /** The network's configuration. */
    public RnnConfig config() {
        return network.config();
    }

    /** The name of the forecaster on top of a {@code cell} network. */
    public static String name(Cell cell) {
        return cell.label() + SUFFIX;
    }

    @Override
    public List<String> futureCovariates() {
        return network.futureCovariates();
    }

    @Override
    public String name() {
        return name(network.config().cell());
    }

    @Override
    public int horizon() {
        return network.horizon();
    }

    /** Adjusts each training series (indices from its own values only), then trains the network on them all. */
    @Override
    public FittedDecomposed fit(List<TimeSeries> training) {
        SeriesChecks.commonFrequency(training);
        List<FittedDecomposed.Adjustment> adjustments = new ArrayList<>(training.size());
        List<TimeSeries> adjusted = new ArrayList<>(training.size());
        for (TimeSeries s : training) {
            FittedDecomposed.Adjustment a = FittedDecomposed.Adjustment.estimate(s, name());
            adjustments.add(a);
            adjusted.add(a.adjust(s));
        }
        return new FittedDecomposed(network.fit(adjusted), adjustments);
    }

    @Override
    public FittedDecomposed fit(TimeSeries training) {
        return fit(List.of(training));
    }
}
