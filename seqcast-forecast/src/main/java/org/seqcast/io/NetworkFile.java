package org.seqcast.io;

import org.seqcast.format.Safetensors;
import org.seqcast.format.AtomicFile;
import org.seqcast.format.GraphSpec;
import org.seqcast.format.NetworkSpec;
import org.seqcast.format.ModelFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.Seqcast;
import org.seqcast.nn.Graph;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;

/**
 * A bare network in a {@code .seqcast} file: an imported (Keras, PyTorch) or hand-built network with no
 * forecasting settings. The same zip as a {@link ModelFile} ({@code manifest.json} + {@code weights.safetensors});
 * the manifest says {@code "kind": "network"} and holds the {@link NetworkSpec} and provenance:
 * <pre>
 * {"format": "seqcast-model", "format_version": 1, "kind": "network", "seqcast_version": "...", "created": "...",
 *  "network": {NetworkSpec JSON}, "provenance": {"source": "keras", "file": "...", ...},
 *  "weights": {"entry": "weights.safetensors", "sha256": "...", "tensors": n, "parameters": p}}
 * </pre>
 * A {@link Graph} (a Keras Functional model, a network with several inputs or residual sums) is stored the same way
 * with {@code "graph": {GraphSpec JSON}} ({@link GraphSpec}) in place of {@code "network"}, its tensors named
 * {@code <node>.<parameter>}. Forecasting commands refuse such a file with a message that says what it is;
 * {@code seqcast predict} runs it.
 */
public final class NetworkFile {
    /** The manifest's kind for bare networks. */
    public static final String KIND = "network";

    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkFile() {
    }

    /**
     * A bare network read from a file: a {@link Sequential} ({@code network}, {@code spec}) or a {@link Graph}
     * ({@code graph}, {@code graphSpec}); the other pair is null.
     */
    public record LoadedNetwork(Path file, Sequential network, NetworkSpec spec, Graph graph, GraphSpec graphSpec,
                                Map<String, String> provenance) {
        public LoadedNetwork {
            provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
            if ((network == null) == (graph == null)) {
                throw new IllegalArgumentException("a bare network is either a Sequential or a Graph");
            }
        }

        /** A Sequential network. */
        public LoadedNetwork(Path file, Sequential network, NetworkSpec spec, Map<String, String> provenance) {
            this(file, network, spec, null, null, provenance);
        }

        /**
         * The Sequential network.
         *
         * @throws IllegalStateException for a graph, which {@link #graph()} gives
         */
        @Override
        public Sequential network() {
            if (network == null) {
                throw new IllegalStateException(file + " holds a graph (" + graph.inputs().size() + " input(s), "
                        + graph.outputs().size() + " output(s)), not a Sequential network: use graph()");
            }
            return network;
        }

        /** Whether the file holds a {@link Graph}. */
        public boolean isGraph() {
            return graph != null;
        }

        /** The layers and their parameters as a table (either kind). */
        public String summary() {
            return graph != null ? graph.summary() : network.summary();
        }
    }

    /** Writes {@code network} (built, with its weights) and where it came from, atomically. */
    public static void save(Sequential network, Map<String, String> provenance, Path file) {
        write("network", NetworkSpec.of(network).toJson(), network.stateDict(), network.parameterCount(), provenance,
                file);
    }

    /**
     * Writes {@code graph} (its architecture as a {@link GraphSpec}, its weights) and where it came from, atomically.
     *
     * @throws IllegalArgumentException when a node's layer or an output's loss has no stored form
     */
    public static void save(Graph graph, Map<String, String> provenance, Path file) {
        write("graph", GraphSpec.of(graph).toJson(), graph.stateDict(), graph.parameterCount(), provenance, file);
    }

