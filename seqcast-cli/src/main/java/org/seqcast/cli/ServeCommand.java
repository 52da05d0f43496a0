package org.seqcast.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqcast.serve.ModelRegistry;
import org.seqcast.serve.ModelServer;
import org.seqcast.serve.ServeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seqcast serve}: answers forecast requests for model files over HTTP until stopped. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Serve model files over HTTP/JSON until stopped (Ctrl-C or SIGTERM: requests in flight finish"
            + " first): POST /v1/models/NAME/forecast (a history as JSON rows or a CSV body like the training file;"
            + " the same numbers as 'seqcast forecast'), POST /v1/models/NAME/observe (streams of new observations),"
            + " GET /v1/models, /health, /metrics (Prometheus) and /openapi.yaml. A model file changed on disk is"
            + " reloaded. Listens on the loopback address only unless --host says otherwise. See docs/SERVING.md."},
        footer = {"", "Examples:",
            "  seqcast serve --model air.seqcast --port 8080",
            "  seqcast serve --model air=seqcast-demo/model.seqcast --model tourism-q.seqcast --port 8080",
            "  curl -s -X POST --data-binary @airpassengers.csv -H 'Content-Type: text/csv' \\",
            "       'http://127.0.0.1:8080/v1/models/air/forecast?horizon=6&levels=80,95'"})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "[NAME=]FILE",
            description = "A .seqcast model file to serve, under NAME (default: the file name without .seqcast);"
                    + " repeat for more models.")
    private List<String> models;

    @Option(names = {"-p", "--port"}, paramLabel = "N", defaultValue = "8080",
            description = "TCP port (0: any free one; default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServeOptions.LOOPBACK,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every"
                    + " interface).")
    private String host;

    @Option(names = "--workers", paramLabel = "N",
            description = "Requests computed at once (default: two per core).")
    private Integer workers;

    @Option(names = "--queue", paramLabel = "N",
            description = "Requests that may wait for a worker; more are answered 503 (default: 256).")
    private Integer queue;

    @Option(names = "--max-body", paramLabel = "BYTES",
            description = "Largest request body; larger ones are answered 413 (default: 8388608).")
    private Long maxBody;

    @Option(names = "--reload-interval", paramLabel = "SECONDS",
            description = "How often to check the model files for changes (0: never; default: 1).")
    private Double reloadSeconds;

    @Override
    public Integer call() throws Exception {
        ServeOptions o = options();
        ModelServer server = ModelServer.start(o, files(), (model, failure) -> {
            if (failure == null) {
                spec.commandLine().getErr().printf("reloaded model '%s' from %s (generation %d)%n", model.name(),
                        model.file(), model.generation());
            } else {
                spec.commandLine().getErr().printf("warning: model '%s': %s changed but does not load (%s); still"
                        + " serving the previous model%n", model.name(), model.file(), failure.getMessage());
            }
            spec.commandLine().getErr().flush();
        });
        Thread hook = new Thread(server::stop, "seqcast-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getErr().printf("serving %s on http://%s:%d (Ctrl-C or SIGTERM stops)%n",
                String.join(", ", server.models().all().stream().map(m -> m.name()).toList()), o.host(),
                server.port());
        spec.commandLine().getErr().flush();
        server.join();
        return 0;
    }

    private ServeOptions options() {
        ServeOptions o = ServeOptions.defaults();
        try {
            o = o.withHost(host).withPort(port);
            o = o.withWorkers(workers == null ? o.workers() : workers, queue == null ? o.queue() : queue);
            if (maxBody != null) {
                o = o.withMaxBodyBytes(maxBody);
            }
            if (reloadSeconds != null) {
                o = o.withReloadInterval(Duration.ofMillis(Math.round(reloadSeconds * 1000)));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return o;
    }

    /** The model files by name: NAME=FILE as given, FILE under its default name. */
    private Map<String, Path> files() {
        Map<String, Path> named = new LinkedHashMap<>();
        List<Path> unnamed = new ArrayList<>();
        for (String m : models) {
            int eq = m.indexOf('=');
            if (eq > 0) {
                put(named, m.substring(0, eq), Path.of(m.substring(eq + 1)));
            } else {
                unnamed.add(Path.of(m));
            }
        }
        Map<String, Path> byName;
        try {
            byName = ModelRegistry.byDefaultName(unnamed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
        byName.forEach((name, file) -> put(named, name, file));
        return named;
    }

    private void put(Map<String, Path> named, String name, Path file) {
        Path before = named.put(name, file);
        if (before != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model: " + before + " and " + file
                    + " would both be served as '" + name + "'; give one of them another NAME=FILE");
        }
    }
}
