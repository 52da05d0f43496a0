package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeSeries;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.optim.Optimizer;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.EarlyStopping;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;
import org.seqcast.train.TrainingListener;

/**
 * A recurrent-network forecaster: one global model trained on windows of every given series (each series
 * scaled by its own scaler), or wrapped in {@link PerSeriesForecaster} for one model per series.
 * <p>
 * Fitting, for series i of length n_i: the last V_i = max(H', ⌈f·n_i⌉) points (f the validation fraction,
 * H' the network's output length) are the validation part; scalers are fitted on the first n_i − V_i points
 * only; training windows have their targets inside those points, validation windows have their targets
 * ending inside the validation part. The validation loss drives early stopping (best weights restored).
 * Series too short for one training window still get validation windows if they can, and are forecast
 * from a padded window; a series not longer than its validation part holds out nothing (its scalers see all
 * its points, and it yields no window either way) instead of failing the whole fit.
 */
public final class RnnForecaster implements Forecaster {
    /** The window input of every network: (W, F). */
    public static final String INPUT = "x";
    /** The decoder's future-known values of a network with future-known covariates: (D). */
    public static final String FUTURE = "future";
    /** The standardised numeric static attributes of a network with static covariates (categorical ones: static_name). */
    public static final String STATIC = "static";
    /** The output of a network with a decoder: (H'·Q). */
    public static final String OUTPUT = "y";

    private final RnnConfig config;
    private final List<TrainingListener> listeners;

    public RnnForecaster(RnnConfig config) {
        this(config, List.of());
    }

    private RnnForecaster(RnnConfig config, List<TrainingListener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
    }

    /** The default network for horizon H (see {@link RnnConfig}). */
    public static RnnForecaster withHorizon(int horizon) {
        return new RnnForecaster(RnnConfig.builder(horizon).build());
    }

    /** The same forecaster reporting training progress to {@code listener}. */
    public RnnForecaster withListener(TrainingListener listener) {
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new RnnForecaster(config, all);
    }

    public RnnConfig config() {
        return config;
    }

    /**
     * The same forecaster (listeners kept) as a quantile network at {@code levels} ({@link RnnConfig.Builder#quantiles}:
     * 0.5 added, loss set to {@value RnnConfig#QUANTILE_LOSS}).
     */
    public RnnForecaster withQuantiles(List<Double> levels) {
        return new RnnForecaster(config.toBuilder().quantiles(levels).build(), listeners);
    }

    @Override
    public String name() {
        return config.architecture().forecasterName(config.cell());
    }

    @Override
    public int horizon() {
        return config.horizon();
    }

    @Override
    public List<String> futureCovariates() {
        return config.futureCovariates();
    }

    /** The points at the end of a series of n points held out for validation: max(H', ⌈f·n⌉), or 0 without. */
    public static int validationPoints(RnnConfig c, int n) {
        return c.validationFraction() > 0 ? Math.max(outputs(c), (int) Math.ceil(c.validationFraction() * n)) : 0;
    }

    /**
     * The shortest series {@link #fit} can train on: one window (the configured one, else the shortest it may
     * choose, 1) with its targets, plus the validation part.
     */
    public static int minimumLength(RnnConfig c) {
        int targets = outputs(c);
        int window = Math.max(1, c.window());
        int n = window + targets;
        while (n - validationPoints(c, n) < window + targets) {
            n++;
        }
        return n;
    }

    /** Output length of the network: H for the direct strategy, 1 for the recursive one. */
    static int outputs(RnnConfig c) {
        return c.strategy() == Strategy.DIRECT ? c.horizon() : 1;
    }

    @Override
    public FittedRnn fit(TimeSeries training) {
        return fit(List.of(training));
    }

    /**
     * Fits the network; with {@link RnnConfig#refit} a second, fresh network of the same seed and window then
     * trains on every window for the epochs the first one's early stopping chose ({@link #refitConfig}).
     */
    @Override
    public FittedRnn fit(List<TimeSeries> training) {
        FittedRnn first = fitOnce(training);
        if (!config.refit()) {
            return first;
        }
        return new RnnForecaster(refitConfig(first), listeners).fitOnce(training);
    }

    /**
     * The configuration of the refit after {@code first}: its resolved window, no validation part (every window
     * trains), no early stopping, for the epochs whose weights early stopping kept (at least 1), no further refit.
     */
    static RnnConfig refitConfig(FittedRnn first) {
        return first.config().toBuilder().refit(false).validationFraction(0).patience(0)
                .epochs(Math.max(1, first.trainingHistory().bestEpoch())).build();
    }

