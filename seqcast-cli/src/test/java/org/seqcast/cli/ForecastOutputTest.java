package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.seqcast.data.Frequency;
import org.seqcast.data.TimeIndex;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.ForecastDistribution;

/** The forecast CSV and JSON writers: point forecasts as before, distribution columns when a forecast has them. */
class ForecastOutputTest {
    private static final TimeIndex JAN_TO_MAR = TimeIndex.of(Frequency.MONTHLY, LocalDate.of(2021, 1, 1), 3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Forecast point(String id) {
        return new Forecast(id, "theta", JAN_TO_MAR, new double[] {1.5, -2.25, 1e-7});
    }

    /** ± (k+1) and ± 2(k+1) around step k's point forecast as the 80% and 95% intervals. */
    private static Forecast withIntervals(String id) {
        Forecast f = point(id);
        double[] v = f.values();
        double[][] lo = new double[3][];
        double[][] hi = new double[3][];
        for (int k = 0; k < 3; k++) {
            lo[k] = new double[] {v[k] - (k + 1), v[k] - 2 * (k + 1)};
            hi[k] = new double[] {v[k] + (k + 1), v[k] + 2 * (k + 1)};
        }
        return f.withIntervals(new double[] {80, 95}, lo, hi);
    }

    @Test
    void pointForecastsKeepTheirColumns() {
        assertEquals("date,forecast\n2021-01-01,1.5\n2021-02-01,-2.25\n2021-03-01,1.0E-7\n",
                ForecastCsv.format(List.of(point("a"))));
        assertEquals("series_id,date,forecast\na,2021-01-01,1.5\na,2021-02-01,-2.25\na,2021-03-01,1.0E-7\n"
                        + "\"b,\"\"c\"\"\",2021-01-01,1.5\n\"b,\"\"c\"\"\",2021-02-01,-2.25\n\"b,\"\"c\"\"\",2021-03-01,1.0E-7\n",
                ForecastCsv.format(List.of(point("a"), point("b,\"c\""))));
    }

    @Test
    void intervalsAndQuantilesBecomeColumns() throws IOException {
        Forecast f = withIntervals("a");
        List<CSVRecord> rows = parse(ForecastCsv.format(List.of(f)));
        assertEquals(List.of("date", "forecast", "lo80", "hi80", "lo95", "hi95"), rows.get(0).toList());
        for (int k = 0; k < 3; k++) {
            CSVRecord r = rows.get(k + 1);
            assertEquals(f.values()[k], Double.parseDouble(r.get(1)));
            assertEquals(f.distribution().lower(80)[k], Double.parseDouble(r.get(2)));
            assertEquals(f.distribution().upper(80)[k], Double.parseDouble(r.get(3)));
            assertEquals(f.distribution().lower(95)[k], Double.parseDouble(r.get(4)));
            assertEquals(f.distribution().upper(95)[k], Double.parseDouble(r.get(5)));
        }
        Forecast q = point("q").withQuantiles(new double[] {0.1, 0.5, 0.9},
                new double[][] {{0, 1, 2}, {-3, -2, -1}, {0, 0, 0.5}});
        assertEquals("date,forecast,q10,q50,q90\n2021-01-01,1.5,0.0,1.0,2.0\n2021-02-01,-2.25,-3.0,-2.0,-1.0\n"
                + "2021-03-01,1.0E-7,0.0,0.0,0.5\n", ForecastCsv.format(List.of(q)));
    }

    @Test
    void aSeriesWithoutADistributionLeavesItsCellsEmpty() throws IOException {
        List<CSVRecord> rows = parse(ForecastCsv.format(List.of(point("a"), withIntervals("b"))));
        assertEquals(List.of("series_id", "date", "forecast", "lo80", "hi80", "lo95", "hi95"), rows.get(0).toList());
        assertEquals(List.of("a", "2021-02-01", "-2.25", "", "", "", ""), rows.get(2).toList());
        assertEquals(List.of("b", "2021-02-01", "-2.25", "-4.25", "-0.25", "-6.25", "1.75"), rows.get(5).toList());
    }

    @Test
    void jsonPointsGainTheSameFields() throws IOException {
        String plain = ForecastJson.format(List.of(point("a")));
        JsonNode p = JSON.readTree(plain).get(0).get("forecast").get(1);
        assertEquals(List.of("date", "value"), List.copyOf(iterable(p)));
        assertEquals(-2.25, p.get("value").asDouble());

        JsonNode all = JSON.readTree(ForecastJson.format(List.of(point("a"), withIntervals("b"))));
        assertFalse(all.get(0).get("forecast").get(0).has("lo80"));
        JsonNode b = all.get(1).get("forecast").get(2);
        assertEquals(List.of("date", "value", "lo80", "hi80", "lo95", "hi95"), List.copyOf(iterable(b)));
        assertEquals("2021-03-01", b.get("date").asText());
        assertEquals(1e-7 - 6, b.get("lo95").asDouble());
        assertEquals(1e-7 + 3, b.get("hi80").asDouble());
        assertTrue(plain.startsWith("[ {\n  \"series\" : \"a\",\n  \"model\" : \"theta\","), plain);
    }

    @Test
    void theDistributionTypeNamesTheColumnsBothWritersUse() throws IOException {
        Forecast f = withIntervals("a");
        List<String> names = ForecastDistribution.columns(List.of(f.distribution()));
        List<String> header = parse(ForecastCsv.format(List.of(f))).get(0).toList();
        assertEquals(names, header.subList(2, header.size()));
        JsonNode point = JSON.readTree(ForecastJson.format(List.of(f))).get(0).get("forecast").get(0);
        assertEquals(names, List.copyOf(iterable(point)).subList(2, 2 + names.size()));
    }

    private static List<String> iterable(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVFormat.DEFAULT.parse(new StringReader(csv))) {
            return p.getRecords();
        }
    }
}
