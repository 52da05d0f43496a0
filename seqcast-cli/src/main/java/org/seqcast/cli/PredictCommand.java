package org.seqcast.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.seqcast.io.ModelFile;
import org.seqcast.io.NetworkFile;
import org.seqcast.format.Npy;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seqcast predict}: runs a model's network on raw input arrays and writes its raw outputs. */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Run a model's network on raw input arrays and write its raw outputs: for imported networks "
            + "(no forecasting settings) and for checking Seqcast against other tools. Input: a NumPy .npy of shape "
            + "[batch, time, features] (float32 or float64), or a CSV with one row per time step and one column per "
            + "feature, plus an optional 'sample' column that groups rows into samples (without it the file is one "
            + "sample). Output: .npy (float32, the network's output shape) or CSV (one row per sample; columns y0, y1, ...). "
            + "A forecasting model's network takes scaled windows (see docs/WORKFLOW.md), not raw series values."},
        footer = {"", "Examples:",
            "  seqcast predict --model imported.seqcast --input x.npy --out y.npy",
            "  seqcast predict --model air.seqcast --input window.csv --out y.csv"})
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A .seqcast file (forecasting model or bare network).")
    private Path model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Input array: .npy or .csv.")
    private Path input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output array: .npy or .csv.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        String outName = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!outName.endsWith(".npy") && !outName.endsWith(".csv")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must end in .npy or .csv; got " + out);
        }
        OutputFiles.of().reads("--model", model).reads("--input", input).writes("--out", out).check();
        Tensor x = readInput(input);
        Tensor y;
        NetworkFile.LoadedNetwork bare = NetworkFile.isNetworkFile(model) ? NetworkFile.load(model) : null;
        if (bare != null && bare.isGraph()) {
            y = predictGraph(bare.graph(), x);
        } else {
            Sequential network = bare != null ? bare.network() : network(model);
            requireShape(x, network.inputShape());
            y = network.predict(x);
        }
        write(y, out);
        spec.commandLine().getErr().printf(Locale.ROOT, "wrote %s %s%n", out, java.util.Arrays.toString(y.shape()));
        return 0;
    }

    private void requireShape(Tensor x, int[] in) {
        if (x.rank() != 3 || x.dim(2) != in[1] || (in[0] != -1 && x.dim(1) != in[0])) {
            throw new IllegalArgumentException(input + ": the input has shape " + java.util.Arrays.toString(x.shape())
                    + " but the network takes [batch, " + (in[0] == -1 ? "any length" : in[0]) + ", " + in[1] + "]");
        }
    }

    /** A graph of one sequence input and one output (imported Keras Functional models) run on {@code x}. */
    private Tensor predictGraph(org.seqcast.nn.Graph graph, Tensor x) {
        if (graph.inputs().size() != 1 || graph.outputs().size() != 1 || graph.inputs().get(0).shape().length != 2) {
            throw new IllegalArgumentException(model + ": predict runs a network on one sequence input and writes one"
                    + " output, but this graph has inputs " + graph.inputs().stream().map(n -> n.name() + " "
                    + java.util.Arrays.toString(n.shape())).toList() + " and outputs " + graph.outputs().stream()
                    .map(org.seqcast.nn.Graph.Output::name).toList() + "; export it to ONNX ('seqcast export') to feed"
                    + " named inputs yourself");
        }
        org.seqcast.nn.Graph.Node in = graph.inputs().get(0);
        requireShape(x, in.shape());
        return graph.predict(Map.of(in.name(), x)).get(graph.outputs().get(0).name());
    }

    /** The network of a forecasting model file or a bare-network file. */
    static Sequential network(Path file) throws IOException {
        if (NetworkFile.isNetworkFile(file)) {
            return NetworkFile.load(file).network();
        }
        org.seqcast.forecast.FittedRnn rnn = ModelFile.load(file).rnn();
        if (!(rnn.network() instanceof org.seqcast.forecast.RnnNetwork.Plain plain)) {
            throw new IllegalArgumentException(file + ": predict runs a Sequential network on one input tensor, but this"
                    + " model's network is a Graph (it reads future-known or static covariates through named inputs,"
                    + " or has the " + rnn.config().architecture().label() + " encoder); use 'seqcast"
                    + " forecast', or export it to ONNX ('seqcast export') to feed the inputs yourself");
        }
        return plain.sequential();
    }


    static Tensor readInput(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file" + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            Tensor t = Npy.read(file);
            return t.rank() == 2 ? t.reshape(1, t.dim(0), t.dim(1)) : t;
        }
        if (name.endsWith(".csv")) {
            return readCsv(file);
        }
        throw new IllegalArgumentException(file + ": input must be .npy or .csv");
    }

    private static Tensor readCsv(Path file) throws IOException {
        Map<String, List<float[]>> samples = new LinkedHashMap<>();
        int features = -1;
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            List<String> header = p.getHeaderNames();
            int sampleCol = header.indexOf("sample");
            for (CSVRecord rec : p) {
                if (rec.size() != header.size()) {
                    throw new IllegalArgumentException(file.getFileName() + ", line " + (rec.getRecordNumber() + 1)
                            + ": " + rec.size() + " cells, the header has " + header.size());
                }
                float[] row = new float[header.size() - (sampleCol >= 0 ? 1 : 0)];
                int j = 0;
                for (int c = 0; c < rec.size(); c++) {
                    if (c == sampleCol) {
                        continue;
                    }
                    try {
                        row[j++] = Float.parseFloat(rec.get(c).trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file.getFileName() + ", line " + (rec.getRecordNumber() + 1)
                                + ", column '" + header.get(c) + "': cannot parse '" + rec.get(c) + "' as a number");
                    }
                }
                features = row.length;
                samples.computeIfAbsent(sampleCol >= 0 ? rec.get(sampleCol) : "", k -> new ArrayList<>()).add(row);
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + ": no rows");
        }
        int t = samples.values().iterator().next().size();
        for (var e : samples.entrySet()) {
            if (e.getValue().size() != t) {
                throw new IllegalArgumentException(file.getFileName() + ": sample '" + e.getKey() + "' has "
                        + e.getValue().size() + " rows, the first sample " + t + "; every sample needs the same length");
            }
        }
        float[] data = new float[samples.size() * t * features];
        int k = 0;
        for (List<float[]> rows : samples.values()) {
            for (float[] row : rows) {
                System.arraycopy(row, 0, data, k, row.length);
                k += row.length;
            }
        }
        return Tensor.wrap(data, samples.size(), t, features);
    }

    static void write(Tensor y, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        OutputFiles.prepare(file, "--out");
        if (name.endsWith(".npy")) {
            Npy.write(y, file);
            return;
        }
        if (!name.endsWith(".csv")) {
            throw new IllegalArgumentException(file + ": output must be .npy or .csv");
        }
        int rows = y.dim(0);
        int cols = y.size() / rows;
        StringBuilder w = new StringBuilder();
        for (int j = 0; j < cols; j++) {
            w.append(j == 0 ? "" : ",").append('y').append(j);
        }
        w.append('\n');
        float[] d = y.data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                w.append(j == 0 ? "" : ",").append(d[i * cols + j]);
            }
            w.append('\n');
        }
        org.seqcast.format.AtomicFile.write(file, w.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                file.toString());
    }
}
