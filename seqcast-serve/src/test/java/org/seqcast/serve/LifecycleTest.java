package org.seqcast.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedForecaster;

/**
 * Requests in flight while the server is busy, reloads or stops: a full queue is 503, a request that waits too
 * long is 503, a stop lets a request in flight finish, a reload swaps the model for new requests only.
 */
class LifecycleTest {
    @TempDir
    static Path dir;

    static FittedForecaster a;
    static FittedForecaster b;
    static TimeSeries air;
    static String body;

    @BeforeAll
    static void fit() {
        a = Fixtures.lstm(7, 6);
        b = Fixtures.lstm(8, 6);
        air = Fixtures.air();
        body = "{\"history\":" + Fixtures.rows(air, 0, air.size()) + "}";
    }

    /**
     * A forecast request over a socket of its own whose body is sent up to its last byte, which waits for
     * {@code release}: the server has it in its handler, reading the body, meanwhile. Gives the status line and
     * body of the response.
     */
    static CompletableFuture<String[]> slow(ModelServer s, CountDownLatch sending, CountDownLatch release) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = new Socket("127.0.0.1", s.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/models/m/forecast HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                        + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, 0, bytes.length - 1);
                out.flush();
                sending.countDown();
                release.await(20, TimeUnit.SECONDS);
                out.write(bytes, bytes.length - 1, 1);
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int split = response.indexOf("\r\n\r\n");
                return new String[] {response.substring(0, response.indexOf("\r\n")), response.substring(split + 4)};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The forecast values of a slow request's response, which must be a 200. */
    static JsonNode ok(String[] response) throws Exception {
        assertTrue(response[0].contains(" 200 "), response[0] + "\n" + response[1]);
        return ServeTest.JSON.readTree(response[1]);
    }

    /** Waits until the slow request is at its last byte, and a little for the server to have it in its handler. */
    static void inFlight(CountDownLatch sending) throws InterruptedException {
        assertTrue(sending.await(10, TimeUnit.SECONDS));
        Thread.sleep(300);
    }

    static double[] values(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return ServeTest.values(ServeTest.json(r));
    }

    @Test
    void fullQueueIs503AndStopLetsTheRequestInFlightFinish() throws Exception {
        Path file = Fixtures.save(a, dir.resolve("queue.seqcast"));
        ModelServer s = Fixtures.serve(ServeOptions.defaults().withWorkers(1, 0), Map.of("m", file));
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String[]> slow = slow(s, sending, release);
        inFlight(sending);
        HttpResponse<String> busy = Fixtures.postJson(s, "/v1/models/m/forecast", body);
        assertEquals(503, busy.statusCode(), busy.body());
        assertTrue(busy.body().contains("\"status\":503"), busy.body());
        assertEquals(200, Fixtures.get(s, "/health").statusCode(), "monitoring passes by the full queue");
        String metrics = Fixtures.get(s, "/metrics").body();
        assertTrue(metrics.contains("seqcast_errors_total{endpoint=\"forecast\",status=\"503\"} 1.0"), metrics);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::stop);
        Thread.sleep(300);
        assertTrue(!stopping.isDone(), "the stop waits for the request in flight");
        release.countDown();
        assertTrue(Arrays.equals(a.forecast(air).values(), ServeTest.values(ok(slow.get(20, TimeUnit.SECONDS)))));
        stopping.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aRequestWaitingLongerThanTheQueueTimeoutIs503() throws Exception {
        Path file = Fixtures.save(a, dir.resolve("timeout.seqcast"));
        ModelServer s = Fixtures.serve(ServeOptions.defaults().withWorkers(1, 4)
                .withQueueTimeout(Duration.ofMillis(300)), Map.of("m", file));
        try {
            CountDownLatch sending = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String[]> slow = slow(s, sending, release);
            inFlight(sending);
            long t0 = System.nanoTime();
            HttpResponse<String> waited = Fixtures.postJson(s, "/v1/models/m/forecast", body);
            assertEquals(503, waited.statusCode(), waited.body());
            assertTrue(System.nanoTime() - t0 >= 250_000_000L, "it waited for the queue timeout");
            release.countDown();
            ok(slow.get(20, TimeUnit.SECONDS));
            assertEquals(200, Fixtures.postJson(s, "/v1/models/m/forecast", body).statusCode(), "free again");
        } finally {
            s.stop();
        }
    }

    @Test
    void aChangedFileIsSwappedInWhileTheRequestInFlightFinishesOnTheOldModel() throws Exception {
        Path file = Fixtures.save(a, dir.resolve("m.seqcast"));
        ModelServer s = Fixtures.serve(ServeOptions.defaults(), Map.of("m", file));
        try {
            CountDownLatch sending = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String[]> slow = slow(s, sending, release);
            inFlight(sending);

            Fixtures.save(b, file);
            assertEquals(1, s.reloadChanged());
            HttpResponse<String> now = Fixtures.postJson(s, "/v1/models/m/forecast", body);
            assertTrue(Arrays.equals(b.forecast(air).values(), values(now)));
            assertEquals(2, ServeTest.json(now).get("generation").asInt());

            release.countDown();
            JsonNode old = ok(slow.get(20, TimeUnit.SECONDS));
            assertTrue(Arrays.equals(a.forecast(air).values(), ServeTest.values(old)), "finished on the old model");
            assertEquals(1, old.get("generation").asInt());

            Path broken = dir.resolve("broken.tmp");
            Files.writeString(broken, "not a model");
            Files.move(broken, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertEquals(0, s.reloadChanged(), "a file that does not load is not swapped in");
            JsonNode kept = ServeTest.json(Fixtures.postJson(s, "/v1/models/m/forecast", body));
            assertEquals(2, kept.get("generation").asInt());
            String metrics = Fixtures.get(s, "/metrics").body();
            assertTrue(metrics.contains("seqcast_model_reloads_total{model=\"m\",outcome=\"ok\"} 1.0"), metrics);
            assertTrue(metrics.contains("seqcast_model_reloads_total{model=\"m\",outcome=\"failed\"} 1.0"), metrics);
        } finally {
            s.stop();
        }
    }

    @Test
    void theReloadThreadFindsAChangedFile() throws Exception {
        Path file = Fixtures.save(a, dir.resolve("poll.seqcast"));
        ModelServer s = ModelServer.start(ServeOptions.defaults().withPort(0).withReloadInterval(Duration.ofMillis(50)),
                Map.of("m", file), (m, e) -> { });
        try {
            Fixtures.save(b, file);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (s.models().get("m").generation() == 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, s.models().get("m").generation());
        } finally {
            s.stop();
        }
    }
}
