package org.seqcast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqcast.format.AtomicFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seqcast bench}: the speed benchmark, one configuration, one JSON line on stdout. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Measure training throughput, batch-1 prediction latency and batch-256 prediction throughput",
            "of a stacked LSTM/GRU forecaster on synthetic data, with the fields and method of",
            "shared/bench/torch_rnn_bench.py. Prints one JSON line on stdout; progress goes to stderr."},
        footer = {"", "Examples:",
            "  seqcast bench --label S --cell lstm --features 1 --window 60 --units 50 --layers 2 --horizon 1 --batch 32",
            "  seqcast bench --label M --cell gru --features 8 --window 96 --units 128 --horizon 24 --batch 64 --threads 2"})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--label", defaultValue = "", description = "Free-form configuration name (S, M, L).")
    private String label;
    @Option(names = "--cell", defaultValue = "lstm", description = "lstm or gru (default: ${DEFAULT-VALUE}).")
    private String cell;
    @Option(names = "--features", defaultValue = "1", description = "Input features I (default: ${DEFAULT-VALUE}).")
    private int features;
    @Option(names = "--window", defaultValue = "60", description = "Time steps T (default: ${DEFAULT-VALUE}).")
    private int window;
    @Option(names = {"--units", "--hidden"}, defaultValue = "50", description = "Hidden units H (default: ${DEFAULT-VALUE}).")
    private int units;
    @Option(names = "--layers", defaultValue = "2", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    private int layers;
    @Option(names = "--horizon", defaultValue = "1", description = "Dense outputs (default: ${DEFAULT-VALUE}).")
    private int horizon;
    @Option(names = "--batch", defaultValue = "32", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    private int batch;
    @Option(names = "--samples", defaultValue = "10000", description = "Training windows (default: ${DEFAULT-VALUE}).")
    private int samples;
    @Option(names = "--threads", description = "Kernel threads (default: all cores).")
    private Integer threads;
    @Option(names = "--epochs", defaultValue = "3", description = "Measured epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;
    @Option(names = "--warmup-epochs", defaultValue = "1", description = "Warm-up epochs (default: ${DEFAULT-VALUE}).")
    private int warmupEpochs;
    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;
    @Option(names = "--infer-calls", defaultValue = "200", description = "Batch-1 calls timed (default: ${DEFAULT-VALUE}).")
    private int inferCalls;
    @Option(names = "--infer-warmup", defaultValue = "20", description = "Batch-1 warm-up calls (default: ${DEFAULT-VALUE}).")
    private int inferWarmup;
    @Option(names = "--infer-batch", defaultValue = "256", description = "Throughput batch (default: ${DEFAULT-VALUE}).")
    private int inferBatch;
    @Option(names = "--b256-min-calls", defaultValue = "5", description = "Minimum throughput calls (default: ${DEFAULT-VALUE}).")
    private int b256MinCalls;
    @Option(names = "--b256-min-time", defaultValue = "2.0", description = "Minimum throughput seconds (default: ${DEFAULT-VALUE}).")
    private double b256MinTime;
    @Option(names = "--b256-max-calls", defaultValue = "200", description = "Maximum throughput calls (default: ${DEFAULT-VALUE}).")
    private int b256MaxCalls;
    @Option(names = "--seed", defaultValue = "1234", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;
    @Option(names = "--skip-train", description = "Measure prediction only.")
    private boolean skipTrain;
    @Option(names = "--out", description = "Also append the JSON line to this file.")
    private Path out;
    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    private boolean quiet;

    @Override
    public Integer call() throws IOException {
        OutputFiles.of().writes("--out", out).check();
        int n = NetworkOptions.threads(threads, spec.commandLine());
        RnnBenchmark.Config config;
        try {
            config = new RnnBenchmark.Config(label, cell, features, window, units, layers, horizon, batch, samples,
                    n, epochs, warmupEpochs, lr, inferCalls,
                    inferWarmup, inferBatch, b256MinCalls, b256MinTime, b256MaxCalls, seed, skipTrain);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> rec = RnnBenchmark.run(config, line -> {
            if (!quiet) {
                err.println(line);
                err.flush();
            }
        });
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(rec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark record as JSON", e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(json);
        o.flush();
        if (out != null) {
            append(out, json + System.lineSeparator());
        }
        return 0;
    }

    /**
     * Appends {@code line} to {@code file} (created when absent) by writing the whole new content through
     * {@link AtomicFile}: a full disk or a crash leaves the previous records as they were, never a torn line.
     */
    private static void append(Path file, String line) {
        byte[] before;
        try {
            before = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to append to it: " + e.getMessage(), e);
        }
        byte[] added = line.getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(before, before.length + added.length);
        System.arraycopy(added, 0, all, before.length, added.length);
        AtomicFile.write(file, all, file.toString());
    }
}
