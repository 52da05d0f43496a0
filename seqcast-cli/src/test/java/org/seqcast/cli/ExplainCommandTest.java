package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.cli.Cli.Result;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.explain.IntegratedGradients;
import org.seqcast.io.ModelFile;

/** {@code seqcast explain} on a small LSTM fitted on AirPassengers, an ensemble of networks and baselines, and a baseline. */
class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMPLETENESS = Pattern.compile(
            "attributions sum to f\\(x\\) - f\\(baseline\\) within (\\S+) \\(relative (\\S+)\\), 64 steps; each"
                    + " forecast step within (\\S+)");

    @TempDir
    static Path dir;
    static Path lstm;

    @BeforeAll
    static void fit() {
        lstm = dir.resolve("air.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "lstm", "--out", lstm, "--epochs", "2", "--units", "4",
                "--threads", "2", "--preset", "log-mae", "--quiet"); // a network on the series as they are
    }

    @Test
    void aNetworkIsExplainedWithItsCompletenessError() {
        Result r = Cli.ok("explain", "--model", lstm, "--data", Cli.AIR);
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).startsWith("value, lstm: attributions of the forecast of 1961-01-01 to 1961-12-01,"
                + " summed over the 12 step(s)"), r::toString);
        assertTrue(lines.get(1).matches("feature +1960-07-01 +1960-08-01 +1960-09-01 +1960-10-01 +1960-11-01 +1960-12-01 +window"),
                r::toString);
        assertTrue(lines.get(2).startsWith("target "), r::toString);
        Matcher m = COMPLETENESS.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), r::toString);
        assertTrue(Double.parseDouble(m.group(2)) < 1e-3, "relative completeness error " + m.group(2));
    }

    @Test
    void jsonHoldsEveryNumberAndTheyAddUp() throws Exception {
        JsonNode all = JSON.readTree(Cli.ok("explain", "--model", lstm, "--data", Cli.AIR, "--steps", "32", "--json")
                .out());
        assertEquals(1, all.size());
        JsonNode e = all.get(0);
        assertEquals("value", e.get("series").asText());
        assertEquals(32, e.get("riemann_steps").asInt());
        int w = e.get("window_steps").size();
        int f = e.get("features").size();
        assertEquals(24, w);
        assertEquals(12, e.get("attributions").size());
        assertEquals(w, e.get("attributions").get(0).size());
        assertEquals(f, e.get("attributions").get(0).get(0).size());
        double sum = 0;
        for (JsonNode row : e.get("total")) {
            for (JsonNode v : row) {
                sum += v.asDouble();
            }
        }
        double difference = 0;
        for (int k = 0; k < 12; k++) {
            difference += e.get("output").get(k).asDouble() - e.get("baseline_output").get(k).asDouble();
        }
        assertEquals(Math.abs(sum - difference), e.get("total_completeness_error").asDouble(), 1e-9);
        assertTrue(Math.abs(difference) > 1e-3, "premise: the window moves the outputs: " + difference);
    }

    /**
     * lstm-attention: its attention weights over the explained window in the text, the full W × W matrix in JSON, and
     * the backtest report draws them beside the attribution heatmap.
     */
    @Test
    void anAttentionNetworkShowsItsAttentionWeights() throws Exception {
        Path model = dir.resolve("attention.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "lstm-attention", "--out", model, "--epochs", "2",
                "--units", "4", "--window", "12", "--threads", "1", "--levels", "none", "--quiet");
        Result r = Cli.ok("explain", "--model", model, "--data", Cli.AIR);
        assertTrue(r.out().startsWith("value, lstm-attention: attributions"), r::toString);
        assertTrue(r.out().contains("attention weights (layer 1) over the 12 window steps")
                && r.out().contains("received (mean)") && r.out().contains("from the last step"), r::toString);
        JsonNode e = JSON.readTree(Cli.ok("explain", "--model", model, "--data", Cli.AIR, "--json").out()).get(0);
        JsonNode attention = e.get("attention");
        assertEquals(1, attention.size());
        assertEquals("1", attention.get(0).get("layer").asText());
        JsonNode weights = attention.get(0).get("weights");
        assertEquals(12, weights.size());
        for (JsonNode row : weights) {
            assertEquals(12, row.size());
            double sum = 0;
            for (JsonNode v : row) {
                sum += v.asDouble();
            }
            assertEquals(1, sum, 1e-6);
        }
        assertEquals(0, JSON.readTree(Cli.ok("explain", "--model", lstm, "--data", Cli.AIR, "--json").out()).get(0)
                .get("attention").size());
        Path report = dir.resolve("attention.html");
        Cli.ok("backtest", "--data", Cli.AIR, "-H", "12", "--models", "lstm-attention,naive", "--epochs", "1",
                "--units", "4", "--window", "12", "--folds", "1", "--report", report, "-q");
        String html = java.nio.file.Files.readString(report);
        assertTrue(html.contains("alt=\"attributions: lstm-attention") && html.contains("alt=\"attention weights:"
                + " lstm-attention, series"), "the report draws the attention weights");
    }

    @Test
    void anEnsembleIsExplainedMemberByMember() {
        Path ensemble = dir.resolve("ensemble.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "6", "--model", "ensemble", "--out", ensemble, "--epochs", "2",
                "--units", "4", "--threads", "2", "--quiet");
        Result r = Cli.ok("explain", "--model", ensemble, "--data", Cli.AIR, "--steps", "16");
        assertTrue(r.out().contains("value, lstm (member 1 of 5)"), r::toString);
        assertTrue(r.out().contains("value, gru (member 2 of 5)"), r::toString);
        assertEquals(2, r.outLines().stream().filter(l -> l.startsWith("attributions sum to")).count(), r::toString);
        assertTrue(r.err().contains("not explained (no gradient through them): theta (member 3 of 5)"), r::toString);
    }

    /** A hybrid is explained through its network, which reads the seasonally adjusted series. */
    @Test
    void aHybridIsExplainedOnTheAdjustedSeries() throws Exception {
        Path hybrid = dir.resolve("hybrid.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "lstm-deseason", "--out", hybrid, "--epochs", "2",
                "--units", "4", "--threads", "1", "--quiet");
        Result r = Cli.ok("explain", "--model", hybrid, "--data", Cli.AIR, "--steps", "16");
        assertTrue(r.outLines().get(0).startsWith("value, lstm-deseason (on the seasonally adjusted series):"),
                r::toString);
        Matcher m = Pattern.compile("attributions sum to f\\(x\\) - f\\(baseline\\) within \\S+ \\(relative (\\S+)\\)")
                .matcher(r.out());
        assertTrue(m.find() && Double.parseDouble(m.group(1)) < 1e-2, r::toString);

        FittedDecomposed d = (FittedDecomposed) ModelFile.load(hybrid).forecaster();
        TimeSeries air = SeriesCsv.read(Cli.AIR, CsvOptions.defaults()).get(0);
        assertFalse(Arrays.equals(air.values(), d.adjusted(air).values()),
                "premise: AirPassengers is found seasonal, so the network reads other values");
        ExplainCommand.Explained e = ExplainCommand.networks(d, new ArrayList<>()).get(0);
        IntegratedGradients ig = IntegratedGradients.of(d.network()).steps(16);
        assertEquals(ig.explain(d.adjusted(air)), e.explain(air, 16));
        assertNotEquals(ig.explain(air), e.explain(air, 16), "not the raw series");
    }

    @Test
    void aModelWithoutANetworkIsRefusedNamingWhatCanBeExplained() {
        Path theta = dir.resolve("theta.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "theta", "--out", theta, "--quiet");
        Cli.assertBadInput(Cli.run("explain", "--model", theta, "--data", Cli.AIR), "theta",
                "has no network to explain", "ensemble, member by member");
    }

    @Test
    void badOptionsAreRefused() {
        Cli.assertBadInput(Cli.run("explain", "--model", lstm, "--data", Cli.AIR, "--series", "nope"),
                "--series nope", "[value]");
        Result r = Cli.run("explain", "--model", lstm, "--data", Cli.AIR, "--steps", "0");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--steps must be at least 1; got 0"), r::toString);
    }
}
