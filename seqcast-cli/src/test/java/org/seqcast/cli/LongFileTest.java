package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.cli.Cli.Result;

/** A long file (series_id,split,t,date,value): the first 3 series of the tourism quarterly data. */
class LongFileTest {
    @TempDir
    static Path dir;
    static Path data;
    /** Series id to its last date. */
    static final Map<String, LocalDate> LAST = new LinkedHashMap<>();

    @BeforeAll
    static void firstThreeSeries() throws Exception {
        List<String> all = Files.readAllLines(Cli.TOURISM.resolve("tourism_quarterly.csv"));
        assertEquals("series_id,split,t,date,value", all.get(0));
        List<String> kept = new ArrayList<>(List.of(all.get(0)));
        Set<String> ids = new LinkedHashSet<>();
        for (String line : all.subList(1, all.size())) {
            String[] cells = line.split(",");
            ids.add(cells[0]);
            if (ids.size() > 3) {
                break;
            }
            kept.add(line);
            LAST.merge(cells[0], LocalDate.parse(cells[3]), (a, b) -> a.isAfter(b) ? a : b);
        }
        assertEquals(3, LAST.size());
        data = Files.write(dir.resolve("tourism3.csv"), kept);
    }

    @Test
    void backtestEverySeries() throws Exception {
        Result r = Cli.ok("backtest", "--data", data, "--id", "series_id", "--time", "date", "--target", "value",
                "-H", "8", "--folds", "1", "--models", "snaive,theta", "--json", "-q");
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(8, root.get("horizon").asInt());
        assertEquals(2, root.get("models").size());
        for (JsonNode m : root.get("models")) {
            assertEquals(3, m.get("series").asInt(), m::toString);
            assertTrue(Double.isFinite(m.get("mase").asDouble()), m::toString);
        }
        Result table = Cli.ok("backtest", "--data", data, "--id", "series_id", "--time", "date", "--target", "value",
                "-H", "8", "--folds", "1", "--models", "snaive,theta");
        assertTrue(table.err().contains("backtest: 3 series, quarterly, seasonal period 4, horizon 8"), table::toString);
        assertTrue(table.out().contains("theta") && table.out().contains("snaive"), table::toString);
    }

    @Test
    void fitThenForecastEverySeries() throws Exception {
        Path model = dir.resolve("tourism.seqcast");
        Result fit = Cli.ok("fit", "--data", data, "--id", "series_id", "--time", "date", "--target", "value", "-H", "8",
                "--epochs", "2", "--units", "4", "--transform", "log1p", "--out", model, "--json", "-q");
        assertEquals(3, new ObjectMapper().readTree(fit.out()).get("series").asInt());

        Result r = Cli.ok("forecast", "--model", model, "--data", data, "--id", "series_id", "--time", "date");
        List<String> lines = r.out().lines().toList();
        assertEquals("series_id,date,forecast,lo80,hi80,lo95,hi95", lines.get(0),
                "fit's default model, the ensemble, comes with 80% and 95% intervals");
        assertEquals(1 + 3 * 8, lines.size(), r::toString);
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertEquals(7, cells.length, line);
            int k = rows.merge(cells[0], 1, Integer::sum);
            assertEquals(LAST.get(cells[0]).plusMonths(3L * k), LocalDate.parse(cells[1]), line);
            double v = Double.parseDouble(cells[2]);
            assertTrue(Double.isFinite(v) && v > 0, line);
            double lo95 = Double.parseDouble(cells[5]);
            double hi95 = Double.parseDouble(cells[6]);
            assertTrue(lo95 <= Double.parseDouble(cells[3]) && Double.parseDouble(cells[4]) <= hi95 && lo95 <= v
                    && v <= hi95, "nested intervals around the forecast: " + line);
        }
        assertEquals(Map.of("Q1", 8, "Q2", 8, "Q3", 8), rows);
    }
}
