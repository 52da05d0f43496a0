package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.cli.Cli.Result;

class BacktestCommandTest {
    @Test
    void jsonAndPerFoldCsv(@TempDir Path dir) throws Exception {
        Path folds = dir.resolve("folds.csv");
        Result r = Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--models", "naive,snaive,hw", "--folds", "2",
                "--json", "--out", folds, "--quiet");
        assertEquals("", r.err(), "--quiet prints no progress");
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(12, root.get("horizon").asInt());
        assertEquals(2, root.get("folds").asInt());
        assertEquals(12, root.get("step").asInt());
        assertTrue(root.get("refit").asBoolean());
        List<String> names = new ArrayList<>();
        for (JsonNode m : root.get("models")) {
            names.add(m.get("model").asText());
            assertEquals(1, m.get("series").asInt());
            for (String metric : List.of("mse", "rmse", "mae", "mape", "smape", "mase", "skill_vs_snaive")) {
                double v = m.get(metric).asDouble();
                assertTrue(Double.isFinite(v) && v >= 0, metric + " of " + m);
            }
            assertEquals(12, m.get("mae_by_step").size());
            assertEquals(12, m.get("mase_by_step").size());
        }
        assertEquals(3, names.size(), names::toString);
        assertEquals(Set.of("naive", "snaive", "hw"), Set.copyOf(names));
        JsonNode snaive = model(root, "snaive");
        assertEquals(1.0, snaive.get("skill_vs_snaive").asDouble(), 1e-12);
        JsonNode hw = model(root, "hw");
        assertEquals(hw.get("mase").asDouble() / snaive.get("mase").asDouble(), hw.get("skill_vs_snaive").asDouble(), 1e-9);

        List<String> lines = Files.readAllLines(folds);
        assertEquals("model,series,fold,origin,train_size,mse,rmse,mae,mape,smape,mase", lines.get(0));
        assertEquals(1 + 3 * 2, lines.size(), lines::toString);
        for (String model : List.of("naive", "snaive", "hw")) {
            for (String fold : List.of("1", "2")) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(model + ",value," + fold + ",")),
                        model + " fold " + fold + " in " + lines);
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains(",1959-01-01,120,")), "fold 1 origin: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains(",1960-01-01,132,")), "fold 2 origin: " + lines);
    }

    @Test
    void tableWithProgress() {
        Result r = Cli.ok("backtest", "--data", Cli.AIR, "--horizon", "12", "--models", "naive,SNAIVE", "--folds", "1");
        assertTrue(r.out().startsWith("model "), r::toString);
        assertTrue(r.out().contains("naive") && r.out().contains("reference"), r::toString);
        assertTrue(r.err().contains("backtest: 1 series, monthly, seasonal period 12, horizon 12, 1 fold(s)"),
                r::toString);
    }

    /** On monthly data preset auto fits gru on seasonally adjusted series, so its row is gru-deseason. */
    @Test
    void networksTakeTheNetworkOptions() throws Exception {
        Result r = Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--models", "gru,snaive", "--folds", "1",
                "--epochs", "2", "--units", "4", "--threads", "2", "--json", "-q");
        JsonNode gru = model(new ObjectMapper().readTree(r.out()), GRU);
        assertTrue(Double.isFinite(gru.get("mase").asDouble()), r::toString);
        Result wider = Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--models", "gru,snaive", "--folds", "1",
                "--epochs", "2", "--units", "8", "--threads", "2", "--json", "-q");
        Result again = Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--models", "gru,snaive", "--folds", "1",
                "--epochs", "2", "--units", "4", "--threads", "1", "--json", "-q");
        double mase4 = gru.get("mase").asDouble();
        assertTrue(mase4 != model(new ObjectMapper().readTree(wider.out()), GRU).get("mase").asDouble(),
                "--units must reach the network");
        assertEquals(mase4, model(new ObjectMapper().readTree(again.out()), GRU).get("mase").asDouble(),
                "the thread count must not change a result");
        Result refit = Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--models", "gru,snaive", "--folds", "1",
                "--epochs", "2", "--units", "4", "--threads", "2", "--refit", "--json", "-q");
        assertTrue(mase4 != model(new ObjectMapper().readTree(refit.out()), GRU).get("mase").asDouble(),
                "--refit must reach the network");
    }

    private static final String GRU = "gru" + org.seqcast.forecast.DecomposedForecaster.SUFFIX;

    private static JsonNode model(JsonNode root, String name) {
        for (JsonNode m : root.get("models")) {
            if (m.get("model").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no model " + name + " in " + root);
    }
}
