package org.seqcast.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Forecast;

/**
 * The API's routes on Jetty's core handler: each request is read (its body bounded), answered with JSON (or
 * text for metrics and the OpenAPI description), counted and timed. Every refusal is an {@link ApiException}
 * written as {@link Bodies.ErrorResponse}; anything else unexpected is a 500 whose message names the exception.
 */
final class ApiHandler extends Handler.Abstract {
    static final String JSON_TYPE = "application/json";
    static final String CSV_TYPE = "text/csv";
    private static final String MODELS = "/v1/models";

    private final ModelRegistry registry;
    private final Streams.PerModel streams;
    private final ServerMetrics metrics;
    private final long maxBodyBytes;
    private final byte[] openApi;

    ApiHandler(ModelRegistry registry, Streams.PerModel streams, ServerMetrics metrics, long maxBodyBytes) {
        this.registry = registry;
        this.streams = streams;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.openApi = OpenApi.bytes();
    }

    /** A response: status, content type and body. */
    private record Reply(int status, String type, byte[] body) {
        static Reply json(int status, Object body) {
            return new Reply(status, JSON_TYPE, Bodies.write(body).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String path = Request.getPathInContext(request);
        String endpoint = endpoint(path);
        Reply reply;
        try {
            reply = route(request, path);
        } catch (ApiException e) {
            reply = Reply.json(e.status(), Bodies.ErrorResponse.of(e.status(), e.field(), e.getMessage()));
        } catch (RuntimeException e) {
            reply = Reply.json(500, Bodies.ErrorResponse.of(500, null, "internal error: " + e));
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.type());
        metrics.request(endpoint, reply.status(), (System.nanoTime() - start) / 1e9);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    /** The endpoint label of a path, for the metrics (a fixed set, so that paths cannot grow the label space). */
    static String endpoint(String path) {
        if (path.startsWith(MODELS + "/")) {
            if (path.endsWith("/forecast")) {
                return "forecast";
            }
            if (path.endsWith("/observe")) {
                return "observe";
            }
            return "model";
        }
        return switch (path) {
            case MODELS -> "models";
            case "/health" -> "health";
            case "/metrics" -> "metrics";
            case "/openapi.yaml" -> "openapi";
            default -> "other";
        };
    }

    private Reply route(Request request, String path) {
        String method = request.getMethod();
        switch (path) {
            case "/health":
                requireMethod(method, HttpMethod.GET);
                return Reply.json(200, Map.of("status", "ok", "models", registry.all().size()));
            case "/metrics":
                requireMethod(method, HttpMethod.GET);
                return new Reply(200, metrics.contentType(), metrics.scrape().getBytes(StandardCharsets.UTF_8));
            case "/openapi.yaml":
                requireMethod(method, HttpMethod.GET);
                return new Reply(200, "application/yaml", openApi);
            case MODELS:
                requireMethod(method, HttpMethod.GET);
                return Reply.json(200, Map.of("models", registry.all().stream().map(ModelDescription::of).toList()));
            default:
                break;
        }
        if (!path.startsWith(MODELS + "/")) {
            throw new ApiException(404, null, "no such path: " + path + "; the API has /v1/models,"
                    + " /v1/models/{name}, /v1/models/{name}/forecast, /v1/models/{name}/observe, /health, /metrics"
                    + " and /openapi.yaml");
        }
        String[] parts = path.substring(MODELS.length() + 1).split("/", -1);
        ServedModel model = registry.get(parts[0]);
        if (parts.length == 1) {
            requireMethod(method, HttpMethod.GET);
            return Reply.json(200, ModelDescription.of(model));
        }
        if (parts.length == 2 && parts[1].equals("forecast")) {
            requireMethod(method, HttpMethod.POST);
            return Reply.json(200, forecast(request, model));
        }
        if (parts.length == 2 && parts[1].equals("observe")) {
            requireMethod(method, HttpMethod.POST);
            return Reply.json(200, observe(request, model));
        }
        throw new ApiException(404, null, "no such path: " + path + "; a model has /v1/models/{name},"
                + " /v1/models/{name}/forecast and /v1/models/{name}/observe");
    }

    private static void requireMethod(String method, HttpMethod allowed) {
        if (!allowed.is(method)) {
            throw new ApiException(405, null, "method " + method + " is not allowed here; use " + allowed);
        }
    }

    /** A forecast from a JSON body ({@link Bodies.ForecastRequest}) or a CSV body with query parameters. */
    private Bodies.ForecastResponse forecast(Request request, ServedModel model) {
        ModelInput input = new ModelInput(model.model());
        int maxHorizon = model.model().forecaster().horizon();
        String body = body(request);
        List<TimeSeries> series;
        Forecasting.Options options;
        if (isCsv(request)) {
            Fields query = Request.extractQueryParameters(request);
            options = Forecasting.Options.of(intParameter(query, "horizon"), levelsParameter(query), maxHorizon);
            String id = query.getValue("series");
            series = input.readCsv(body, id == null ? input.defaultSeries() : id);
        } else {
            Bodies.ForecastRequest r = Bodies.read(body, Bodies.ForecastRequest.class);
            options = Forecasting.Options.of(r.horizon(), r.levels(), maxHorizon);
            String id = r.series() == null ? input.defaultSeries() : r.series();
            series = List.of(input.readRows("history", r.history(), id));
        }
        List<Forecast> forecasts = Forecasting.forecast(model, series, options, "history");
        return new Bodies.ForecastResponse(model.name(), model.generation(), null, null,
                forecasts.stream().map(f -> Bodies.SeriesForecast.of(f, options.horizon())).toList());
    }

    /** New observations of a stream and its forecast from every point it keeps. */
    private Bodies.ForecastResponse observe(Request request, ServedModel model) {
        Bodies.ObserveRequest r = Bodies.read(body(request), Bodies.ObserveRequest.class);
        ModelInput input = new ModelInput(model.model());
        Forecasting.Options options = Forecasting.Options.of(r.horizon(), r.levels(),
                model.model().forecaster().horizon());
        String id = input.defaultSeries();
        List<String> added = input.lines("observations", r.observations(), id);
        return streams.of(model.name()).update(r.stream(), added, u -> {
            TimeSeries s = input.readLines("observations", u.lines(), u.kept(), id);
            List<Forecast> f = Forecasting.forecast(model, List.of(s), options, "observations");
            return new Bodies.ForecastResponse(model.name(), model.generation(), r.stream(), u.lines().size(),
                    f.stream().map(x -> Bodies.SeriesForecast.of(x, options.horizon())).toList());
        });
    }

    private static boolean isCsv(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(CSV_TYPE);
    }

    /** The body as UTF-8 text, at most {@code maxBodyBytes} (else a 413). */
    private String body(Request request) {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared + " bytes");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new ApiException(408, "body", "the body did not arrive in full (" + e.getMessage() + "); send it"
                    + " without pauses longer than the server's idle timeout");
        }
    }

    private ApiException tooLarge(String size) {
        return new ApiException(413, "body", "the body has " + size + "; this server takes at most " + maxBodyBytes
                + " bytes (send less history: a forecast reads only the model's window)");
    }

    private static Integer intParameter(Fields query, String name) {
        String v = query.getValue(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "expected an integer; got '" + v + "'");
        }
    }

    /** {@code levels=80,95}, {@code levels=none} or absent (null). */
    private static List<Double> levelsParameter(Fields query) {
        String v = query.getValue("levels");
        if (v == null) {
            return null;
        }
        if (v.trim().equalsIgnoreCase("none") || v.isBlank()) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (String item : Arrays.asList(v.split(",", -1))) {
            try {
                out.add(Double.parseDouble(item.trim()));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("levels", "expected coverages in percent, comma-separated, e.g. 80,95"
                        + " (or none); got '" + v + "'");
            }
        }
        return out;
    }
}
