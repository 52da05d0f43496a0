package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.cli.Cli.assertBadInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects found by trying the command as a hostile user would, on small files: each one's fix. */
class HostileInputTest {
    @TempDir
    Path dir;

    /** Options that make an LSTM's training on AirPassengers diverge in its second epoch. */
    private static final Object[] DIVERGING = {"--model", "lstm", "--preset", "none", "--scaling", "none",
        "--optimizer", "sgd", "--lr", "1000", "--epochs", "3", "--units", "4"};

    private static Object[] args(Object[] head, Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void aDivergedModelIsNotSavedUnlessAskedAndWarnsWhenForecasting() {
        Path model = dir.resolve("diverged.seqcast");
        Cli.Result refused = Cli.run(args(new Object[] {"fit", "--data", Cli.AIR, "-H", "6", "--out", model, "-q"},
                DIVERGING));
        assertBadInput(refused, "training diverged (lstm: non-finite", "was not saved", "--allow-diverged");
        assertFalse(Files.exists(model));

        Cli.Result kept = Cli.ok(args(new Object[] {"fit", "--data", Cli.AIR, "-H", "6", "--out", model,
            "--allow-diverged"}, DIVERGING));
        assertTrue(kept.err().contains("warning: training diverged (lstm: non-finite"), kept::toString);
        assertFalse(kept.err().contains("org.seqcast.train.Trainer"), "no java.util.logging line\n" + kept);
        Cli.Result quietFit = Cli.ok(args(new Object[] {"fit", "--data", Cli.AIR, "-H", "6", "--out", model,
            "--allow-diverged", "-q"}, DIVERGING));
        assertEquals("", quietFit.err(), quietFit::toString);

        Cli.Result forecast = Cli.ok("forecast", "--model", model, "--data", Cli.AIR);
        assertTrue(forecast.err().startsWith("warning: the model " + model + " was saved although its training"
                + " diverged (lstm: non-finite"), forecast::toString);
        assertEquals(7, forecast.outLines().size(), forecast::toString);
        Cli.Result quiet = Cli.ok("forecast", "--model", model, "--data", Cli.AIR, "--quiet");
        assertEquals("", quiet.err(), quiet::toString);
        assertEquals(forecast.out(), quiet.out());
    }

    @Test
    void aSingleSeriesIsNamedByItsTargetWhateverTheFileIsCalled() throws Exception {
        Path copy = Files.copy(Cli.AIR, dir.resolve("renamed copy.csv"));
        Path model = dir.resolve("air.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "6", "--model", "lstm", "--epochs", "1", "--units", "4", "--out", model,
                "-q");
        Cli.Result original = Cli.ok("forecast", "--model", model, "--data", Cli.AIR, "--json");
        Cli.Result renamed = Cli.ok("forecast", "--model", model, "--data", copy, "--json");
        assertEquals(original.out(), renamed.out(), "the scalers of series 'value' are found in both files");
        assertTrue(original.out().contains("\"series\" : \"value\""), original::toString);
        assertTrue(Cli.ok("inspect", model).out().contains("1 series: value (last 1960-12-01)"));
        assertEquals(Cli.ok("backtest", "--data", Cli.AIR, "-H", "6", "--models", "naive", "--json").out(),
                Cli.ok("backtest", "--data", copy, "-H", "6", "--models", "naive", "--json").out());
    }

    @Test
    void anotherTargetThanTheModelsIsRefused() throws Exception {
        Path data = dir.resolve("two.csv");
        StringBuilder csv = new StringBuilder("date,sales,price\n");
        for (int t = 0; t < 48; t++) {
            csv.append(String.format("%d-%02d-01,%d,%d%n", 2000 + t / 12, t % 12 + 1, 100 + t % 12, 3 + t % 2));
        }
        Files.writeString(data, csv);
        Path model = dir.resolve("sales.seqcast");
        Cli.ok("fit", "--data", data, "--target", "sales", "-H", "3", "--model", "naive", "--out", model, "-q");
        assertBadInput(Cli.run("forecast", "--model", model, "--data", data, "--target", "price"),
                "--target price: the model was trained to forecast the column 'sales'", "scaling");
        Cli.ok("forecast", "--model", model, "--data", data, "--target", "sales");
    }

    @Test
    void sizesAreCheckedByOptionBeforeAllocating() {
        Cli.assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "6", "--model", "lstm", "--units", "1000000",
                "--out", dir.resolve("u.seqcast")), "fit", "--units 1000000 is above the limit of 1,024 (");
        Cli.assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "6", "--model", "lstm", "--units", "4000",
                "--out", dir.resolve("u.seqcast")), "fit", "--units 4000 is above the limit of 1,024");
        Cli.assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "1000000", "--model", "naive",
                "--out", dir.resolve("u.seqcast")), "fit", "--horizon 1000000 is above the limit of 10,000 (");
        Cli.assertUsageError(Cli.run("backtest", "--data", Cli.AIR, "-H", "6", "--models", "lstm", "--layers", "100"),
                "backtest", "--layers 100 is above the limit of 16 (");
        Cli.assertUsageError(Cli.run("fit", "--data", Cli.AIR, "-H", "6", "--model", "lstm", "--threads", "100000",
                "--out", dir.resolve("u.seqcast")), "fit", "--threads 100000 is above the limit of 4,096 (");
        Cli.assertUsageError(Cli.run("demo", "--threads", "5000", "--out", dir.resolve("demo")), "demo",
                "--threads 5000 is above the limit of 4,096 (");
        Cli.assertUsageError(Cli.run("bench", "--threads", "100000"), "bench", "--threads 100000 is above the limit");
        assertFalse(Files.exists(dir.resolve("u.seqcast")));
    }

    @Test
    void aEuropeanFileWithSemicolonsAndDecimalCommas() throws Exception {
        StringBuilder csv = new StringBuilder("Datum;Umsatz\n");
        for (int t = 0; t < 36; t++) {
            csv.append(String.format("01.%02d.%d;%d,%d%n", t % 12 + 1, 2000 + t / 12, 100 + t % 12, t % 10));
        }
        Path data = Files.writeString(dir.resolve("umsatz.csv"), csv);
        Object[] european = {"--data", data, "--delimiter", ";", "--decimal", ",", "--date-pattern", "dd.MM.yyyy"};
        Path model = dir.resolve("umsatz.seqcast");
        Cli.ok(args(new Object[] {"fit", "-H", "3", "--model", "snaive", "--out", model, "-q"}, european));
        Cli.Result f = Cli.ok(args(new Object[] {"forecast", "--model", model}, european));
        assertEquals(List.of("date,forecast", "2003-01-01,100.4", "2003-02-01,101.5", "2003-03-01,102.6"),
                f.outLines());
        assertBadInput(Cli.run("fit", "--data", data, "-H", "3", "--out", model), "umsatz.csv",
                "this file seems to use ';': set the delimiter");
        Cli.assertUsageError(Cli.run("fit", "--data", data, "-H", "3", "--out", model, "--decimal", ","), "fit",
                "the delimiter and the decimal mark are both ','");
        Cli.assertUsageError(Cli.run("fit", "--data", data, "-H", "3", "--out", model, "--delimiter", ";;"), "fit",
                "expected one character");
    }

    @Test
    void controlCharactersFromCellsAreEscapedInMessages() throws Exception {
        Path data = Files.writeString(dir.resolve("ansi.csv"), "date,value\n2020-01-01,1\n"
                + "2020-02-01,\u001b[2J\u001b]0;pwned\u0007\u0000x\u0085\n");
        Cli.Result r = Cli.run("fit", "--data", data, "-H", "1", "--model", "naive", "--out", dir.resolve("a.seqcast"));
        assertBadInput(r, "cannot parse '\\u001b[2J\\u001b]0;pwned\\u0007\\0x\\u0085' as a number");
        assertTrue(r.err().chars().noneMatch(c -> Character.isISOControl(c) && c != '\n'),
                "no control character reaches stderr\n" + r);
        assertEquals("a \\u001b[31m b\\u202e c\\r\td\ne", Messages.escape("a \u001b[31m b\u202e c\r\td\ne"));
    }

    @Test
    void aSeriesWithoutTrainingWindowsIsNamed() throws Exception {
        StringBuilder csv = new StringBuilder("id,date,value\n");
        for (int t = 0; t < 5; t++) {
            csv.append(String.format("short,2020-%02d-01,%d%n", t + 1, t));
        }
        for (int t = 0; t < 48; t++) {
            csv.append(String.format("long,%d-%02d-01,%d%n", 2000 + t / 12, t % 12 + 1, 10 + t % 12));
        }
        Path data = Files.writeString(dir.resolve("mixed.csv"), csv);
        Cli.Result r = Cli.ok("fit", "--data", data, "--id", "id", "-H", "3", "--model", "lstm", "--window", "12",
                "--epochs", "1", "--units", "4", "--out", dir.resolve("m.seqcast"));
        assertTrue(r.err().contains("warning: lstm: series 'short' has 5 points, too few for one training window"),
                r::toString);
        assertTrue(r.out().contains("trained on 1 of 2 series"), r::toString);
    }

    @Test
    void picocliMessagesGetOneErrorPrefix() {
        Cli.Result r = Cli.run("import", "-o", dir.resolve("x.seqcast"));
        Cli.assertUsageError(r, "import", "error: Missing required argument (specify one of these): (--torch=FILE |"
                + " --keras=FILE)");
        assertFalse(r.err().contains("Error:"), r::toString);
    }

    @Test
    void anAtSignIsNotAnArgumentFile() {
        // picocli's @FILE expansion printed a stack trace for an unreadable file; the command has no argument files
        Cli.assertUsageError(Cli.run("fit", "@" + dir), "fit", "Unmatched argument at index 1: '@" + dir + "'");
    }
}
