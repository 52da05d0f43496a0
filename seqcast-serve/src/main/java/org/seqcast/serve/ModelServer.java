package org.seqcast.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An HTTP server answering the Seqcast API for a set of model files (docs/SERVING.md, {@code openapi.yaml}).
 * <p>
 * Built on Jetty 12's core handlers, outermost first: {@link GracefulHandler} (a stop lets requests in flight
 * finish and refuses new ones), {@link QoSHandler} ({@link ServeOptions#workers()} requests computed at once, up to
 * {@link ServeOptions#queue()} more waiting at most {@link ServeOptions#queueTimeout()}, the rest answered 503;
 * {@code /health} and {@code /metrics} pass by the queue, so that monitoring answers under load),
 * then the API's routes ({@link ApiHandler}). Errors Jetty answers itself (503 from the queue, a malformed
 * request) get the API's JSON error body too. A background thread checks the model files every
 * {@link ServeOptions#reloadInterval()} and swaps in a changed one ({@link ModelRegistry}).
 * <p>
 * Lifecycle: {@link #start} binds and returns; {@link #stop} (or {@link #close}) stops gracefully: requests in
 * flight finish (for at most {@link ServeOptions#stopTimeout()}), new ones are refused, and connections silent for
 * {@value #SHUTDOWN_IDLE_MILLIS} ms are closed. Thread-safe.
 */
public final class ModelServer implements AutoCloseable {
    /** At a stop, connections silent this long are closed. */
    static final long SHUTDOWN_IDLE_MILLIS = 3000;

    private final ServeOptions options;
    private final ModelRegistry registry;
    private final Streams.PerModel streams;
    private final ServerMetrics metrics;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService reloader;

    private ModelServer(ServeOptions options, Map<String, Path> models, BiConsumer<ServedModel, RuntimeException> log) {
        this.options = options;
        this.streams = new Streams.PerModel(options.maxStreams(), options.maxStreamPoints());
        ServerMetrics[] m = new ServerMetrics[1];
        this.registry = new ModelRegistry(models, (model, failure) -> {
            m[0].reload(model.name(), failure == null);
            log.accept(model, failure);
        });
        this.metrics = new ServerMetrics(() -> registry.all().size(),
                () -> streams.all().values().stream().mapToInt(Streams::size).sum(),
                () -> streams.all().values().stream().mapToLong(Streams::bytes).sum());
        m[0] = metrics;
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, options.workers() + 8));
        pool.setName("seqcast-serve");
        this.server = new Server(pool);
        this.connector = new ServerConnector(server);
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        server.addConnector(connector);
        QoSHandler qos = new QoSHandler(new ApiHandler(registry, streams, metrics, options.maxBodyBytes()));
        qos.setMaxRequestCount(options.workers());
        qos.setMaxSuspendedRequestCount(options.queue());
        qos.setMaxSuspend(options.queueTimeout());
        qos.excludePath("/health", "/metrics"); // monitoring answers while the queue is full
        GracefulHandler graceful = new GracefulHandler(qos);
        // at a stop, connections silent for this long close (idle keep-alive connections would otherwise hold the
        // stop for the whole idle timeout); a request whose body is still arriving, without such a pause, finishes
        graceful.setShutdownIdleTimeout(Math.min(options.idleTimeout().toMillis(), SHUTDOWN_IDLE_MILLIS));
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrors(metrics));
        server.setStopTimeout(options.stopTimeout().toMillis());
        this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seqcast-serve-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the models and starts serving them.
     *
     * @param options how to listen and what to bound
     * @param models  model files by name
     * @param log     told of each reload: the new model and null, or the model kept and why the file failed
     * @throws IllegalArgumentException naming a file that does not load, or a name given twice
     * @throws IllegalStateException    when the address cannot be bound (in use, not this machine's)
     */
    public static ModelServer start(ServeOptions options, Map<String, Path> models,
                                    BiConsumer<ServedModel, RuntimeException> log) {
        ModelServer s = new ModelServer(options, models, log);
        try {
            s.server.start();
        } catch (Exception e) {
            s.reloader.shutdownNow();
            try {
                s.server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        long every = options.reloadInterval().toMillis();
        if (every > 0) {
            s.reloader.scheduleWithFixedDelay(s.registry::reloadChanged, every, every, TimeUnit.MILLISECONDS);
        }
        return s;
    }

    /** The port the server listens on (the one chosen when {@link ServeOptions#port()} was 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The options it runs with. */
    public ServeOptions options() {
        return options;
    }

    /** The models it serves. */
    public ModelRegistry models() {
        return registry;
    }

    /** Checks the model files now and swaps in the changed ones; returns how many (the reload thread does this too). */
    public int reloadChanged() {
        return registry.reloadChanged();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops gracefully: new requests are refused (503) while those in flight finish, for at most
     * {@link ServeOptions#stopTimeout()}; then the connections close.
     */
    public void stop() {
        reloader.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the server: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Jetty's own error responses (a full queue, a request that waited too long, a bad request line) as the API's
     * JSON error body, counted in the metrics like the API's own.
     */
    private static final class JsonErrors extends ErrorHandler {
        private final ServerMetrics metrics;

        JsonErrors(ServerMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            metrics.request(ApiHandler.endpoint(Request.getPathInContext(request)), status, 0);
            Object message = request.getAttribute(ERROR_MESSAGE);
            String text = status == 503 ? "the server is busy (its queue is full, a request waited too long for a"
                    + " worker, or it is stopping); retry later" : message == null ? "HTTP " + status : message.toString();
            String body = Bodies.write(Bodies.ErrorResponse.of(status, null, text));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiHandler.JSON_TYPE);
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

}
