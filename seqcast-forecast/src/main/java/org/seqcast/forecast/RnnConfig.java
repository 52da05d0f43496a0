package org.seqcast.forecast;

import java.util.List;
import org.seqcast.baseline.PredictionIntervals;
import org.seqcast.nn.loss.Loss;
import org.seqcast.nn.loss.NonCrossingPinball;
import org.seqcast.nn.loss.NonCrossingQuantiles;

/**
 * Everything that defines a neural forecaster: architecture, windows, scaling and training. Defaults (see
 * {@link #builder(int)}): one LSTM layer of 32 units, Dense(H) head (direct strategy), window chosen from the
 * data (2·max(H, m), m the seasonal period, shortened for short series), standard scaling per series fitted on
 * the training part, inputs and targets taken relative to the window's last value ({@link Anchor#LAST}), calendar features on,
 * Adam with learning rate 0.001 (Keras's default), MSE loss, batch 32, up to 100 epochs with early stopping
 * after 10 epochs without improvement of the validation loss, validation on the last 10% of each series
 * (at least H points), seed 0; training options that target the metric are off: no loss scale, windows from the
 * whole training part, a constant learning rate; no quantiles (a point network).
 * <p>
 * Quantile networks: with quantile levels τ_1 &lt; … &lt; τ_Q the Dense head outputs H·Q raw values, mapped to
 * quantiles that cannot cross by {@link NonCrossingQuantiles} and trained with the pinball loss after that map
 * ({@link NonCrossingPinball}); the forecast is the median and carries the quantiles as a
 * {@link ForecastDistribution} (symmetric pairs τ, 1 − τ as central intervals). The level 0.5 is added when the
 * levels lack it; {@link #intervalLevels} turns interval coverages (80, 95) into levels.
 *
 * @param horizon            H ≥ 1
 * @param window             W input steps; 0 = choose from the data
 * @param cell               recurrent cell
 * @param units              hidden units per recurrent layer
 * @param layers             stacked recurrent layers
 * @param dropout            dropout rate after each recurrent layer, in [0, 1)
 * @param strategy           direct or recursive multi-step
 * @param transform          fixed target transform before scaling (none or log)
 * @param scaling            per-series scaling of the target, fitted on training values only; covariates get the
 *                           same scaling, except that with none they are standardised (a covariate has no anchor
 *                           and no log transform to bring it near zero: raw temperatures in the tens drove a
 *                           network with a decoder to forecasts of 10^7)
 * @param anchor             what inputs and targets are measured from ({@link Anchor})
 * @param calendarFeatures   add sine/cosine calendar features of each input step
 * @param covariates         past covariates: columns known up to the forecast origin, read as extra input features
 *                           of every window step (direct strategy only)
 * @param epochs             maximum epochs
 * @param batchSize          minibatch size
 * @param learningRate       optimizer learning rate
 * @param optimizer          sgd, adam, adamw or rmsprop
 * @param loss               mse, mae, huber or log_smape (sMAPE of the forecasts themselves: needs transform log
 *                           or log1p, where it is the sMAPE of 1 + y, and scaling none)
 * @param patience           early-stopping patience in epochs (0 = no early stopping)
 * @param validationFraction share of each series' end held out for validation (0 = none)
 * @param clipNorm           global gradient-norm clipping (0 = none)
 * @param seed               seed of initialisation, shuffling and dropout
 * @param threads            worker threads (results do not depend on it)
 * @param lossScale          what each series' training windows' loss is divided by ({@link LossScale})
 * @param recentHorizons     L: train only on windows whose targets end in the last L·H points of each series'
 *                           training part (N-BEATS's sampling from recent history); 0 = every window
 * @param schedule           learning-rate schedule: constant, cosine, cosine:F or step:N:G
 *                           ({@link org.seqcast.train.LearningRateSchedule#parse}, cosine over {@code epochs})
 * @param quantiles          quantile levels in (0, 1) of a quantile network, sorted, with 0.5 added when missing
 *                           (direct strategy and loss {@value #QUANTILE_LOSS} only); empty = a point network
 * @param futureCovariates   future-known covariates: columns known over the horizon too (prices, promotions,
 *                           holidays, weather forecasts); read as input features of every window step and, on the
 *                           decoder side, at the H' steps being forecast (with their calendar features); a forecast
 *                           needs their H values after the history ({@link org.seqcast.data.TimeSeries#future()})
 * @param staticCovariates   static attributes of each series ({@link org.seqcast.data.TimeSeries#statics()}):
 *                           numeric ones (every training series' value a number) standardised across series,
 *                           categorical ones through a learned embedding with an "unknown" category for values not
 *                           seen in training; both condition the decoder of one global model
 * @param architecture       what turns the window into the head's input ({@link Architecture}): recurrent layers'
 *                           last state (the default), or self-attention over their states
 * @param refit              after early stopping, train a fresh network (same seed, same window) on every window,
 *                           the validation part's included, for the epochs early stopping chose: the most recent
 *                           points, which validation otherwise keeps from training, then shape the weights. Costs a
 *                           second fit. Needs early stopping (patience and validation fraction above 0). The fitted
 *                           network's configuration is the second fit's: no validation, those epochs, no refit
 */
