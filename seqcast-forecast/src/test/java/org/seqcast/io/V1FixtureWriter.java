package org.seqcast.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnForecaster;

/**
 * Writes the format-version-1 fixture {@code src/test/resources/modelfile/v1_model.seqcast} and the forecasts it
 * gives ({@code v1_model.expected.json}); run with {@code -Dseqcast.io.writeV1=DIR} on the last commit that wrote
 * format 1 (a15a3bf). Kept so that the fixture's origin is on record.
 */
class V1FixtureWriter {
    @Test
    @EnabledIfSystemProperty(named = "seqcast.io.writeV1", matches = ".+")
    void write() throws IOException {
        Path dir = Path.of(System.getProperty("seqcast.io.writeV1"));
        List<TimeSeries> data = ModelFileRoundTripTest.withDriver();
        FittedRnn fitted = new RnnForecaster(ModelFileRoundTripTest.tiny(3).covariates(List.of("driver")).build())
                .fit(data);
        ModelInfo info = ModelInfo.of(ModelFileRoundTripTest.DATA_SHA, data).withMetrics(Map.of("mase", 0.75))
                .withColumns("date", null);
        ModelFile.save(fitted, info, dir.resolve("v1_model.seqcast"), ModelFileRoundTripTest.CREATED);
        Map<String, String> expected = new LinkedHashMap<>();
        for (TimeSeries s : data) {
            double[] v = fitted.forecast(s).values();
            expected.put(s.id(), java.util.Arrays.stream(v).mapToObj(Double::toString)
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        String json = expected.entrySet().stream().map(e -> "  \"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        Files.writeString(dir.resolve("v1_model.expected.json"), json);
    }
}
