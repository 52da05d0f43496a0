package org.seqcast.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files that cannot be imported: each is a {@link KerasImportException} whose message names the file, and the
 * layer and option where there is one; never an exception of the HDF5 reader or the zip library. Truncated and
 * corrupted copies of the real files are made here; files with missing weights, a wrong shape and weights only
 * come from tools/keras/make_fixtures.py; broken .keras archives are rewritten from a good one.
 */
class BadFileTest {
    @TempDir
    Path dir;

    private static KerasImportException refused(Path file) {
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "the message must start with the file: " + e.getMessage());
        return e;
    }

    private static void assertMessage(KerasImportException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void missingEmptyAndForeignFiles() throws IOException {
        assertMessage(refused(dir.resolve("nope.h5")), "no such file");
        assertMessage(refused(dir), "not a regular file");
        Path empty = Files.createFile(dir.resolve("empty.h5"));
        assertMessage(refused(empty), "not a Keras model file", "it is empty");
        Path json = Files.writeString(dir.resolve("config.json"), "{\"class_name\": \"Sequential\"}");
        assertMessage(refused(json), "not a Keras model file: it is neither HDF5 (.h5) nor a zip archive (.keras)"
                + " (the first bytes are 7b 22 63 6c)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lstm1_k2_12.h5", "gru4_before_k2_3_1.h5", "rnn2_k3_legacy.h5"})
    void truncatedHdf5FilesAreRefusedAtEveryLength(String name) throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path(name));
        for (int length : new int[] {8, 64, 100, 512, 800, 2048, full.length / 3, full.length / 2, full.length - 4096,
                full.length - 1}) {
            Path cut = Files.write(dir.resolve("cut-" + length + "-" + name), Arrays.copyOf(full, length));
            KerasImportException e = refused(cut);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a Keras model file"),
                    length + " bytes: " + e.getMessage());
        }
    }

    @Test
    void corruptedSuperblockAndConfigAreRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("lstm1_k2_12.h5"));
        byte[] badVersion = bytes.clone();
        badVersion[8] = 9;                                           // superblock version 9 does not exist
        assertMessage(refused(Files.write(dir.resolve("version.h5"), badVersion)), "cannot read the HDF5 file",
                "truncated, corrupted or not written by Keras");
        byte[] badJson = bytes.clone();
        int at = indexOf(badJson, "{\"class_name\": \"Sequential\"".getBytes(StandardCharsets.US_ASCII));
        badJson[at] = '#';
        assertMessage(refused(Files.write(dir.resolve("json.h5"), badJson)), "model_config is not valid JSON");
    }

    /**
     * Random bytes overwritten anywhere: the import either still works (the bytes fell in weight values, which
     * HDF5 does not checksum) or fails with a KerasImportException naming the file.
     */
    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("lstm1_k2_12.h5"));
        Random rnd = new Random(7);
        int refusedCount = 0;
        for (int trial = 0; trial < 150; trial++) {
            byte[] copy = bytes.clone();
            int start = rnd.nextInt(copy.length - 16);
            for (int k = 0; k < 16; k++) {
                copy[start + k] = (byte) rnd.nextInt(256);
            }
            Path f = Files.write(dir.resolve("fuzz" + trial + ".h5"), copy);
            try {
                KerasImport.load(f);
            } catch (KerasImportException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                refusedCount++;
            }
        }
        assertTrue(refusedCount > 0, "some corruptions must be detected");
    }

    @Test
    void layerNormalizationOverTimeIsRefusedOnceTheInputIsKnown() {
        KerasImportException e = refused(Fixtures.path("bad_layernorm_time_axis.h5"));
        assertEquals("layer 2 'layer_normalization' (LayerNormalization)", e.layer());
        assertEquals("axis=1", e.option());
        assertMessage(e, "on (5, 3) the features are axis 2 (or -1)", "normalizes the features only");
    }

    @Test
    void missingWeightWrongShapeAndWeightsOnly() {
        KerasImportException e = refused(Fixtures.path("bad_missing_weight.h5"));
        assertEquals("layer 2 'gru_1' (GRU)", e.layer());
        assertMessage(e, "weight model_weights/gru_1/gru_1/gru_cell/recurrent_kernel:0 is listed in weight_names but"
                + " missing from the file");
        e = refused(Fixtures.path("bad_shape.h5"));
        assertEquals("layer 1 'gru' (GRU)", e.layer());
        assertMessage(e, "weight model_weights/gru/gru/gru_cell/kernel:0 has shape (3, 21) but GRU(8) on 3 input features"
                + " needs (3, 24)");
        assertMessage(refused(Fixtures.path("bad_weights_only.h5")), "the file holds weights only (model.save_weights)");
    }

    @Test
    void hdf5FilesOfOtherKerasVersionsOrWithoutParts() throws IOException {
        String config = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\","
                + " \"config\": {\"name\": \"dense\", \"units\": 1, \"batch_input_shape\": [null, 2]}}]}}";
        assertMessage(refused(h5("keras1.h5", Map.of("model_config", config, "keras_version", "1.2.2"), true)),
                "written by Keras 1.2.2; Seqcast imports files of Keras 2 and 3");
        assertMessage(refused(h5("noversion.h5", Map.of("model_config", config), true)), "no keras_version attribute");
        assertMessage(refused(h5("noweights.h5", Map.of("model_config", config, "keras_version", "2.4.0"), false)),
                "no model_weights group");
        assertMessage(refused(h5("nolayers.h5", Map.of("model_config", config, "keras_version", "2.4.0"), true)),
                "model_weights has no layer_names attribute");
    }

    /** A minimal HDF5 file with the given root string attributes and, optionally, an empty model_weights group. */
    private Path h5(String name, Map<String, String> attributes, boolean weightsGroup) {
        Path p = dir.resolve(name);
        try (WritableHdfFile f = HdfFile.write(p)) {
            attributes.forEach(f::putAttribute);
            if (weightsGroup) {
                WritableGroup g = f.putGroup("model_weights");
                g.putAttribute("backend", "tensorflow");
            }
        }
        return p;
    }

    // ------------------------------------------------------------------ .keras archives

    private Path archive(String name, UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(Fixtures.path("lstm_gru_k3_3.keras").toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        entries = edit.apply(entries);
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return p;
    }

    private Path archiveWithConfig(String name, String from, String to) throws IOException {
        return archive(name, m -> {
            String config = new String(m.get("config.json"), StandardCharsets.UTF_8);
            assertTrue(config.contains(from), from);
            m.put("config.json", config.replace(from, to).getBytes(StandardCharsets.UTF_8));
            return m;
        });
    }

    @Test
    void archiveRewrittenUnchangedStillImports() throws IOException {
        KerasImport.load(archive("same.keras", m -> m));
    }

    @Test
    void truncatedAndIncompleteArchives() throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path("lstm_gru_k3_3.keras"));
        for (int length : new int[] {4, 100, full.length / 2, full.length - 10}) {
            Path cut = Files.write(dir.resolve("cut" + length + ".keras"), Arrays.copyOf(full, length));
            assertMessage(refused(cut), "not a readable zip archive");
        }
        assertMessage(refused(archive("noweights.keras", m -> {
            m.remove("model.weights.h5");
            return m;
        })), "the archive has no model.weights.h5");
        assertMessage(refused(archive("npz.keras", m -> {
            m.put("model.weights.npz", m.remove("model.weights.h5"));
            return m;
        })), "model.weights.npz, which Seqcast does not read");
        assertMessage(refused(archive("nometa.keras", m -> {
            m.remove("metadata.json");
            return m;
        })), "the archive has no metadata.json");
        assertMessage(refused(archive("badjson.keras", m -> {
            m.put("config.json", "{\"class_name\": ".getBytes(StandardCharsets.UTF_8));
            return m;
        })), "config.json is not valid JSON");
        assertMessage(refused(archive("v1.keras", m -> {
            m.put("metadata.json", "{\"keras_version\": \"1.2.2\"}".getBytes(StandardCharsets.UTF_8));
            return m;
        })), "written by Keras 1.2.2");
        KerasImportException e = refused(archive("cuth5.keras", m -> {
            byte[] h5 = m.get("model.weights.h5");
            m.put("model.weights.h5", Arrays.copyOf(h5, h5.length - 500));
            return m;
        }));
        assertEquals(dir.resolve("cuth5.keras") + " (model.weights.h5)", e.file());
        assertMessage(e, "the HDF5 file is truncated");
    }

    @Test
    void archiveConfigsThatDoNotFitTheirWeights() throws IOException {
        KerasImportException e = refused(archiveWithConfig("conv.keras", "\"class_name\": \"GRU\"",
                "\"class_name\": \"Conv1D\""));
        assertEquals("layer 3 'gru' (Conv1D)", e.layer());
        e = refused(archiveWithConfig("twolstm.keras", "\"class_name\": \"GRU\"", "\"class_name\": \"LSTM\""));
        assertEquals("layer 3 'gru' (LSTM)", e.layer());
        assertMessage(e, "model.weights.h5 holds no variables for this layer (looked in layers/lstm_1/cell/vars");
        e = refused(archiveWithConfig("units.keras", "\"units\": 8", "\"units\": 9"));
        assertEquals("layer 1 'lstm' (LSTM)", e.layer());
        assertMessage(e, "weight model.weights.h5:layers/lstm/cell/vars/0 has shape (4, 32) but LSTM(9) on 4 input"
                + " features needs (4, 36)");
        e = refused(archiveWithConfig("nobias.keras", "\"units\": 1, \"activation\": \"linear\", \"use_bias\": true",
                "\"units\": 1, \"activation\": \"linear\", \"use_bias\": false"));
        assertMessage(e, "layers/dense/vars holds 2 variables; Dense with use_bias=False has 1 (kernel)");
        e = refused(archiveWithConfig("back.keras", "\"go_backwards\": false", "\"go_backwards\": true"));
        assertEquals("go_backwards=True", e.option());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
