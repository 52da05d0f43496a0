package org.seqcast.forecast;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeSeries;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.History;

/**
 * A trained neural forecaster: the network, the resolved configuration (window chosen), the scalers of the
 * series it was trained on (and the encoding of their static attributes), and its training history. A network
 * with future-known covariates needs their values at the H points after a history
 * ({@link TimeSeries#future()}); one with static covariates needs the history's static attributes (a category
 * not seen in training is forecast with the learned "unknown" embedding, and the forecast's note says so). A quantile network's forecasts are the median and carry
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
    /** The name of the window's first feature, the scaled target relative to the level ({@link Windows}). */
    public static final String TARGET_FEATURE = "target";

    private final RnnConfig config;
    private final RnnNetwork network;
    private final StaticEncoding statics;
    private final Map<String, SeriesScalers> scalers;
    private final Frequency frequency;
    private final int seasonalPeriod;
    private final History history;
    private final int trainingWindows;
    private final int validationWindows;
    private final Windows windows;
    private final List<String> seriesWithoutWindows;

    /** Assembles a fitted forecaster (also used by model loading); {@code config.window()} must be resolved. */
    public FittedRnn(RnnConfig config, Sequential model, Map<String, SeriesScalers> scalers, Frequency frequency,
                     int seasonalPeriod, History history, int trainingWindows, int validationWindows) {
        this(config, RnnNetwork.of(model), StaticEncoding.NONE, scalers, frequency, seasonalPeriod, history,
                trainingWindows, validationWindows);
    }

    /**
     * Assembles a fitted forecaster whose network may have a decoder (also used by model loading);
     * {@code config.window()} must be resolved, and the network must be a {@link RnnNetwork.Conditioned} exactly
     * when the config has future-known or static covariates or a graph encoder ({@link RnnConfig#graphNetwork}).
     */
    public FittedRnn(RnnConfig config, RnnNetwork network, StaticEncoding statics, Map<String, SeriesScalers> scalers,
                     Frequency frequency, int seasonalPeriod, History history, int trainingWindows,
                     int validationWindows) {
        this(config, network, statics, scalers, frequency, seasonalPeriod, history, trainingWindows, validationWindows,
                List.of());
    }

    /**
     * As the constructor above, with the training series that gave no training window and why (see
     * {@link #seriesWithoutWindows()}).
     */
    public FittedRnn(RnnConfig config, RnnNetwork network, StaticEncoding statics, Map<String, SeriesScalers> scalers,
                     Frequency frequency, int seasonalPeriod, History history, int trainingWindows,
                     int validationWindows, List<String> seriesWithoutWindows) {
        if (config.window() < 1) {
            throw new IllegalArgumentException("a fitted forecaster needs a resolved window; got " + config.window());
        }
        if (config.graphNetwork() != (network instanceof RnnNetwork.Conditioned)) {
            throw new IllegalArgumentException("the config (" + config.architecture().label() + " architecture, "
                    + (config.conditioned() ? "with" : "without") + " future-known or static covariates) makes a "
                    + (config.graphNetwork() ? "Graph" : "Sequential") + " network but the network is a "
                    + (config.graphNetwork() ? "Sequential" : "Graph"));
        }
        java.util.List<String> encoded = new java.util.ArrayList<>(statics.numeric());
        statics.categorical().forEach(c -> encoded.add(c.name()));
        if (!new java.util.HashSet<>(encoded).equals(new java.util.HashSet<>(config.staticCovariates()))) {
            throw new IllegalArgumentException("the static encoding covers " + encoded + " but the config's static"
                    + " covariates are " + config.staticCovariates());
        }
        this.config = config;
        this.network = network;
        this.statics = statics;
        this.scalers = Collections.unmodifiableMap(new LinkedHashMap<>(scalers));
        this.frequency = frequency;
        this.history = history;
        this.trainingWindows = trainingWindows;
        this.validationWindows = validationWindows;
        this.seasonalPeriod = seasonalPeriod;
        this.seriesWithoutWindows = List.copyOf(seriesWithoutWindows);
        this.windows = new Windows(config, config.window(), CalendarFeatures.names(frequency).size(), seasonalPeriod);
        int[] in = network.inputShape();
        if (in.length != 2 || in[0] != config.window() || in[1] != windows.features()) {
            throw new IllegalArgumentException("the network takes input " + Arrays.toString(in) + " but the config"
                    + " makes windows of [" + config.window() + ", " + windows.features() + "]");
        }
    }

    @Override
    public String name() {
        return config.architecture().forecasterName(config.cell());
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
        RnnNetwork fresh = RnnForecaster.network(config, frequency, statics);
        fresh.loadStateDict(network.stateDict());
        return new FittedRnn(config, fresh, statics, scalers, frequency, seasonalPeriod, history, trainingWindows,
                validationWindows, seriesWithoutWindows);
    }

    @Override
    public List<String> seriesWithoutWindows() {
        return seriesWithoutWindows;
    }

    @Override
    public java.util.List<String> staticCovariates() {
        return config.staticCovariates();
    }

    @Override
    public java.util.List<String> futureCovariates() {
        return config.futureCovariates();
    }

    public RnnConfig config() {
        return config;
    }

    /**
     * The network of a forecaster without future-known or static covariates and with a chain encoder (not the
     * transformer's graph: {@link RnnConfig#graphNetwork}).
     *
     * @throws IllegalStateException for a network with a decoder, which is a {@link org.seqcast.nn.Graph}: use
     *                               {@link #network()}
     */
    public Sequential model() {
        if (network instanceof RnnNetwork.Plain p) {
            return p.sequential();
        }
        throw new IllegalStateException("this network reads future-known or static covariates through a decoder, or"
                + " has a graph encoder (" + config.architecture().label() + "), so it is a Graph, not a Sequential;"
                + " use network()");
    }

    /** The network, plain or with a decoder. */
    public RnnNetwork network() {
        return network;
    }

    /** How the network reads static attributes ({@link StaticEncoding#NONE} without static covariates). */
    public StaticEncoding statics() {
        return statics;
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
        SeriesScalers sc = scalersFor(series);
        int n = series.size();
        int w = config.window();
        int f = windows.features();
        int h = config.horizon();
        double[] out = new double[h];
        Windows.Scaled s = Windows.Scaled.of(series, sc, config.inputCovariates());
        if (config.hasQuantiles()) {
            float[] x = new float[w * f];
            double level = windows.input(s, n - w, x, 0);
            return noteUnknown(series, quantileForecast(series, s, sc, n, level, predict(series, s, n, x)));
        }
        if (config.strategy() == Strategy.DIRECT) {
            float[] x = new float[w * f];
            double level = windows.input(s, n - w, x, 0);
            float[] yhat = predict(series, s, n, x);
            for (int k = 0; k < h; k++) {
                out[k] = sc.targetFromModel(windows.anchor(s, n, k, level) + yhat[k]);
            }
        } else {
            double[] z = Arrays.copyOf(s.z(), n + h);
            Windows.Scaled growing = new Windows.Scaled(s.index(), z, s.covariates());
            float[] x = new float[w * f];
            for (int k = 0; k < h; k++) {
                double level = windows.input(growing, n + k - w, x, 0);
                z[n + k] = windows.anchor(growing, n + k, 0, level) + predict(series, growing, n + k, x)[0];
                out[k] = sc.targetFromModel(z[n + k]);
            }
        }
        return noteUnknown(series, new Forecast(series.id(), name(), series.index().following(h), out));
    }

    /**
     * The checks every forecast makes (frequency, no missing values, the columns the network reads, the future
     * values it needs), then the series' scalers: its own from training, or fitted on this history for a new id.
     */
    private SeriesScalers scalersFor(TimeSeries series) {
        if (!series.frequency().equals(frequency)) {
            throw new IllegalArgumentException("series '" + series.id() + "' is " + series.frequency()
                    + " but the model was trained on " + frequency + " data");
        }
        SeriesChecks.requireComplete(series, name());
        SeriesChecks.requireColumns(series, config.inputCovariates());
        SeriesChecks.requireFuture(series, config.futureCovariates(), config.horizon(), "a forecast");
        SeriesScalers sc = scalers.get(series.id());
        if (sc == null) {
            sc = SeriesScalers.fit(config.transform(), config.scaling(), series, config.inputCovariates(), series.size());
        }
        return sc;
    }

    /**
     * What the network reads for the last window of a history, in model units, built exactly as {@link #forecast}
     * builds it (for the recursive strategy: its first step): the named inputs of one row (the window (1, W, F)
     * under {@value RnnForecaster#INPUT}; a network with a decoder also reads the future-known values and static
     * attributes), the names of the F features (the scaled target relative to the level, {@value #TARGET_FEATURE};
     * the covariates, past then future-known; the calendar features), the time stamps of the W window steps, the
     * time stamps of the H' forecast steps of the network's outputs, and for each of them the index of the
     * network output that is its point forecast in model units (z_{n+k} − a_k; a quantile network's median, whose
     * raw output is the median itself: {@link org.seqcast.nn.loss.NonCrossingQuantiles}). The same checks as
     * {@link #forecast}.
     */
    public ModelWindow lastWindow(TimeSeries series) {
        SeriesScalers sc = scalersFor(series);
        int n = series.size();
        int w = config.window();
        Windows.Scaled s = Windows.Scaled.of(series, sc, config.inputCovariates());
        float[] x = new float[w * windows.features()];
        windows.input(s, n - w, x, 0);
        java.util.List<String> features = new java.util.ArrayList<>();
        features.add(TARGET_FEATURE);
        features.addAll(config.inputCovariates());
        if (config.calendarFeatures()) {
            features.addAll(CalendarFeatures.names(frequency));
        }
        java.util.List<String> steps = new java.util.ArrayList<>();
        for (int t = n - w; t < n; t++) {
            steps.add(series.index().label(t));
        }
        int outputs = RnnForecaster.outputs(config);
        org.seqcast.data.TimeIndex next = series.index().following(outputs);
        java.util.List<String> targets = new java.util.ArrayList<>();
        int[] point = new int[outputs];
        int q = config.hasQuantiles() ? config.quantileLevels().length : 1;
        int median = config.hasQuantiles() ? ForecastDistribution.position(config.quantileLevels(), 0.5) : 0;
        for (int k = 0; k < outputs; k++) {
            targets.add(next.label(k));
            point[k] = k * q + median;
        }
        return new ModelWindow(inputs(series, s, n, x), features, steps, targets, point);
    }

    /**
     * The network's inputs for the last window of a history ({@link #lastWindow}).
     *
     * @param inputs   named inputs of one row; {@value RnnForecaster#INPUT} is the window (1, W, F)
     * @param features the F feature names of the window
     * @param steps    the W window steps' time stamps (before the series' first point, extrapolated: the window
     *                 repeats the first point's values there)
     * @param targets  the H' forecast steps' time stamps
     * @param pointOutputs per forecast step, the index of the network output that is its point forecast
     */
    public record ModelWindow(Map<String, Tensor> inputs, java.util.List<String> features,
                              java.util.List<String> steps, java.util.List<String> targets, int[] pointOutputs) {
        public ModelWindow {
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            features = java.util.List.copyOf(features);
            steps = java.util.List.copyOf(steps);
            targets = java.util.List.copyOf(targets);
            pointOutputs = pointOutputs.clone();
            Tensor x = inputs.get(RnnForecaster.INPUT);
            if (x == null || x.rank() != 3 || x.dim(0) != 1 || x.dim(1) != steps.size() || x.dim(2) != features.size()) {
                throw new IllegalArgumentException("the window input must have shape (1, " + steps.size() + ", "
                        + features.size() + ") for " + steps.size() + " steps and features " + features);
            }
            if (pointOutputs.length != targets.size()) {
                throw new IllegalArgumentException("pointOutputs has " + pointOutputs.length + " entries for "
                        + targets.size() + " forecast steps");
            }
        }

        /** The window x (W, F) as rows of doubles. */
        public double[][] window() {
            Tensor x = inputs.get(RnnForecaster.INPUT);
            int f = features.size();
            double[][] out = new double[steps.size()][f];
            for (int t = 0; t < out.length; t++) {
                for (int j = 0; j < f; j++) {
                    out[t][j] = x.data()[t * f + j];
                }
            }
            return out;
        }

        @Override
        public int[] pointOutputs() {
            return pointOutputs.clone();
        }
    }

    /** The forecast with a note when a categorical static attribute of the series was not seen in training. */
    private Forecast noteUnknown(TimeSeries series, Forecast f) {
        String note = statics.unknownNote(series);
        if (note == null) {
            return f;
        }
        return new Forecast(f.seriesId(), f.model(), f.index(), f.values(), f.hasNote() ? f.note() + "; " + note : note,
                f.distribution());
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

    /**
     * The network's output for one window x (1, W, F) whose targets start at point n of {@code s}, with the
     * decoder's inputs for a network that has one; one forward pass at a time (the network's buffers are shared).
     */
    private float[] predict(TimeSeries series, Windows.Scaled s, int n, float[] x) {
        java.util.Map<String, Tensor> in = inputs(series, s, n, x);
        synchronized (network) {
            return network.predict(in);
        }
    }

    /** The named inputs of one window x (1, W, F) whose targets start at point n of {@code s}. */
    private Map<String, Tensor> inputs(TimeSeries series, Windows.Scaled s, int n, float[] x) {
        DecoderInputs decoder = new DecoderInputs(windows, statics, 1);
        decoder.write(0, s, series, n, false);
        return decoder.tensors(x);
    }
}
