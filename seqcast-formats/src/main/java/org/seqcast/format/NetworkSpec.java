package org.seqcast.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.seqcast.nn.Layer;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;

/**
 * A network's architecture as data: the input shape and the {@link LayerSpec}s, each with where its weights come
 * from, enough to rebuild the {@link Sequential} whose weights a safetensors file holds. Its JSON form is what
 * {@code seqcast predict}/{@code import --torch} read and what bare-network model files store; the record binds
 * to it with Jackson from any {@code ObjectMapper} (no module needed), and the layer fields are those of
 * {@link LayerSpecJson}:
 * <pre>
 * {"input": [T, I],                       T may be null: any length
 *  "layers": [
 *    {"type": "lstm", "units": 50, "return_sequences": true},      optional "activation" (default tanh),
 *                                                                  "recurrent_activation" (default sigmoid), "l2"
 *    {"type": "gru", "units": 32, "reset_after": true},          reset_after false = the original GRU
 *    {"type": "rnn", "units": 16, "activation": "tanh"},          tanh or relu
 *    {"type": "dropout", "rate": 0.2},
 *    {"type": "dense", "units": 1, "activation": "linear"}]}
 * </pre>
 * Each layer may name where its weights come from in a PyTorch state dict, {@code "source": "lstm"} or
 * {@code "source": "lstm@1"} (module {@code lstm}, its second stacked layer: {@code lstm.weight_ih_l1} becomes
 * this layer's {@code weight_ih_l0}); without it, Seqcast's own names ({@code <index>.weight_ih_l0}) are used.
 *
 * @param input  per-sample input shape [T, I]; T is null (or -1, stored as null) for any length
 * @param layers the layers in order
 */
