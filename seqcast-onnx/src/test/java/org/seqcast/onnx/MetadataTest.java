package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxModelMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.Seqcast;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.nn.Dense;
import org.seqcast.nn.GRU;
import org.seqcast.nn.Sequential;

/** The metadata written into metadata_props, read back by ONNX Runtime from files written by {@link OnnxExport#export}. */
class MetadataTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static FittedRnn model;
    static List<TimeSeries> series;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        series = List.of(Fixtures.series("north", 72, 50, 0.3, 8, 4), Fixtures.series("south", 66, 20, 0.1, 3, 5));
        model = Fixtures.fit(Fixtures.small(3).cell(Cell.GRU).window(12).transform(TargetTransform.LOG)
                .anchor(Anchor.SEASON).covariates(List.of("promo", "price")).build(), series);
    }

    private static OnnxModelMetadata metadata(Path file) throws Exception {
        try (Ort ort = new Ort(Files.readAllBytes(file))) {
            return ort.session().getMetadata();
        }
    }

    @Test
    void networkMetadata() throws Exception {
        Sequential network = new Sequential(new GRU(4).returnSequences(true), new Dense(2)).seed(1);
        network.build(-1, 3);
        Path file = dir.resolve("net.onnx");
        OnnxExport.export(network, OnnxExportOptions.defaults(), file);
        OnnxModelMetadata m = metadata(file);
        assertEquals("Seqcast", m.getProducerName());
        assertEquals("org.seqcast", m.getDomain());
        assertEquals("seqcast_network", m.getGraphName());
        Map<String, String> c = m.getCustomMetadata();
        assertEquals(Seqcast.version(), c.get(OnnxMetadata.VERSION));
        assertEquals("network", c.get(OnnxMetadata.KIND));
        assertEquals("GRU(4, returnSequences=true); Dense(2)", c.get(OnnxMetadata.ARCHITECTURE));
        assertEquals("false", c.get(OnnxMetadata.BAKED_SCALING));
        assertEquals("input: float32 [batch, time, 3], batch-first, as Sequential.predict takes", c.get(OnnxMetadata.INPUTS));
        assertEquals("output: float32 [batch, time, 2], as Sequential.predict returns", c.get(OnnxMetadata.OUTPUTS));
        assertFalse(c.containsKey(OnnxMetadata.HORIZON));
    }

    @Test
    void forecasterMetadataRoundTrips() throws Exception {
        Path file = dir.resolve("gru.onnx");
        OnnxExport.export(model, OnnxExportOptions.baked("south").withTargetName("sales"), file);
        Map<String, String> c = metadata(file).getCustomMetadata();
        assertEquals(Seqcast.version(), c.get(OnnxMetadata.VERSION));
        assertEquals("forecaster", c.get(OnnxMetadata.KIND));
        assertEquals("true", c.get(OnnxMetadata.BAKED_SCALING));
        assertEquals("south", c.get(OnnxMetadata.BAKED_SERIES));
        assertEquals("3", c.get(OnnxMetadata.HORIZON));
        assertEquals("12", c.get(OnnxMetadata.WINDOW));
        assertEquals("3", c.get(OnnxMetadata.NETWORK_OUTPUTS));
        assertEquals("direct", c.get(OnnxMetadata.STRATEGY));
        assertEquals("season", c.get(OnnxMetadata.ANCHOR));
        assertEquals("log", c.get(OnnxMetadata.TRANSFORM));
        assertEquals("standard", c.get(OnnxMetadata.SCALING));
        assertEquals("monthly", c.get(OnnxMetadata.FREQUENCY));
        assertEquals("12", c.get(OnnxMetadata.SEASONAL_PERIOD));
        assertEquals("sales", c.get(OnnxMetadata.TARGET));
        assertEquals(List.of("promo", "price"), strings(c.get(OnnxMetadata.COVARIATES)));
        assertEquals(List.of("month_sin", "month_cos"), strings(c.get(OnnxMetadata.CALENDAR_FEATURES)));
        assertEquals(List.of("sales", "promo", "price", "month_sin", "month_cos"), strings(c.get(OnnxMetadata.FEATURES)));
        assertEquals(List.of("north", "south"), strings(c.get(OnnxMetadata.SERIES)));
        assertTrue(c.get(OnnxMetadata.INPUTS).startsWith("input: float32 [batch, 12, 5], raw values"), c.get(OnnxMetadata.INPUTS));
        assertTrue(c.get(OnnxMetadata.OUTPUTS).startsWith("forecast: float32 [batch, 3]"), c.get(OnnxMetadata.OUTPUTS));
        JsonNode scalers = JSON.readTree(c.get(OnnxMetadata.SCALERS));
        for (Map.Entry<String, SeriesScalers> e : model.scalers().entrySet()) {
            JsonNode s = scalers.get(e.getKey());
            assertEquals("log", s.get("transform").asText());
            assertEquals(e.getValue().target().center(), s.get("target").get("center").asDouble(), 0.0);
            assertEquals(e.getValue().target().scale(), s.get("target").get("scale").asDouble(), 0.0);
            List<String> names = List.of("promo", "price");
            for (int j = 0; j < names.size(); j++) {
                JsonNode cov = s.get("covariates").get(names.get(j));
                assertEquals(e.getValue().covariates().get(j).center(), cov.get("center").asDouble(), 0.0);
                assertEquals(e.getValue().covariates().get(j).scale(), cov.get("scale").asDouble(), 0.0);
            }
        }
    }

    @Test
    void plainForecasterHasNoBakedSeries() throws Exception {
        Path file = dir.resolve("plain.onnx");
        OnnxExport.export(model, OnnxExportOptions.defaults(), file);
        Map<String, String> c = metadata(file).getCustomMetadata();
        assertEquals("false", c.get(OnnxMetadata.BAKED_SCALING));
        assertFalse(c.containsKey(OnnxMetadata.BAKED_SERIES));
        assertEquals(OnnxExportOptions.DEFAULT_TARGET, c.get(OnnxMetadata.TARGET));
        assertEquals("[\"value\",\"promo\",\"price\",\"month_sin\",\"month_cos\"]", c.get(OnnxMetadata.FEATURES));
    }

    @Test
    void exportReplacesAnExistingFile() throws Exception {
        Path file = dir.resolve("again.onnx");
        Files.writeString(file, "old");
        OnnxExport.export(model, OnnxExportOptions.defaults(), file);
        assertEquals("forecaster", metadata(file).getCustomMetadata().get(OnnxMetadata.KIND));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    private static List<String> strings(String json) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(json).forEach(n -> out.add(n.asText()));
        return out;
    }
}
