package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seqcast.cli.Cli.Result;
import org.seqcast.forecast.Forecasters;

/** The CLI's model names, help and defaults come from the registry; a hybrid runs by its registry name. */
class ModelsCommandTest {
    @Test
    void modelsListsEveryRegistryEntry() {
        Result r = Cli.ok("models");
        List<String> rows = r.outLines();
        assertEquals(Forecasters.ALL.size() + 1, rows.size(), r::toString);
        for (int i = 0; i < Forecasters.ALL.size(); i++) {
            Forecasters.Entry e = Forecasters.ALL.get(i);
            assertTrue(rows.get(i + 1).matches(Pattern.quote(e.name()) + " +" + e.kind().label() + " +(yes|no) +"
                    + (e.byDefault() ? "yes" : "no") + " +" + Pattern.quote(e.description())), rows.get(i + 1));
        }
        assertTrue(Cli.ok("models", "--help").out().contains("seqcast models"));
    }

    @Test
    void backtestHelpNamesEveryModelAndTheDefaults() {
        String help = Cli.ok("backtest", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("any of: " + String.join(", ", Forecasters.names()) + " (default: lstm, gru, naive, "
                + "snaive, drift, ses, holt, hw (seasonal data), theta, ar)"), help);
    }

    @Test
    void unknownModelsListTheKnownOnes() {
        Cli.assertUsageError(Cli.run("backtest", "--data", Cli.AIR, "-H", "12", "--models", "naive,arima"), "backtest",
                "unknown forecaster 'arima'; use one of " + String.join(", ", Forecasters.names()));
    }

    @Test
    void theHybridRunsByItsName() {
        Result r = Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--folds", "1", "--models", "GRU-deseason,theta",
                "--units", "4", "--epochs", "2", "--threads", "1", "--quiet");
        assertTrue(Pattern.compile("(?m)^gru-deseason +\\d").matcher(r.out()).find(), r::toString);
        assertTrue(Pattern.compile("(?m)^theta +\\d").matcher(r.out()).find(), r::toString);
    }
}