    /** One fit: windows, scalers and early stopping as the configuration says (the class comment). */
    private FittedRnn fitOnce(List<TimeSeries> training) {
        Frequency frequency = SeriesChecks.commonFrequency(training);
        for (TimeSeries s : training) {
            SeriesChecks.requireComplete(s, name());
            SeriesChecks.requireColumns(s, config.inputCovariates());
        }
        StaticEncoding statics = StaticEncoding.fit(config.staticCovariates(), training);
        int out = outputs(config);
        int[] validation = new int[training.size()];
        int[] trainEnd = new int[training.size()];
        for (int i = 0; i < training.size(); i++) {
            int n = training.get(i).size();
            int v = validationPoints(config, n);
            validation[i] = n - v >= 1 ? v : 0;   // a series shorter than its validation part holds out nothing
            trainEnd[i] = n - validation[i];
        }
        int window = config.window() > 0 ? config.window() : autoWindow(training, trainEnd, out, config.horizon());
        RnnConfig resolved = config.toBuilder().window(window).build();
        int season = training.get(0).seasonalPeriod();
        Windows windows = new Windows(resolved, window, CalendarFeatures.names(frequency).size(), season);

        Map<String, SeriesScalers> scalers = new LinkedHashMap<>();
        List<Windows.Scaled> scaled = new ArrayList<>();
        for (int i = 0; i < training.size(); i++) {
            TimeSeries s = training.get(i);
            if (trainEnd[i] < 1) {
                throw new IllegalArgumentException("series '" + s.id() + "' has " + s.size()
                        + " points, too few to hold out " + validation[i] + " for validation");
            }
            SeriesScalers sc = SeriesScalers.fit(config.transform(), config.scaling(), s, config.inputCovariates(),
                    trainEnd[i]);
            if (scalers.put(s.id(), sc) != null) {
                throw new IllegalArgumentException("two series share the id '" + s.id() + "'; ids must be unique");
            }
            scaled.add(Windows.Scaled.of(s, sc, config.inputCovariates()));
        }
        int[] counts = new int[2];
        int[] perSeries = new int[training.size()];
        visitWindows(config, trainEnd, training, window, new WindowVisitor() {
            @Override
            public void training(int i, int t0) {
                counts[0]++;
                perSeries[i]++;
            }

            @Override
            public void validation(int i, int t0) {
                counts[1]++;
            }
        });
        int trainCount = counts[0];
        int valCount = counts[1];
        if (trainCount == 0) {
            int longest = Arrays.stream(trainEnd).max().orElse(0);
            throw new IllegalArgumentException("no series is long enough for one training window: a window of "
                    + window + " inputs and " + out + " targets needs " + (window + out)
                    + " training points plus " + (validation.length == 1 ? validation[0] : "the") + " validation"
                    + " points; the longest series has " + (longest + validation[indexOfMax(trainEnd)])
                    + " points in all. Use a shorter window, a smaller validation fraction, or more data");
        }
        List<String> idle = new ArrayList<>();
        for (int i = 0; i < training.size(); i++) {
            if (perSeries[i] == 0) {
                idle.add(name() + ": series '" + training.get(i).id() + "' has " + training.get(i).size() + " points,"
                        + " too few for one training window (" + window + " inputs and " + out + " targets need "
                        + (window + out) + " training points, and " + validation[i] + " are held out for"
                        + " validation), so it took no part in training");
            }
        }
        if (resolved.graphNetwork()) {
            return fitConditioned(resolved, frequency, season, windows, statics, training, scaled, scalers, trainEnd,
                    validation, trainCount, valCount, idle);
        }
        int f = windows.features();
        float[] x = new float[trainCount * window * f];
        float[] y = new float[trainCount * out];
        float[] vx = new float[valCount * window * f];
        float[] vy = new float[valCount * out];
        double[] seriesWeight = seriesWeights(config, scaled, trainEnd, window, season);
        float[] w = seriesWeight == null ? null : new float[trainCount];
        float[] vw = seriesWeight == null ? null : new float[valCount];
        visitWindows(config, trainEnd, training, window, new WindowVisitor() {
            private int row;
            private int vrow;

            @Override
            public void training(int i, int t0) {
                double level = windows.input(scaled.get(i), t0, x, row * window * f);
                windows.target(scaled.get(i), t0, level, out, y, row * out);
                if (w != null) {
                    w[row] = (float) seriesWeight[i];
                }
                row++;
            }

            @Override
            public void validation(int i, int t0) {
                double level = windows.input(scaled.get(i), t0, vx, vrow * window * f);
                windows.target(scaled.get(i), t0, level, out, vy, vrow * out);
                if (vw != null) {
                    vw[vrow] = (float) seriesWeight[i];
                }
                vrow++;
            }
        });
        Sequential model = buildModel(resolved, f);
        FitOptions.Builder options = fitOptions(config, valCount > 0);
        if (valCount > 0) {
            options.validationData(Tensor.wrap(vx, valCount, window, f), Tensor.wrap(vy, valCount, out),
                    vw == null ? null : Tensor.wrap(vw, valCount));
        }
        History history = model.fit(Tensor.wrap(x, trainCount, window, f), Tensor.wrap(y, trainCount, out),
                w == null ? null : Tensor.wrap(w, trainCount), options.build());
        return new FittedRnn(resolved, RnnNetwork.of(model), StaticEncoding.NONE, scalers, frequency, season, history,
                trainCount, valCount, idle);
    }

