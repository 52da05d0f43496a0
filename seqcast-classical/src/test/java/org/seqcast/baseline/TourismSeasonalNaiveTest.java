package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seqcast.metrics.Metrics;

/**
 * The tourism competition's seasonal naive benchmark, reproduced from the data (copied from
 * shared/datasets/tourism, see its README): MAPE averaged over series must be the published 23.61 (yearly, 518
 * series, h 4), 16.46 (quarterly, 427, h 8) and 22.56 (monthly, 366, h 24). This checks the data, the
 * holdout protocol, the seasonal naive forecast and the MAPE definition together.
 */
class TourismSeasonalNaiveTest {
    /** series_id -> (train values, test values), from the long layout series_id,split,t,date,value. */
    private static Map<String, List<List<Double>>> read(String file) throws IOException {
        Map<String, List<List<Double>>> series = new LinkedHashMap<>();
        try (InputStream in = TourismSeasonalNaiveTest.class.getResourceAsStream("/tourism/" + file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            assertEquals("series_id,split,t,date,value", header, file + " header");
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                List<List<Double>> parts = series.computeIfAbsent(f[0], k -> List.of(new ArrayList<>(), new ArrayList<>()));
                parts.get(f[1].equals("train") ? 0 : 1).add(Double.parseDouble(f[4]));
            }
        }
        return series;
    }

    private static double[] array(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest
    @CsvSource({"tourism_yearly.csv, 1, 518, 23.61", "tourism_quarterly.csv, 4, 427, 16.46",
        "tourism_monthly.csv, 12, 366, 22.56"})
    void seasonalNaiveReproducesThePublishedMape(String file, int m, int count, double published) throws IOException {
        Map<String, List<List<Double>>> series = read(file);
        assertEquals(count, series.size(), file + " series");
        double sum = 0;
        for (List<List<Double>> s : series.values()) {
            double[] train = array(s.get(0));
            double[] test = array(s.get(1));
            sum += Metrics.mape(test, SimpleBaselines.seasonalNaive(train, test.length, m));
        }
        assertEquals(published, Math.round(sum / series.size() * 100) / 100.0, 1e-9, file);
    }
}