public record NetworkSpec(List<Integer> input, List<Entry> layers) {
    public NetworkSpec {
        if (input == null || input.size() != 2 || input.get(1) == null || input.get(1) < 1
                || (input.get(0) != null && input.get(0) != -1 && input.get(0) < 1)) {
            throw new IllegalArgumentException("network input must be [T, I] with I >= 1 and T >= 1 or null (any length);"
                    + " got " + input);
        }
        input = Collections.unmodifiableList(Arrays.asList(input.get(0) == null || input.get(0) == -1 ? null
                : input.get(0), input.get(1)));
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int k = 0; k < layers.size(); k++) {
            Objects.requireNonNull(layers.get(k), "layer " + k);
        }
        layers = List.copyOf(layers);
    }

    /**
     * One layer and where its weights come from.
     *
     * @param spec   the layer
     * @param source the module in a PyTorch state dict ("module" or "module@k"), or null for Seqcast's own names
     */
    @JsonSerialize(using = EntryWriter.class)
    @JsonDeserialize(using = EntryReader.class)
    public record Entry(LayerSpec spec, String source) {
        public Entry {
            Objects.requireNonNull(spec, "spec");
            if (source != null && !source.matches("[A-Za-z0-9_.]+(@\\d+)?")) {
                throw new IllegalArgumentException("layer source '" + source + "' must look like 'module' or 'module@k'");
            }
        }

        /** A layer with Seqcast's own weight names. */
        public Entry(LayerSpec spec) {
            this(spec, null);
        }
    }

    /** A network of these layers, all with Seqcast's own weight names. */
    public static NetworkSpec of(List<Integer> input, List<? extends LayerSpec> layers) {
        return new NetworkSpec(input, layers.stream().map(Entry::new).toList());
    }

    /** The spec of a built network. */
    public static NetworkSpec of(Sequential model) {
        int[] in = model.inputShape();
        if (in.length != 2) {
            throw new IllegalArgumentException("a network spec needs a [T, I] input; the model takes " + Arrays.toString(in));
        }
        List<LayerSpec> specs = new ArrayList<>();
        for (int k = 0; k < model.layers().size(); k++) {
            Layer l = model.layers().get(k);
            try {
                specs.add(l.spec());
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("layer " + k + " (" + l.kind() + ") has no network-spec form: "
                        + e.getMessage(), e);
            }
        }
        return of(Arrays.asList(in[0], in[1]), specs);
    }

    /** Time steps T, or -1 for any length. */
    public int timesteps() {
        return input.get(0) == null ? -1 : input.get(0);
    }

    /** Input features I. */
    public int features() {
        return input.get(1);
    }

    /** The layer specs, without their sources. */
    public List<LayerSpec> specs() {
        return layers.stream().map(Entry::spec).toList();
    }

    /** A new network of this architecture, built (weights drawn from {@code seed}, to be replaced by loading). */
    public Sequential build(long seed) {
        return Sequential.of(specs()).seed(seed).build(timesteps(), features());
    }

    /**
     * The state-dict name in the source file for our parameter {@code ours} ("0.weight_ih_l0") of layer k; a
     * bidirectional layer's reverse weights keep their suffix ("lstm@1": "lstm.weight_ih_l1_reverse").
     */
    public String sourceName(int k, String ours) {
        String source = layers.get(k).source();
        String param = ours.substring(ours.indexOf('.') + 1);
        if (source == null) {
            return ours;
        }
        int at = source.indexOf('@');
        String module = at < 0 ? source : source.substring(0, at);
        int sub = at < 0 ? 0 : Integer.parseInt(source.substring(at + 1));
        String reverse = param.endsWith(LayerSpec.Bidirectional.REVERSE_SUFFIX) ? LayerSpec.Bidirectional.REVERSE_SUFFIX : "";
        String base = param.substring(0, param.length() - reverse.length());
        return module + "." + (base.endsWith("_l0") ? base.substring(0, base.length() - 1) + sub : base) + reverse;
    }

    /** The JSON form. */
    public ObjectNode toJson() {
        return LayerSpecJson.mapper().valueToTree(this);
    }

    /** Reads the JSON form; errors name the layer and the field. */
    public static NetworkSpec fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a network spec is a JSON object with \"input\" and \"layers\"");
        }
        try {
            return LayerSpecJson.mapper().treeToValue(root, NetworkSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /**
     * "network spec, layer 2, field 'units': why" from where Jackson stopped and why; for a {@code NetworkSpec}
     * read as part of a larger document (a manifest) too, where the path starts outside the spec.
     */
    public static String describe(JsonProcessingException e) {
        StringBuilder where = new StringBuilder("network spec");
        String field = null;
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getIndex() >= 0) {
                    where.append(", layer ").append(r.getIndex());
                    field = null;
                } else if ("layers".equals(r.getFieldName())) {
                    where.setLength("network spec".length());
                    field = null;
                } else {
                    field = r.getFieldName();
                }
            }
        }
        String why;
        if (e instanceof UnrecognizedPropertyException u) {
            why = "unknown field '" + u.getPropertyName() + "'" + known(u);
            field = null;
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        }
        return where + (field == null ? "" : ", field '" + field + "'") + ": " + why;
    }

    private static String known(UnrecognizedPropertyException u) {
        if (u.getKnownPropertyIds() == null || u.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        String names = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        if (u.getReferringClass() == NetworkSpec.class) {
            return "; a network spec has " + names;
        }
        String type = Arrays.stream(LayerSpec.Kind.values()).filter(k -> k.specClass() == u.getReferringClass())
                .map(LayerSpec.Kind::type).findFirst().orElse("this");
        return "; layers of type " + type + " have type, " + names + " and source";
    }

    /** Writes an entry as its layer's fields plus {@code "source"} when there is one. */
    static final class EntryWriter extends JsonSerializer<Entry> {
        @Override
        public void serialize(Entry entry, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            ObjectNode n = LayerSpecJson.mapper().valueToTree(entry.spec());
            if (entry.source() != null) {
                n.put("source", entry.source());
            }
            gen.writeTree(n);
        }
    }

    /** Reads an entry: {@code "source"} is the entry's, the rest is the layer's. */
    static final class EntryReader extends JsonDeserializer<Entry> {
        @Override
        public Entry deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = p.readValueAsTree();
            if (tree == null || !tree.isObject()) {
                throw JsonMappingException.from(p, "a layer is a JSON object with a \"type\"; got " + tree);
            }
            ObjectNode n = ((ObjectNode) tree).deepCopy();
            JsonNode source = n.remove("source");
            if (source != null && !source.isNull() && !source.isTextual()) {
                throw JsonMappingException.from(p, "layer \"source\" must be a string; got " + source);
            }
            JsonNode type = n.get("type");
            if (type == null || !type.isTextual()) {
                throw JsonMappingException.from(p, "a layer needs a \"type\": " + LayerSpec.Kind.types());
            }
            try {
                n.put("type", LayerSpec.Kind.ofType(type.asText()).type());
                LayerSpec spec = LayerSpecJson.mapper().treeToValue(n, LayerSpec.class);
                return new Entry(spec, source == null || source.isNull() ? null : source.asText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
