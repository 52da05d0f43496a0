package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seqcast.cli.Cli.assertBadInput;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.cli.Cli.Result;
import org.seqcast.format.Npy;
import org.seqcast.io.ModelFile;
import org.seqcast.tensor.Tensor;

/**
 * Outputs that must not destroy anything: an output that is an input, two outputs that are one file, a
 * read-only directory and a full disk are refused with the old file intact; a stdout that cannot be written is
 * an error; the same command writes the same bytes.
 */
class OutputSafetyTest {
    @TempDir
    static Path dir;
    /** A tiny LSTM model of AirPassengers. */
    static Path model;
    /** A copy of AirPassengers. */
    static Path data;
    /** An input array for the model's network. */
    static Path array;
    /** A Keras file to import. */
    static Path keras;

    @BeforeAll
    static void setUp() throws IOException {
        data = Files.copy(Cli.AIR, dir.resolve("x.csv"));
        model = dir.resolve("m.seqcast");
        Cli.ok("fit", "--data", data, "-H", "12", "--cell", "lstm", "--epochs", "2", "--units", "4", "-q", "--out", model,
                "--preset", "log-mae"); // a single network (on seasonal data auto would fit the -deseason hybrid)
        int[] in = PredictCommand.network(model).inputShape();
        array = dir.resolve("x.npy");
        Npy.write(Tensor.wrap(new float[in[0] * in[1]], 1, in[0], in[1]), array);
        keras = Files.copy(Path.of("../testdata/keras/lstm1_k2_12.h5"), dir.resolve("k.h5"));
    }

    static Stream<Arguments> outputIsInput() {
        return Stream.of(
                Arguments.of("fit --out is --data", List.of("fit", "--data", "X.CSV", "-H", "12", "--model", "naive",
                        "--out", "X.CSV"), "X.CSV", "--out", "--data"),
                Arguments.of("forecast --out is --model", List.of("forecast", "--model", "M", "--data", "X.CSV",
                        "--out", "M"), "M", "--out", "--model"),
                Arguments.of("forecast --plot is --data", List.of("forecast", "--model", "M", "--data", "X.CSV",
                        "--plot", "X.CSV"), "X.CSV", "--plot", "--data"),
                Arguments.of("export OUT is MODEL", List.of("export", "--format", "onnx", "M", "M"), "M", "OUT", "MODEL"),
                Arguments.of("predict --out is --input", List.of("predict", "--model", "M", "--input", "X.NPY",
                        "--out", "X.NPY"), "X.NPY", "--out", "--input"),
                Arguments.of("backtest --report is --data", List.of("backtest", "--data", "X.CSV", "-H", "12",
                        "--models", "naive", "--report", "X.CSV"), "X.CSV", "--report", "--data"),
                Arguments.of("backtest --out is --data", List.of("backtest", "--data", "X.CSV", "-H", "12",
                        "--models", "naive", "--out", "X.CSV"), "X.CSV", "--out", "--data"),
                Arguments.of("import --out is --keras", List.of("import", "--keras", "K", "--out", "K"), "K", "--out",
                        "--keras"));
    }

