package org.seqcast.io;

import org.seqcast.format.Safetensors;
import org.seqcast.format.AtomicFile;
import org.seqcast.format.ModelFileException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.Seqcast;
import org.seqcast.forecast.CalendarFeatures;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;

/**
 * The single-file model format {@code .seqcast}: a zip with exactly two entries,
 * <pre>
 *   manifest.json         UTF-8 JSON, deflated:
 *     {"format": "seqcast-model", "format_version": 1, "seqcast_version": "0.1.0", "created": "2025-01-31T12:00:00Z",
 *      "architecture": {"cell", "units", "layers", "dropout", "strategy", "window", "horizon",
 *                       "inputs" (features per step), "outputs", "parameters",
 *                       "network": [{"kind": "LSTM", "settings", "output_shape", "parameters",
 *                                    "tensors": {"0.weight_ih_l0": [16, 3], ...}}, ...]},
 *      "config": every RnnConfig field in snake_case (window resolved),
 *      "data": {"target", "covariates", "frequency" (Frequency.label()), "seasonal_period",
 *               "last_time_stamps": {series id: label}, "calendar_features": [names]},
 *      "scalers": {series id: {"transform", "target": {"center", "scale"}, "covariates": [{"center", "scale"}, ...]}},
 *      "training": {"seed", "data_sha256", "epochs_run", "best_epoch", "stop_reason", "diverged", "best_val_loss",
 *                   "loss": [...], "val_loss": [...], "learning_rate": [...], "epoch_millis": [...],
 *                   "training_windows", "validation_windows", "metrics": {name: number}},
 *      "weights": {"entry": "weights.safetensors", "dtype": "F32", "sha256", "tensors", "parameters"}}
 *   weights.safetensors   stored: the network's state dict in {@link Safetensors} format, PyTorch's tensor names
 *                         ({@code 0.weight_ih_l0}, ..., {@code 1.bias}), float32
 * </pre>
 * Non-finite numbers (a missing validation loss, an infinite metric) are written as null and read back as
 * NaN. Loading checks everything before using it: the zip (central directory, sizes, CRC-32), the format and
 * its version, every manifest field, the weights' SHA-256, the safetensors layout, and the tensors against
 * the network the config builds (names, shapes, finite values); any failure is a {@link ModelFileException}
 * that names the file and the problem. No Java serialization is involved.
 */
