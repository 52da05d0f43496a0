package org.seqcast.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.io.ModelFile;

/**
 * Streams of observations: each update's forecast equals, to the bit, a full forecast from the whole history
 * sent so far; a stream keeps at most its bound of points (still exact for a network on its training series,
 * which reads only its window); least recently used streams are evicted; a refused update changes nothing.
 */
class ObserveTest {
    @TempDir
    static Path dir;

    static FittedForecaster model;
    static TimeSeries air;
    static ModelServer server;

    /** Streams of at most 30 points (the window is 12, the season 12), 2 streams. */
    @BeforeAll
    static void start() {
        Path file = Fixtures.save(Fixtures.lstm(7, 6), dir.resolve("air.seqcast"));
        model = ModelFile.load(file).forecaster();
        air = Fixtures.air();
        server = Fixtures.serve(ServeOptions.defaults().withStreams(2, 30), Map.of("air", file));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> observe(String stream, int from, int to) {
        return Fixtures.postJson(server, "/v1/models/air/observe", "{\"stream\":\"" + stream + "\",\"observations\":"
                + Fixtures.rows(air, from, to) + "}");
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return ServeTest.json(r);
    }

    @Test
    void everyUpdateForecastsWhatTheWholeHistoryForecasts() throws Exception {
        JsonNode first = ok(observe("s", 0, 20));
        assertEquals(20, first.get("points").asInt());
        assertTrue(Arrays.equals(model.forecast(air.head(20)).values(), ServeTest.values(first)));
        for (int n = 20; n < 60; n++) {
            JsonNode r = ok(observe("s", n, n + 1));
            assertEquals(Math.min(n + 1, 30), r.get("points").asInt());
            assertTrue(Arrays.equals(model.forecast(air.head(n + 1)).values(), ServeTest.values(r)),
                    "after point " + n + ": the stream keeps 30 points, the network reads 12");
            assertEquals(model.forecast(air.head(n + 1)).label(0), r.get("forecasts").get(0).get("forecast").get(0)
                    .get("date").asText());
        }
        JsonNode two = ok(observe("s", 60, 62));
        assertTrue(Arrays.equals(model.forecast(air.head(62)).values(), ServeTest.values(two)), "two at once");
    }

    @Test
    void aRefusedUpdateLeavesTheStreamAsItWas() throws Exception {
        ok(observe("r", 0, 20));
        HttpResponse<String> again = observe("r", 19, 21);
        ServeTest.assertError(again, 400, "observations[0].time", "");
        HttpResponse<String> bad = Fixtures.postJson(server, "/v1/models/air/observe",
                "{\"stream\":\"r\",\"observations\":[{\"time\":\"1950-09-01\",\"value\":null}]}");
        ServeTest.assertError(bad, 400, "observations[0].value", "missing value");
        JsonNode next = ok(observe("r", 20, 21));
        assertEquals(21, next.get("points").asInt());
        assertTrue(Arrays.equals(model.forecast(air.head(21)).values(), ServeTest.values(next)));
        ServeTest.assertError(Fixtures.postJson(server, "/v1/models/air/observe",
                "{\"stream\":\"a b\",\"observations\":" + Fixtures.rows(air, 0, 3) + "}"), 400, "stream", "stream id");
    }

    @Test
    void theLeastRecentlyUsedStreamIsEvicted() throws Exception {
        ok(observe("x", 0, 20));
        ok(observe("y", 0, 20));
        ok(observe("x", 20, 21));
        ok(observe("z", 0, 20)); // evicts y, the least recently used
        assertEquals(22, ok(observe("x", 21, 22)).get("points").asInt());
        JsonNode y = ok(observe("y", 30, 40));
        assertEquals(10, y.get("points").asInt(), "y starts again from what it is sent");
        assertTrue(Arrays.equals(model.forecast(air.slice(30, 40)).values(), ServeTest.values(y)));
        String metrics = Fixtures.get(server, "/metrics").body();
        assertTrue(metrics.contains("seqcast_streams 2"), metrics);
    }
}