    private static void write(String field, ObjectNode architecture, Map<String, Tensor> state, long parameters,
                              Map<String, String> provenance, Path file) {
        String source = file.toString();
        ModelFile.requireWritable(file, source);
        state.forEach((name, t) -> {
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new ModelFileException(source, "cannot save a network whose weight '" + name + "' holds " + v);
                }
            }
        });
        byte[] weights = Safetensors.write(state, Map.of("format", "pt", "seqcast_version", Seqcast.version()));
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode m = JSON.createObjectNode();
        m.put("format", ModelFile.FORMAT);
        m.put("format_version", ModelFile.FORMAT_VERSION);
        m.put("kind", KIND);
        m.put("seqcast_version", Seqcast.version());
        m.put("created", created.toString());
        m.set(field, architecture);
        ObjectNode p = m.putObject("provenance");
        provenance.forEach(p::put);
        ObjectNode w = m.putObject("weights");
        w.put("entry", ModelFile.WEIGHTS_ENTRY);
        w.put("sha256", ModelInfo.sha256(weights));
        w.put("tensors", state.size());
        w.put("parameters", parameters);
        byte[] manifest;
        try {
            manifest = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the manifest", e);
        }
        AtomicFile.write(file, ModelZip.write(manifest, weights, created), source);
    }

    /** Reads a bare network (its weights checked against the manifest's checksum and the spec's shapes). */
    public static LoadedNetwork load(Path file) {
        String source = file.toString();
        ModelZip.Entries entries = ModelFile.readEntries(file, source);
        JsonNode root;
        try {
            root = JSON.readTree(entries.manifest());
        } catch (IOException e) {
            throw new ModelFileException(source, "manifest.json is not valid JSON: the file is damaged", e);
        }
        if (root == null || !ModelFile.FORMAT.equals(root.path("format").asText())) {
            throw new ModelFileException(source, "is not a Seqcast model file (manifest format " + root.path("format") + ")");
        }
        if (root.path("format_version").asInt(0) > ModelFile.FORMAT_VERSION) {
            throw new ModelFileException(source, "written by a newer Seqcast (format " + root.path("format_version")
                    + "); this version reads format " + ModelFile.FORMAT_VERSION + ": upgrade Seqcast to load it");
        }
        if (!KIND.equals(root.path("kind").asText())) {
            throw new ModelFileException(source, "is a forecasting model, not a bare network; use ModelFile.load");
        }
        ModelFile.requireWeightsChecksum(entries.weights(), root.path("weights").path("sha256").asText(), source);
        Map<String, String> provenance = new LinkedHashMap<>();
        root.path("provenance").fields().forEachRemaining(e -> provenance.put(e.getKey(), e.getValue().asText()));
        Safetensors.Contents weights = Safetensors.read(entries.weights(), source + " (" + ModelFile.WEIGHTS_ENTRY + ")");
        if (root.has("graph") == root.has("network")) {
            throw new ModelFileException(source, "manifest.json: a bare network has either \"network\" (a Sequential"
                    + " network) or \"graph\" (a graph); this one has " + (root.has("graph") ? "both" : "neither"));
        }
        if (root.has("graph")) {
            GraphSpec spec;
            try {
                spec = GraphSpec.fromJson(root.get("graph"));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(source, "manifest.json: " + e.getMessage(), e);
            }
            return new LoadedNetwork(file, null, null, load(spec, weights.tensors(), source), spec, provenance);
        }
        NetworkSpec spec;
        try {
            spec = NetworkSpec.fromJson(root.get("network"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source, "manifest.json: " + e.getMessage(), e);
        }
        return new LoadedNetwork(file, load(spec, weights.tensors(), source), spec, provenance);
    }

    /**
     * Builds {@code spec} and sets its weights from {@code tensors} (named {@code <node>.<parameter>}), checking that
     * every weight is there with the right shape and finite and that nothing is left over; a spec whose shapes do
     * not fit is refused naming the node.
     */
    public static Graph load(GraphSpec spec, Map<String, Tensor> tensors, String source) {
        Graph graph;
        try {
            graph = spec.build(0);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source, "manifest.json: graph spec: " + e.getMessage(), e);
        }
        Map<String, String> names = new LinkedHashMap<>();
        graph.stateDict().keySet().forEach(n -> names.put(n, n));
        graph.loadStateDict(fit(graph.stateDict(), names, tensors, source));
        return graph;
    }

    /**
     * Builds {@code spec} and sets its weights from {@code tensors} (names per {@link NetworkSpec}'s layer sources),
     * checking that every weight is there with the right shape and that nothing is left over.
     */
    public static Sequential load(NetworkSpec spec, Map<String, Tensor> tensors, String source) {
        Sequential network = spec.build(0);
        Map<String, String> names = new LinkedHashMap<>();
        for (String ours : network.stateDict().keySet()) {
            names.put(ours, spec.sourceName(Integer.parseInt(ours.substring(0, ours.indexOf('.'))), ours));
        }
        network.loadStateDict(fit(network.stateDict(), names, tensors, source));
        return network;
    }

    /**
     * The state dict, by our names, that {@code tensors} (by source names, {@code names}: ours → source) give a
     * network whose weights are {@code ours}: every weight there, of its shape, finite, and no tensor left over.
     */
    private static Map<String, Tensor> fit(Map<String, Tensor> ours, Map<String, String> names,
                                           Map<String, Tensor> tensors, String source) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Map.Entry<String, Tensor> e : ours.entrySet()) {
            String name = names.get(e.getKey());
            Tensor t = tensors.get(name);
            if (t == null) {
                missing.add(name + " " + java.util.Arrays.toString(e.getValue().shape()));
                continue;
            }
            used.add(name);
            if (!java.util.Arrays.equals(t.shape(), e.getValue().shape())) {
                wrong.add(name + ": expected " + java.util.Arrays.toString(e.getValue().shape()) + ", found "
                        + java.util.Arrays.toString(t.shape()));
                continue;
            }
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new ModelFileException(source, "weight '" + name + "' holds " + v);
                }
            }
            state.put(e.getKey(), t);
        }
        List<String> extra = tensors.keySet().stream().filter(n -> !used.contains(n)).sorted().toList();
        if (!missing.isEmpty() || !wrong.isEmpty() || !extra.isEmpty()) {
            StringBuilder sb = new StringBuilder("the weights do not fit the architecture:");
            if (!missing.isEmpty()) {
                sb.append(" missing ").append(missing).append(';');
            }
            if (!wrong.isEmpty()) {
                sb.append(" wrong shape ").append(wrong).append(';');
            }
            if (!extra.isEmpty()) {
                sb.append(" not used by any layer ").append(extra).append(';');
            }
            sb.append(" check the layers, their units and their \"source\" names");
            throw new ModelFileException(source, sb.toString());
        }
        return state;
    }

    /**
     * True when {@code file} is a readable model file whose manifest says it holds a bare network; false for
     * forecasting models and for anything unreadable (whose loading then reports what is wrong).
     */
    public static boolean isNetworkFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry(ModelFile.MANIFEST_ENTRY);
            if (entry == null || entry.getSize() > ModelZip.MAX_MANIFEST_BYTES) {
                return false;
            }
            return KIND.equals(JSON.readTree(zip.getInputStream(entry)).path("kind").asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A short description of a bare network's origin for messages ("imported from keras"). */
    static String describeSource(JsonNode manifest) {
        String from = manifest.path("provenance").path("source").asText("");
        return from.isEmpty() ? "a network" : "a network imported from " + from;
    }

    /** The manifest of a file as text (for inspect --json). */
    static String manifestText(byte[] manifest) {
        return new String(manifest, StandardCharsets.UTF_8);
    }
}
