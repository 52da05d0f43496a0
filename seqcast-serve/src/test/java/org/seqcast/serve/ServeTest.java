package org.seqcast.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecast;
import org.seqcast.io.ModelFile;

/** The API over HTTP: forecasts equal the library's from the same data, model listing, health, metrics, refusals. */
class ServeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path file;
    static ModelServer server;
    static FittedForecaster loaded;

    @BeforeAll
    static void start() {
        file = Fixtures.save(Fixtures.lstm(7, 6), dir.resolve("air.seqcast"));
        loaded = ModelFile.load(file).forecaster();
        server = Fixtures.serve(ServeOptions.defaults().withMaxBodyBytes(64 * 1024), Map.of("air", file));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** The values of the first series' forecast in a response. */
    static double[] values(JsonNode body) {
        JsonNode points = body.get("forecasts").get(0).get("forecast");
        double[] v = new double[points.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = points.get(k).get("value").asDouble();
        }
        return v;
    }

    @Test
    void jsonAndCsvHistoriesForecastWhatTheLibraryForecasts() throws Exception {
        TimeSeries air = Fixtures.air();
        Forecast expected = loaded.forecast(air);
        String rows = Fixtures.rows(air, 0, air.size());
        HttpResponse<String> r = Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\":" + rows + "}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("air", body.get("model").asText());
        assertEquals("value", body.get("forecasts").get(0).get("series").asText());
        assertEquals(java.util.Arrays.toString(expected.values()), java.util.Arrays.toString(values(body)));
        assertTrue(java.util.Arrays.equals(expected.values(), values(body)), "to the bit");
        assertEquals(expected.label(0), body.get("forecasts").get(0).get("forecast").get(0).get("date").asText());

        HttpResponse<String> csv = Fixtures.post(server, "/v1/models/air/forecast?horizon=4", "text/csv",
                Files.readString(Fixtures.AIR_CSV));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOf(expected.values(), 4), values(json(csv))));
    }

    @Test
    void modelsHealthMetricsAndOpenApi() throws Exception {
        HttpResponse<String> list = Fixtures.get(server, "/v1/models");
        assertEquals(200, list.statusCode(), list.body());
        JsonNode models = json(list).get("models");
        assertEquals(1, models.size());
        JsonNode m = models.get(0);
        assertEquals("air", m.get("name").asText());
        assertEquals("rnn", m.get("kind").asText());
        assertEquals(6, m.get("horizon").asInt());
        assertEquals(12, m.get("window").asInt());
        assertEquals("monthly", m.get("frequency").asText());
        assertEquals("value", m.get("data").get("target").asText());
        assertEquals("1959-12-01", m.get("data").get("series").get("value").asText());
        assertEquals(Fixtures.SHA, m.get("provenance").get("data_sha256").asText());

        HttpResponse<String> health = Fixtures.get(server, "/health");
        assertEquals(200, health.statusCode());
        assertEquals("ok", json(health).get("status").asText());

        Fixtures.postJson(server, "/v1/models/nope/forecast", "{}");
        String metrics = Fixtures.get(server, "/metrics").body();
        assertTrue(metrics.contains("seqcast_requests_total{endpoint=\"health\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("seqcast_errors_total{endpoint=\"forecast\",status=\"404\"}"), metrics);
        assertTrue(metrics.contains("seqcast_request_duration_seconds_bucket{endpoint=\"health\",le=\"0.001\"}"),
                metrics);
        assertTrue(metrics.contains("seqcast_models_loaded 1"), metrics);

        HttpResponse<String> api = Fixtures.get(server, "/openapi.yaml");
        assertEquals(200, api.statusCode());
        assertTrue(api.body().startsWith("openapi: 3."), api.body());
        for (String path : List.of("/v1/models", "/v1/models/{name}", "/v1/models/{name}/forecast",
                "/v1/models/{name}/observe", "/health", "/metrics", "/openapi.yaml")) {
            assertTrue(api.body().contains("\n  " + path + ":\n"), "the description has " + path);
        }
        JsonNode one = json(Fixtures.get(server, "/v1/models/air"));
        assertEquals(m, one);
    }

    /** Each refusal: status, field and a message that says what was expected. */
    @Test
    void badRequestsNameTheFieldAndWhatWasExpected() throws Exception {
        String rows = Fixtures.rows(Fixtures.air(), 100, 144);
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\":" + rows + ",\"horizon\":7}"),
                400, "horizon", "1..6");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\":" + rows + ",\"horizon\":\"3\"}"),
                400, "horizon", "");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\":" + rows + ",\"levels\":[80]}"),
                400, "levels", "no level");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\":" + rows + ",\"levels\":[120]}"),
                400, "levels", "120");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\":" + rows + ",\"colour\":1}"),
                400, "colour", "unknown field");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast",
                "{\"history\":[{\"time\":\"1960-01\",\"value\":1},{\"time\":\"1960-02\",\"value\":\"x\"}]}"),
                400, "history[1].value", "expected a number");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast",
                "{\"history\":[{\"time\":\"1960-01\",\"value\":1},{\"time\":\"1960-02\",\"price\":2}]}"),
                400, "history[1].price", "no column 'price'");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast",
                "{\"history\":[{\"time\":\"1960-01\",\"value\":1},{\"time\":\"1960-13\",\"value\":2}]}"),
                400, "history[1].time", "");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast",
                "{\"history\":[{\"time\":\"1960-01-01\",\"value\":1},{\"time\":\"1960-01-02\",\"value\":2}]}"),
                400, "history", "monthly");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\":[]}"), 400, "history",
                "at least one");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\" 1}"), 400, null, "not JSON");
        assertError(Fixtures.post(server, "/v1/models/air/forecast?horizon=x", "text/csv", "date,value\n"), 400,
                "horizon", "integer");
        assertError(Fixtures.post(server, "/v1/models/air/forecast", "text/csv", "date,value\n1960-01,1\n1960-02,z\n"),
                400, "body", "line 3");
        assertError(Fixtures.postJson(server, "/v1/models/sales/forecast", "{}"), 404, "name", "serves air");
        assertError(Fixtures.get(server, "/v1/models/air/forecast"), 405, null, "POST");
        assertError(Fixtures.get(server, "/v2"), 404, null, "/v1/models");
        assertError(Fixtures.postJson(server, "/v1/models/air/forecast", "{\"history\":\"" + "x".repeat(70_000) + "\"}"),
                413, "body", "at most 65536 bytes");
    }

    static void assertError(HttpResponse<String> r, int status, String field, String text) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = json(r).get("error");
        assertEquals(status, e.get("status").asInt());
        assertEquals(field, e.hasNonNull("field") ? e.get("field").asText() : null, r.body());
        assertTrue(e.get("message").asText().contains(text), r.body());
    }
}
