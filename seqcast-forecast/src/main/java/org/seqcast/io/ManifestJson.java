package org.seqcast.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seqcast.data.Frequency;
import org.seqcast.format.LayerSpecJson;
import org.seqcast.format.ModelFileException;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.Combination;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;

/**
 * {@code manifest.json} to and from the {@link Manifest} records through Jackson: snake_case names, every record
 * field required, no unknown fields, no coercion ("1" is not 1), non-finite numbers written as null, the kinds
 * of {@link ForecasterSection} registered from {@link ForecasterKind}. The format and its version are read first;
 * a format-1 file binds to {@link ManifestV1} and is upgraded. Every Jackson error becomes a
 * {@link ModelFileException} naming the field's path, e.g. {@code 'forecaster.config.units' is missing}.
 */
final class ManifestJson {
    private static final JsonMapper JSON = mapper();
    /** Two-space indents, {@code "key": value}. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    private static final Pattern MISSING = Pattern.compile("Missing (?:required )?creator property '([^']+)'");

    private ManifestJson() {
    }

    private static JsonMapper mapper() {
        SimpleModule scalars = new SimpleModule("seqcast-manifest");
        text(scalars, Cell.class, Cell::label, Cell::parse);
        text(scalars, org.seqcast.forecast.Architecture.class, org.seqcast.forecast.Architecture::label,
                org.seqcast.forecast.Architecture::parse);
        text(scalars, Strategy.class, ManifestJson::lower, Strategy::parse);
        text(scalars, TargetTransform.class, TargetTransform::label, TargetTransform::parse);
        text(scalars, Scaling.class, ManifestJson::lower, Scaling::parse);
        text(scalars, Anchor.class, Anchor::label, Anchor::parse);
        text(scalars, Combination.class, Combination::label, Combination::parse);
        text(scalars, Frequency.class, Frequency::label, Frequency::parse);
        text(scalars, Instant.class, Instant::toString, Instant::parse);
        StdSerializer<Double> finiteOrNull = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
        };
        scalars.addSerializer(Double.class, finiteOrNull);
        scalars.addSerializer(Double.TYPE, finiteOrNull);
        for (ForecasterKind kind : ForecasterKind.values()) {
            scalars.registerSubtypes(new NamedType(kind.section(), kind.label()));
        }
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(scalars)
                .addModule(LayerSpecJson.module())
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String)) {
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** A value written as text and read by its own parser, whose message reports a bad value. */
    private static <T> void text(SimpleModule module, Class<T> type, Function<T, String> label,
                                 Function<String, T> parser) {
        module.addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(label.apply(v));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p));
                }
                String s = p.getText();
                try {
                    return parser.apply(s);
                } catch (RuntimeException e) {
                    throw new InvalidFormatException(p, e.getMessage(), s, type);
                }
            }
        });
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Pretty-printed UTF-8 JSON ending in a newline, {@code format} first. */
    static byte[] write(Manifest m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ModelFile.FORMAT);
        root.setAll((ObjectNode) JSON.valueToTree(m));
        try {
            return (JSON.writer(PRETTY).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write manifest.json", e);
        }
    }

    /** Parses and checks {@code manifest.json}; {@code source} names the model file in errors. */
    static Manifest read(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new ModelFileException(source, "manifest.json is not valid JSON (" + why + "): the file is"
                    + " damaged; save the model again", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(source, "manifest.json is not a JSON object: the file is damaged; save the"
                    + " model again");
        }
        JsonNode format = root.get("format");
        if (format == null || !ModelFile.FORMAT.equals(format.textValue())) {
            throw new ModelFileException(source, "manifest.json has format " + (format == null ? "(none)" : format)
                    + ", not \"" + ModelFile.FORMAT + "\": this is not a Seqcast model file");
        }
        int version = version(root, source);
        JsonNode kind = root.get("kind");
        if (kind != null && NetworkFile.KIND.equals(kind.textValue())) {
            throw new ModelFileException(source, "holds a bare network (" + NetworkFile.describeSource(root)
                    + ") without forecasting settings, so it cannot forecast dates: run it on arrays with"
                    + " 'seqcast predict', export it, or train a forecasting model with 'seqcast fit'");
        }
        ObjectNode body = ((ObjectNode) root).deepCopy();
        body.remove("format");
        try {
            if (version == 1) {
                JsonNode data = body.get("data");
                if (data instanceof ObjectNode d) {
                    ManifestV1.OPTIONAL_DATA_FIELDS.forEach(f -> d.putIfAbsent(f, d.nullNode()));
                }
                return upgrade(JSON.treeToValue(body, ManifestV1.class), source);
            }
            addLaterConfigFields(body);
            return JSON.treeToValue(body, Manifest.class);
        } catch (JsonMappingException e) {
            throw translate(e, root, source);
        } catch (JsonProcessingException e) {
            throw error(source, "", "is invalid (" + e.getOriginalMessage() + ")");
        }
    }

    /**
     * The network config fields added to format 2 after files of it were written, with what their absence means:
     * {@code quantiles} (none: a point network), {@code architecture} (recurrent). Every network section (an object with {@code architecture} and
     * {@code config}), at any depth (ensemble members, a hybrid's or a conformal forecaster's network), gets them.
     */
    private static void addLaterConfigFields(JsonNode node) {
        if (node instanceof ObjectNode o && o.has("architecture") && o.get("config") instanceof ObjectNode config) {
            config.putIfAbsent("quantiles", config.arrayNode());
            config.putIfAbsent("architecture", config.textNode(org.seqcast.forecast.Architecture.RECURRENT.label()));
        }
        node.forEach(ManifestJson::addLaterConfigFields);
    }

    private static int version(JsonNode root, String source) {
        JsonNode v = root.get("format_version");
        if (v == null) {
            throw error(source, "format_version", "is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(source, "format_version", "must be an integer; got " + v);
        }
        int version = v.intValue();
        if (version > ModelFile.FORMAT_VERSION) {
            throw new ModelFileException(source, "written by a newer Seqcast (format " + version + "); this version"
                    + " reads format " + ModelFile.FORMAT_VERSION + " and older: upgrade Seqcast to load it");
        }
        if (version < 1) {
            throw error(source, "format_version", "is " + version + ", which no Seqcast writes");
        }
        return version;
    }

    private static Manifest upgrade(ManifestV1 v1, String source) {
        try {
            return v1.upgrade();
        } catch (IllegalArgumentException e) {
            throw error(source, "", "is invalid (" + e.getMessage() + ")");
        }
    }

    /** A problem at a field of the manifest, e.g. {@code manifest.json: 'forecaster.config.units' is missing; ...}. */
    static ModelFileException error(String source, String path, String problem) {
        String where = path.isEmpty() ? "manifest.json " : "manifest.json: '" + path + "' ";
        return new ModelFileException(source, where + problem + "; the manifest was edited or written by an"
                + " incompatible tool: save the model again");
    }

    /** Jackson's error as the field's path, what was expected and what the file holds. */
    static ModelFileException translate(JsonMappingException e, JsonNode root, String source) {
        String path = path(e.getPath());
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof InvalidTypeIdException t) {
            String kind = join(path, "kind");
            if (t.getTypeId() == null) {
                return error(source, kind, "is missing (one of " + ForecasterKind.labels() + ")");
            }
            return error(source, kind, "is '" + t.getTypeId() + "', a kind this Seqcast does not know (it reads "
                    + ForecasterKind.labels() + ")");
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return error(source, path, "is not a field of this format (fields: " + names(u.getKnownPropertyIds()) + ")");
        }
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof NullPointerException) {
                return error(source, path, "has null for " + nullFields(root, e.getPath()) + ", which need values");
            }
            return error(source, path, "is invalid (" + cause.getMessage() + ")");
        }
        if (e instanceof InvalidFormatException f && f.getValue() instanceof String) {
            return error(source, path, "is invalid (" + message + ")");
        }
        Matcher missing = MISSING.matcher(message);
        if (missing.find()) {
            String field = missing.group(1);
            return error(source, path.equals(field) || path.endsWith("." + field) ? path : join(path, field),
                    "is missing");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return error(source, path, "must be " + expected(m.getTargetType()) + "; got " + at(root, e.getPath()));
        }
        return error(source, path, "is invalid (" + message + ")");
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String join(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    /** The value at the error's path in the manifest, for "got ...". */
    private static String at(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : refs) {
            if (n == null) {
                break;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
        }
        return n == null ? "nothing" : n.toString();
    }

    /** The fields of the object at the error's path that hold null. */
    private static List<String> nullFields(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : refs) {
            n = n == null ? null : r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
        }
        List<String> out = new java.util.ArrayList<>();
        if (n != null) {
            n.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    out.add(f.getKey());
                }
            });
        }
        return out;
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum() || type == Instant.class || type == Frequency.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String names(Collection<Object> ids) {
        return ids == null ? "?" : String.join(", ", ids.stream().map(String::valueOf).sorted().toList());
    }
}
