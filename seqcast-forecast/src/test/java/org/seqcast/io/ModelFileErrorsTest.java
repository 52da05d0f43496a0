package org.seqcast.io;

import org.seqcast.format.Safetensors;
import org.seqcast.format.ModelFileException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.tensor.Tensor;

/** Every way a model file can be wrong gives a {@link ModelFileException} that names the file and the problem. */
class ModelFileErrorsTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static List<TimeSeries> data;
    static FittedRnn fitted;
    static Path good;
    static byte[] goodBytes;

    @BeforeAll
    static void saveOneModel() throws IOException {
        data = ModelFileRoundTripTest.monthly();
        fitted = new RnnForecaster(ModelFileRoundTripTest.tiny(6).build()).fit(data);
        good = shared.resolve("good.seqcast");
        ModelFile.save(fitted, ModelInfo.of(ModelFileRoundTripTest.DATA_SHA, data), good);
        goodBytes = Files.readAllBytes(good);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nothing.seqcast");
        assertError(missing, missing + ": does not exist; check the path");
    }

    @Test
    void directory() {
        assertError(dir, dir + ": is a directory, not a model file; give the path of a .seqcast file");
    }

    @Test
    void notAZip() throws IOException {
        String expected = "not a Seqcast model file (expected a zip with manifest.json and weights.safetensors)";
        assertError(Files.writeString(dir.resolve("data.csv"), "date,value\n2020-01-01,3\n"), expected);
        assertError(Files.write(dir.resolve("empty.seqcast"), new byte[0]), expected);
        assertError(Files.write(dir.resolve("weights.seqcast"), ModelZips.entries(good).get(ModelFile.WEIGHTS_ENTRY)),
                expected);
    }

    @Test
    void zipWithoutManifestOrWeightsOrWithMore() {
        Map<String, byte[]> entries = ModelZips.entries(good);
        Map<String, byte[]> noManifest = new LinkedHashMap<>(entries);
        noManifest.remove(ModelFile.MANIFEST_ENTRY);
        assertError(ModelZips.write(dir.resolve("a.seqcast"), noManifest), "the zip has no manifest.json (entries:"
                + " [weights.safetensors]; expected a zip with manifest.json and weights.safetensors)");
        Map<String, byte[]> noWeights = new LinkedHashMap<>(entries);
        noWeights.remove(ModelFile.WEIGHTS_ENTRY);
        assertError(ModelZips.write(dir.resolve("b.seqcast"), noWeights), "the zip has no weights.safetensors");
        assertError(ModelZips.write(dir.resolve("c.seqcast"), Map.of()), "the zip has no manifest.json (entries: []");
        Map<String, byte[]> more = new LinkedHashMap<>(entries);
        more.put("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertError(ModelZips.write(dir.resolve("d.seqcast"), more), "the zip has entries [manifest.json,"
                + " weights.safetensors, notes.txt]; a Seqcast model file has exactly manifest.json and weights.safetensors");
    }

    @Test
    void manifestNotJson() {
        Map<String, byte[]> entries = new LinkedHashMap<>(ModelZips.entries(good));
        entries.put(ModelFile.MANIFEST_ENTRY, "{\"format\": \"seqcast-model\",".getBytes(StandardCharsets.UTF_8));
        assertError(ModelZips.write(dir.resolve("m.seqcast"), entries), "manifest.json is not valid JSON (");
        entries.put(ModelFile.MANIFEST_ENTRY, "[1]".getBytes(StandardCharsets.UTF_8));
        assertError(ModelZips.write(dir.resolve("n.seqcast"), entries), "manifest.json is not a JSON object");
    }

    @Test
    void foreignFormat() {
        assertError(edit(m -> m.put("format", "keras-model"), w -> w),
                "manifest.json has format \"keras-model\", not \"seqcast-model\": this is not a Seqcast model file");
        assertError(edit(m -> m.remove("format"), w -> w), "manifest.json has format (none)");
    }

    @Test
    void newerFormatVersion() {
        assertError(edit(m -> m.put("format_version", 3), w -> w),
                "written by a newer Seqcast (format 3); this version reads format 2 and older: upgrade");
        assertError(edit(m -> m.put("format_version", "1"), w -> w), "'format_version' must be an integer");
        assertError(edit(m -> m.put("format_version", 0), w -> w), "'format_version' is 0, which no Seqcast writes");
    }

    /** Format 2 moved the network's fields under 'forecaster' (and the data's SHA-256 and metrics to 'provenance'). */
    @Test
    void missingOrInvalidManifestFields() {
        assertError(edit(m -> forecaster(m, "config").remove("units"), w -> w), "manifest.json: 'forecaster.config.units'"
                + " is missing; the manifest was edited or written by an incompatible tool: save the model again");
        assertError(edit(m -> forecaster(m, "config").put("cell", "transformer"), w -> w),
                "'forecaster.config.cell' is invalid (unknown cell 'transformer'; use lstm, gru or rnn)");
        assertError(edit(m -> ((ObjectNode) m.get("data")).put("frequency", "fortnightly"), w -> w),
                "'data.frequency' is invalid (unknown frequency 'fortnightly'");
        assertError(edit(m -> ((ObjectNode) m.at("/forecaster/scalers/a/target")).put("scale", -1.0), w -> w),
                "'forecaster.scalers.a.target' is invalid (scaler needs a finite center and a positive finite scale");
        assertError(edit(m -> forecaster(m, "architecture").put("units", 5), w -> w),
                "manifest.json: architecture.units is 5 but the config builds 4; the file was edited or damaged");
        assertError(edit(m -> forecaster(m, "config").put("window", 0), w -> w),
                "manifest.json: 'forecaster' is invalid (a saved model has a resolved window; got 0)");
        assertError(edit(m -> forecaster(m, "config").put("units", "4"), w -> w),
                "'forecaster.config.units' must be an integer; got \"4\"");
        assertError(edit(m -> forecaster(m, "config").put("dropout", "none"), w -> w),
                "'forecaster.config.dropout' must be a number; got \"none\"");
        assertError(edit(m -> forecaster(m, "config").putNull("patience"), w -> w),
                "'forecaster.config.patience' must be an integer; got null");
        assertError(edit(m -> forecaster(m, "training").put("loss", 3), w -> w),
                "'forecaster.training.loss' must be an array; got 3");
        assertError(edit(m -> ((ObjectNode) m.get("provenance")).put("data_sha256", "abc"), w -> w),
                "'provenance' is invalid (the data checksum must be 64 lowercase hex digits; got abc)");
        assertError(edit(m -> ((ObjectNode) m.get("data")).put("colour", "red"), w -> w),
                "'data.colour' is not a field of this format (fields: ");
        assertError(edit(m -> m.remove("weights"), w -> w), "manifest.json: 'weights' is missing");
        assertError(edit(m -> forecaster(m, "config").putNull("covariates"), w -> w),
                "manifest.json: 'forecaster.config' has null for [covariates], which need values");
    }

    /** The layers as data must be the ones the config builds; a bad layer field is named with its path. */
    @Test
    void layersThatTheConfigDoesNotBuild() {
        assertError(edit(m -> ((ObjectNode) m.at("/forecaster/layers/0")).put("return_sequences", true), w -> w),
                "manifest.json: layers are [");
        assertError(edit(m -> ((ObjectNode) m.at("/forecaster/layers/0")).put("units", 0), w -> w),
                "'forecaster.layers[0]");
    }

    @Test
    void unknownOrMissingKind() {
        assertError(edit(m -> ((ObjectNode) m.get("forecaster")).put("kind", "transformer"), w -> w),
                "'forecaster.kind' is 'transformer', a kind this Seqcast does not know (it reads "
                        + ForecasterKind.labels() + ")");
        assertError(edit(m -> ((ObjectNode) m.get("forecaster")).remove("kind"), w -> w),
                "'forecaster.kind' is missing (one of " + ForecasterKind.labels() + ")");
        assertError(edit(m -> m.set("forecaster", ModelZips.JSON.createObjectNode().put("kind", "baseline")
                .put("method", "prophet").put("horizon", 6).put("seasonal_period", 12)
                .set("levels", ModelZips.JSON.createArrayNode())), w -> w),
                "'forecaster' is invalid (unknown baseline 'prophet'; use one of [mean, naive");
    }

    @Test
    void missingTensor() {
        assertError(edit(m -> { }, w -> weights(w, t -> t.remove("0.bias_hh_l0"))),
                "weights.safetensors lacks tensor '0.bias_hh_l0' of shape [16] that the network in manifest.json needs");
    }

    @Test
    void extraTensor() {
        assertError(edit(m -> { }, w -> weights(w, t -> t.put("2.weight", Tensor.wrap(new float[] {1f}, 1)))),
                "weights.safetensors has tensor '2.weight' of shape [1], which the network in manifest.json does not have"
                        + " (it has [0.weight_ih_l0, 0.weight_hh_l0, 0.bias_ih_l0, 0.bias_hh_l0, 1.weight, 1.bias])");
    }

    @Test
    void shapeMismatch() {
        assertError(edit(m -> { }, w -> weights(w, t -> t.put("0.weight_ih_l0", Tensor.wrap(new float[32], 16, 2)))),
                "tensor '0.weight_ih_l0' has shape [16, 2] in weights.safetensors but the network needs [16, 3]");
    }

    @Test
    void truncatedSafetensorsInsideAValidZip() {
        assertError(edit(m -> { }, w -> Arrays.copyOf(w, w.length - 10)),
                "(weights.safetensors): the data section has " + (dataBytes() - 10) + " bytes but the header describes "
                + dataBytes() + " (tensor '1.bias' ends at " + dataBytes() + "): the file is truncated");
    }

    @Test
    void weightsThatDoNotMatchTheirChecksum() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(ModelZips.entries(good));
        byte[] w = entries.get(ModelFile.WEIGHTS_ENTRY).clone();
        w[w.length - 1] ^= 1;
        entries.put(ModelFile.WEIGHTS_ENTRY, w);
        assertError(ModelZips.write(dir.resolve("sum.seqcast"), entries),
                "weights.safetensors does not match the checksum in manifest.json (SHA-256 ");
    }

    @Test
    void nonFiniteWeights() {
        assertError(edit(m -> { }, w -> weights(w, t -> t.get("1.weight").data()[3] = Float.NaN)),
                "tensor '1.weight' holds NaN at flat index 3 of shape [6, 4]: the weights are unusable");
        assertError(edit(m -> { }, w -> weights(w, t -> t.get("0.bias_ih_l0").data()[0] = Float.POSITIVE_INFINITY)),
                "tensor '0.bias_ih_l0' holds Infinity at flat index 0");
    }

    @Test
    void foreignDtypeInsideAModel() throws IOException {
        byte[] f16 = Files.readAllBytes(Path.of("../testdata/io/torch_f16.safetensors"));
        assertError(edit(m -> { }, w -> f16), "(weights.safetensors): tensor 'w' has dtype F16");
    }

    @Test
    void truncatedAtEveryCutPoint() throws IOException {
        Path cut = dir.resolve("cut.seqcast");
        for (int n = 0; n < goodBytes.length; n++) {
            Files.write(cut, Arrays.copyOf(goodBytes, n));
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(cut), "cut at " + n);
            assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
            String expected = n < 4 ? "not a Seqcast model file" : "is damaged or truncated (zip error: ";
            assertTrue(e.getMessage().contains(expected), "cut at " + n + ": " + e.getMessage());
        }
    }

    /** Every byte changed in turn (and random multi-byte damage): an error, or a model identical in every respect. */
    @Test
    void corruptionIsNeverSilent() throws IOException {
        LoadedModel original = ModelFile.load(good);
        double[] forecast = original.forecaster().forecast(data.get(0)).values();
        Path damaged = dir.resolve("damaged.seqcast");
        SplittableRandom rng = new SplittableRandom(42);
        int errors = 0;
        int harmless = 0;
        for (int trial = 0; trial < goodBytes.length + 500; trial++) {
            byte[] b = goodBytes.clone();
            int flips = trial < goodBytes.length ? 1 : 1 + rng.nextInt(8);
            for (int k = 0; k < flips; k++) {
                int pos = trial < goodBytes.length ? trial : rng.nextInt(b.length);
                b[pos] ^= (byte) (1 + rng.nextInt(255));
            }
            Files.write(damaged, b);
            LoadedModel loaded;
            try {
                loaded = ModelFile.load(damaged);
            } catch (ModelFileException e) {
                assertTrue(e.getMessage().startsWith(damaged.toString()), e.getMessage());
                errors++;
                continue;
            }
            harmless++;   // the damage hit bytes the model does not depend on (zip time stamps, attributes)
            assertEquals(original.manifest(), loaded.manifest(), "trial " + trial);
            Map<String, Tensor> want = original.rnn().model().stateDict();
            loaded.rnn().model().stateDict().forEach((k, t) -> assertArrayEquals(want.get(k).data(), t.data(), k));
            assertArrayEquals(forecast, loaded.forecaster().forecast(data.get(0)).values(), "trial " + trial);
        }
        assertTrue(errors > goodBytes.length * 9 / 10, errors + " errors, " + harmless + " harmless");
    }

    private static int dataBytes() {
        return 4 * fitted.model().parameterCount();
    }

    private static ObjectNode forecaster(ObjectNode manifest, String field) {
        return (ObjectNode) manifest.get("forecaster").get(field);
    }

    private Path edit(Consumer<ObjectNode> manifest, UnaryOperator<byte[]> weights) {
        return ModelZips.edit(good, dir.resolve("edited.seqcast"), manifest, weights);
    }

    /** The safetensors bytes {@code w} with its tensors edited. */
    private static byte[] weights(byte[] w, Consumer<Map<String, Tensor>> change) {
        Safetensors.Contents c = Safetensors.read(w, "test");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        c.tensors().forEach((k, t) -> tensors.put(k, t.copy()));
        change.accept(tensors);
        return Safetensors.write(tensors, c.metadata());
    }

    private static void assertError(Path file, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.file().startsWith(file.toString()), e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
