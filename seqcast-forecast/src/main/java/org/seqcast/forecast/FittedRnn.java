package org.seqcast.forecast;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeSeries;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.History;

/**
 * A trained neural forecaster: the network, the resolved configuration (window chosen), the scalers of the
 * series it was trained on, and its training history. A quantile network's forecasts are the median and carry
 * the quantiles at its levels ({@link RnnConfig#quantiles}) as their {@link ForecastDistribution}.
 * <p>
 * Forecasting series i uses the scaler fitted on i's training part; a series the model has not seen (a new
 * id) gets a scaler fitted on the history it comes with, which is all past data, so no future value ever
 * reaches the model.
 * <p>
 * Thread-safety: {@link #forecast} may be called by many threads at once. The network's forward pass reuses
 * its buffers ({@link Sequential#predict} is not thread-safe), so the forecasts of one instance take turns on
 * the network (a lock held for the forward pass of one window); everything else (scaling, windows, checks)
 * runs concurrently. For throughput on many threads give each thread its own {@link #copy()} (a new network
 * with the same weights: no training, no file). Measured on 2 cores with the default network (32 LSTM units,
 * window 24, monthly data): a forecast takes about 75 µs, 35 µs of it the forward pass under the lock; two
 * threads sharing one instance forecast 1.4 times as fast as one thread, two copies 1.7 times; a copy takes
 * about 0.5 ms. Code that calls {@link #model()} directly must not use it while another thread forecasts.
 */
public final class FittedRnn implements FittedForecaster {
    private final RnnConfig config;
    private final Sequential model;
    private final Map<String, SeriesScalers> scalers;
    private final Frequency frequency;
    private final int seasonalPeriod;
    private final History history;
    private final int trainingWindows;
    private final int validationWindows;
    private final Windows windows;

    /** Assembles a fitted forecaster (also used by model loading); {@code config.window()} must be resolved. */
    public FittedRnn(RnnConfig config, Sequential model, Map<String, SeriesScalers> scalers, Frequency frequency,
                     int seasonalPeriod, History history, int trainingWindows, int validationWindows) {
        if (config.window() < 1) {
            throw new IllegalArgumentException("a fitted forecaster needs a resolved window; got " + config.window());
        }
        this.config = config;
        this.model = model;
        this.scalers = Collections.unmodifiableMap(new LinkedHashMap<>(scalers));
        this.frequency = frequency;
        this.history = history;
        this.trainingWindows = trainingWindows;
        this.validationWindows = validationWindows;
        this.seasonalPeriod = seasonalPeriod;
        this.windows = new Windows(config, config.window(), CalendarFeatures.names(frequency).size(), seasonalPeriod);
        int[] in = model.inputShape();
        if (in.length != 2 || in[0] != config.window() || in[1] != windows.features()) {
            throw new IllegalArgumentException("the network takes input " + Arrays.toString(in) + " but the config"
                    + " makes windows of [" + config.window() + ", " + windows.features() + "]");
        }
    }

    @Override
    public String name() {
        return config.cell().label();
    }

    @Override
    public int horizon() {
        return config.horizon();
    }

    /**
     * An independent forecaster with the same config, weights (copied), scalers and history, forecasting the
     * same bits: for a thread of its own.
     */
    public FittedRnn copy() {
        Sequential network = RnnForecaster.network(config, frequency);
        network.loadStateDict(model.stateDict());
        return new FittedRnn(config, network, scalers, frequency, seasonalPeriod, history, trainingWindows,
                validationWindows);
    }

    public RnnConfig config() {
        return config;
    }

    public Sequential model() {
        return model;
    }

    public Map<String, SeriesScalers> scalers() {
        return scalers;
    }

    public Frequency frequency() {
        return frequency;
    }

    /** The season length m the model was trained with (used by {@link Anchor#SEASON}). */
    public int seasonalPeriod() {
        return seasonalPeriod;
    }

    @Override
    public History trainingHistory() {
        return history;
    }

    public int trainingWindows() {
        return trainingWindows;
    }

    public int validationWindows() {
        return validationWindows;
    }

    @Override
    public Forecast forecast(TimeSeries series) {
        if (!series.frequency().equals(frequency)) {
            throw new IllegalArgumentException("series '" + series.id() + "' is " + series.frequency()
                    + " but the model was trained on " + frequency + " data");
        }
        SeriesChecks.requireComplete(series, name());
        SeriesChecks.requireColumns(series, config.covariates());
        SeriesScalers sc = scalers.get(series.id());
        if (sc == null) {
            sc = SeriesScalers.fit(config.transform(), config.scaling(), series, config.covariates(), series.size());
        }
        int n = series.size();
        int w = config.window();
        int f = windows.features();
        int h = config.horizon();
        double[] out = new double[h];
        Windows.Scaled s = Windows.Scaled.of(series, sc, config.covariates());
        if (config.hasQuantiles()) {
            float[] x = new float[w * f];
            double level = windows.input(s, n - w, x, 0);
            return quantileForecast(series, s, sc, n, level, predict(x, w, f));
        }
        if (config.strategy() == Strategy.DIRECT) {
            float[] x = new float[w * f];
            double level = windows.input(s, n - w, x, 0);
            float[] yhat = predict(x, w, f);
            for (int k = 0; k < h; k++) {
                out[k] = sc.targetFromModel(windows.anchor(s, n, k, level) + yhat[k]);
            }
        } else {
            double[] z = Arrays.copyOf(s.z(), n + h);
            Windows.Scaled growing = new Windows.Scaled(s.index(), z, s.covariates());
            float[] x = new float[w * f];
            for (int k = 0; k < h; k++) {
                double level = windows.input(growing, n + k - w, x, 0);
                z[n + k] = windows.anchor(growing, n + k, 0, level) + predict(x, w, f)[0];
                out[k] = sc.targetFromModel(z[n + k]);
            }
        }
        return new Forecast(series.id(), name(), series.index().following(h), out);
    }

    /**
     * A quantile network's forecast from its raw outputs r (H·Q): the quantiles of each step
     * ({@link RnnConfig#quantileMap}, which cannot cross), each taken back from the anchor, scaling and transform
     * as a point forecast is (monotone maps, so they stay ordered); the point forecast is the median.
     */
    private Forecast quantileForecast(TimeSeries series, Windows.Scaled s, SeriesScalers sc, int n, double level,
                                      float[] r) {
        double[] levels = config.quantileLevels();
        int nq = levels.length;
        int median = ForecastDistribution.position(levels, 0.5);
        double[] q = config.quantileMap().quantiles(r);
        int h = config.horizon();
        double[] out = new double[h];
        double[][] values = new double[h][nq];
        for (int k = 0; k < h; k++) {
            double anchor = windows.anchor(s, n, k, level);
            for (int j = 0; j < nq; j++) {
                values[k][j] = sc.targetFromModel(anchor + q[k * nq + j]);
            }
            out[k] = values[k][median];
        }
        return new Forecast(series.id(), name(), series.index().following(h), out)
                .withDistribution(ForecastDistribution.ofLevels(levels, values));
    }

    /** The network's output for one window x (1, W, F); one forward pass at a time (the network's buffers are shared). */
    private float[] predict(float[] x, int w, int f) {
        synchronized (model) {
            return model.predict(Tensor.wrap(x, 1, w, f)).data();
        }
    }
}
