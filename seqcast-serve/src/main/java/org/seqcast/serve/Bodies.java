package org.seqcast.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.forecast.Forecast;

/**
 * The JSON bodies of the API as records, bound by Jackson: strict on the way in (no unknown fields, no coercion
 * of "6" to 6 or 6.5 to 6, nothing after the document), every binding error a 400 naming the field's JSON path
 * ({@code levels[1]}, {@code history[3]}).
 */
final class Bodies {
    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Bodies() {
    }

    /**
     * {@code POST /v1/models/{name}/forecast} with a JSON body.
     *
     * @param series  the series id (default: the model's only training series, else "series")
     * @param history the rows, oldest first: {@code {"time": ..., "value": ..., <covariate>: ...}}
     * @param horizon steps wanted, 1..the model's horizon (default: the model's)
     * @param levels  interval coverages in percent (default: all the model gives; [] for none)
     */
    record ForecastRequest(String series, List<Map<String, JsonNode>> history, Integer horizon, List<Double> levels) {
    }

    /**
     * {@code POST /v1/models/{name}/observe}.
     *
     * @param stream       the stream id (created on first use)
     * @param observations new rows, oldest first, each after the stream's last one (the first call sends the
     *                     history to start from)
     * @param horizon      as in a forecast
     * @param levels       as in a forecast
     */
    record ObserveRequest(String stream, List<Map<String, JsonNode>> observations, Integer horizon,
                          List<Double> levels) {
    }

    /**
     * The forecasts of a request.
     *
     * @param model      the model's name
     * @param generation the model file's load count (1, then one more at each reload)
     * @param stream     the stream id (observe only)
     * @param points     the stream's points (observe only)
     * @param forecasts  per series, as {@code seqcast forecast --json} prints them
     */
    record ForecastResponse(String model, long generation, String stream, Integer points,
                            List<SeriesForecast> forecasts) {
    }

    /**
     * One series' forecast, as {@code seqcast forecast --json} prints it.
     *
     * @param series   its id
     * @param model    the forecaster's name
     * @param note     what the forecaster noted (a fallback, an unknown category), or null
     * @param forecast per step: {@code date}, {@code value} and the interval and quantile columns
     */
    record SeriesForecast(String series, String model, String note, List<Map<String, Object>> forecast) {
        /** The first {@code steps} steps of {@code f}. */
        static SeriesForecast of(Forecast f, int steps) {
            List<Map<String, Object>> points = new ArrayList<>();
            double[] v = f.values();
            for (int k = 0; k < steps; k++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("date", f.label(k));
                p.put("value", v[k]);
                if (f.hasDistribution()) {
                    p.putAll(f.distribution().row(k));
                }
                points.add(p);
            }
            return new SeriesForecast(f.seriesId(), f.model(), f.hasNote() ? f.note() : null, points);
        }
    }

    /** The error body: {@code {"error": {"status", "field", "message"}}}. */
    record ErrorResponse(Error error) {
        record Error(int status, String field, String message) {
        }

        static ErrorResponse of(int status, String field, String message) {
            return new ErrorResponse(new Error(status, field, message));
        }
    }

    /** Binds {@code body} to {@code type}; a problem is a 400 naming the field. */
    static <T> T read(String body, Class<T> type) {
        if (body.isBlank()) {
            throw ApiException.badRequest(null, "the body is empty; expected a JSON object");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest(null, "the body is null; expected a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            throw ApiException.badRequest(path, "unknown field '" + e.getPropertyName() + "'; expected one of "
                    + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest(path(e), "expected " + expected(e.getTargetType()) + "; "
                    + e.getOriginalMessage().replaceAll(" \\(token `JsonToken\\.\\w+`\\)", ""));
        } catch (JsonMappingException e) {
            throw ApiException.badRequest(path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "the body is not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** What a field of {@code type} takes, in words. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a row object {\"time\": ..., \"value\": ...}";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON object";
    }

    /** The JSON text of {@code value}. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The JSON path of a binding error: {@code history[3].value}; null at the top. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? null : b.toString();
    }
}
