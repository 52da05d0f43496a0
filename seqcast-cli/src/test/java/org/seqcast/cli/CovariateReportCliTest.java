package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a backtest with covariates shows them with the roles given on the command line. */
class CovariateReportCliTest {
    @Test
    void theBacktestReportShowsEachSeriesCovariatesWithTheirRoles(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.html");
        Cli.ok("backtest", "--data", CovariateRolesCliTest.ROLES, "--id", "seat", "--target", "casualties",
                "--future-covariates", "law", "--static", "covered", "-H", "12", "--models", "regression,snaive",
                "--report", report, "-q");
        String html = Files.readString(report);
        assertTrue(html.contains("Under the series: law (future-known). covered: yes (static).</figcaption>"), html);
        assertTrue(html.contains("covered: no (static)"), "the rear seat is not covered");

        Path plain = dir.resolve("plain.html");
        Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--models", "snaive", "--report", plain, "-q");
        String air = Files.readString(plain);
        assertFalse(air.contains("(future-known)") || air.contains("(static)") || air.contains("(past)"),
                "no covariates, no roles");
    }
}
