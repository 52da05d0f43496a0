package org.seqcast.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fixtures written by R (tools/golden/accuracy_r.R, smoothing_r.R), read from testdata/r on the test class path.
 */
public final class RFixture {
    private RFixture() {
    }

    /** The parsed JSON of testdata/r/{@code name}, e.g. "smoothing_r.json". */
    public static JsonNode json(String name) {
        String path = "/r/" + name;
        try (InputStream in = RFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture testdata" + path + "; run its generator in tools/golden/");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read testdata" + path, e);
        }
    }

    /** A JSON array (or an object's "data" array) as doubles. */
    public static double[] doubles(JsonNode node) {
        JsonNode data = node.has("data") ? node.get("data") : node;
        double[] d = new double[data.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = data.get(k).asDouble();
        }
        return d;
    }
}
