package org.seqcast.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a Keras 3 {@code .keras} archive (saving_lib): a zip of {@code metadata.json} (keras_version),
 * {@code config.json} (the serialized model) and {@code model.weights.h5} (the variables, see
 * {@link ArchiveWeights}). Archives with {@code .npz} or sharded weights are refused.
 */
final class KerasArchive {
    private static final String WEIGHTS = "model.weights.h5";
    /** Larger entries cannot be held in one array. */
    private static final long MAX_ENTRY = Integer.MAX_VALUE - 16;

    private KerasArchive() {
    }

    static ImportedModel read(Path path, String file) {
        byte[] metadata;
        byte[] config;
        byte[] weights;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            metadata = entry(zip, "metadata.json", file);
            config = entry(zip, "config.json", file);
            if (zip.getEntry(WEIGHTS) == null) {
                String other = zip.getEntry("model.weights.npz") != null ? "; its weights are in model.weights.npz,"
                        + " which Seqcast does not read: save with the default (h5) weights format"
                        : zip.getEntry("model.weights.json") != null ? "; its weights are sharded, which Seqcast does"
                        + " not read: save without max_shard_size" : "";
                throw new KerasImportException(file, "the archive has no " + WEIGHTS + other);
            }
            weights = entry(zip, WEIGHTS, file);
        } catch (ZipException e) {
            throw new KerasImportException(file, "not a readable zip archive (" + e.getMessage() + "); the file is"
                    + " truncated or corrupted", e);
        } catch (IOException e) {
            throw new KerasImportException(file, "cannot read the archive: " + e.getMessage(), e);
        }
        JsonNode meta = KerasImport.parse(new String(metadata, StandardCharsets.UTF_8), "metadata.json", file);
        if (!meta.path("keras_version").isTextual()) {
            throw new KerasImportException(file, "metadata.json has no keras_version");
        }
        String version = meta.get("keras_version").asText();
        int major = KerasImport.major(version, file);
        JsonNode model = KerasImport.parse(new String(config, StandardCharsets.UTF_8), "config.json", file);
        String weightsFile = file + " (" + WEIGHTS + ")";
        try (HdfFile h5 = H5.open(weights, weightsFile)) {
            return KerasImport.assemble(model, major, version, null, KerasFormat.KERAS3_ARCHIVE,
                    layers -> new ArchiveWeights(h5, layers, weightsFile), file);
        }
    }

    private static byte[] entry(ZipFile zip, String name, String file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new KerasImportException(file, "the archive has no " + name + " (a .keras file holds metadata.json,"
                    + " config.json and " + WEIGHTS + ")");
        }
        if (e.getSize() > MAX_ENTRY) {
            throw new KerasImportException(file, name + " is too large (" + e.getSize() + " bytes)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (ZipException ex) {
            throw new KerasImportException(file + " (" + name + ")", "the entry is corrupted (" + ex.getMessage() + ")", ex);
        }
    }
}