    /** The share of training windows whose categorical attributes are shown as "unknown" (to learn its embedding). */
    static final double UNKNOWN_SHARE = 0.1;

    /**
     * Fits a network with a decoder ({@link #conditionedNetwork}) on the same windows as a plain one, each with
     * its decoder inputs: the future-known covariates and calendar features of its target steps, and its series'
     * static attributes; a seeded tenth of the training windows show their categories as unknown.
     */
    private FittedRnn fitConditioned(RnnConfig resolved, Frequency frequency, int season, Windows windows,
                                     StaticEncoding statics, List<TimeSeries> training, List<Windows.Scaled> scaled,
                                     Map<String, SeriesScalers> scalers, int[] trainEnd, int[] validation,
                                     int trainCount, int valCount, List<String> idle) {
        int window = resolved.window();
        int out = outputs(resolved);
        DecoderBatch train = new DecoderBatch(windows, statics, out, trainCount);
        DecoderBatch val = new DecoderBatch(windows, statics, out, valCount);
        org.seqcast.tensor.Rng unknown = new org.seqcast.tensor.Rng(resolved.seed() ^ 0x5EEDCA7L);
        visitWindows(resolved, trainEnd, training, window, new WindowVisitor() {
            @Override
            public void training(int i, int t0) {
                train.add(scaled.get(i), training.get(i), t0, unknown.nextDouble() < UNKNOWN_SHARE);
            }

            @Override
            public void validation(int i, int t0) {
                val.add(scaled.get(i), training.get(i), t0, false);
            }
        });
        org.seqcast.nn.Graph model = conditionedNetwork(resolved, windows.features(), windows.futureWidth(), statics);
        FitOptions.Builder options = fitOptions(resolved, valCount > 0);
        if (valCount > 0) {
            options.validationData(val.inputs(), val.targets());
        }
        History history = model.fit(train.inputs(), train.targets(), options.build());
        return new FittedRnn(resolved, RnnNetwork.of(model), statics, scalers, frequency, season, history, trainCount,
                valCount, idle);
    }

    /**
     * What {@link #visitWindows} hands over: series i's training windows, then its validation windows, by the
     * first step t0 of each.
     */
    private interface WindowVisitor {
        void training(int i, int t0);

        void validation(int i, int t0);
    }

    /**
     * Visits every window of a fit, series by series: the training windows (targets inside the training part,
     * from {@link #firstTrainingStart}), then the validation windows (targets ending inside the validation part).
     */
    private static void visitWindows(RnnConfig c, int[] trainEnd, List<TimeSeries> training, int window,
                                     WindowVisitor visitor) {
        int out = outputs(c);
        for (int i = 0; i < trainEnd.length; i++) {
            for (int t0 = firstTrainingStart(c, trainEnd[i], window); t0 + window + out <= trainEnd[i]; t0++) {
                visitor.training(i, t0);
            }
            for (int t0 = Math.max(0, trainEnd[i] - window - out + 1); t0 + window + out <= training.get(i).size();
                 t0++) {
                visitor.validation(i, t0);
            }
        }
    }

    /** The training options of a fit: epochs, batch, schedule, the listeners, and early stopping when validating. */
    private FitOptions.Builder fitOptions(RnnConfig c, boolean validating) {
        FitOptions.Builder options = FitOptions.builder().epochs(c.epochs()).batchSize(c.batchSize())
                .schedule(c.learningRateSchedule());
        if (validating && c.patience() > 0) {
            options.earlyStopping(EarlyStopping.patience(c.patience()));
        }
        listeners.forEach(options::listener);
        return options;
    }

