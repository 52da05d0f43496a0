package org.seqcast.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.Seqcast;
import org.seqcast.data.Frequency;
import org.seqcast.format.AtomicFile;
import org.seqcast.format.CreationTime;
import org.seqcast.format.ModelFileException;
import org.seqcast.format.Safetensors;
import org.seqcast.forecast.CalendarFeatures;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.tensor.Tensor;

/**
 * The single-file model format {@code .seqcast}, for every kind of fitted forecaster ({@link ForecasterKind}: a
 * network, a classical method, a network on seasonally adjusted series, an ensemble of any of them, any of them with
 * conformal intervals): a zip with exactly two entries,
 * <pre>
 *   manifest.json         UTF-8 JSON, deflated (format 2):
 *     {"format": "seqcast-model", "format_version": 2, "seqcast_version": "0.1.0", "created": "2025-01-31T12:00:00Z",
 *      "forecaster": {"kind": "rnn", ...} | {"kind": "baseline", ...} | {"kind": "ensemble", ..., "members": [...]}
 *                    | {"kind": "hybrid", "network": {...}, ...} | {"kind": "conformal", "inner": {...}, ...},
 *      "data": {"target", "covariates", "frequency" (Frequency.label()), "seasonal_period",
 *               "last_time_stamps": {series id: label}, "time_column", "id_column"},
 *      "provenance": {"data_sha256", "metrics": {name: number}},
 *      "weights": {"entry": "weights.safetensors", "dtype": "F32", "sha256", "tensors", "parameters"}}
 *   the sections of the kinds:
 *     rnn       {"architecture": {"cell", "units", "layers", "dropout", "strategy", "window", "horizon",
 *                                 "inputs" (features per step), "outputs", "parameters",
 *                                 "network": [{"kind": "LSTM", "settings", "output_shape", "parameters",
 *                                              "tensors": {"0.weight_ih_l0": [16, 3], ...}}, ...]},
 *                "layers": [{"type": "lstm", "units": 32, "return_sequences": false, ...}, ...] (the layers as data,
 *                          NetworkSpec's JSON form, checked against the layers the config builds),
 *                "config": every RnnConfig field in snake_case (window resolved),
 *                "calendar_features": [names],
 *                "scalers": {series id: {"transform", "target": {"center", "scale"}, "covariates": [...]}},
 *                "training": {"seed", "epochs_run", "best_epoch", "stop_reason", "diverged", "best_val_loss",
 *                             "loss": [...], "val_loss": [...], "learning_rate": [...], "epoch_millis": [...],
 *                             "training_windows", "validation_windows"}}
 *     baseline  {"method": "theta", "horizon": 12, "seasonal_period": 12 (0: each history's own),
 *                "levels": [80, 95] (the method's own intervals; [] for point forecasts)}
 *     ensemble  {"name", "combination": "median" | "mean", "members": [section, ...]}
 *     hybrid    {"network": rnn section, "adjustments": [{"series_id", "start", "length", "indices", "note"}, ...]}
 *     conformal {"name", "inner": section, "calibration": {"levels", "score", "radius": [[per level] per step],
 *                "windows"}}
 *   weights.safetensors   stored: every network's state dict in {@link Safetensors} format, float32, PyTorch's
 *                         tensor names ({@code 0.weight_ih_l0}, ..., {@code 1.bias}); an ensemble member k's
 *                         names carry the prefix {@code members.k.}, a hybrid's network {@code network.}, a
 *                         conformal forecaster's inner one {@code inner.}; no tensors for a forecaster without a network
 * </pre>
 * Format 1 (one network: the rnn section's fields, the data schema and the provenance at the top level, see
 * {@link ManifestV1}) is still read. Non-finite numbers (a missing validation loss, an infinite metric) are
 * written as null and read back as NaN. Loading checks everything before using it: the zip (central directory,
 * sizes, CRC-32), the format and its version, every manifest field, the weights' SHA-256, the safetensors
 * layout, and the tensors against the networks the configs build (names, shapes, finite values); any failure is
 * a {@link ModelFileException} that names the file (or stream) and the problem. The same checks run on paths,
 * streams and byte arrays. No Java serialization is involved.
 * <p>
 * Thread-safety: the static methods may be called from any thread; a loaded forecaster is as thread-safe as
 * its class says ({@link FittedForecaster}).
 */
