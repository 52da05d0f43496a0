package org.seqcast.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helpers that take model files apart and put edited ones together, as a careless tool would. */
final class ModelZips {
    static final ObjectMapper JSON = new ObjectMapper();

    private ModelZips() {
    }

    /** The entries of a zip by name, in order. */
    static Map<String, byte[]> entries(Path file) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes a zip of {@code entries} (deflated) to {@code file}. */
    static Path write(Path file, Map<String, byte[]> entries) {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static ObjectNode manifest(Path file) {
        try {
            return (ObjectNode) JSON.readTree(entries(file).get(ModelFile.MANIFEST_ENTRY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of {@code original} at {@code out} with the manifest and weights edited; the manifest's weights
     * checksum is recomputed, as a tool that knows the format would do, so only the edit itself is wrong.
     */
    static Path edit(Path original, Path out, Consumer<ObjectNode> manifestEdit, UnaryOperator<byte[]> weightsEdit) {
        Map<String, byte[]> entries = entries(original);
        byte[] weights = weightsEdit.apply(entries.get(ModelFile.WEIGHTS_ENTRY));
        ObjectNode manifest = manifest(original);
        ((ObjectNode) manifest.get("weights")).put("sha256", ModelInfo.sha256(weights));
        manifestEdit.accept(manifest);
        Map<String, byte[]> edited = new LinkedHashMap<>();
        edited.put(ModelFile.MANIFEST_ENTRY, manifest.toPrettyString().getBytes(StandardCharsets.UTF_8));
        edited.put(ModelFile.WEIGHTS_ENTRY, weights);
        return write(out, edited);
    }
}
