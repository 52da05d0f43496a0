package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.serve.ModelServer;
import org.seqcast.serve.ServeOptions;

/**
 * The server forecasts what {@code seqcast forecast --json} prints for the same data and model file (a network,
 * and a baseline with conformal intervals); {@code seqcast serve} stops on SIGTERM after the request in flight.
 */
class ServeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path lstm;
    static Path theta;

    @BeforeAll
    static void fit() {
        lstm = dir.resolve("lstm.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "6", "--model", "lstm", "--out", lstm, "--epochs", "2", "--units", "4",
                "--threads", "1", "--levels", "none", "--quiet");
        theta = dir.resolve("theta.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "6", "--model", "theta", "--out", theta, "--levels", "80,95", "--quiet");
    }

    static HttpResponse<String> post(ModelServer s, String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON rows {"time", "value"} of a date,value file. */
    static String rows(Path csv) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] cells = line.split(",");
            rows.add("{\"time\":\"" + cells[0] + "\",\"value\":" + cells[1] + "}");
        }
        return "[" + String.join(",", rows) + "]";
    }

    @Test
    void theServerForecastsWhatTheForecastCommandPrints() throws Exception {
        try (ModelServer s = ModelServer.start(ServeOptions.defaults().withPort(0), Map.of("lstm", lstm, "theta", theta),
                (m, e) -> { })) {
            for (String name : List.of("lstm", "theta")) {
                Path model = name.equals("lstm") ? lstm : theta;
                JsonNode cli = JSON.readTree(Cli.ok("forecast", "--model", model, "--data", Cli.AIR, "--json").out());
                HttpResponse<String> csv = post(s, "/v1/models/" + name + "/forecast", "text/csv",
                        Files.readString(Cli.AIR));
                assertEquals(200, csv.statusCode(), csv.body());
                assertEquals(cli, JSON.readTree(csv.body()).get("forecasts"), name + ": CSV body");
                HttpResponse<String> json = post(s, "/v1/models/" + name + "/forecast", "application/json",
                        "{\"history\":" + rows(Cli.AIR) + "}");
                assertEquals(200, json.statusCode(), json.body());
                assertEquals(cli, JSON.readTree(json.body()).get("forecasts"), name + ": JSON rows");
            }
            JsonNode theta95 = JSON.readTree(Cli.ok("forecast", "--model", theta, "--data", Cli.AIR, "--json",
                    "--levels", "95").out());
            HttpResponse<String> r = post(s, "/v1/models/theta/forecast", "application/json",
                    "{\"history\":" + rows(Cli.AIR) + ",\"levels\":[95]}");
            assertEquals(theta95, JSON.readTree(r.body()).get("forecasts"), "levels 95");
            assertTrue(theta95.get(0).get("forecast").get(0).has("hi95"));
        }
    }

    /**
     * A child JVM runs {@code seqcast serve}; a request is in flight (its body's last byte not yet sent) when the
     * JVM gets SIGTERM: the request is answered, then the process exits.
     */
    @Test
    void sigtermStopsAfterTheRequestInFlight() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "org.seqcast.cli.Main", "serve", "--model", lstm.toString(),
                "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern serving = Pattern.compile("serving lstm on http://127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                Matcher m = serving.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the server says where it listens");
            StringBuffer log = new StringBuffer();
            Thread drain = new Thread(() -> out.lines().forEach(l -> log.append(l).append('\n')));
            drain.start();
            byte[] body = ("{\"history\":" + rows(Cli.AIR) + "}").getBytes(StandardCharsets.UTF_8);
            // a first request loads the classes of the request path, so that the next one is in the handler soon
            HttpResponse<String> warm = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/v1/models/lstm/forecast")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, warm.statusCode(), warm.body());
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream o = socket.getOutputStream();
                o.write(("POST /v1/models/lstm/forecast HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                o.write(body, 0, body.length - 1);
                o.flush();
                Thread.sleep(1000);
                p.destroy(); // SIGTERM
                Thread.sleep(500);
                if (!p.isAlive()) {
                    drain.join(1000);
                }
                assertTrue(p.isAlive(), () -> "the server waits for the request in flight; it printed:\n" + log);
                try {
                    o.write(body, body.length - 1, 1);
                    o.flush();
                } catch (java.io.IOException e) {
                    p.waitFor(5, TimeUnit.SECONDS);
                    drain.join(1000);
                    throw new AssertionError("the server closed the connection: " + e + "\n" + log, e);
                }
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200 "), response);
                assertTrue(response.contains("\"forecasts\""), response);
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server exits");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.Result r = Cli.run("serve", "--model", lstm, "--model", lstm, "--port", "0");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("both be served as 'lstm'"), r.toString());
        Cli.Result port = Cli.run("serve", "--model", lstm, "--port", "70000");
        assertEquals(2, port.code(), port.toString());
        assertTrue(port.err().contains("port must be in 0..65535"), port.toString());
    }
}
