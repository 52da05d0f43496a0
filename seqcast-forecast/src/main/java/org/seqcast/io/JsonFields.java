package org.seqcast.io;

import org.seqcast.format.ModelFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Typed, required fields of {@code manifest.json}; a missing or mistyped field throws a
 * {@link ModelFileException} naming the file and the field's path, e.g. {@code 'architecture.units'}.
 * Numbers that may be non-finite (losses, metrics) are written as null and read back as NaN.
 */
final class JsonFields {
    private final String source;

    JsonFields(String source) {
        this.source = source;
    }

    ModelFileException error(String path, String problem) {
        String where = path.isEmpty() ? "manifest.json " : "manifest.json: '" + path + "' ";
        return new ModelFileException(source, where + problem + "; the manifest was edited"
                + " or written by an incompatible tool: save the model again");
    }

    static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    JsonNode field(JsonNode obj, String parent, String key) {
        JsonNode v = obj.get(key);
        if (v == null || v.isMissingNode()) {
            throw error(path(parent, key), "is missing");
        }
        return v;
    }

    ObjectNode object(JsonNode obj, String parent, String key) {
        JsonNode v = field(obj, parent, key);
        if (!(v instanceof ObjectNode o)) {
            throw error(path(parent, key), "must be an object; got " + v.getNodeType());
        }
        return o;
    }

    ArrayNode array(JsonNode obj, String parent, String key) {
        JsonNode v = field(obj, parent, key);
        if (!(v instanceof ArrayNode a)) {
            throw error(path(parent, key), "must be an array; got " + v.getNodeType());
        }
        return a;
    }

    String text(JsonNode obj, String parent, String key) {
        JsonNode v = field(obj, parent, key);
        if (!v.isTextual()) {
            throw error(path(parent, key), "must be a string; got " + v);
        }
        return v.textValue();
    }

    /** A string or null. */
    String textOrNull(JsonNode obj, String parent, String key) {
        JsonNode v = field(obj, parent, key);
        return v.isNull() ? null : text(obj, parent, key);
    }

    int integer(JsonNode obj, String parent, String key) {
        return integer(field(obj, parent, key), path(parent, key));
    }

    int integer(JsonNode v, String path) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(path, "must be an integer; got " + v);
        }
        return v.intValue();
    }

    long longInteger(JsonNode obj, String parent, String key) {
        return longInteger(field(obj, parent, key), path(parent, key));
    }

    long longInteger(JsonNode v, String path) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(path, "must be an integer; got " + v);
        }
        return v.longValue();
    }

    /** A finite number. */
    double number(JsonNode obj, String parent, String key) {
        JsonNode v = field(obj, parent, key);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw error(path(parent, key), "must be a finite number; got " + v);
        }
        return v.doubleValue();
    }

    /** A number, or null for NaN. */
    double numberOrNaN(JsonNode v, String path) {
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw error(path, "must be a number or null; got " + v);
        }
        return v.doubleValue();
    }

    boolean bool(JsonNode obj, String parent, String key) {
        JsonNode v = field(obj, parent, key);
        if (!v.isBoolean()) {
            throw error(path(parent, key), "must be true or false; got " + v);
        }
        return v.booleanValue();
    }

    List<String> strings(JsonNode obj, String parent, String key) {
        ArrayNode a = array(obj, parent, key);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            if (!a.get(k).isTextual()) {
                throw error(path(parent, key) + "[" + k + "]", "must be a string; got " + a.get(k));
            }
            out.add(a.get(k).textValue());
        }
        return out;
    }

    List<Integer> integers(JsonNode obj, String parent, String key) {
        ArrayNode a = array(obj, parent, key);
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            out.add(integer(a.get(k), path(parent, key) + "[" + k + "]"));
        }
        return out;
    }

    /** Numbers or nulls (NaN). */
    double[] numbersOrNaN(JsonNode obj, String parent, String key) {
        ArrayNode a = array(obj, parent, key);
        double[] out = new double[a.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = numberOrNaN(a.get(k), path(parent, key) + "[" + k + "]");
        }
        return out;
    }

    long[] longIntegers(JsonNode obj, String parent, String key) {
        ArrayNode a = array(obj, parent, key);
        long[] out = new long[a.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = longInteger(a.get(k), path(parent, key) + "[" + k + "]");
        }
        return out;
    }

    /** {@code parser.apply(text)}, its IllegalArgumentException reported at {@code path}. */
    <T> T parse(String path, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(path, "is invalid (" + e.getMessage() + ")");
        }
    }

    /** Builds a value whose constructor validates, its IllegalArgumentException reported at {@code path}. */
    <T> T build(String path, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(path, "is invalid (" + e.getMessage() + ")");
        }
    }
}