    /** Windows of a network with a decoder: the sequence inputs, the decoder's inputs and the targets, row by row. */
    private static final class DecoderBatch {
        private final Windows windows;
        private final int out;
        private final int rows;
        private final float[] x;
        private final float[] y;
        private final DecoderInputs decoder;
        private int row;

        DecoderBatch(Windows windows, StaticEncoding statics, int out, int rows) {
            this.windows = windows;
            this.out = out;
            this.rows = rows;
            this.x = new float[rows * windows.window() * windows.features()];
            this.y = new float[rows * out];
            this.decoder = new DecoderInputs(windows, statics, rows);
        }

        /** Adds the window starting at t0; with {@code unknown}, its categories show as unknown. */
        void add(Windows.Scaled s, TimeSeries series, int t0, boolean unknown) {
            double level = windows.input(s, t0, x, row * windows.window() * windows.features());
            windows.target(s, t0, level, out, y, row * out);
            decoder.write(row, s, series, t0 + windows.window(), unknown);
            row++;
        }

        Map<String, Tensor> inputs() {
            return decoder.tensors(x);
        }

        Map<String, Tensor> targets() {
            return Map.of(OUTPUT, Tensor.wrap(y, rows, out));
        }
    }

    /**
     * The first training window's start in a series whose training part ends at {@code trainEnd}: 0, or with
     * L = recentHorizons &gt; 0 the first start whose last target lies in the last L·H training points.
     */
    static int firstTrainingStart(RnnConfig c, int trainEnd, int window) {
        if (c.recentHorizons() == 0) {
            return 0;
        }
        return Math.max(0, trainEnd - c.recentHorizons() * c.horizon() - window - outputs(c) + 1);
    }

    /**
     * The weight of every window of series i ({@link LossScale}): null for NONE; for SNAIVE 1/s_i divided by
     * the mean of 1/s over all training windows, and 1 for a series without a positive finite scale.
     */
    static double[] seriesWeights(RnnConfig c, List<Windows.Scaled> scaled, int[] trainEnd, int window, int season) {
        if (c.lossScale() == LossScale.NONE) {
            return null;
        }
        int out = outputs(c);
        double[] inverse = new double[scaled.size()];
        double sum = 0;
        long count = 0;
        for (int i = 0; i < inverse.length; i++) {
            double s = LossScale.seasonalNaiveMae(scaled.get(i).z(), trainEnd[i], season);
            inverse[i] = s > 0 && Double.isFinite(s) ? 1 / s : Double.NaN;
            int windows = Math.max(0, trainEnd[i] - window - out + 1 - firstTrainingStart(c, trainEnd[i], window));
            if (!Double.isNaN(inverse[i])) {
                sum += inverse[i] * windows;
                count += windows;
            }
        }
        double mean = count > 0 ? sum / count : Double.NaN;
        double[] w = new double[inverse.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Double.isNaN(inverse[i]) || Double.isNaN(mean) ? 1 : inverse[i] / mean;
        }
        return w;
    }

