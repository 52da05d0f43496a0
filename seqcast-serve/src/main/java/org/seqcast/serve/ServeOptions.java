package org.seqcast.serve;

import java.time.Duration;

/**
 * How a {@link ModelServer} listens and what it bounds. Every bound is checked here, naming the parameter.
 *
 * @param host            the address to bind (loopback by default: only this machine can connect)
 * @param port            the TCP port; 0 picks a free one ({@link ModelServer#port()} tells which)
 * @param workers         requests computed at once (the rest wait in the queue)
 * @param queue           requests that may wait for a worker; one more is answered 503
 * @param queueTimeout    how long a request may wait for a worker before it is answered 503
 * @param idleTimeout     how long a connection may stay silent (a slow or stalled client) before it is closed
 * @param maxBodyBytes    the largest request body; a larger one is answered 413
 * @param stopTimeout     how long a graceful stop waits for requests in flight
 * @param reloadInterval  how often the model files are checked for changes; zero turns reloading off
 * @param maxStreams      streams of observations kept per model (least recently used evicted beyond it)
 * @param maxStreamPoints points kept per stream (the oldest dropped beyond it)
 */
public record ServeOptions(String host, int port, int workers, int queue, Duration queueTimeout, Duration idleTimeout,
                           long maxBodyBytes, Duration stopTimeout, Duration reloadInterval, int maxStreams,
                           int maxStreamPoints) {
    /** The loopback address the server binds unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    public ServeOptions {
        require(host != null && !host.isBlank(), "host must be set, e.g. " + LOOPBACK);
        require(port >= 0 && port <= 65535, "port must be in 0..65535 (0: any free port); got " + port);
        require(workers >= 1 && workers <= 1024, "workers must be in 1..1024; got " + workers);
        require(queue >= 0 && queue <= 100_000, "queue must be in 0..100000; got " + queue);
        require(positive(queueTimeout), "queueTimeout must be positive; got " + queueTimeout);
        require(positive(idleTimeout), "idleTimeout must be positive; got " + idleTimeout);
        require(maxBodyBytes >= 1, "maxBodyBytes must be at least 1; got " + maxBodyBytes);
        require(stopTimeout != null && !stopTimeout.isNegative(), "stopTimeout must be >= 0; got " + stopTimeout);
        require(reloadInterval != null && !reloadInterval.isNegative(),
                "reloadInterval must be >= 0 (0: no reloading); got " + reloadInterval);
        require(maxStreams >= 1, "maxStreams must be at least 1; got " + maxStreams);
        require(maxStreamPoints >= 1, "maxStreamPoints must be at least 1; got " + maxStreamPoints);
    }

    /**
     * The defaults: loopback, port 8080, two workers per core, a queue of 256 waiting at most 10 s, connections
     * idle at most 30 s, bodies up to 8 MiB, 30 s for requests in flight at stop, model files checked every
     * second, 1000 streams of at most 10000 points per model.
     */
    public static ServeOptions defaults() {
        return new ServeOptions(LOOPBACK, 8080, 2 * Runtime.getRuntime().availableProcessors(), 256,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 8L << 20, Duration.ofSeconds(30), Duration.ofSeconds(1),
                1000, 10_000);
    }

    public ServeOptions withHost(String h) {
        return new ServeOptions(h, port, workers, queue, queueTimeout, idleTimeout, maxBodyBytes, stopTimeout,
                reloadInterval, maxStreams, maxStreamPoints);
    }

    public ServeOptions withPort(int p) {
        return new ServeOptions(host, p, workers, queue, queueTimeout, idleTimeout, maxBodyBytes, stopTimeout,
                reloadInterval, maxStreams, maxStreamPoints);
    }

    /** These options with {@code w} workers and a queue of {@code q}. */
    public ServeOptions withWorkers(int w, int q) {
        return new ServeOptions(host, port, w, q, queueTimeout, idleTimeout, maxBodyBytes, stopTimeout,
                reloadInterval, maxStreams, maxStreamPoints);
    }

    public ServeOptions withQueueTimeout(Duration d) {
        return new ServeOptions(host, port, workers, queue, d, idleTimeout, maxBodyBytes, stopTimeout,
                reloadInterval, maxStreams, maxStreamPoints);
    }

    public ServeOptions withMaxBodyBytes(long bytes) {
        return new ServeOptions(host, port, workers, queue, queueTimeout, idleTimeout, bytes, stopTimeout,
                reloadInterval, maxStreams, maxStreamPoints);
    }

    public ServeOptions withStopTimeout(Duration d) {
        return new ServeOptions(host, port, workers, queue, queueTimeout, idleTimeout, maxBodyBytes, d,
                reloadInterval, maxStreams, maxStreamPoints);
    }

    public ServeOptions withReloadInterval(Duration d) {
        return new ServeOptions(host, port, workers, queue, queueTimeout, idleTimeout, maxBodyBytes, stopTimeout, d,
                maxStreams, maxStreamPoints);
    }

    /** These options keeping {@code streams} streams of at most {@code points} points per model. */
    public ServeOptions withStreams(int streams, int points) {
        return new ServeOptions(host, port, workers, queue, queueTimeout, idleTimeout, maxBodyBytes, stopTimeout,
                reloadInterval, streams, points);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