public final class ModelFile {
    /** The manifest's {@code format} value. */
    public static final String FORMAT = "seqcast-model";
    /** The format version this Seqcast writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST_ENTRY = "manifest.json";
    public static final String WEIGHTS_ENTRY = "weights.safetensors";
    /** The usual file name extension. */
    public static final String EXTENSION = ".seqcast";

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file} atomically: the bytes go to a temporary file in the same directory,
     * which then replaces {@code file}, so {@code file} is never left partly written.
     *
     * @throws ModelFileException       when the directory does not exist, {@code file} is a directory or the
     *                                   model's weights are not finite
     * @throws IllegalArgumentException  when {@code info} does not fit the model (other series ids, or covariates
     *                                   the model reads that the data lacks)
     * @throws java.io.UncheckedIOException when writing fails (disk full, no permission)
     */
    public static void save(FittedRnn model, ModelInfo info, Path file) {
        save(model, info, file, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** {@link #save(FittedRnn, ModelInfo, Path)} with a given creation time (equal inputs give equal bytes). */
    static void save(FittedRnn model, ModelInfo info, Path file, Instant created) {
        String source = file.toString();
        requireWritable(file, source);
        AtomicFile.write(file, encode(model, info, created, source), source);
    }

    /** The file's bytes. */
    static byte[] encode(FittedRnn model, ModelInfo info, Instant created, String source) {
        RnnConfig config = model.config();
        if (!info.lastTimeStamps().keySet().equals(model.scalers().keySet())) {
            throw new IllegalArgumentException("model info has last time stamps for series " + info.lastTimeStamps()
                    .keySet() + " but the model was trained on " + model.scalers().keySet());
        }
        if (!info.covariates().containsAll(config.covariates())) {
            throw new IllegalArgumentException("the model reads covariates " + config.covariates() + " but model info"
                    + " lists the data's covariates as " + info.covariates());
        }
        Sequential network = model.model();
        Map<String, Tensor> state = network.stateDict();
        state.forEach((name, t) -> {
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new ModelFileException(source, "cannot save a model whose weight '" + name + "' holds " + v
                            + ": training diverged; retrain with a lower learning rate or gradient clipping");
                }
            }
        });
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("seqcast_version", Seqcast.version());
        byte[] weights = Safetensors.write(state, meta);
        Manifest manifest = new Manifest(FORMAT_VERSION, Seqcast.version(), created,
                Manifest.Architecture.of(config, network), config,
                new Manifest.DataSchema(info.target(), info.covariates(), model.frequency(), model.seasonalPeriod(),
                        info.lastTimeStamps(), calendarFeatures(config, model.frequency()), info.timeColumn(), info.idColumn()),
                model.scalers(),
                new Manifest.Training(config.seed(), info.dataSha256(), model.trainingHistory(), model.trainingWindows(),
                        model.validationWindows(), info.metrics()),
                new Manifest.Weights(ModelInfo.sha256(weights), state.size(), network.parameterCount()));
        return ModelZip.write(ManifestWriter.write(manifest), weights, created);
    }

    /**
     * Reads a model file and rebuilds the forecaster.
     *
     * @throws ModelFileException naming the file, the problem and what to do, for any file that is missing,
     *                            not a model file, damaged, truncated, edited inconsistently or too new
     */
    public static LoadedModel load(Path file) {
        String source = file.toString();
        ModelZip.Entries entries = readEntries(file, source);
        Manifest manifest = ManifestReader.read(entries.manifest(), source);
        requireWeightsChecksum(entries.weights(), manifest.weights().sha256(), source);
        Safetensors.Contents weights = Safetensors.read(entries.weights(), source + " (" + WEIGHTS_ENTRY + ")");
        return new LoadedModel(file, ModelRebuild.rebuild(manifest, weights.tensors(), source), manifest);
    }

    /** Refuses a target that is a directory or whose directory does not exist (before any work is done). */
    static void requireWritable(Path file, String source) {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(source, "is a directory; give the path of a " + EXTENSION + " file to write");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelFileException(source, "cannot be written: the directory " + dir + " does not exist;"
                    + " create it first");
        }
    }

    /** The two entries of an existing model file (forecasting model or bare network), checked as a zip. */
    static ModelZip.Entries readEntries(Path file, String source) {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(source, "is a directory, not a model file; give the path of a " + EXTENSION
                    + " file");
        }
        if (!Files.exists(file)) {
            throw new ModelFileException(source, "does not exist; check the path, or save a model there first");
        }
        return ModelZip.read(file, source);
    }

    /** Refuses weights whose SHA-256 is not the one the manifest recorded. */
    static void requireWeightsChecksum(byte[] weights, String expected, String source) {
        String sha = ModelInfo.sha256(weights);
        if (!sha.equals(expected)) {
            throw new ModelFileException(source, WEIGHTS_ENTRY + " does not match the checksum in " + MANIFEST_ENTRY
                    + " (SHA-256 " + sha + ", expected " + expected + "): the file is damaged;"
                    + " copy the file again or save the model again");
        }
    }

    /** The calendar features a config reads on data of this frequency, in input order. */
    static List<String> calendarFeatures(RnnConfig config, org.seqcast.data.Frequency frequency) {
        return config.calendarFeatures() ? CalendarFeatures.names(frequency) : List.of();
    }

    /**
     * A readable multi-line summary of a loaded model for {@code seqcast inspect}: the file, the architecture
     * with its layers and parameter count, the data schema, the training provenance and the metrics.
     */
    public static String describe(LoadedModel loaded) {
        return ModelDescription.of(loaded);
    }
}
