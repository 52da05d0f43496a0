package org.seqcast.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqcast.nn.Bidirectional;
import org.seqcast.nn.Dense;
import org.seqcast.nn.GRU;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Layer;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.RepeatVector;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.SimpleRNN;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.tensor.Tensor;

/** A fixture written by tools/golden/generate_torch.py (or its sibling generate_wrappers_torch.py), read from the test class path; also the JSON helpers of the R fixture tests. */
public final class GoldenFixture {
    final String name;
    final JsonNode root;

    private GoldenFixture(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    static GoldenFixture load(String name) {
        return new GoldenFixture(name, json("/golden/" + name + ".json"));
    }

    /** A JSON file from the test class path. */
    public static JsonNode json(String path) {
        try (InputStream in = GoldenFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path + "; run its generator in tools/golden/");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static Tensor tensor(JsonNode node) {
        JsonNode shape = node.get("shape");
        int[] s = new int[shape.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = shape.get(k).asInt();
        }
        JsonNode data = node.get("data");
        float[] d = new float[data.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = (float) data.get(k).asDouble();
        }
        return Tensor.wrap(d, s);
    }

    /** A JSON array of numbers, or the "data" array of a tensor object, as doubles. */
    public static double[] doubles(JsonNode node) {
        JsonNode data = node.has("data") ? node.get("data") : node;
        double[] d = new double[data.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = data.get(k).asDouble();
        }
        return d;
    }

    Tensor x() {
        return tensor(root.get("x"));
    }

    Tensor y() {
        return tensor(root.get("y"));
    }

    Map<String, Tensor> tensors(String field) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        root.get(field).fields().forEachRemaining(e -> out.put(e.getKey(), tensor(e.getValue())));
        return out;
    }

    Map<String, double[]> doubleTensors(String field) {
        Map<String, double[]> out = new LinkedHashMap<>();
        root.get(field).fields().forEachRemaining(e -> out.put(e.getKey(), doubles(e.getValue())));
        return out;
    }

    /** The fixture's architecture as a built Sequential holding the fixture's weights. */
    Sequential model(int threads) {
        Sequential m = new Sequential().threads(threads);
        for (JsonNode layer : root.get("architecture")) {
            m.add(layer(layer));
        }
        JsonNode in = root.get("input_shape");
        m.build(in.get(0).asInt(), in.get(1).asInt());
        m.loadStateDict(tensors("params"));
        return m;
    }

    private static Layer layer(JsonNode l) {
        if (l.get("type").asText().equals("Bidirectional")) {           // generate_wrappers_torch.py
            Layer inner = layer(l.get("layer"));
            return new Bidirectional((LayerSpec.Recurrent) inner.spec(),
                    LayerSpec.Bidirectional.Merge.of(l.path("merge_mode").asText("concat")));
        }
        if (l.get("type").asText().equals("RepeatVector")) {            // generate_wrappers_torch.py
            return new RepeatVector(l.get("n").asInt());
        }
        int units = l.get("units").asInt();
        boolean seq = l.path("return_sequences").asBoolean(false);
        return switch (l.get("type").asText()) {
            case "LSTM" -> new LSTM(units).returnSequences(seq);
            case "GRU" -> new GRU(units).resetAfter(l.path("reset_after").asBoolean(true)).returnSequences(seq);
            case "SimpleRNN" -> new SimpleRNN(units).activation(Activation.of(l.path("activation").asText("tanh")))
                    .returnSequences(seq);
            case "Dense" -> new Dense(units, l.path("activation").asText("linear"));
            default -> throw new IllegalArgumentException("unknown layer type in fixture: " + l);
        };
    }
}
