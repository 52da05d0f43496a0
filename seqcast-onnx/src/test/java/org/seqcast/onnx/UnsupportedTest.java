package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.nn.Context;
import org.seqcast.nn.Dense;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Layer;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/** Every configuration that cannot be exported fails with a message that says which and why. */
class UnsupportedTest {
    @TempDir
    Path dir;

    /** A layer Seqcast knows nothing about. */
    static final class Doubler extends Layer {
        @Override
        public String kind() {
            return "Doubler";
        }

        @Override
        protected int[] doBuild(int[] inShape, Rng rng, String position) {
            return inShape;
        }

        @Override
        public Tensor forward(Tensor x, Context ctx) {
            float[] y = x.data().clone();
            for (int k = 0; k < y.length; k++) {
                y[k] *= 2;
            }
            return Tensor.wrap(y, x.shape());
        }

        @Override
        public Tensor backward(Tensor dy, Context ctx) {
            return dy;
        }

        @Override
        public String describe() {
            return "";
        }
    }

    private static void assertMessage(RuntimeException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void unknownLayer() {
        Sequential network = new Sequential(new LSTM(4), new Doubler(), new Dense(1));
        network.build(5, 2);
        assertMessage(assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(network, OnnxExportOptions.defaults())),
                "layer 1 (Doubler", "has no ONNX mapping", "LSTM, GRU, SimpleRNN, Dense, Dropout, Conv1D,"
                + " MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D and Flatten");
    }

    @Test
    void unbuiltNetwork() {
        Sequential network = new Sequential(new LSTM(4), new Dense(1));
        assertMessage(assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(network, OnnxExportOptions.defaults())), "not built");
    }

    @Test
    void nonFiniteWeight() {
        Sequential network = new Sequential(new LSTM(4), new Dense(1));
        network.build(5, 2);
        network.parameters().get(1).value()[3] = Float.NaN;
        assertMessage(assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(network, OnnxExportOptions.defaults())), "weight_hh_l0", "NaN", "diverged");
    }

    @Test
    void bakedBareNetwork() {
        Sequential network = new Sequential(new LSTM(4), new Dense(1));
        network.build(5, 2);
        assertMessage(assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(network, OnnxExportOptions.baked(null))), "no scalers to bake");
    }

    @Test
    void bakedSeriesMustBeATrainingSeries() {
        FittedRnn model = Fixtures.fit(Fixtures.small(2).window(12).build(),
                List.of(Fixtures.series("x", 60, 10, 0, 2, 1), Fixtures.series("y", 60, 20, 0, 2, 2)));
        assertMessage(assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(model, OnnxExportOptions.baked("z"))), "series 'z'", "[x, y]");
        assertMessage(assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(model, OnnxExportOptions.baked(null))), "2 series", "name the one");
    }

    @Test
    void seasonAnchorNeedsAWindowOfASeason() {
        FittedRnn model = Fixtures.fit(Fixtures.small(2).window(6).anchor(Anchor.SEASON).build(),
                List.of(Fixtures.series("x", 60, 10, 0, 2, 1)));
        assertMessage(assertThrows(OnnxExportException.class,
                () -> OnnxExport.toBytes(model, OnnxExportOptions.baked(null))), "window (6)", "season (12)");
        OnnxExport.toBytes(model, OnnxExportOptions.defaults());                // the plain graph is fine
    }

    @Test
    void optionsAreChecked() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new OnnxExportOptions(false, "x", "value")), "bakeScaling");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new OnnxExportOptions(true, " ", "value")), "blank");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> OnnxExportOptions.defaults().withTargetName("")), "target name");
    }

    @Test
    void badOutputPaths() throws Exception {
        Sequential network = new Sequential(new LSTM(4), new Dense(1));
        network.build(5, 2);
        assertMessage(assertThrows(OnnxExportException.class, () -> OnnxExport.export(network,
                OnnxExportOptions.defaults(), dir.resolve("missing/net.onnx"))), "does not exist");
        assertMessage(assertThrows(OnnxExportException.class, () -> OnnxExport.export(network,
                OnnxExportOptions.defaults(), dir)), "is a directory");
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        if (readOnly.toFile().setWritable(false) && !Files.isWritable(readOnly)) {        // not as root
            assertThrows(UncheckedIOException.class,
                    () -> OnnxExport.export(network, OnnxExportOptions.defaults(), readOnly.resolve("net.onnx")));
        }
    }
}