public final class ModelFile {
    /** The manifest's {@code format} value. */
    public static final String FORMAT = "seqcast-model";
    /** The format version this Seqcast writes and the newest it reads (it reads every older one). */
    public static final int FORMAT_VERSION = 2;
    public static final String MANIFEST_ENTRY = "manifest.json";
    public static final String WEIGHTS_ENTRY = "weights.safetensors";
    /** The usual file name extension. */
    public static final String EXTENSION = ".seqcast";
    /** How errors name a model read from a byte array or written to one. */
    public static final String BYTES_SOURCE = "model bytes";
    /** How errors name a model read from or written to a stream. */
    public static final String STREAM_SOURCE = "model stream";

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file} atomically: the bytes go to a temporary file in the same directory,
     * which then replaces {@code file}, so {@code file} is never left partly written.
     *
     * @throws ModelFileException       when the directory does not exist, {@code file} is a directory, the
     *                                   model's weights are not finite or the forecaster is of a kind no model
     *                                   file holds
     * @throws IllegalArgumentException  when {@code info} does not fit the model (other series ids, or covariates
     *                                   the model reads that the data lacks)
     * @throws java.io.UncheckedIOException when writing fails (disk full, no permission)
     */
    public static void save(FittedForecaster model, ModelInfo info, Path file) {
        save(model, info, file, now());
    }

    /** {@link #save(FittedForecaster, ModelInfo, Path)} with a given creation time (equal inputs give equal bytes). */
    static void save(FittedForecaster model, ModelInfo info, Path file, Instant created) {
        String source = file.toString();
        requireWritable(file, source);
        AtomicFile.write(file, encode(model, info, created, source), source);
    }

    /** The model file's bytes (what {@link #save(FittedForecaster, ModelInfo, Path)} writes). */
    public static byte[] toBytes(FittedForecaster model, ModelInfo info) {
        return encode(model, info, now(), BYTES_SOURCE);
    }

    /** Writes the model file's bytes to {@code out} (which stays open). */
    public static void save(FittedForecaster model, ModelInfo info, OutputStream out) {
        byte[] bytes = encode(model, info, now(), STREAM_SOURCE);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a model file to the stream", e);
        }
    }

    /** The creation time of a file saved now ({@link CreationTime}: the clock, or SOURCE_DATE_EPOCH). */
    private static Instant now() {
        return CreationTime.now();
    }

    /** The file's bytes. */
    static byte[] encode(FittedForecaster model, ModelInfo info, Instant created, String source) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ForecasterSection section = ModelSave.section(model, info, "", tensors, source);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("seqcast_version", Seqcast.version());
        byte[] weights = Safetensors.write(tensors, meta);
        long parameters = tensors.values().stream().mapToLong(Tensor::size).sum();
        Manifest manifest = new Manifest(FORMAT_VERSION, Seqcast.version(), created, section,
                schema(model, info, source), new Manifest.Provenance(info.dataSha256(), info.metrics()),
                Manifest.Weights.of(weights, tensors.size(), parameters));
        return ModelZip.write(ManifestJson.write(manifest), weights, created);
    }

    /**
     * The data schema: frequency and seasonal period from the networks (which were trained with them) or, for a
     * forecaster without one, from the model info.
     */
    private static Manifest.DataSchema schema(FittedForecaster model, ModelInfo info, String source) {
        List<FittedRnn> networks = ModelSave.networks(model, source);
        Frequency frequency = info.frequency();
        int period = info.seasonalPeriod();
        for (FittedRnn n : networks) {
            if (frequency != null && (!n.frequency().equals(frequency) || period > 0 && n.seasonalPeriod() != period)) {
                throw new IllegalArgumentException("the networks of '" + model.name() + "' were trained on "
                        + n.frequency() + " data with seasonal period " + n.seasonalPeriod() + " but the model info"
                        + " says " + frequency + " data with seasonal period " + period);
            }
            frequency = n.frequency();
            period = n.seasonalPeriod();
        }
        if (frequency == null || period < 1) {
            throw new IllegalArgumentException("model info needs the data's frequency and seasonal period to save '"
                    + model.name() + "', which has no network that knows them; use ModelInfo.of(sha256, series)");
        }
        return new Manifest.DataSchema(info.target(), info.covariates(), frequency, period, info.lastTimeStamps(),
                info.timeColumn(), info.idColumn());
    }

    /**
     * Reads a model file and rebuilds the forecaster.
     *
     * @throws ModelFileException naming the file, the problem and what to do, for any file that is missing,
     *                            not a model file, damaged, truncated, edited inconsistently or too new
     */
    public static LoadedModel load(Path file) {
        String source = file.toString();
        return decode(readEntries(file, source, weightsLimit(source)), source);
    }

    /** Reads a model file's bytes (e.g. moved between machines) with the checks of {@link #load(Path)}. */
    public static LoadedModel load(byte[] bytes) {
        return decode(ModelZip.read(bytes, BYTES_SOURCE, weightsLimit(BYTES_SOURCE)), BYTES_SOURCE);
    }

    /** Reads a model file from {@code in} to its end (the stream stays open), with the checks of {@link #load(Path)}. */
    public static LoadedModel load(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) ModelZip.MAX_WEIGHTS_BYTES);
            if (in.read() != -1) {
                throw new ModelFileException(STREAM_SOURCE, "holds more than " + ModelZip.MAX_WEIGHTS_BYTES
                        + " bytes, more than a model file can");
            }
        } catch (IOException e) {
            throw new ModelFileException(STREAM_SOURCE, "cannot be read (" + e + ")", e);
        }
        return decode(ModelZip.read(bytes, STREAM_SOURCE, weightsLimit(STREAM_SOURCE)), STREAM_SOURCE);
    }

    /** The most bytes the weights a manifest declares can take (the manifest checked on the way). */
    private static java.util.function.ToLongFunction<byte[]> weightsLimit(String source) {
        return manifest -> ManifestJson.read(manifest, source).weights().maxEntryBytes();
    }

    private static LoadedModel decode(ModelZip.Entries entries, String source) {
        Manifest manifest = ManifestJson.read(entries.manifest(), source);
        requireWeightsChecksum(entries.weights(), manifest.weights().sha256(), source);
        Safetensors.Contents weights = Safetensors.read(entries.weights(), source + " (" + WEIGHTS_ENTRY + ")");
        return new LoadedModel(source, ModelRebuild.rebuild(manifest, weights.tensors(), source), manifest);
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

    /**
     * The two entries of an existing model file (forecasting model or bare network), checked as a zip, the
     * weights read only when no larger than {@code weightsLimit} says for the manifest.
     */
    static ModelZip.Entries readEntries(Path file, String source, java.util.function.ToLongFunction<byte[]> weightsLimit) {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(source, "is a directory, not a model file; give the path of a " + EXTENSION
                    + " file");
        }
        if (!Files.exists(file)) {
            throw new ModelFileException(source, "does not exist; check the path, or save a model there first");
        }
        return ModelZip.read(file, source, weightsLimit);
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
    static List<String> calendarFeatures(RnnConfig config, Frequency frequency) {
        return config.calendarFeatures() ? CalendarFeatures.names(frequency) : List.of();
    }

    /**
     * A readable multi-line summary of a loaded model for {@code seqcast inspect}: the source, the forecaster
     * (a network's architecture with its layers and parameter count, a method, an ensemble's members), the data
     * schema, the training provenance and the metrics.
     */
    public static String describe(LoadedModel loaded) {
        return ModelDescription.of(loaded);
    }
}
