package org.seqcast.serve;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;

/**
 * The parsing of request bodies under a coverage-guided fuzzer (Jazzer), as the handler runs it without the
 * network: the same bytes as a JSON forecast request, a JSON observe request and a CSV body, each through to the
 * forecast. Every input either forecasts or is refused with an {@link ApiException} of a 4xx status and a message;
 * anything else (another exception, an OutOfMemoryError, a hang) is a finding. The test suite replays the corpus
 * (src/test/resources/org/seqcast/serve/ServeFuzzTestInputs/requestBodyParsesOrSaysWhy/); {@code bash
 * tools/fuzz/fuzz.sh} fuzzes it for a while.
 */
class ServeFuzzTest {
    /** A seasonal naive model of airpassengers: forecasting costs nothing, so the fuzzer spends its time parsing. */
    private static final ServedModel MODEL = model();
    private static final Streams STREAMS = new Streams(4, 64);

    private static ServedModel model() {
        TimeSeries air = Fixtures.air();
        byte[] bytes = ModelFile.toBytes(BaselineForecaster.of("snaive", 6).fit(List.of(air)),
                ModelInfo.of(Fixtures.SHA, List.of(air)).withColumns("date", null));
        LoadedModel loaded = ModelFile.load(bytes);
        return new ServedModel("air", Path.of("air.seqcast"), loaded, new ServedModel.Stamp(0, bytes.length, null), 1);
    }

    @FuzzTest(maxDuration = "5m")
    void requestBodyParsesOrSaysWhy(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ModelInput in = new ModelInput(MODEL.model());
        int h = MODEL.model().forecaster().horizon();
        try {
            Bodies.ForecastRequest r = Bodies.read(text, Bodies.ForecastRequest.class);
            Forecasting.Options o = Forecasting.Options.of(r.horizon(), r.levels(), h);
            String id = r.series() == null ? in.defaultSeries() : r.series();
            Forecasting.forecast(MODEL, List.of(in.readRows("history", r.history(), id)), o, "history");
        } catch (ApiException e) {
            requireRefusal(e);
        }
        try {
            Bodies.ObserveRequest r = Bodies.read(text, Bodies.ObserveRequest.class);
            Forecasting.Options o = Forecasting.Options.of(r.horizon(), r.levels(), h);
            List<String> added = in.lines("observations", r.observations(), in.defaultSeries());
            STREAMS.update(r.stream(), added, u -> Forecasting.forecast(MODEL,
                    List.of(in.readLines("observations", u.lines(), u.kept(), in.defaultSeries())), o, "observations"));
        } catch (ApiException e) {
            requireRefusal(e);
        }
        try {
            Forecasting.forecast(MODEL, in.readCsv(text, in.defaultSeries()), Forecasting.Options.of(null, null, h),
                    "body");
        } catch (ApiException e) {
            requireRefusal(e);
        }
    }

    private static void requireRefusal(ApiException e) {
        if (e.status() < 400 || e.status() > 499 || e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("a refusal needs a 4xx status and a message", e);
        }
    }
}
