package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.format.Npy;
import org.seqcast.format.Safetensors;
import org.seqcast.keras.KerasImport;
import org.seqcast.tensor.Tensor;

/** import (Keras, PyTorch), predict and export through the command line, with their bad inputs. */
class InteropCommandsTest {
    private static final Path KERAS = Path.of("../testdata/keras");
    private static final Path IO = Path.of("../testdata/io");

    @TempDir
    Path dir;

    @Test
    void aKerasFileImportsAndPredictsAsTheImporterDoes() throws IOException {
        Path model = dir.resolve("lstm.seqcast");
        Cli.ok("import", "--keras", KERAS.resolve("lstm1_k2_12.h5"), "--out", model);
        float[] x = new float[2 * 24 * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37);
        }
        Tensor input = Tensor.wrap(x, 2, 24, 10);
        Path xFile = dir.resolve("x.npy");
        Npy.write(input, xFile);
        Path yFile = dir.resolve("y.npy");
        Cli.ok("predict", "--model", model, "--input", xFile, "--out", yFile);
        float[] expected = KerasImport.load(KERAS.resolve("lstm1_k2_12.h5")).model().predict(input).data();
        assertArrayEquals(expected, Npy.read(yFile).data());
        Cli.Result inspect = Cli.ok("inspect", model);
        assertTrue(inspect.out().contains("keras_version: 2.12.0") && inspect.out().contains("LSTM(10)"), inspect.out());
    }

    /** The real CNN-LSTM Keras file through the model file: import, inspect, predict and export. */
    @Test
    void aKerasCnnLstmImportsPredictsAndExports() throws IOException {
        Path model = dir.resolve("cnn.seqcast");
        Cli.ok("import", "--keras", KERAS.resolve("cnn_lstm_k3.keras"), "--out", model);
        float[] x = new float[3 * 60];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.21));
        }
        Tensor input = Tensor.wrap(x, 3, 60, 1);
        Path xFile = dir.resolve("x.npy");
        Npy.write(input, xFile);
        Path yFile = dir.resolve("y.npy");
        Cli.ok("predict", "--model", model, "--input", xFile, "--out", yFile);
        float[] expected = KerasImport.load(KERAS.resolve("cnn_lstm_k3.keras")).model().predict(input).data();
        assertArrayEquals(expected, Npy.read(yFile).data());
        Cli.Result inspect = Cli.ok("inspect", model);
        assertTrue(inspect.out().contains("Conv1D(64, 3, activation=relu)") && inspect.out().contains("MaxPooling1D(2)"),
                inspect.out());
        Cli.ok("export", "--format", "onnx", model, dir.resolve("cnn.onnx"));
        assertTrue(Files.size(dir.resolve("cnn.onnx")) > 64 * 3 * 4, "the exported graph holds the weights");
    }

    /**
     * The real Keras 3.9 Functional file (LSTM → Attention([lstm, lstm]) → GlobalAveragePooling1D → Dense → Dense)
     * imported as a graph, saved, reloaded: the same outputs as the importer's graph, bit for bit, through predict.
     */
    @Test
    void aKerasFunctionalFileImportsAsAGraphAndPredictsAsTheImporterDoes() throws IOException {
        Path model = dir.resolve("attn.seqcast");
        Path h5 = KERAS.resolve("lstm_attn_gap_k3_legacy.h5");
        Cli.Result imported = Cli.ok("import", "--keras", h5, "--out", model);
        assertTrue(imported.out().contains("graph of 6 nodes"), imported.out());
        float[] x = new float[3 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i * 0.7);
        }
        Tensor input = Tensor.wrap(x, 3, 4, 1);
        Path xFile = dir.resolve("x.npy");
        Npy.write(input, xFile);
        Path yFile = dir.resolve("y.npy");
        Cli.ok("predict", "--model", model, "--input", xFile, "--out", yFile);
        org.seqcast.nn.Graph graph = KerasImport.load(h5).graph();
        float[] expected = graph.predict(java.util.Map.of("input_layer_3", input)).get("dense_6").data();
        assertArrayEquals(expected, Npy.read(yFile).data());
        org.seqcast.io.NetworkFile.LoadedNetwork back = org.seqcast.io.NetworkFile.load(model);
        assertEquals(org.seqcast.format.GraphSpec.of(graph), back.graphSpec());
        Cli.Result inspect = Cli.ok("inspect", model);
        assertTrue(inspect.out().contains("keras_version: 3.9.2") && inspect.out().contains("Attention")
                && inspect.out().contains("output dense_6"), inspect.out());
        Cli.Result json = Cli.ok("inspect", "--json", model);
        assertTrue(json.out().contains("\"graph\"") && json.out().contains("\"attention\""), json.out());
        Cli.ok("export", "--format", "onnx", model, dir.resolve("attn.onnx"));
        assertTrue(Files.size(dir.resolve("attn.onnx")) > 64 * 4 * 4, "the exported graph holds the weights");
        Cli.assertBadInput(Cli.run("predict", "--model", model, "--input", writeNpy(Tensor.zeros(1, 4, 2), "x2.npy"),
                "--out", dir.resolve("y2.npy")), "[1, 4, 2]", "[batch, 4, 1]");
    }

    private Path writeNpy(Tensor t, String name) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(t, p);
        return p;
    }

    @Test
    void aPyTorchStateDictImportsAndPredictsAsPyTorch() throws IOException {
        Path model = dir.resolve("torch.seqcast");
        Cli.ok("import", "--torch", IO.resolve("torch_import.safetensors"), "--spec", IO.resolve("torch_import.json"),
                "--out", model);
        var io = Safetensors.read(IO.resolve("torch_import_io.safetensors")).tensors();
        Path xFile = dir.resolve("x.npy");
        Npy.write(io.get("x"), xFile);
        Path yFile = dir.resolve("y.csv");
        Cli.ok("predict", "--model", model, "--input", xFile, "--out", yFile);
        var lines = Files.readAllLines(yFile);
        assertEquals("y0,y1,y2", lines.get(0));
        assertEquals(5, lines.size());
        float[] want = io.get("y").data();
        for (int r = 0; r < 4; r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int c = 0; c < 3; c++) {
                assertEquals(want[r * 3 + c], Float.parseFloat(cells[c]), 1e-5, "row " + r + " col " + c);
            }
        }
    }

    @Test
    void forecastingModelsAndBareNetworksExportToOnnx() throws IOException {
        Path air = dir.resolve("air.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--cell", "lstm", "--epochs", "2", "--units", "4", "--out", air,
                "--preset", "log-mae", "--quiet"); // a network on the series as they are: auto's hybrid has no graph
        for (String[] extra : new String[][] {{}, {"--bake-scaling"}}) {
            Path onnx = dir.resolve("air" + extra.length + ".onnx");
            Object[] args = new Object[4 + extra.length];
            args[0] = "export";
            args[1] = "--format=onnx";
            args[2] = air;
            args[3] = onnx;
            System.arraycopy(extra, 0, args, 4, extra.length);
            Cli.ok(args);
            var proto = org.seqcast.onnx.proto.OnnxProto.ModelProto.parseFrom(Files.readAllBytes(onnx));
            java.util.Map<String, String> meta = new java.util.HashMap<>();
            proto.getMetadataPropsList().forEach(p -> meta.put(p.getKey(), p.getValue()));
            assertEquals("12", meta.get("seqcast.horizon"), meta.toString());
            assertEquals(String.valueOf(extra.length == 1), meta.get("seqcast.baked_scaling"), meta.toString());
            assertEquals("LSTM", proto.getGraph().getNodeList().stream().map(n -> n.getOpType())
                    .filter(op -> op.equals("LSTM")).findFirst().orElse("none"));
        }
        Path keras = dir.resolve("k.seqcast");
        Cli.ok("import", "--keras", KERAS.resolve("rnn2_k3_legacy.h5"), "--out", keras);
        Cli.ok("export", "--format", "onnx", keras, dir.resolve("k.onnx"));
        Cli.assertUsageError(Cli.run("export", "--format", "onnx", keras, dir.resolve("k2.onnx"), "--bake-scaling"),
                "export", "bare network");
        Cli.assertUsageError(Cli.run("export", "--format", "tflite", air, dir.resolve("x.tflite")), "export", "tflite");
        Cli.assertUsageError(Cli.run("export", "--format", "onnx", air, dir.resolve("s.onnx"), "--series", "x"),
                "export", "--bake-scaling");
        Cli.assertBadInput(Cli.run("export", "--format", "onnx", air, dir.resolve("s.onnx"), "--bake-scaling",
                "--series", "nope"), "not trained on a series 'nope'", "value");
    }

    @Test
    void badInput() throws IOException {
        Cli.assertBadInput(Cli.run("import", "--keras", KERAS.resolve("bad_shape.h5"), "--out", dir.resolve("b.seqcast")),
                "bad_shape.h5", "'gru'", "(3, 24)");
        Cli.assertBadInput(Cli.run("import", "--keras", dir.resolve("nope.h5"), "--out", dir.resolve("b.seqcast")),
                "nope.h5", "no such file");
        Cli.assertUsageError(Cli.run("import", "--torch", IO.resolve("torch_import.safetensors"), "--out",
                dir.resolve("t.seqcast")), "import", "--spec");
        Path wrongSpec = dir.resolve("wrong.json");
        Files.writeString(wrongSpec, "{\"input\": [null, 2], \"layers\": [{\"type\": \"dense\", \"units\": 3, \"source\": \"head\"}]}");
        Cli.assertBadInput(Cli.run("import", "--torch", IO.resolve("torch_import.safetensors"), "--spec", wrongSpec,
                "--out", dir.resolve("t.seqcast")), "missing [head.weight", "not used by any layer");
        Path model = dir.resolve("k.seqcast");
        Cli.ok("import", "--keras", KERAS.resolve("lstm1_k2_12.h5"), "--out", model);
        Path x = dir.resolve("x.npy");
        Npy.write(Tensor.wrap(new float[2 * 24 * 3], 2, 24, 3), x);
        Cli.assertBadInput(Cli.run("predict", "--model", model, "--input", x, "--out", dir.resolve("y.npy")),
                "[2, 24, 3]", "[batch, 24, 10]");
        Cli.assertBadInput(Cli.run("forecast", "--model", model, "--data", Cli.AIR), "bare network", "seqcast predict");
        Path text = dir.resolve("x.txt");
        Files.writeString(text, "1,2\n");
        Cli.assertBadInput(Cli.run("predict", "--model", model, "--input", text, "--out", dir.resolve("y.npy")),
                ".npy or .csv");
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3,4,5\n");
        Cli.assertBadInput(Cli.run("predict", "--model", model, "--input", ragged, "--out", dir.resolve("y.npy")),
                "ragged.csv, line 3", "3 cells");
        Cli.assertUsageError(Cli.run("predict", "--model", model, "--input", x, "--out", dir.resolve("y.txt")),
                "predict", "--out must end in .npy or .csv");
        Cli.assertBadInput(Cli.run("backtest", "--data", Cli.AIR, "-H", "12", "--report", dir, "--models", "naive"),
                "is a directory", "--report");
    }
}