public record RnnConfig(int horizon, int window, Cell cell, int units, int layers, double dropout, Strategy strategy,
                        TargetTransform transform, Scaling scaling, Anchor anchor, boolean calendarFeatures, List<String> covariates,
                        int epochs, int batchSize, double learningRate, String optimizer, String loss, int patience,
                        double validationFraction, double clipNorm, long seed, int threads, LossScale lossScale,
                        int recentHorizons, String schedule, List<Double> quantiles, List<String> futureCovariates,
                        List<String> staticCovariates, Architecture architecture, boolean refit) {
    /** The default of {@link #schedule}: no schedule. */
    public static final String CONSTANT_SCHEDULE = org.seqcast.train.LearningRateSchedule.CONSTANT;
    /** The cell a network gets unless told otherwise. */
    public static final Cell DEFAULT_CELL = Cell.LSTM;
    /** The {@link #loss} of a quantile network: the pinball loss after the non-crossing map. */
    public static final String QUANTILE_LOSS = "pinball";

    /** The median's level, which every quantile network has. */
    private static final double MEDIAN = 0.5;

    /** The most values one Java array holds: the buffers and weights of one layer are single arrays. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Upper limits of the sizes of a network, each with its reason: checked before anything is allocated, so that
     * a size no forecaster needs fails at once with its name instead of overflowing or initialising for minutes.
     */
    public enum Limit {
        /** H. */
        HORIZON("horizon", 10_000, "a year of hourly steps is 8,760; a network's head has one output per step"),
        /** W. */
        WINDOW("window", 50_000, "each training window is held in memory and unrolled step by step; windows"
                + " longer than a few thousand steps no longer help a recurrent network"),
        /** Units per recurrent layer. */
        UNITS("units", 1_024, "forecasting networks use a few hundred units at most, and a recurrent layer's"
                + " weights grow with the square of its units: 4,000 units take minutes just to initialise"),
        /** Stacked recurrent layers. */
        LAYERS("layers", 16, "deeper stacks of recurrent layers do not train well without residual connections;"
                + " forecasting networks use one to four"),
        /** Worker threads. */
        THREADS("threads", 4_096, "each worker is a thread of its own and results do not depend on their number;"
                + " workers beyond the machine's cores only add overhead");

        private final String parameter;
        private final int max;
        private final String why;

        Limit(String parameter, int max, String why) {
            this.parameter = parameter;
            this.max = max;
            this.why = why;
        }

        /** The largest value allowed. */
        public int max() {
            return max;
        }

        /** True when {@code value} is within the limit. */
        public boolean allows(long value) {
            return value <= max;
        }

        /** "1000000 is above the limit of 1,024 (reason)", for a message that names the parameter first. */
        public String problem(long value) {
            return String.format(java.util.Locale.ROOT, "%d is above the limit of %,d (%s)", value, max, why);
        }

        void check(long value) {
            require(allows(value), parameter + " " + problem(value));
        }
    }

    public RnnConfig {
        architecture = architecture == null ? Architecture.RECURRENT : architecture;
        require(horizon >= 1, "horizon must be at least 1; got " + horizon);
        require(window >= 0, "window must be positive (or 0 to choose it from the data); got " + window);
        require(cell != null && strategy != null && transform != null && scaling != null && anchor != null,
                "cell, strategy, transform, scaling and anchor must be set");
        require(units >= 1, "units must be at least 1; got " + units);
        require(layers >= 1, "layers must be at least 1; got " + layers);
        Limit.HORIZON.check(horizon);
        Limit.WINDOW.check(window);
        Limit.UNITS.check(units);
        Limit.LAYERS.check(layers);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1); got " + dropout);
        covariates = List.copyOf(covariates);
        require(covariates.isEmpty() || strategy == Strategy.DIRECT,
                "the recursive strategy cannot use past covariates " + covariates
                        + " (their future values are unknown); use the direct strategy or drop the covariates");
        require(epochs >= 1, "epochs must be at least 1; got " + epochs);
        require(batchSize >= 1, "batch size must be at least 1; got " + batchSize);
        long buffer = (long) window * batchSize * 4 * units; // checked once the window is known (0: from the data)
        require(buffer <= MAX_ARRAY, String.format(java.util.Locale.ROOT, "window %d x batch size %d x 4 gates x"
                + " %d units = %,d values in one recurrent layer's buffer, more than one Java array holds (%,d);"
                + " lower the batch size, the window or the units", window, batchSize, units, buffer, MAX_ARRAY));
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be positive; got " + learningRate);
        org.seqcast.optim.Optimizer.of(optimizer);
        quantiles = checkedQuantiles(quantiles);
        require(quantiles.isEmpty() || strategy == Strategy.DIRECT, "quantiles " + quantiles + " need the direct"
                + " strategy (one output per step and level); the recursive strategy feeds one value back per step."
                + " Use strategy direct or drop the quantiles");
        require(quantiles.isEmpty() == !QUANTILE_LOSS.equalsIgnoreCase(loss), quantiles.isEmpty()
                ? "loss " + QUANTILE_LOSS + " needs quantile levels; set quantiles (e.g. 0.1, 0.5, 0.9) or choose"
                + " another loss"
                : "quantiles " + quantiles + " are trained with loss " + QUANTILE_LOSS + "; got loss " + loss
                + ": set loss " + QUANTILE_LOSS + " or drop the quantiles");
        if (quantiles.isEmpty()) {
            org.seqcast.nn.loss.Loss.of(loss);
        }
        require(!loss.equalsIgnoreCase("log_smape")
                        || (transform == TargetTransform.LOG || transform == TargetTransform.LOG1P) && scaling == Scaling.NONE,
                "the log_smape loss is the sMAPE of the forecasts only when the network works on their logarithms "
                        + "unscaled; use transform log or log1p and scaling none (got transform " + transform.label()
                        + ", scaling " + scaling.name().toLowerCase(java.util.Locale.ROOT) + ")");
        require(patience >= 0, "patience must be >= 0; got " + patience);
        require(validationFraction >= 0 && validationFraction < 0.5,
                "validation fraction must be in [0, 0.5); got " + validationFraction);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip norm must be >= 0; got " + clipNorm);
        require(threads >= 1, "threads must be at least 1; got " + threads);
        Limit.THREADS.check(threads);
        require(lossScale != null, "loss scale must be set (none or snaive)");
        require(recentHorizons >= 0, "recent horizons must be 0 (every window) or more; got " + recentHorizons);
        org.seqcast.train.LearningRateSchedule.parse(schedule, epochs);
        futureCovariates = futureCovariates == null ? List.of() : List.copyOf(futureCovariates);
        staticCovariates = staticCovariates == null ? List.of() : List.copyOf(staticCovariates);
        new CovariateRoles(covariates, futureCovariates, staticCovariates);
        require(lossScale == LossScale.NONE || (futureCovariates.isEmpty() && staticCovariates.isEmpty()),
                "loss scale " + lossScale.name().toLowerCase(java.util.Locale.ROOT) + " weights the windows of a"
                        + " network without future or static covariates only; use loss scale none");
        require(!refit || patience > 0 && validationFraction > 0, "refit trains again for the epochs early stopping"
                + " chose, so it needs early stopping; got patience " + patience + " and validation fraction "
                + validationFraction + ": set both above 0, or drop refit");
    }

    /** Every setting but refit (no second fit): the fields of model files before it. */
    public RnnConfig(int horizon, int window, Cell cell, int units, int layers, double dropout, Strategy strategy,
                     TargetTransform transform, Scaling scaling, Anchor anchor, boolean calendarFeatures,
                     List<String> covariates, int epochs, int batchSize, double learningRate, String optimizer,
                     String loss, int patience, double validationFraction, double clipNorm, long seed, int threads,
                     LossScale lossScale, int recentHorizons, String schedule, List<Double> quantiles,
                     List<String> futureCovariates, List<String> staticCovariates, Architecture architecture) {
        this(horizon, window, cell, units, layers, dropout, strategy, transform, scaling, anchor, calendarFeatures,
                covariates, epochs, batchSize, learningRate, optimizer, loss, patience, validationFraction, clipNorm,
                seed, threads, lossScale, recentHorizons, schedule, quantiles, futureCovariates, staticCovariates,
                architecture, false);
    }

    /** Every setting but the architecture (recurrent): the fields of model files before it. */
    public RnnConfig(int horizon, int window, Cell cell, int units, int layers, double dropout, Strategy strategy,
                     TargetTransform transform, Scaling scaling, Anchor anchor, boolean calendarFeatures,
                     List<String> covariates, int epochs, int batchSize, double learningRate, String optimizer,
                     String loss, int patience, double validationFraction, double clipNorm, long seed, int threads,
                     LossScale lossScale, int recentHorizons, String schedule, List<Double> quantiles,
                     List<String> futureCovariates, List<String> staticCovariates) {
        this(horizon, window, cell, units, layers, dropout, strategy, transform, scaling, anchor, calendarFeatures,
                covariates, epochs, batchSize, learningRate, optimizer, loss, patience, validationFraction, clipNorm,
                seed, threads, lossScale, recentHorizons, schedule, quantiles, futureCovariates, staticCovariates,
                Architecture.RECURRENT);
    }

    /**
     * Every setting before covariate roles (no future-known or static covariates): the fields of model files
     * before them.
     */
    public RnnConfig(int horizon, int window, Cell cell, int units, int layers, double dropout, Strategy strategy,
                     TargetTransform transform, Scaling scaling, Anchor anchor, boolean calendarFeatures,
                     List<String> covariates, int epochs, int batchSize, double learningRate, String optimizer,
                     String loss, int patience, double validationFraction, double clipNorm, long seed, int threads,
                     LossScale lossScale, int recentHorizons, String schedule, List<Double> quantiles) {
        this(horizon, window, cell, units, layers, dropout, strategy, transform, scaling, anchor, calendarFeatures,
                covariates, epochs, batchSize, learningRate, optimizer, loss, patience, validationFraction, clipNorm,
                seed, threads, lossScale, recentHorizons, schedule, quantiles, List.of(), List.of());
    }

    /** True when the network reads future-known or static covariates (a decoder beside the recurrent layers). */
    public boolean conditioned() {
        return !futureCovariates.isEmpty() || !staticCovariates.isEmpty();
    }

    /**
     * Whether the network is a {@link org.seqcast.nn.Graph} ({@link RnnNetwork.Conditioned}): with future-known or
     * static covariates ({@link #conditioned}), or for an architecture whose encoder is a graph (the transformer).
     */
    public boolean graphNetwork() {
        return conditioned() || architecture.graph();
    }

    /** The covariates every window step reads: the past ones, then the future-known ones (known in the past too). */
    public List<String> inputCovariates() {
        List<String> all = new java.util.ArrayList<>(covariates);
        all.addAll(futureCovariates);
        return List.copyOf(all);
    }

    /**
     * A configuration with the default training options that target the metric (no loss scale, every window,
     * constant learning rate): the fields of the settings before those options (format 1 model files).
     */
    public RnnConfig(int horizon, int window, Cell cell, int units, int layers, double dropout, Strategy strategy,
                     TargetTransform transform, Scaling scaling, Anchor anchor, boolean calendarFeatures,
                     List<String> covariates, int epochs, int batchSize, double learningRate, String optimizer,
                     String loss, int patience, double validationFraction, double clipNorm, long seed, int threads) {
        this(horizon, window, cell, units, layers, dropout, strategy, transform, scaling, anchor, calendarFeatures,
                covariates, epochs, batchSize, learningRate, optimizer, loss, patience, validationFraction, clipNorm,
                seed, threads, LossScale.NONE, 0, CONSTANT_SCHEDULE, List.of());
    }

    /**
     * A point network's configuration with every option but the quantiles (the fields before quantile
     * networks).
     */
    public RnnConfig(int horizon, int window, Cell cell, int units, int layers, double dropout, Strategy strategy,
                     TargetTransform transform, Scaling scaling, Anchor anchor, boolean calendarFeatures,
                     List<String> covariates, int epochs, int batchSize, double learningRate, String optimizer,
                     String loss, int patience, double validationFraction, double clipNorm, long seed, int threads,
                     LossScale lossScale, int recentHorizons, String schedule) {
        this(horizon, window, cell, units, layers, dropout, strategy, transform, scaling, anchor, calendarFeatures,
                covariates, epochs, batchSize, learningRate, optimizer, loss, patience, validationFraction, clipNorm,
                seed, threads, lossScale, recentHorizons, schedule, List.of());
    }

    /**
     * The quantile levels of central intervals at {@code coverages} percent (80, 95): each interval's bounds
     * (1 − c/100)/2 and (1 + c/100)/2 ({@link ForecastDistribution}'s rule) and the median 0.5, increasing. The
     * coverages are checked as every interval's are ({@link PredictionIntervals#checkedLevels}).
     *
     * @throws IllegalArgumentException naming a coverage outside (0, 100) or given twice
     */
    public static List<Double> intervalLevels(double... coverages) {
        java.util.TreeSet<Double> levels = new java.util.TreeSet<>(List.of(MEDIAN));
        for (double c : PredictionIntervals.checkedLevels(coverages)) {
            for (double bound : ForecastDistribution.bounds(c)) {
                levels.add(bound);
            }
        }
        return List.copyOf(levels);
    }

    /** True for a quantile network (quantile levels set). */
    public boolean hasQuantiles() {
        return !quantiles.isEmpty();
    }

    /** The quantile levels as an array (empty for a point network). */
    public double[] quantileLevels() {
        return quantiles.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The raw outputs of the network per forecast step: Q for a quantile network, else 1. */
    public int outputsPerStep() {
        return Math.max(1, quantiles.size());
    }

    /** The training loss: the configured one, or for a quantile network the pinball loss after the non-crossing map. */
    public Loss trainingLoss() {
        return hasQuantiles() ? Loss.nonCrossingPinball(quantileLevels()) : Loss.of(loss);
    }

    /** The map from a quantile network's raw outputs to its quantiles. */
    public NonCrossingQuantiles quantileMap() {
        if (!hasQuantiles()) {
            throw new IllegalStateException("a point network has no quantiles; set quantiles to get them");
        }
        return new NonCrossingQuantiles(quantileLevels());
    }

    /** Sorted, 0.5 added, checked as a distribution's quantile levels (in (0, 1), none twice). */
    private static List<Double> checkedQuantiles(List<Double> quantiles) {
        require(quantiles != null, "quantiles must be set; give an empty list for a point network");
        if (quantiles.isEmpty()) {
            return List.of();
        }
        double[] sorted = quantiles.stream().mapToDouble(q -> {
            require(q != null, "quantiles " + quantiles + " hold null; give levels in (0, 1)");
            return q;
        }).sorted().toArray();
        if (ForecastDistribution.position(sorted, MEDIAN) < 0) {
            sorted = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(sorted),
                    java.util.stream.DoubleStream.of(MEDIAN)).sorted().toArray();
        }
        try {
            ForecastDistribution.ofQuantiles(sorted, new double[0][]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("quantiles " + quantiles + ": " + e.getMessage(), e);
        }
        return java.util.Arrays.stream(sorted).boxed().toList();
    }

    /** The learning-rate schedule of training, or null for a constant rate. */
    public org.seqcast.train.LearningRateSchedule learningRateSchedule() {
        return org.seqcast.train.LearningRateSchedule.parse(schedule, epochs);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Defaults for horizon H (see the class comment). */
    public static Builder builder(int horizon) {
        return new Builder(horizon);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(horizon);
        b.window = window;
        b.cell = cell;
        b.units = units;
        b.layers = layers;
        b.dropout = dropout;
        b.strategy = strategy;
        b.transform = transform;
        b.scaling = scaling;
        b.anchor = anchor;
        b.calendarFeatures = calendarFeatures;
        b.covariates = covariates;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.optimizer = optimizer;
        b.loss = loss;
        b.patience = patience;
        b.validationFraction = validationFraction;
        b.clipNorm = clipNorm;
        b.seed = seed;
        b.threads = threads;
        b.lossScale = lossScale;
        b.recentHorizons = recentHorizons;
        b.schedule = schedule;
        b.quantiles = quantiles;
        b.futureCovariates = futureCovariates;
        b.staticCovariates = staticCovariates;
        b.architecture = architecture;
        b.refit = refit;
        return b;
    }

    /** Builds an {@link RnnConfig}; every setter is optional. */
    public static final class Builder {
        private final int horizon;
        private int window;
        private Cell cell = DEFAULT_CELL;
        private int units = 32;
        private int layers = 1;
        private double dropout;
        private Strategy strategy = Strategy.DIRECT;
        private TargetTransform transform = TargetTransform.NONE;
        private Scaling scaling = Scaling.STANDARD;
        private Anchor anchor = Anchor.LAST;
        private boolean calendarFeatures = true;
        private List<String> covariates = List.of();
        private int epochs = 100;
        private int batchSize = 32;
        private double learningRate = 0.001;
        private String optimizer = "adam";
        private String loss = "mse";
        private int patience = 10;
        private double validationFraction = 0.1;
        private double clipNorm;
        private long seed;
        private int threads = 1;
        private LossScale lossScale = LossScale.NONE;
        private int recentHorizons;
        private String schedule = CONSTANT_SCHEDULE;
        private List<Double> quantiles = List.of();
        private List<String> futureCovariates = List.of();
        private List<String> staticCovariates = List.of();
        private Architecture architecture = Architecture.RECURRENT;
        private boolean refit;

        private Builder(int horizon) {
            this.horizon = horizon;
        }

        public Builder window(int v) { window = v; return this; }
        public Builder cell(Cell v) { cell = v; return this; }
        public Builder units(int v) { units = v; return this; }
        public Builder layers(int v) { layers = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder strategy(Strategy v) { strategy = v; return this; }
        public Builder transform(TargetTransform v) { transform = v; return this; }
        public Builder scaling(Scaling v) { scaling = v; return this; }
        public Builder anchor(Anchor v) { anchor = v; return this; }
        public Builder calendarFeatures(boolean v) { calendarFeatures = v; return this; }
        public Builder covariates(List<String> v) { covariates = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder loss(String v) { loss = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder validationFraction(double v) { validationFraction = v; return this; }
        public Builder clipNorm(double v) { clipNorm = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder lossScale(LossScale v) { lossScale = v; return this; }
        public Builder recentHorizons(int v) { recentHorizons = v; return this; }
        public Builder schedule(String v) { schedule = v; return this; }
        public Builder futureCovariates(List<String> v) { futureCovariates = v; return this; }
        public Builder staticCovariates(List<String> v) { staticCovariates = v; return this; }
        public Builder architecture(Architecture v) { architecture = v; return this; }
        public Builder refit(boolean v) { refit = v; return this; }

        /**
         * Quantile levels in (0, 1) (0.5 is added when missing); non-empty levels also set the loss to
         * {@value RnnConfig#QUANTILE_LOSS}, which a quantile network trains with.
         */
        public Builder quantiles(List<Double> v) {
            quantiles = v;
            if (v != null && !v.isEmpty()) {
                loss = QUANTILE_LOSS;
            }
            return this;
        }

        public RnnConfig build() {
            return new RnnConfig(horizon, window, cell, units, layers, dropout, strategy, transform, scaling, anchor,
                    calendarFeatures, covariates, epochs, batchSize, learningRate, optimizer, loss, patience,
                    validationFraction, clipNorm, seed, threads, lossScale, recentHorizons, schedule, quantiles,
                    futureCovariates, staticCovariates, architecture, refit);
        }
    }
}
