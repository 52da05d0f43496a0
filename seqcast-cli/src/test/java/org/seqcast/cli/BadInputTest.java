package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.seqcast.cli.Cli.assertBadInput;
import static org.seqcast.cli.Cli.assertUsageError;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input for every command that reads files: exit 1 for bad data and files, 2 for usage errors, and one
 * {@code error:} line that names the file, line, column or option, never a stack trace.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    /** A tiny AirPassengers model (monthly, target value). */
    static Path airModel;
    /** A tiny Seatbelts model: target drivers, covariates kms and PetrolPrice. */
    static Path seatbeltsModel;
    static Path badNumber;
    static Path badDate;
    static Path short20;
    static Path noPetrolPrice;

    @BeforeAll
    static void setUp() throws Exception {
        airModel = dir.resolve("air.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--out", airModel, "--epochs", "2", "--units", "4", "-q");
        seatbeltsModel = dir.resolve("seatbelts.seqcast");
        Cli.ok("fit", "--data", Cli.DATA.resolve("seatbelts.csv"), "--target", "drivers", "--covariates",
                "kms,PetrolPrice", "-H", "12", "--out", seatbeltsModel, "--epochs", "2", "--units", "4", "-q");

        List<String> air = Files.readAllLines(Cli.AIR);
        List<String> lines = new ArrayList<>(air);
        lines.set(4, lines.get(4).split(",")[0] + ",abc"); // line 5 of the file
        badNumber = Files.write(dir.resolve("bad-number.csv"), lines);
        lines = new ArrayList<>(air);
        lines.set(6, "1949-xx-01," + lines.get(6).split(",")[1]); // line 7
        badDate = Files.write(dir.resolve("bad-date.csv"), lines);
        short20 = Files.write(dir.resolve("short20.csv"), air.subList(0, 21));

        List<String> cut = new ArrayList<>();
        for (String line : Files.readAllLines(Cli.DATA.resolve("seatbelts.csv"))) {
            cut.add(String.join(",", Arrays.asList(line.split(",")).subList(0, 6))); // date .. kms
        }
        assertEquals("date,DriversKilled,drivers,front,rear,kms", cut.get(0));
        noPetrolPrice = Files.write(dir.resolve("no-petrol.csv"), cut);
    }

    /** {@code command} reading {@code data}, tiny and quiet, plus {@code extra} options. */
    static Object[] args(String command, Path data, Object... extra) {
        List<Object> a = new ArrayList<>(switch (command) {
            case "fit" -> List.of("fit", "--data", data, "--out", dir.resolve("fitted.seqcast"), "-q");
            case "forecast" -> List.of("forecast", "--model", airModel, "--data", data);
            case "backtest" -> List.of("backtest", "--data", data, "--models", "naive,snaive", "-q");
            default -> throw new IllegalArgumentException(command);
        });
        List<Object> options = List.of(extra);
        // tiny and fast unless the test sets these itself
        if (!command.equals("forecast") && !options.contains("--horizon")) {
            a.addAll(List.of("-H", "12"));
        }
        if (command.equals("fit")) {
            for (String[] d : new String[][] {{"--epochs", "2"}, {"--units", "4"}}) {
                if (!options.contains(d[0])) {
                    a.addAll(List.of(d[0], d[1]));
                }
            }
        }
        if (command.equals("backtest") && !options.contains("--folds")) {
            a.addAll(List.of("--folds", "1"));
        }
        a.addAll(options);
        return a.toArray();
    }

    // ---- the data file: fit, forecast and backtest

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void missingDataFile(String command) {
        Path missing = dir.resolve("no-such-data.csv");
        assertBadInput(Cli.run(args(command, missing)), missing.toString(), "no such file", "--data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void dataIsADirectory(String command) {
        assertBadInput(Cli.run(args(command, dir)), dir.toString(), "is a directory", "--data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void missingColumn(String command) {
        assertBadInput(Cli.run(args(command, Cli.AIR, "--target", "nope")), "airpassengers.csv", "line 1",
                "column 'nope'", "no such column", "the columns are date, value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void badNumber(String command) {
        assertBadInput(Cli.run(args(command, badNumber)), "bad-number.csv", "line 5", "column 'value'",
                "cannot parse 'abc' as a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void badDate(String command) {
        assertBadInput(Cli.run(args(command, badDate)), "bad-date.csv", "line 7", "column 'date'",
                "'1949-xx-01'", "time stamp", "date pattern");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void unknownMissingPolicy(String command) {
        assertUsageError(Cli.run(args(command, Cli.AIR, "--missing", "foo")), command, "--missing", "'foo'",
                "interpolate", "ffill");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void unknownFrequency(String command) {
        assertUsageError(Cli.run(args(command, Cli.AIR, "--frequency", "foo")), command, "--frequency", "'foo'",
                "monthly", "quarterly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void badDatePatternAndPeriod(String command) {
        assertUsageError(Cli.run(args(command, Cli.AIR, "--date-pattern", "bbb")), command, "--date-pattern",
                "'bbb'");
        assertUsageError(Cli.run(args(command, Cli.AIR, "--period", "0")), command, "--period must be at least 1",
                "got 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "forecast", "backtest"})
    void wrongFrequencyForTheData(String command) {
        // the dates are monthly: read as quarterly they are irregular
        List<Object> extra = List.of("--frequency", "quarterly");
        Cli.Result r = Cli.run(args(command, Cli.AIR, extra.toArray()));
        assertBadInput(r, "airpassengers.csv");
    }

    @Test
    void missingRequiredOptions() {
        assertUsageError(Cli.run("fit", "-H", "12", "--out", "x.seqcast"), "fit", "--data");
        assertUsageError(Cli.run("fit", "--data", Cli.AIR, "--out", "x.seqcast"), "fit", "--horizon");
        assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "12"), "fit", "--out");
        assertUsageError(Cli.run("forecast", "--data", Cli.AIR), "forecast", "--model");
        assertUsageError(Cli.run("forecast", "--model", airModel), "forecast", "--data");
        assertUsageError(Cli.run("backtest", "--data", Cli.AIR), "backtest", "--horizon");
        assertUsageError(Cli.run("backtest", "-H", "12"), "backtest", "--data");
        assertUsageError(Cli.run("inspect"), "inspect", "MODEL");
        assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "twelve", "--out", "x.seqcast"), "fit",
                "--horizon", "'twelve'");
        assertFalse(Files.exists(Path.of("x.seqcast")));
    }

    // ---- fit

    @Test
    void fitTooShortSeriesStatesTheMinimumLength() {
        assertBadInput(Cli.run(args("fit", short20)), "short20.csv", "20 points", "horizon of 12",
                "at least 25", "12 held out for validation");
        assertBadInput(Cli.run(args("fit", short20, "--window", "10")), "short20.csv", "20 points", "at least 34",
                "--window");
    }

    @ParameterizedTest
    @CsvSource({"--cell, 'lstm, gru or rnn'", "--scaling, 'standard, minmax, robust or none'",
        "--strategy, direct or recursive", "--transform, log1p", "--anchor, season", "--optimizer, adam",
        "--loss, huber", "--loss-scale, 'none or snaive'", "--lr-schedule, step:EVERY:FACTOR"})
    void fitUnknownOptionValue(String option, String expected) {
        assertUsageError(Cli.run(args("fit", Cli.AIR, option, "foo")), "fit", option, "'foo'", expected);
    }

    @ParameterizedTest
    @CsvSource({"--units, 0", "--layers, 0", "--epochs, 0", "--batch-size, 0", "--window, 0", "--dropout, 1.5",
        "--learning-rate, 0", "--patience, -1", "--validation, 0.5", "--threads, 0", "--horizon, 0",
        "--recent-horizons, -1"})
    void fitOptionOutOfRange(String option, String value) {
        assertUsageError(Cli.run(args("fit", Cli.AIR, option, value)), "fit", option + " must", "got " + value);
    }

    @Test
    void backtestDropLastOutOfRange() {
        assertUsageError(Cli.run(args("backtest", Cli.AIR, "--drop-last", "-1")), "backtest",
                "--drop-last must be 0", "got -1");
        assertUsageError(Cli.run(args("backtest", Cli.AIR, "--drop-last", "132")),
                "backtest", "has 12 points after dropping its last 132 (--drop-last)", "need at least 14");
    }

    @Test
    void fitConflictingOptions() {
        Path seatbelts = Cli.DATA.resolve("seatbelts.csv");
        assertUsageError(Cli.run(args("fit", seatbelts, "--target", "drivers", "--covariates", "kms",
                "--strategy", "recursive")), "fit", "recursive strategy", "covariates");
        assertUsageError(Cli.run(args("fit", seatbelts, "--target", "drivers", "--covariates", "drivers")), "fit",
                "'drivers'", "target");
        assertUsageError(Cli.run(args("fit", Cli.AIR, "--refit", "--patience", "0")), "fit", "refit",
                "needs early stopping", "patience 0");
    }

    @Test
    void fitWithoutATargetOnAMultivariateFile() {
        assertBadInput(Cli.run(args("fit", Cli.DATA.resolve("seatbelts.csv"))), "seatbelts.csv", "--target",
                "drivers");
    }

    @Test
    void fitOutIsADirectory() throws Exception {
        Path out = Files.createDirectories(dir.resolve("a-directory.seqcast"));
        assertBadInput(Cli.run("fit", "--data", Cli.AIR, "-H", "12", "--out", out, "--epochs", "2", "--units", "4",
                "-q"), out.toString(), "is a directory", "--out");
    }

    // ---- forecast and inspect: model files

    /** A file that is not a model: text, empty, a zip without manifest, the first half of a real model. */
    static Path notAModel(String kind) throws Exception {
        Path file = dir.resolve(kind + ".seqcast");
        switch (kind) {
            case "text" -> Files.writeString(file, "date,value\n1949-01-01,112\n");
            case "empty" -> Files.write(file, new byte[0]);
            case "zip" -> {
                try (OutputStream o = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(o)) {
                    zip.putNextEntry(new ZipEntry("notes.txt"));
                    zip.write("no manifest here".getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            case "truncated" -> {
                byte[] bytes = Files.readAllBytes(airModel);
                Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return file;
    }

    @ParameterizedTest
    @CsvSource({"text, not a Seqcast model file", "empty, not a Seqcast model file", "zip, manifest.json",
        "truncated, truncated"})
    void forecastWithAFileThatIsNotAModel(String kind, String problem) throws Exception {
        Path file = notAModel(kind);
        assertBadInput(Cli.run("forecast", "--model", file, "--data", Cli.AIR), file.toString(), problem);
    }

    @ParameterizedTest
    @CsvSource({"text, not a Seqcast model file", "empty, not a Seqcast model file", "zip, manifest.json",
        "truncated, truncated"})
    void inspectAFileThatIsNotAModel(String kind, String problem) throws Exception {
        Path file = notAModel(kind);
        assertBadInput(Cli.run("inspect", file), file.toString(), problem);
        assertBadInput(Cli.run("inspect", file, "--json"), file.toString(), problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"forecast", "inspect"})
    void missingModelFileOrADirectory(String command) {
        Path missing = dir.resolve("no-such-model.seqcast");
        for (Path model : List.of(missing, dir)) {
            Cli.Result r = command.equals("inspect") ? Cli.run("inspect", model)
                    : Cli.run("forecast", "--model", model, "--data", Cli.AIR);
            assertBadInput(r, model.toString(), model == dir ? "is a directory" : "does not exist");
        }
    }

    @Test
    void forecastDataWithoutTheModelsCovariate() {
        assertBadInput(Cli.run("forecast", "--model", seatbeltsModel, "--data", noPetrolPrice), "no-petrol.csv",
                "column 'PetrolPrice'", "no such column");
    }

    @Test
    void forecastDataOfAnotherFrequency() {
        assertBadInput(Cli.run("forecast", "--model", airModel, "--data", Cli.DATA.resolve("austres.csv"),
                "--target", "value"), "austres.csv", airModel.toString(), "quarterly", "monthly");
    }

    @Test
    void forecastOutputsThatAreDirectories() throws Exception {
        Path d = Files.createDirectories(dir.resolve("outputs"));
        assertBadInput(Cli.run("forecast", "--model", airModel, "--data", Cli.AIR, "--out", d), d.toString(),
                "is a directory", "--out");
        assertBadInput(Cli.run("forecast", "--model", airModel, "--data", Cli.AIR, "--plot", d), d.toString(),
                "is a directory", "--plot");
        assertEquals(List.of(), Files.list(dir).filter(p -> p.toString().endsWith(".tmp")).toList(),
                "no temporary files left behind");
    }

    // ---- backtest

    @Test
    void backtestUnknownModelOrScaling() {
        assertUsageError(Cli.run("backtest", "--data", Cli.AIR, "-H", "12", "--models", "naive,foo"), "backtest",
                "--models", "'foo'", "snaive", "theta");
        assertUsageError(Cli.run(args("backtest", Cli.AIR, "--scaling", "foo")), "backtest", "--scaling", "'foo'",
                "standard, minmax, robust or none");
    }

    @Test
    void backtestBadFoldsAndNetworkOptions() {
        assertUsageError(Cli.run(args("backtest", Cli.AIR, "--folds", "0")), "backtest", "--folds must be at least 1");
        assertUsageError(Cli.run(args("backtest", Cli.AIR, "--step", "0")), "backtest", "--step must be at least 1");
        assertUsageError(Cli.run("backtest", "--data", Cli.AIR, "-H", "12", "--models", "lstm", "--units", "0"),
                "backtest", "--units must be at least 1");
    }

    @Test
    void backtestTooShortSeries() {
        assertBadInput(Cli.run(args("backtest", Cli.AIR, "--folds", "20")), "series 'value'", "144 points",
                "need at least");
        assertBadInput(Cli.run(args("backtest", short20, "--folds", "3")), "series 'value'", "20 points", "3 fold(s)",
                "need at least 38");
    }

    @Test
    void backtestOutIsADirectory() throws Exception {
        Path d = Files.createDirectories(dir.resolve("folds-dir"));
        assertBadInput(Cli.run(args("backtest", Cli.AIR, "--out", d)), d.toString(), "is a directory", "--out");
    }
}
