package org.seqcast.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Dropout;
import org.seqcast.nn.GRU;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Layer;
import org.seqcast.nn.Recurrent;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.SimpleRNN;
import org.seqcast.nn.kernels.Activation;

/**
 * A network's architecture as data: the input shape and the layers, enough to rebuild the {@link Sequential}
 * whose weights a safetensors file holds. Its JSON form is what {@code seqcast predict}/{@code import --torch}
 * read and what bare-network model files store:
 * <pre>
 * {"input": [T, I],                       T may be null: any length
 *  "layers": [
 *    {"type": "lstm", "units": 50, "return_sequences": true},      optional "activation" (default tanh) and
 *                                                                  "recurrent_activation" (default sigmoid)
 *    {"type": "gru", "units": 32, "reset_after": true},          reset_after false = the original GRU
 *    {"type": "rnn", "units": 16, "activation": "tanh"},          tanh or relu
 *    {"type": "dropout", "rate": 0.2},
 *    {"type": "dense", "units": 1, "activation": "linear"}]}
 * </pre>
 * Each layer may name where its weights come from in a PyTorch state dict, {@code "source": "lstm"} or
 * {@code "source": "lstm@1"} (module {@code lstm}, its second stacked layer: {@code lstm.weight_ih_l1} becomes
 * this layer's {@code weight_ih_l0}); without it, Seqcast's own names ({@code <index>.weight_ih_l0}) are used.
 *
 * @param input  per-sample input shape [T, I] (T = -1 for any length)
 * @param layers the layers in order
 */
public record NetworkSpec(List<Integer> input, List<LayerSpec> layers) {
    public NetworkSpec {
        if (input == null || input.size() != 2 || input.get(1) == null || input.get(1) < 1
                || (input.get(0) != -1 && input.get(0) < 1)) {
            throw new IllegalArgumentException("network input must be [T, I] with I >= 1 and T >= 1 or null (any length);"
                    + " got " + input);
        }
        input = List.copyOf(input);
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        layers = List.copyOf(layers);
    }

    /**
     * One layer.
     *
     * @param type            lstm, gru, rnn, dense or dropout
     * @param units           hidden units or outputs (0 for dropout)
     * @param returnSequences recurrent layers: output every step
     * @param activation      the cell activation (lstm, gru: default tanh; rnn: default tanh) or the output activation
     *                        (dense: default linear); dropout: null
     * @param recurrentActivation the gate activation of lstm and gru (default sigmoid); else null
     * @param resetAfter      gru: PyTorch/Keras convention (true) or the original GRU (false); else null
     * @param rate            dropout rate (0 otherwise)
     * @param source          where the weights come from in a PyTorch state dict ("module" or "module@k"), or null
     */
    public record LayerSpec(String type, int units, boolean returnSequences, String activation, Boolean resetAfter,
                            double rate, String source, String recurrentActivation) {
        /** A layer with the default gate activation. */
        public LayerSpec(String type, int units, boolean returnSequences, String activation, Boolean resetAfter,
                         double rate, String source) {
            this(type, units, returnSequences, activation, resetAfter, rate, source, null);
        }

        public LayerSpec {
            type = type == null ? null : type.toLowerCase(Locale.ROOT);
            switch (type == null ? "" : type) {
                case "lstm", "gru", "rnn", "dense" -> {
                    if (units < 1) {
                        throw new IllegalArgumentException(type + " layer needs units >= 1; got " + units);
                    }
                }
                case "dropout" -> {
                    if (!(rate >= 0 && rate < 1)) {
                        throw new IllegalArgumentException("dropout rate must be in [0, 1); got " + rate);
                    }
                }
                default -> throw new IllegalArgumentException("unknown layer type '" + type
                        + "'; use lstm, gru, rnn, dense or dropout");
            }
            if (activation != null) {
                Activation.of(activation);
            }
            if (recurrentActivation != null) {
                if (!type.equals("lstm") && !type.equals("gru")) {
                    throw new IllegalArgumentException(type + " layer has no recurrent_activation (only lstm and gru)");
                }
                Activation.of(recurrentActivation);
            }
            if (source != null && !source.matches("[A-Za-z0-9_.]+(@\\d+)?")) {
                throw new IllegalArgumentException("layer source '" + source + "' must look like 'module' or 'module@k'");
            }
        }

        Layer build() {
            return switch (type) {
                case "lstm" -> new LSTM(units).activation(act(activation, Activation.TANH))
                        .recurrentActivation(act(recurrentActivation, Activation.SIGMOID)).returnSequences(returnSequences);
                case "gru" -> new GRU(units).resetAfter(resetAfter == null || resetAfter)
                        .activation(act(activation, Activation.TANH))
                        .recurrentActivation(act(recurrentActivation, Activation.SIGMOID)).returnSequences(returnSequences);
                case "rnn" -> new SimpleRNN(units).activation(activation == null ? Activation.TANH
                        : Activation.of(activation)).returnSequences(returnSequences);
                case "dense" -> new Dense(units, activation == null ? Activation.LINEAR : Activation.of(activation));
                case "dropout" -> new Dropout(rate);
                default -> throw new AssertionError(type);
            };
        }

        private static Activation act(String name, Activation fallback) {
            return name == null ? fallback : Activation.of(name);
        }
    }

