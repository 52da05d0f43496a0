package org.seqcast.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.Frequency;
import org.seqcast.format.Safetensors;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.Strategy;
import org.seqcast.nn.Layer;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Parameter;
import org.seqcast.train.EpochResult;
import org.seqcast.train.History;

/**
 * The {@code manifest.json} of a model file, parsed: everything but the tensors (JSON layout in {@link ModelFile}).
 * The records bind to the JSON through Jackson ({@link ManifestJson}: snake_case names, every field required);
 * their constructors validate, and a file of format 1 is read into the same records ({@link ManifestV1}).
 *
 * @param formatVersion  the model file format version ({@link ModelFile#FORMAT_VERSION} when written by this
 *                       Seqcast; 1 for an older file read through its upgrade)
 * @param seqcastVersion the Seqcast version that wrote the file
 * @param created        when the file was written
 * @param forecaster     the forecaster's kind and config ({@link ForecasterSection}, nested for ensembles)
 * @param data           the schema of the training data
 * @param provenance     what the model was trained on and how well it did
 * @param weights        the checksum and size of {@code weights.safetensors}
 */
public record Manifest(int formatVersion, String seqcastVersion, Instant created, ForecasterSection forecaster,
                       DataSchema data, Provenance provenance, Weights weights) {
    public Manifest {
        require(formatVersion >= 1, "format version must be at least 1; got " + formatVersion);
        require(seqcastVersion != null && !seqcastVersion.isBlank(), "the Seqcast version must be set");
        require(created != null && forecaster != null && data != null && provenance != null && weights != null,
                "created, forecaster, data, provenance and weights must be set");
    }

    /** The forecaster's kind. */
    public ForecasterKind kind() {
        return forecaster.kind();
    }

    /**
     * Training provenance of the file.
     *
     * @param dataSha256 SHA-256 of the training data
     * @param metrics    scores by name given when saving (NaN for non-finite ones, written as null)
     */
    public record Provenance(String dataSha256, Map<String, Double> metrics) {
        public Provenance {
            require(dataSha256 != null && dataSha256.matches("[0-9a-f]{64}"),
                    "the data checksum must be 64 lowercase hex digits; got " + dataSha256);
            Map<String, Double> copy = new LinkedHashMap<>();
            metrics.forEach((k, v) -> copy.put(k, v == null ? Double.NaN : v));
            metrics = Collections.unmodifiableMap(copy);
        }
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

        /**
         * The architecture of {@code network}, built from {@code config}: a plain network as
         * {@link #of(RnnConfig, Sequential)}; a network with a decoder lists its layer nodes in graph order, their
         * tensors named {@code <node>.<parameter>}, with the window's features as inputs.
         */
        public static Architecture of(RnnConfig config, org.seqcast.forecast.RnnNetwork network) {
            if (network instanceof org.seqcast.forecast.RnnNetwork.Plain p) {
                return of(config, p.sequential());
            }
            org.seqcast.nn.Graph graph = ((org.seqcast.forecast.RnnNetwork.Conditioned) network).graph();
            List<LayerSpec> specs = new ArrayList<>();
            Map<String, Parameter> named = graph.namedParameters();
            for (org.seqcast.nn.Graph.Node node : graph.nodes()) {
                if (node.op() != org.seqcast.nn.Graph.Op.LAYER) {
                    continue;
                }
                Layer l = node.layer();
                Map<String, List<Integer>> tensors = new LinkedHashMap<>();
                for (Parameter p : l.parameters()) {
                    String name = node.name() + "." + p.name();
                    require(named.get(name) == p, "parameter " + name + " is not the model's");
                    tensors.put(name, boxed(p.shape()));
                }
                long count = l.parameters().stream().mapToLong(Parameter::size).sum();
                specs.add(new LayerSpec(l.kind(), node.name() + ": " + l.describe(), boxed(node.shape()), count,
                        tensors));
            }
            int[] in = network.inputShape();
            int[] out = graph.node(graph.outputs().get(0).node()).shape();
            return new Architecture(config.cell(), config.units(), config.layers(), config.dropout(), config.strategy(),
                    config.window(), config.horizon(), in[in.length - 1], out[out.length - 1], network.parameterCount(),
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
     * @param target         target column
     * @param covariates     covariate columns of the data
     * @param frequency      spacing of the time stamps
     * @param seasonalPeriod season length m of the training data (and of the networks)
     * @param lastTimeStamps per series id, its last training time stamp
     * @param timeColumn     the training file's time column (null when unknown)
     * @param idColumn       the training file's series id column (null for a wide file or unknown)
     */
    public record DataSchema(String target, List<String> covariates, Frequency frequency, int seasonalPeriod,
                             Map<String, String> lastTimeStamps, String timeColumn, String idColumn) {
        public DataSchema {
            require(target != null && !target.isBlank(), "the data schema needs a target column");
            require(frequency != null, "the data schema needs a frequency");
            require(seasonalPeriod >= 1, "seasonal period must be at least 1; got " + seasonalPeriod);
            covariates = List.copyOf(covariates);
            lastTimeStamps = Collections.unmodifiableMap(new LinkedHashMap<>(lastTimeStamps));
        }
    }

    /**
     * How a network was trained: its seed, its epochs as columns (one value per epoch; null, read as NaN, where
     * an epoch had no validation loss), and the windows it saw.
     *
     * @param seed              seed of initialisation, shuffling and dropout
     * @param epochsRun         epochs run
     * @param bestEpoch         the best epoch (1-based), 0 when unknown
     * @param stopReason        why training stopped; null when the history is unknown (then the columns are empty)
     * @param diverged          whether training stopped on a non-finite loss
     * @param bestValLoss       validation loss of the best epoch (NaN when unknown or without validation)
     * @param loss              training loss per epoch
     * @param valLoss           validation loss per epoch
     * @param learningRate      learning rate per epoch
     * @param epochMillis       wall time per epoch (0 when SOURCE_DATE_EPOCH asked for reproducible bytes)
     * @param trainingWindows   training windows the fit used
     * @param validationWindows validation windows the fit used
     */
    public record Training(long seed, int epochsRun, int bestEpoch, String stopReason, boolean diverged,
                           Double bestValLoss, List<Double> loss, List<Double> valLoss, List<Double> learningRate,
                           List<Long> epochMillis, int trainingWindows, int validationWindows) {
        public Training {
            bestValLoss = bestValLoss == null ? Double.NaN : bestValLoss;
            loss = nanForNull(loss);
            valLoss = nanForNull(valLoss);
            learningRate = nanForNull(learningRate);
            require(epochMillis.stream().allMatch(java.util.Objects::nonNull), "epoch_millis must hold integers");
            epochMillis = List.copyOf(epochMillis);
            require(epochsRun >= 0 && trainingWindows >= 0 && validationWindows >= 0,
                    "epoch and window counts must be >= 0");
            require(loss.size() == epochsRun && valLoss.size() == epochsRun && learningRate.size() == epochsRun
                    && epochMillis.size() == epochsRun, "has " + epochsRun + " epochs but loss curves of "
                    + loss.size() + ", " + valLoss.size() + ", " + learningRate.size() + " and " + epochMillis.size()
                    + " values");
            require(stopReason != null || epochsRun == 0, "has " + epochsRun + " epochs but no stop reason");
        }

        /** The columns of {@code history} (null: unknown). */
        public static Training of(long seed, History history, int trainingWindows, int validationWindows) {
            if (history == null) {
                return new Training(seed, 0, 0, null, false, Double.NaN, List.of(), List.of(), List.of(), List.of(),
                        trainingWindows, validationWindows);
            }
            List<EpochResult> e = history.epochs();
            int best = history.bestEpoch();
            double bestVal = best >= 1 && best <= e.size() ? e.get(best - 1).valLoss() : Double.NaN;
            return new Training(seed, history.epochsRun(), best, history.stopReason(), history.diverged(), bestVal,
                    e.stream().map(EpochResult::loss).toList(), e.stream().map(EpochResult::valLoss).toList(),
                    e.stream().map(EpochResult::learningRate).toList(),
                    e.stream().map(r -> org.seqcast.format.CreationTime.duration(r.millis())).toList(),
                    trainingWindows, validationWindows);
        }

        /** The fit's epochs and stop reason, null when unknown. */
        public History history() {
            if (stopReason == null) {
                return null;
            }
            List<EpochResult> results = new ArrayList<>();
            for (int k = 0; k < epochsRun; k++) {
                results.add(new EpochResult(k + 1, loss.get(k), valLoss.get(k), learningRate.get(k), epochMillis.get(k)));
            }
            return new History(results, stopReason, diverged, bestEpoch);
        }

        private static List<Double> nanForNull(List<Double> values) {
            List<Double> out = new ArrayList<>(values.size());
            values.forEach(v -> out.add(v == null ? Double.NaN : v));
            return Collections.unmodifiableList(out);
        }
    }

    /**
     * The weights entry's fingerprint, checked on load.
     *
     * @param entry      the zip entry of the tensors: {@code weights.safetensors}
     * @param dtype      the tensors' type: {@code F32}
     * @param sha256     SHA-256 of the whole {@code weights.safetensors} entry
     * @param tensors    number of tensors (0 for a forecaster without a network)
     * @param parameters number of float32 values
     */
    public record Weights(String entry, String dtype, String sha256, int tensors, long parameters) {
        public Weights {
            require(ModelFile.WEIGHTS_ENTRY.equals(entry), "the entry is '" + entry + "', not '"
                    + ModelFile.WEIGHTS_ENTRY + "'");
            require(Safetensors.F32.equals(dtype), "the dtype is '" + dtype + "', not '" + Safetensors.F32 + "'");
            require(sha256 != null && sha256.matches("[0-9a-f]{64}"), "the weights checksum must be 64 lowercase hex"
                    + " digits; got " + sha256);
            require(tensors >= 0 && parameters >= 0, "tensor and parameter counts must be >= 0");
        }

        /** The most bytes the entry can take: what a reader allocates at most ({@link Safetensors#maxFloat32Bytes}). */
        public long maxEntryBytes() {
            return Safetensors.maxFloat32Bytes(tensors, parameters);
        }

        /** The fingerprint of the entry {@code bytes} holding {@code tensors} tensors of {@code parameters} values. */
        static Weights of(byte[] bytes, int tensors, long parameters) {
            return new Weights(ModelFile.WEIGHTS_ENTRY, Safetensors.F32, ModelInfo.sha256(bytes), tensors, parameters);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