    private static int indexOfMax(int[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * 2·max(H, m), shortened so that the median series still yields a few training windows (about a quarter of
     * its training points); at least 1.
     */
    static int autoWindow(List<TimeSeries> training, int[] trainEnd, int out, int horizon) {
        int m = training.get(0).seasonalPeriod();
        int wanted = 2 * Math.max(horizon, m);
        int[] sorted = trainEnd.clone();
        Arrays.sort(sorted);
        int median = sorted[sorted.length / 2];
        int fits = median - out - Math.max(2, median / 4);
        return Math.max(1, Math.min(wanted, fits));
    }

    /**
     * The untrained network {@link #fit} builds for a resolved configuration (window chosen) on data of
     * {@code frequency}: input (W, F), F = 1 + covariates + calendar features, weights drawn from the seed.
     * Model loading rebuilds the network with it and then sets the saved weights.
     */
    public static Sequential network(RnnConfig resolved, Frequency frequency) {
        if (resolved.window() < 1) {
            throw new IllegalArgumentException("the network needs a resolved window; got " + resolved.window());
        }
        int calendar = CalendarFeatures.names(frequency).size();
        return buildModel(resolved, new Windows(resolved, resolved.window(), calendar, 1).features());
    }

    /**
     * The untrained network {@link #fit} builds for a resolved configuration on data of {@code frequency} with
     * static attributes encoded by {@code statics} (ignored by a network without a decoder): a {@link Sequential}
     * ({@link #network(RnnConfig, Frequency)}) or a {@link #conditionedNetwork}. Model loading rebuilds it.
     */
    public static RnnNetwork network(RnnConfig resolved, Frequency frequency, StaticEncoding statics) {
        if (!resolved.graphNetwork()) {
            return RnnNetwork.of(network(resolved, frequency));
        }
        if (resolved.window() < 1) {
            throw new IllegalArgumentException("the network needs a resolved window; got " + resolved.window());
        }
        Windows w = new Windows(resolved, resolved.window(), CalendarFeatures.names(frequency).size(), 1);
        return RnnNetwork.of(conditionedNetwork(resolved, w.features(), w.futureWidth(), statics));
    }

    /**
     * A network with a decoder, for future-known and static covariates (a Keras functional model):
     * <pre>
     *   x (W, F) → encoder → h (units)                                       {@link Architecture#encoder}: by default
     *                                                                        [cell × layers, dropout after each], the last state
     *   future (D), static (S), e_c = Dense_c(onehot_c) (E_c) per category  the decoder's known inputs
     *   d = relu(Dense(units)(concat(h, future, static, e_1..)))             the decoder
     *   y = Dense(H'·Q)(d)                                                   the head
     * </pre>
     * An architecture whose encoder is a graph ({@link Architecture#graph()}, the transformer) makes this network
     * without covariates too: the window the only input and the head on the encoder's output (no decoder).
     * D = H'·(K + K_cal) when there are K future-known covariates (else no {@value #FUTURE} input); a linear
     * layer on a one-hot vector is an embedding lookup, so e_c is the learned embedding of the series' category.
     * Weights are drawn from the seed, compiled with the configured loss and optimizer.
     */
    public static org.seqcast.nn.Graph conditionedNetwork(RnnConfig c, int features, int futureWidth,
                                                           StaticEncoding statics) {
        org.seqcast.nn.Graph.Builder g = org.seqcast.nn.Graph.builder().seed(c.seed()).threads(c.threads());
        org.seqcast.nn.Graph.Node h = g.input(INPUT, c.window(), features);
        h = c.architecture().encode(g, h, c);                    // the encoder's nodes: rnn0, dropout0, rnn1, ...
        List<org.seqcast.nn.Graph.Node> parts = new ArrayList<>(List.of(h));
        if (futureWidth > 0) {
            parts.add(g.input(FUTURE, futureWidth));
        }
        if (!statics.numeric().isEmpty()) {
            parts.add(g.input(STATIC, statics.numeric().size()));
        }
        for (int j = 0; j < statics.categorical().size(); j++) {
            StaticEncoding.Categorical cat = statics.categorical().get(j);
            org.seqcast.nn.Graph.Node onehot = g.input(DecoderInputs.categoryInput(cat.name()), cat.width());
            parts.add(g.layer("embed" + j, new LayerSpec.Dense(cat.embedding()), onehot));
        }
        org.seqcast.nn.Graph.Node decoder = h;                   // a graph encoder without covariates: no decoder
        if (c.conditioned()) {
            org.seqcast.nn.Graph.Node joined = g.concat("decoder_in", parts.toArray(org.seqcast.nn.Graph.Node[]::new));
            decoder = g.layer("decoder",
                    new LayerSpec.Dense(c.units(), org.seqcast.nn.kernels.Activation.RELU, 0), joined);
        }
        g.output(OUTPUT, g.layer("head", new LayerSpec.Dense(outputs(c) * c.outputsPerStep()), decoder),
                c.trainingLoss());
        org.seqcast.nn.Graph graph = g.build();
        graph.compile(optimizer(c));
        return graph;
    }

    private static Optimizer optimizer(RnnConfig c) {
        Optimizer opt = Optimizer.of(c.optimizer());
        opt.setLearningRate(c.learningRate());
        if (c.clipNorm() > 0) {
            opt.globalClipNorm(c.clipNorm());
        }
        return opt;
    }

    /**
     * The layers of the network for a configuration: the {@link Architecture#encoder} (by default cell × layers with
     * dropout after each), then Dense(H'·Q), Q the quantile levels of a quantile network (1 for a point network).
     */
    public static List<LayerSpec> layers(RnnConfig c) {
        List<LayerSpec> layers = new ArrayList<>(c.architecture().encoder(c));
        layers.add(new LayerSpec.Dense(outputs(c) * c.outputsPerStep()));
        return layers;
    }

    /** The network of {@link #layers}, compiled with the configured loss and optimizer. */
    static Sequential buildModel(RnnConfig c, int features) {
        Sequential model = Sequential.of(layers(c));
        model.seed(c.seed()).threads(c.threads()).compile(c.trainingLoss(), optimizer(c));
        model.build(c.window(), features);
        return model;
    }
}
