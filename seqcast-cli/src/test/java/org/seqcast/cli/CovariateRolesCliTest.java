package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.cli.Cli.Result;

/**
 * The three covariate roles on the command line, on the bundled seat-belt example: casualties by seat
 * (driver, front, rear), the seat-belt law known a year ahead, whether the law covers the seat.
 */
class CovariateRolesCliTest {
    static final Path ROLES = Cli.DATA.resolve("seatbelts_roles.csv");

    @TempDir
    static Path dir;
    static Path model;
    static Path withoutFuture;
    static Path plan;

    @BeforeAll
    static void fitOnce() throws Exception {
        model = dir.resolve("seatbelts.seqcast");
        Cli.ok("fit", "--data", ROLES, "--id", "seat", "--target", "casualties", "--future-covariates", "law",
                "--static", "covered", "-H", "12", "--model", "lstm", "--epochs", "2", "--units", "4", "--out", model,
                "-q");
        List<String> lines = Files.readAllLines(ROLES);
        List<String> history = new ArrayList<>();
        List<String> future = new ArrayList<>(List.of("seat,date,law"));
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (cells[2].isEmpty()) {
                future.add(cells[0] + "," + cells[1] + "," + cells[3]);
            } else {
                history.add(line);
            }
        }
        withoutFuture = Files.write(dir.resolve("history.csv"), history);
        plan = Files.write(dir.resolve("plan.csv"), future);
    }

    @Test
    void fitThenForecastReadsTheFutureRowsAndTheStaticColumn() {
        Result r = Cli.ok("forecast", "--model", model, "--data", ROLES);
        List<String> lines = r.out().lines().toList();
        assertEquals("series_id,date,forecast", lines.get(0), r::toString);
        assertEquals(1 + 3 * 12, lines.size(), r::toString);
        assertTrue(lines.get(1).startsWith("driver,1985-01-01,"), r::toString);
        Result inspect = Cli.ok("inspect", model);
        assertTrue(inspect.out().contains("future-known law") && inspect.out().contains("covered (categorical"),
                inspect::toString);
    }

    @Test
    void aSeparateFutureFileGivesTheSameForecast() {
        Result inFile = Cli.ok("forecast", "--model", model, "--data", ROLES);
        Result separate = Cli.ok("forecast", "--model", model, "--data", withoutFuture, "--future", plan);
        assertEquals(inFile.out(), separate.out());
    }

    @Test
    void missingFutureValuesNameTheSeriesColumnAndTimeStamp() throws Exception {
        Cli.assertBadInput(Cli.run("forecast", "--model", model, "--data", withoutFuture), "series 'driver'", "'law'",
                "1985-01-01");
        List<String> partial = new ArrayList<>(Files.readAllLines(plan));
        partial.removeIf(l -> l.startsWith("rear,1985-06"));
        Path gap = Files.write(dir.resolve("gap.csv"), partial);
        Cli.assertBadInput(Cli.run("forecast", "--model", model, "--data", withoutFuture, "--future", gap),
                "series 'rear'", "'law'", "1985-06-01");
        Path stranger = Files.write(dir.resolve("stranger.csv"), List.of("seat,date,law", "van,1985-01-01,1"));
        Cli.assertBadInput(Cli.run("forecast", "--model", model, "--data", withoutFuture, "--future", stranger),
                "stranger.csv", "line 2", "series 'van' is not in the data");
    }

    @Test
    void anUnseenCategoryIsForecastWithTheUnknownEmbeddingAndAWarning() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(ROLES));
        lines.replaceAll(l -> l.startsWith("rear,") ? l.replace(",no", ",partly") : l);
        Path unseen = Files.write(dir.resolve("unseen.csv"), lines);
        Result r = Cli.ok("forecast", "--model", model, "--data", unseen);
        assertTrue(r.err().contains("warning: series 'rear': static covered 'partly' not seen in training"), r::toString);
        assertEquals(1 + 3 * 12, r.out().lines().count(), r::toString);
    }

    @Test
    void aStaticColumnThatChangesWithinASeriesIsAnError() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(ROLES));
        lines.set(5, lines.get(5).replace(",yes", ",no"));
        Path bad = Files.write(dir.resolve("changing.csv"), lines);
        Cli.assertBadInput(Cli.run("fit", "--data", bad, "--id", "seat", "--target", "casualties",
                "--future-covariates", "law", "--static", "covered", "-H", "12", "--model", "snaive", "--out",
                dir.resolve("x.seqcast"), "-q"), "changing.csv", "line 6", "covered", "series 'driver'",
                "changes from 'yes'");
        Cli.assertBadInput(Cli.run("fit", "--data", ROLES, "--id", "seat", "--target", "casualties",
                "--future-covariates", "promo", "-H", "12", "--model", "snaive", "--out", dir.resolve("y.seqcast"),
                "-q"), "promo");
    }

    @Test
    void backtestsCompareTheNetworkWithTheRegressionOnTheSameRegressors() throws Exception {
        Result r = Cli.ok("backtest", "--data", ROLES, "--id", "seat", "--target", "casualties",
                "--future-covariates", "law", "--static", "covered", "-H", "12", "--folds", "2", "--models",
                "lstm,regression,snaive", "--epochs", "2", "--units", "4", "--json", "-q");
        String out = r.out();
        assertTrue(out.contains("\"regression\"") && out.contains("\"lstm\""), out);
    }

    @Test
    void permutationImportanceListsEveryCovariateWithItsRole() throws Exception {
        Path report = dir.resolve("importance.html");
        Result r = Cli.ok("backtest", "--data", ROLES, "--id", "seat", "--target", "casualties",
                "--future-covariates", "law", "--static", "covered", "-H", "12", "--folds", "3", "--models",
                "regression,snaive,lstm", "--epochs", "2", "--units", "4", "--importance", "--report", report, "-q");
        String html = Files.readString(report);
        assertTrue(html.contains("<h2>Covariate importance</h2>") && html.contains("<td>future-known</td>"), html);
        assertTrue(html.contains("Why the networks forecast what they did") && html.contains("lstm, series &#39;driver&#39;"
                + " from 1983-12-01: the attributions sum to f(x) - f(baseline)"), html);
        assertTrue(r.out().contains("Permutation importance"), r::toString);
        List<String> rows = r.out().lines().filter(l -> l.startsWith("regression ") || l.startsWith("snaive ")).toList();
        assertTrue(rows.stream().anyMatch(l -> l.matches("regression\\s+law\\s+future-known\\s.*")), r::toString);
        assertTrue(rows.stream().anyMatch(l -> l.matches("snaive\\s+covered\\s+static\\s.*\\+0\\.000")), r::toString);
        Cli.assertUsageError(Cli.run("backtest", "--data", Cli.AIR, "-H", "12", "--models", "snaive", "--importance"),
                "backtest", "--importance", "has none");
    }
}