    /** The spec of a built network. */
    public static NetworkSpec of(Sequential model) {
        int[] in = model.inputShape();
        if (in.length != 2) {
            throw new IllegalArgumentException("a network spec needs a [T, I] input; the model takes " + java.util.Arrays.toString(in));
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof LSTM r) {
                layers.add(new LayerSpec("lstm", r.units(), r.isReturnSequences(), nonDefault(r.activation(), Activation.TANH),
                        null, 0, null, nonDefault(r.recurrentActivation(), Activation.SIGMOID)));
            } else if (l instanceof GRU r) {
                layers.add(new LayerSpec("gru", r.units(), r.isReturnSequences(), nonDefault(r.activation(), Activation.TANH),
                        r.isResetAfter(), 0, null, nonDefault(r.recurrentActivation(), Activation.SIGMOID)));
            } else if (l instanceof SimpleRNN r) {
                layers.add(new LayerSpec("rnn", r.units(), r.isReturnSequences(), r.activation().kerasName(), null, 0, null));
            } else if (l instanceof Dense d) {
                layers.add(new LayerSpec("dense", d.units(), false, d.activation().kerasName(), null, 0, null));
            } else if (l instanceof Dropout d) {
                layers.add(new LayerSpec("dropout", 0, false, null, null, d.rate(), null));
            } else {
                throw new IllegalArgumentException("layer " + l.kind() + " has no network-spec form");
            }
        }
        return new NetworkSpec(List.of(in[0], in[1]), layers);
    }

    private static String nonDefault(Activation a, Activation usual) {
        return a == usual ? null : a.kerasName();
    }

    /** A new network of this architecture, built (weights drawn from {@code seed}, to be replaced by loading). */
    public Sequential build(long seed) {
        Sequential model = new Sequential();
        layers.forEach(l -> model.add(l.build()));
        return model.seed(seed).build(input.get(0), input.get(1));
    }

    /** The state-dict name in the source file for our parameter {@code ours} ("0.weight_ih_l0") of layer k. */
    public String sourceName(int k, String ours) {
        String source = layers.get(k).source();
        String param = ours.substring(ours.indexOf('.') + 1);
        if (source == null) {
            return ours;
        }
        int at = source.indexOf('@');
        String module = at < 0 ? source : source.substring(0, at);
        int sub = at < 0 ? 0 : Integer.parseInt(source.substring(at + 1));
        return module + "." + (param.endsWith("_l0") ? param.substring(0, param.length() - 1) + sub : param);
    }

    /** The JSON form. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode in = root.putArray("input");
        if (input.get(0) == -1) {
            in.addNull();
        } else {
            in.add(input.get(0));
        }
        in.add(input.get(1));
        ArrayNode ls = root.putArray("layers");
        for (LayerSpec l : layers) {
            ObjectNode n = ls.addObject();
            n.put("type", l.type());
            if (!l.type().equals("dropout")) {
                n.put("units", l.units());
            }
            if (List.of("lstm", "gru", "rnn").contains(l.type())) {
                n.put("return_sequences", l.returnSequences());
            }
            if (l.activation() != null) {
                n.put("activation", l.activation());
            }
            if (l.recurrentActivation() != null) {
                n.put("recurrent_activation", l.recurrentActivation());
            }
            if (l.resetAfter() != null) {
                n.put("reset_after", l.resetAfter());
            }
            if (l.type().equals("dropout")) {
                n.put("rate", l.rate());
            }
            if (l.source() != null) {
                n.put("source", l.source());
            }
        }
        return root;
    }

    /** Reads the JSON form; errors name the layer and field. */
    public static NetworkSpec fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a network spec is a JSON object with \"input\" and \"layers\"");
        }
        JsonNode in = root.get("input");
        if (in == null || !in.isArray() || in.size() != 2) {
            throw new IllegalArgumentException("network spec: \"input\" must be [T, I] (T may be null); got " + in);
        }
        List<Integer> input = List.of(in.get(0).isNull() ? -1 : in.get(0).asInt(), in.get(1).asInt());
        JsonNode ls = root.get("layers");
        if (ls == null || !ls.isArray()) {
            throw new IllegalArgumentException("network spec: \"layers\" must be a list of layers");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < ls.size(); k++) {
            JsonNode n = ls.get(k);
            try {
                layers.add(new LayerSpec(text(n, "type"), n.path("units").asInt(0),
                        n.path("return_sequences").asBoolean(false), text(n, "activation"),
                        n.has("reset_after") ? n.get("reset_after").asBoolean() : null, n.path("rate").asDouble(0),
                        text(n, "source"), text(n, "recurrent_activation")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("network spec, layer " + k + ": " + e.getMessage(), e);
            }
        }
        return new NetworkSpec(input, layers);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
