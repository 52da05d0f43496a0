package org.seqcast.format;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.kernels.Activation;

/**
 * The JSON form of {@link LayerSpec}s, bound by Jackson to the records themselves (seqcast-core has no Jackson;
 * this module adds the annotations as mix-ins): a {@code "type"} property from {@link LayerSpec.Kind#type()},
 * the record components in snake case, activations, merge modes and paddings by their Keras names, and nothing else (an unknown field is
 * refused by name). Components left out take the records' defaults.
 * <pre>
 *   {"type": "lstm", "units": 50, "return_sequences": true, "activation": "tanh", "recurrent_activation": "sigmoid", "l2": 0.0}
 *   {"type": "gru", "units": 32, "return_sequences": false, "reset_after": true, ...}
 *   {"type": "rnn", "units": 16, "activation": "relu"}
 *   {"type": "dense", "units": 1, "activation": "linear", "l2": 0.0}
 *   {"type": "dropout", "rate": 0.2}
 *   {"type": "bidirectional", "layer": {"type": "lstm", "units": 8, ...}, "merge_mode": "concat"}
 *   {"type": "repeat_vector", "n": 24}
 *   {"type": "conv1d", "filters": 64, "kernel_size": 3, "strides": 1, "padding": "causal", "dilation_rate": 1,
 *    "activation": "relu", "use_bias": true, "l2": 0.0}
 *   {"type": "max_pooling1d", "pool_size": 2, "strides": 2, "padding": "valid"}   (also average_pooling1d)
 *   {"type": "global_average_pooling1d"}, {"type": "flatten"}
 * </pre>
 * Register {@link #module()} on any {@link ObjectMapper} that reads or writes {@link LayerSpec} values.
 */
public final class LayerSpecJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private LayerSpecJson() {
    }

    /** The type information on the sealed interface: the kind's type name in {@code "type"}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface TypeMixin {
    }

    /** Snake-case field names on every spec record. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    private interface NamingMixin {
    }

    /** A Jackson module for {@link LayerSpec} and {@link Activation}; the kinds come from {@link LayerSpec.Kind}. */
    public static Module module() {
        SimpleModule m = new SimpleModule("seqcast-layer-spec");
        m.setMixInAnnotation(LayerSpec.class, TypeMixin.class);
        for (LayerSpec.Kind k : LayerSpec.Kind.values()) {
            m.setMixInAnnotation(k.specClass(), NamingMixin.class);
            m.registerSubtypes(new NamedType(k.specClass(), k.type()));
        }
        m.addSerializer(Activation.class, new ActivationWriter());
        m.addDeserializer(Activation.class, new ActivationReader());
        m.addSerializer(LayerSpec.Bidirectional.Merge.class, new MergeWriter());
        m.addDeserializer(LayerSpec.Bidirectional.Merge.class, new MergeReader());
        m.addSerializer(LayerSpec.Padding.class, new PaddingWriter());
        m.addDeserializer(LayerSpec.Padding.class, new PaddingReader());
        m.addSerializer(LayerSpec.Attention.ScoreMode.class, new ScoreModeWriter());
        m.addDeserializer(LayerSpec.Attention.ScoreMode.class, new ScoreModeReader());
        return m;
    }

    /** Registers {@link #module()} and refuses fractional numbers where integers belong. */
    static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(module()).disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** A mapper that knows the layer specs (shared; configured once). */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final class ActivationWriter extends JsonSerializer<Activation> {
        @Override
        public void serialize(Activation value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.kerasName());
        }
    }

    private static final class ActivationReader extends JsonDeserializer<Activation> {
        @Override
        public Activation deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Activation) ctxt.handleUnexpectedToken(Activation.class, p);
            }
            try {
                return Activation.of(p.getText());
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), p.getText(), Activation.class);
            }
        }
    }

    // ---- Bidirectional's merge mode by its Keras name ----

    private static final class MergeWriter extends JsonSerializer<LayerSpec.Bidirectional.Merge> {
        @Override
        public void serialize(LayerSpec.Bidirectional.Merge value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(value.kerasName());
        }
    }

    private static final class MergeReader extends JsonDeserializer<LayerSpec.Bidirectional.Merge> {
        @Override
        public LayerSpec.Bidirectional.Merge deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LayerSpec.Bidirectional.Merge) ctxt.handleUnexpectedToken(LayerSpec.Bidirectional.Merge.class, p);
            }
            try {
                return LayerSpec.Bidirectional.Merge.of(p.getText());
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), p.getText(), LayerSpec.Bidirectional.Merge.class);
            }
        }
    }

    private static final class PaddingWriter extends JsonSerializer<LayerSpec.Padding> {
        @Override
        public void serialize(LayerSpec.Padding value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.kerasName());
        }
    }

    private static final class PaddingReader extends JsonDeserializer<LayerSpec.Padding> {
        @Override
        public LayerSpec.Padding deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LayerSpec.Padding) ctxt.handleUnexpectedToken(LayerSpec.Padding.class, p);
            }
            try {
                return LayerSpec.Padding.of(p.getText());
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), p.getText(), LayerSpec.Padding.class);
            }
        }
    }

    // ---- Attention's score mode by its Keras name ----

    private static final class ScoreModeWriter extends JsonSerializer<LayerSpec.Attention.ScoreMode> {
        @Override
        public void serialize(LayerSpec.Attention.ScoreMode value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(value.kerasName());
        }
    }

    private static final class ScoreModeReader extends JsonDeserializer<LayerSpec.Attention.ScoreMode> {
        @Override
        public LayerSpec.Attention.ScoreMode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LayerSpec.Attention.ScoreMode) ctxt.handleUnexpectedToken(LayerSpec.Attention.ScoreMode.class, p);
            }
            try {
                return LayerSpec.Attention.ScoreMode.of(p.getText());
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), p.getText(), LayerSpec.Attention.ScoreMode.class);
            }
        }
    }
}