    private static Object[] resolve(List<String> args) {
        return args.stream().map(a -> switch (a) {
            case "X.CSV" -> data;
            case "M" -> model;
            case "X.NPY" -> array;
            case "K" -> keras;
            default -> a;
        }).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputIsInput")
    void anOutputThatIsAnInputIsRefusedAndTheInputKept(String name, List<String> args, String input, String outOption,
                                                       String inOption) throws IOException {
        Path file = (Path) resolve(List.of(input))[0];
        byte[] before = Files.readAllBytes(file);
        assertBadInput(Cli.run(resolve(args)), outOption + " " + file + " is the " + inOption + " file " + file,
                "writing it would destroy the input");
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void anOutputReachedThroughASymbolicOrHardLinkIsStillTheInput() throws IOException {
        byte[] before = Files.readAllBytes(data);
        Path symbolic = Files.createSymbolicLink(dir.resolve("symbolic.csv"), data);
        Path hard = Files.createLink(dir.resolve("hard.csv"), data);
        for (Path out : List.of(symbolic, hard)) {
            assertBadInput(Cli.run("fit", "--data", data, "-H", "12", "--model", "naive", "--out", out),
                    "--out " + out + " is the --data file " + data);
            assertBadInput(Cli.run("fit", "--data", out, "-H", "12", "--model", "naive", "--out", data),
                    "--out " + data + " is the --data file " + out);
        }
        assertArrayEquals(before, Files.readAllBytes(data));
        Path viaDots = dir.resolve("sub").resolve("..").resolve("x.csv");
        Files.createDirectories(dir.resolve("sub"));
        assertBadInput(Cli.run("backtest", "--data", data, "-H", "12", "--models", "naive", "--out", viaDots),
                "is the --data file");
    }

    @Test
    void twoOutputsThatAreOneFileAreRefused() {
        Path both = dir.resolve("scores.html");
        assertBadInput(Cli.run("backtest", "--data", data, "-H", "12", "--models", "naive", "--out", both, "--report",
                both), "--report " + both + " and --out " + both + " are the same file");
        assertFalse(Files.exists(both));
    }

    /** A directory no new file can go into: a read-only tmpfs when the tests may mount one, else chmod. */
    @Test
    void aReadOnlyDirectoryIsRefusedBeforeFittingAndTheOldModelKept() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        boolean mounted = ChildJvm.mountTmpfs(ro, "size=1m");
        try {
            Path old = Files.copy(model, ro.resolve("old.seqcast"));
            if (mounted) {
                assumeTrue(ChildJvm.remount(ro, "ro"), "remounting the tmpfs read-only failed");
            } else {
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
                assumeTrue(!Files.isWritable(ro), "running as root without the right to mount a read-only tmpfs:"
                        + " root writes into any directory, so there is no read-only directory to test with");
            }
            byte[] before = Files.readAllBytes(old);
            // no -q: progress on stderr would show that training started
            Result r = Cli.run("fit", "--data", data, "-H", "12", "--cell", "lstm", "--epochs", "2", "--units", "4",
                    "--out", old);
            assertBadInput(r, old + " cannot be written: the directory " + ro + " does not take new files",
                    "give --out a file in a writable directory");
            assertArrayEquals(before, Files.readAllBytes(old));
        } finally {
            if (mounted) {
                ChildJvm.unmount(ro);
            } else {
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /** A real full disk: a 64 KiB tmpfs holding a small old model, and a larger new one that does not fit. */
    @Test
    void aFullDiskFailsTheSaveAndKeepsTheOldModel() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        assumeTrue(ChildJvm.mountTmpfs(disk, "size=64k"), "cannot mount a tmpfs here (needs Linux and the right to"
                + " mount); AtomicFileTest fills a simulated disk instead");
        try {
            Path old = disk.resolve("air.seqcast");
            Cli.ok("fit", "--data", data, "-H", "12", "--model", "naive", "-q", "--out", old);
            byte[] before = Files.readAllBytes(old);
            Result r = Cli.run("fit", "--data", data, "-H", "12", "--cell", "lstm", "--epochs", "1", "--units", "64",
                    "-q", "--out", old);
            assertBadInput(r, "cannot write " + old + ": no space left on device after",
                    "the previous file, if any, is unchanged");
            assertArrayEquals(before, Files.readAllBytes(old));
            ModelFile.load(old);
            try (Stream<Path> s = Files.list(disk)) {
                assertEquals(List.of(old.getFileName()), s.map(Path::getFileName).toList(), "no temporary file is left");
            }
            Path csv = Files.writeString(disk.resolve("forecast.csv"), "old");
            try (OutputStream filler = Files.newOutputStream(disk.resolve("filler"))) {
                while (true) { // until the disk is full
                    filler.write(new byte[4096]);
                }
            } catch (IOException expected) {
                // no space left on device
            }
            Result f = Cli.run("forecast", "--model", model, "--data", data, "--out", csv);
            assertBadInput(f, "cannot write " + csv + ": no space left on device");
            assertEquals("old", Files.readString(csv));
        } finally {
            ChildJvm.unmount(disk);
        }
    }

    @Test
    void aStdoutThatCannotBeWrittenIsAnError() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(full, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("forecast", "--model", model.toString(), "--data", data.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, e);
        assertEquals("error: cannot write to standard output (a full disk, or a pipe closed by the reader): the"
                + " output is incomplete", e.strip());
    }

    @Test
    void stdoutOnAFullDeviceIsAnErrorInARealProcess() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "no /dev/full on this system");
        Path err = dir.resolve("stderr.txt");
        int code = ChildJvm.exitCode(ChildJvm.seqcast("models").redirectOutput(full).redirectError(err.toFile()), 60);
        assertEquals(1, code, () -> readQuietly(err));
        assertTrue(readQuietly(err).contains("error: cannot write to standard output"), () -> readQuietly(err));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Forecast, export, predict and backtest twice from the same files: the same bytes. */
    @Test
    void theSameCommandTwiceWritesTheSameBytes() throws IOException {
        List<List<Object>> commands = List.of(
                List.of("forecast", "--model", model, "--data", data, "--out", "OUT.csv"),
                List.of("export", "--format", "onnx", model, "OUT.onnx"),
                List.of("predict", "--model", model, "--input", array, "--out", "OUT.npy"),
                List.of("backtest", "--data", data, "-H", "12", "--models", "naive", "--folds", "1", "-q",
                        "--out", "OUT.csv", "--report", "OUT.html"));
        for (List<Object> command : commands) {
            List<byte[]> runs = new ArrayList<>();
            List<String> outs = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                Path runDir = Files.createDirectories(dir.resolve("run" + run));
                Object[] args = command.stream().map(a -> a instanceof String s && s.startsWith("OUT.")
                        ? runDir.resolve(s) : a).toArray();
                Cli.ok(args);
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (Object a : args) {
                    if (a instanceof Path p && p.startsWith(runDir)) {
                        all.writeBytes(Files.readAllBytes(p));
                        outs.add(p.getFileName().toString());
                    }
                }
                runs.add(all.toByteArray());
            }
            assertTrue(runs.get(0).length > 0, () -> "no output: " + command);
            assertArrayEquals(runs.get(0), runs.get(1), () -> "different bytes from " + command + " " + outs);
        }
    }
}
