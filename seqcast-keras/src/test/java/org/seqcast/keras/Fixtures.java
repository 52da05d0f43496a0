package org.seqcast.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.seqcast.tensor.Tensor;

/** The Keras files under testdata/keras and their expected outputs (tools/keras/expected_outputs.py). */
final class Fixtures {
    private Fixtures() {
    }

    /** The path of a test resource file under keras/. */
    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/keras/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource keras/" + name, e);
        }
    }

    /** The parsed {@code <name>.expected.json}. */
    static JsonNode expected(String name) {
        try {
            return new ObjectMapper().readTree(path(name + ".expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's input x (B, T, I), float32 values. */
    static Tensor input(JsonNode fixture) {
        JsonNode x = fixture.get("x");
        int steps = fixture.get("input_shape").get(0).asInt();
        int features = fixture.get("input_shape").get(1).asInt();
        float[] v = new float[x.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) x.get(k).asDouble();
        }
        return Tensor.wrap(v, v.length / (steps * features), steps, features);
    }

    static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = array.get(k).asDouble();
        }
        return v;
    }
}
