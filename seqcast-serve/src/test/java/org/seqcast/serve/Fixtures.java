package org.seqcast.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;

/** Small models fitted once, their files, and an HTTP client for the server tests. */
final class Fixtures {
    static final Path AIR_CSV = Path.of("../testdata/data/airpassengers.csv");
    static final String SHA = "0".repeat(64);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Fixtures() {
    }

    /** The airpassengers series as the CSV reader gives it (id "value", its target column). */
    static TimeSeries air() {
        return SeriesCsv.read(AIR_CSV, CsvOptions.defaults()).get(0);
    }

    /** A tiny LSTM fitted on the first 132 months of airpassengers, seed {@code seed}. */
    static FittedForecaster lstm(long seed, int horizon) {
        RnnConfig config = RnnConfig.builder(horizon).units(4).epochs(2).patience(5).window(12).seed(seed).build();
        return new RnnForecaster(config).fit(List.of(air().head(132)));
    }

    /** {@code model} saved to {@code file} (replaced atomically, as a save does) with the air data's columns. */
    static Path save(FittedForecaster model, Path file) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "model", ".tmp");
            ModelFile.save(model, ModelInfo.of(SHA, List.of(air().head(132))).withColumns("date", null), tmp);
            return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code files} on a free loopback port with {@code options}. */
    static ModelServer serve(ServeOptions options, Map<String, Path> files) {
        return ModelServer.start(options.withPort(0).withReloadInterval(Duration.ZERO), files, (m, e) -> { });
    }

    static URI uri(ModelServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    static HttpResponse<String> get(ModelServer s, String path) {
        return send(HttpRequest.newBuilder(uri(s, path)).GET().build());
    }

    static HttpResponse<String> post(ModelServer s, String path, String type, String body) {
        return send(HttpRequest.newBuilder(uri(s, path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> postJson(ModelServer s, String path, String body) {
        return post(s, path, "application/json", body);
    }

    static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON rows {"time", "value"} of the first {@code n} points of {@code s}. */
    static String rows(TimeSeries s, int from, int to) {
        StringBuilder b = new StringBuilder("[");
        for (int t = from; t < to; t++) {
            if (t > from) {
                b.append(',');
            }
            b.append("{\"time\":\"").append(s.index().label(t)).append("\",\"value\":").append(s.values()[t]).append('}');
        }
        return b.append(']').toString();
    }
}
