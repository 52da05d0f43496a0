package org.seqcast.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.Frequency;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.forecast.Strategy;
import org.seqcast.nn.Layer;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Parameter;
import org.seqcast.train.EpochResult;
import org.seqcast.train.History;

/**
 * The {@code manifest.json} of a model file, parsed: everything but the weights (see {@link ModelFile} for the
 * JSON layout).
 *
 * @param formatVersion  the model file format version ({@link ModelFile#FORMAT_VERSION} when written by this Seqcast)
 * @param seqcastVersion the Seqcast version that wrote the file
 * @param created        when the file was written
 * @param architecture   the network, as the config builds it
 * @param config         every setting of the forecaster (window resolved)
 * @param data           the schema of the training data
 * @param scalers        per training series id, its scalers
 * @param training       how the model was trained, on what, and how well it did
 * @param weights        the checksum and size of {@code weights.safetensors}
 */
public record Manifest(int formatVersion, String seqcastVersion, Instant created, Architecture architecture,
                       RnnConfig config, DataSchema data, Map<String, SeriesScalers> scalers, Training training,
                       Weights weights) {
    public Manifest {
        require(formatVersion >= 1, "format version must be at least 1; got " + formatVersion);
        require(seqcastVersion != null && !seqcastVersion.isBlank(), "the Seqcast version must be set");
        require(created != null && architecture != null && config != null && data != null && training != null
                && weights != null, "created, architecture, config, data, training and weights must be set");
        require(config.window() >= 1, "a saved model has a resolved window; got " + config.window());
        scalers = Collections.unmodifiableMap(new LinkedHashMap<>(scalers));
        require(!scalers.isEmpty(), "a saved model has the scalers of at least one training series");
    }

    /**
     * The network as the manifest describes it.
     *
     * @param cell       recurrent cell
     * @param units      hidden units per recurrent layer
     * @param layers     recurrent layers
     * @param dropout    dropout rate after each recurrent layer
     * @param strategy   direct or recursive
     * @param window     W input steps
     * @param horizon    H forecast steps
     * @param inputs     F features per input step (target, covariates, calendar features)
     * @param outputs    network outputs (H direct, 1 recursive)
     * @param parameters total number of weights
     * @param network    the layers of the {@link Sequential}, in order
     */
    public record Architecture(Cell cell, int units, int layers, double dropout, Strategy strategy, int window,
                               int horizon, int inputs, int outputs, long parameters, List<LayerSpec> network) {
        public Architecture {
            require(cell != null && strategy != null, "architecture needs a cell and a strategy");
            require(units >= 1 && layers >= 1 && window >= 1 && horizon >= 1 && inputs >= 1 && outputs >= 1
                    && parameters >= 1, "architecture sizes must be positive");
            network = List.copyOf(network);
            require(!network.isEmpty(), "architecture needs at least one layer");
        }

        /** The architecture of {@code model}, built from {@code config}. */
        public static Architecture of(RnnConfig config, Sequential model) {
            List<LayerSpec> specs = new ArrayList<>();
            Map<String, Parameter> named = model.namedParameters();
            List<Layer> layers = model.layers();
            for (int k = 0; k < layers.size(); k++) {
                Layer l = layers.get(k);
                Map<String, List<Integer>> tensors = new LinkedHashMap<>();
                for (Parameter p : l.parameters()) {
                    String name = k + "." + p.name();
                    require(named.get(name) == p, "parameter " + name + " is not the model's");
                    tensors.put(name, boxed(p.shape()));
                }
                long count = l.parameters().stream().mapToLong(Parameter::size).sum();
                specs.add(new LayerSpec(l.kind(), l.describe(), boxed(l.outputShape()), count, tensors));
            }
            int[] in = model.inputShape();
            int[] out = model.outputShape();
            return new Architecture(config.cell(), config.units(), config.layers(), config.dropout(), config.strategy(),
                    config.window(), config.horizon(), in[in.length - 1], out[out.length - 1], model.parameterCount(),
                    specs);
        }

        /** Every tensor of the network with its shape, in state-dict order. */
        public Map<String, List<Integer>> tensors() {
            Map<String, List<Integer>> all = new LinkedHashMap<>();
            network.forEach(l -> all.putAll(l.tensors()));
            return all;
        }

        private static List<Integer> boxed(int[] shape) {
            return Arrays.stream(shape).boxed().toList();
        }
    }

    /**
     * One layer of the network.
     *
     * @param kind        the layer's class, e.g. LSTM, Dropout, Dense
     * @param settings    its settings as {@code Layer.describe()} gives them, e.g. "32, returnSequences=true"
     * @param outputShape per-sample output shape
     * @param parameters  number of weights
     * @param tensors     its tensors by state-dict name ({@code 0.weight_ih_l0}) with their shapes
     */
    public record LayerSpec(String kind, String settings, List<Integer> outputShape, long parameters,
                            Map<String, List<Integer>> tensors) {
        public LayerSpec {
            require(kind != null && !kind.isBlank() && settings != null, "a layer needs a kind and settings");
            outputShape = List.copyOf(outputShape);
            Map<String, List<Integer>> copy = new LinkedHashMap<>();
            tensors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            tensors = Collections.unmodifiableMap(copy);
            require(parameters >= 0, "parameter count must be >= 0; got " + parameters);
        }
    }

    /**
     * The training data's schema.
     *
     * @param target           target column
     * @param covariates       covariate columns of the data
     * @param frequency        spacing of the time stamps
     * @param seasonalPeriod   season length m the model was trained with
     * @param lastTimeStamps   per series id, its last training time stamp
     * @param calendarFeatures calendar features the network reads, in input order
     */
    public record DataSchema(String target, List<String> covariates, Frequency frequency, int seasonalPeriod,
                             Map<String, String> lastTimeStamps, List<String> calendarFeatures, String timeColumn,
                             String idColumn) {
        /** A schema without the file's time and id columns. */
        public DataSchema(String target, List<String> covariates, Frequency frequency, int seasonalPeriod,
                          Map<String, String> lastTimeStamps, List<String> calendarFeatures) {
            this(target, covariates, frequency, seasonalPeriod, lastTimeStamps, calendarFeatures, null, null);
        }

        public DataSchema {
            require(target != null && !target.isBlank(), "the data schema needs a target column");
            require(frequency != null, "the data schema needs a frequency");
            require(seasonalPeriod >= 1, "seasonal period must be at least 1; got " + seasonalPeriod);
            covariates = List.copyOf(covariates);
            lastTimeStamps = Collections.unmodifiableMap(new LinkedHashMap<>(lastTimeStamps));
            calendarFeatures = List.copyOf(calendarFeatures);
        }
    }

    /**
     * Training provenance.
     *
     * @param seed              seed of initialisation, shuffling and dropout
     * @param dataSha256        SHA-256 of the training data
     * @param history           the fit's epochs and stop reason (null when unknown)
     * @param trainingWindows   training windows the fit used
     * @param validationWindows validation windows the fit used
     * @param metrics           scores by name given when saving (NaN for non-finite ones)
     */
    public record Training(long seed, String dataSha256, History history, int trainingWindows, int validationWindows,
                           Map<String, Double> metrics) {
        public Training {
            require(dataSha256 != null && dataSha256.matches("[0-9a-f]{64}"),
                    "the data checksum must be 64 lowercase hex digits; got " + dataSha256);
            require(trainingWindows >= 0 && validationWindows >= 0, "window counts must be >= 0");
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        public int epochsRun() {
            return history == null ? 0 : history.epochsRun();
        }

        /** The best epoch (1-based), or 0 when unknown. */
        public int bestEpoch() {
            return history == null ? 0 : history.bestEpoch();
        }

        /** The validation loss of the best epoch, NaN when unknown or without validation. */
        public double bestValLoss() {
            if (history == null || history.bestEpoch() < 1 || history.bestEpoch() > history.epochsRun()) {
                return Double.NaN;
            }
            EpochResult best = history.epochs().get(history.bestEpoch() - 1);
            return best.valLoss();
        }
    }

    /**
     * The weights entry's fingerprint, checked on load.
     *
     * @param sha256     SHA-256 of the whole {@code weights.safetensors} entry
     * @param tensors    number of tensors
     * @param parameters number of float32 values
     */
    public record Weights(String sha256, int tensors, long parameters) {
        public Weights {
            require(sha256 != null && sha256.matches("[0-9a-f]{64}"), "the weights checksum must be 64 lowercase hex"
                    + " digits; got " + sha256);
            require(tensors >= 1 && parameters >= 1, "weights need at least one tensor");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
