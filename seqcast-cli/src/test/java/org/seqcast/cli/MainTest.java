package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.cli.Cli.assertBadInput;
import static org.seqcast.cli.Cli.assertUsageError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.Seqcast;
import org.seqcast.cli.Cli.Result;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;

class MainTest {
    @Test
    void versionPrintsTheLibraryVersion() {
        Result r = Cli.ok("--version");
        assertTrue(r.out().startsWith("seqcast " + Seqcast.version()), r::toString);
        assertTrue(!Seqcast.version().equals("unknown") && Seqcast.version().matches("\\d+\\.\\d+\\.\\d+.*"),
                "version resource was not filtered: " + Seqcast.version());
    }

    @Test
    void noCommandPrintsTheUsageWithEveryCommand() {
        Result r = Cli.ok();
        for (String cmd : List.of("demo", "fit", "forecast", "explain", "backtest", "inspect", "predict", "import", "export", "bench")) {
            assertTrue(r.out().contains(cmd), r::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "fit", "forecast", "explain", "backtest", "inspect", "predict", "import", "export", "bench"})
    void everyCommandHasHelpWithExamples(String cmd) {
        Result r = Cli.ok(cmd, "--help");
        assertTrue(r.out().startsWith("Usage: seqcast " + cmd), r::toString);
        assertTrue(r.out().contains("Examples:") && r.out().contains("seqcast " + cmd + " "), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUsageError(Cli.run("--no-such-option"), "", "--no-such-option");
        assertUsageError(Cli.run("fit", "--data", Cli.AIR, "--no-such-option"), "fit", "Unknown option",
                "'--no-such-option'");
        assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "12", "--out", "x.seqcast", "--unit", "4"), "fit",
                "Unknown option", "'--unit'");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Result r = Cli.run("frobnicate");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("frobnicate"), r::toString);
        assertTrue(r.err().contains("Try 'seqcast --help'"), r::toString);
    }

    @Test
    void failuresAreOneLineWithoutStackTraceUnlessVerbose() {
        Path missing = Path.of("no-such-model.seqcast");
        assertBadInput(Cli.run("inspect", missing), "no-such-model.seqcast");
        for (List<String> args : List.of(List.of("--verbose", "inspect", missing.toString()),
                List.of("inspect", "--verbose", missing.toString()))) {
            Result r = Cli.run(args.toArray());
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.err().startsWith("error: no-such-model.seqcast"), r::toString);
            assertTrue(r.err().contains("ModelFileException") && r.err().contains("\tat org.seqcast."), r::toString);
        }
    }

    @Test
    void failureMessagesNameTheFileAndNoExceptionClass() {
        assertEquals("out/f.csv: no such file or directory",
                Main.message(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("out/f.csv"))));
        assertEquals("a.tmp -> a: Is a directory",
                Main.message(new java.nio.file.FileSystemException("a.tmp", "a", "Is a directory")));
        assertEquals("cannot write x: disk full", Main.message(new java.io.UncheckedIOException("cannot write x: disk full",
                new java.io.IOException("disk full"))));
        String npe = Main.message(new NullPointerException());
        assertTrue(npe.startsWith("unexpected NullPointerException") && npe.contains("--verbose"), npe);
    }

    @Test
    void demoRejectsBadOptions() {
        assertUsageError(Cli.run("demo", "--epochs", "0"), "demo", "--epochs must be positive", "got 0");
        assertUsageError(Cli.run("demo", "--threads", "0"), "demo", "--threads must be at least 1", "got 0");
        assertUsageError(Cli.run("demo", "--epochs", "many"), "demo", "--epochs", "'many'");
    }

    @Test
    void demoOutMustBeADirectory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertBadInput(Cli.run("demo", "--out", file, "--epochs", "1", "--quiet"), file.toString(), "--out",
                "directory");
    }

    @Test
    void demoRunsTheAirPassengersWorkflow(@TempDir Path dir) throws Exception {
        Result r = Cli.ok("demo", "--out", dir, "--epochs", "3", "--threads", "2", "--quiet");
        assertEquals("", r.err(), "--quiet prints no progress");
        String out = r.out();
        assertTrue(out.startsWith("AirPassengers: 144 monthly values, 1949-01-01 to 1960-12-01"), out);
        for (String model : List.of("ensemble", "lstm-deseason", "gru-deseason", "naive", "snaive", "drift", "ses", "holt", "hw", "theta",
                "ar")) {
            assertTrue(Pattern.compile("(?m)^" + model + " +\\d").matcher(out).find(), "no table row for " + model
                    + "\n" + out);
        }
        assertTrue(Pattern.compile("(?m)^The ensemble (beats|does NOT beat) the seasonal naive forecast "
                + "\\(MASE \\d+\\.\\d{3} vs \\d+\\.\\d{3}, skill \\d+\\.\\d{3}\\)\\.$").matcher(out).find(), out);
        for (int month = 1; month <= 12; month++) {
            String date = String.format("1961-%02d-01", month);
            assertTrue(Pattern.compile("(?m)^  " + date + " +\\d+\\.\\d   \\[ *\\d+\\.\\d, +\\d+\\.\\d\\]"
                    + "   \\[ *\\d+\\.\\d, +\\d+\\.\\d\\]$").matcher(out).find(),
                    "no forecast line with its 80% and 95% intervals for " + date + "\n" + out);
        }

        for (String name : List.of("airpassengers.csv", "report.html", "forecast.csv", "model.seqcast")) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        assertEquals(145, Files.readAllLines(dir.resolve("airpassengers.csv")).size());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64"), "the report embeds its charts");
        List<String> forecast = Files.readAllLines(dir.resolve("forecast.csv"));
        assertEquals("date,forecast,lo80,hi80,lo95,hi95", forecast.get(0), "the demo's forecast carries intervals");
        assertEquals(13, forecast.size(), forecast::toString);
        assertTrue(forecast.get(1).startsWith("1961-01-01,") && forecast.get(12).startsWith("1961-12-01,"),
                forecast::toString);
        LoadedModel model = ModelFile.load(dir.resolve("model.seqcast"));
        assertEquals(12, model.forecaster().horizon());
        assertEquals("ensemble", IntervalOptions.point(model.forecaster()).name(), "the demo fits the ensemble");
        assertTrue(out.contains("Wrote " + dir.resolve("report.html")), out);
    }

    @Test
    void benchRejectsNonPositiveSizes() {
        assertUsageError(Cli.run("bench", "--units", "0"), "bench", "must be positive", "got 0");
        assertUsageError(Cli.run("bench", "--cell", "transformer"), "bench", "--cell must be lstm or gru");
    }

    @Test
    void benchPrintsOneJsonRecordWithTheReferenceFields() throws Exception {
        Result r = Cli.ok("bench", "--label", "tiny", "--cell", "gru", "--features", "2", "--window", "6",
                "--units", "5", "--horizon", "3", "--batch", "8", "--samples", "40", "--threads", "2", "--epochs", "1",
                "--warmup-epochs", "0", "--infer-calls", "3", "--infer-warmup", "1", "--infer-batch", "16",
                "--b256-min-calls", "1", "--b256-min-time", "0", "--b256-max-calls", "2", "--quiet");
        JsonNode rec = new ObjectMapper().readTree(r.out());
        assertEquals("seqcast_rnn", rec.get("bench").asText());
        assertEquals("gru", rec.get("config").get("cell").asText());
        assertEquals(2, rec.get("threads").asInt());
        // 2 layers of GRU(5) on I=2: 6 steps x 3 x 5 x (2+5) + 6 x 3 x 5 x (5+5), plus the Dense 5 x 3
        assertEquals(6 * 15 * 7 + 6 * 15 * 10 + 15, rec.get("fwd_macs_per_sample").asLong());
        for (String field : new String[] {"train_samples_per_s", "train_gflops", "infer_b1_us", "infer_b256_samples_per_s",
            "peak_heap_mb", "kernels", "params"}) {
            assertTrue(rec.has(field), "missing field " + field + " in " + r.out());
        }
        assertTrue(rec.get("train_samples_per_s").asDouble() > 0);
        assertEquals("", r.err(), "--quiet prints no progress");
    }

    /** The smallest bench run there is, its record appended to {@code file}. */
    private static void tinyBench(Path file) {
        Cli.ok("bench", "--cell", "lstm", "--window", "4", "--units", "3", "--layers", "1", "--samples", "16",
                "--batch", "8", "--threads", "1", "--epochs", "1", "--warmup-epochs", "0", "--infer-calls", "1",
                "--infer-warmup", "0", "--infer-batch", "4", "--b256-min-calls", "1", "--b256-min-time", "0",
                "--b256-max-calls", "1", "--out", file, "--quiet");
    }

    @Test
    void benchAppendsTheRecordToOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.jsonl");
        for (int i = 0; i < 2; i++) {
            tinyBench(file);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertNotNull(new ObjectMapper().readTree(lines.get(1)).get("bench"));
        assertFalse(lines.get(0).isBlank());
    }

    /** --out is replaced whole through AtomicFile (a new file renamed over it, its mode kept), not appended in place. */
    @Test
    void benchWritesOutAtomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.jsonl");
        Files.writeString(file, "{\"earlier\":1}\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Object inode = Files.getAttribute(file, "unix:ino");
        tinyBench(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("{\"earlier\":1}", lines.get(0));
        assertNotNull(new ObjectMapper().readTree(lines.get(1)).get("bench"));
        assertFalse(inode.equals(Files.getAttribute(file, "unix:ino")), "the file was replaced by a rename");
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left");
        }
    }
}
