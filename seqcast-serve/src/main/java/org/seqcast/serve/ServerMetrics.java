package org.seqcast.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.DoubleSupplier;

/**
 * The server's metrics in the Prometheus client's registry, written in Prometheus's text format: requests by
 * endpoint and status, their latency (a histogram by endpoint), errors by endpoint and status, model reloads and
 * their failures, the models loaded and the streams kept (count and estimated bytes). Thread-safe.
 */
final class ServerMetrics {
    /** Latency buckets in seconds: 0.25 ms to 10 s. */
    private static final double[] BUCKETS = {0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests = Counter.builder().name("seqcast_requests")
            .help("HTTP requests answered, by endpoint and status").labelNames("endpoint", "status")
            .register(registry);
    private final Counter errors = Counter.builder().name("seqcast_errors")
            .help("HTTP requests answered with an error status (4xx, 5xx), by endpoint and status")
            .labelNames("endpoint", "status").register(registry);
    private final Histogram latency = Histogram.builder().name("seqcast_request_duration_seconds")
            .help("Time from a request's arrival at its handler to its answer, by endpoint").labelNames("endpoint")
            .classicOnly().classicUpperBounds(BUCKETS).register(registry);
    private final Counter reloads = Counter.builder().name("seqcast_model_reloads")
            .help("Model files reloaded after a change on disk, by model and outcome").labelNames("model", "outcome")
            .register(registry);

    /** Registers the gauges read at each scrape: models loaded, streams kept and their estimated bytes. */
    ServerMetrics(DoubleSupplier models, DoubleSupplier streams, DoubleSupplier streamBytes) {
        gauge("seqcast_models_loaded", "Models served", models);
        gauge("seqcast_streams", "Streams of observations kept, over all models", streams);
        gauge("seqcast_stream_bytes", "Estimated bytes the kept streams' points take", streamBytes);
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    /** Counts a request to {@code endpoint} answered with {@code status} after {@code seconds}. */
    void request(String endpoint, int status, double seconds) {
        String s = Integer.toString(status);
        requests.labelValues(endpoint, s).inc();
        if (status >= 400) {
            errors.labelValues(endpoint, s).inc();
        }
        latency.labelValues(endpoint).observe(seconds);
    }

    /** Counts a reload of {@code model}: {@code ok} or {@code failed}. */
    void reload(String model, boolean ok) {
        reloads.labelValues(model, ok ? "ok" : "failed").inc();
    }

    /** The text format's content type. */
    String contentType() {
        return writer.getContentType();
    }

    /** Every metric in the text format. */
    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
