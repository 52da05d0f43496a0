package org.seqcast.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seqcast backtest --spark local[1]} on a CSV file: Spark reads its cells as text, as the single-machine
 * reader does, and the scores equal the plain command's. The time column is a plain index (1, 2, ..., past 10),
 * which text order alone would put out of order.
 */
class SparkCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBacktestFromTheCommandLineEqualsThePlainCommand() throws IOException {
        Path csv = indexed(Fixtures.quarterly(dir, 3));
        List<String> common = List.of("--data", csv.toString(), "--id", "series_id", "--time", "step", "--target",
                "value", "-H", "8", "--folds", "2", "--period", "4", "--models", "theta,naive", "-q");
        Path plain = dir.resolve("plain.csv");
        Fixtures.cli(Stream.concat(Stream.of("backtest"), Stream.concat(common.stream(),
                Stream.of("--out", plain.toString()))).toArray(String[]::new));
        Path spark = dir.resolve("spark.csv");
        String previousHost = System.setProperty("spark.driver.host", "127.0.0.1");
        String previousBind = System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        try {
            Fixtures.cli(Stream.concat(Stream.of("backtest", "--spark", "local[1]"), Stream.concat(common.stream(),
                    Stream.of("--out", spark.toString()))).toArray(String[]::new));
        } finally {
            restore("spark.driver.host", previousHost);
            restore("spark.driver.bindAddress", previousBind);
        }
        Path part;
        try (Stream<Path> files = Files.list(spark)) {
            part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Map<String, String> expected = Fixtures.csvByKey(plain, List.of("model", "series", "fold"));
        assertEquals(3 * 3 * 2, expected.size(), "3 series, theta, naive and snaive, 2 folds");
        Fixtures.assertSameRows(expected, Fixtures.csvByKey(part, List.of("model", "series_id", "fold")));
    }

    /** The file with its date column replaced by each series' 1-based index, named step. */
    private Path indexed(Path quarterly) throws IOException {
        List<String> lines = Files.readAllLines(quarterly);
        List<String> header = List.of(lines.get(0).split(","));
        int date = header.indexOf("date");
        List<String> out = new ArrayList<>(List.of(lines.get(0).replace("date", "step")));
        Map<String, Integer> next = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = l.split(",", -1);
            cells[date] = String.valueOf(next.merge(cells[0], 1, Integer::sum));
            out.add(String.join(",", cells));
        }
        assertTrue(next.values().stream().allMatch(n -> n > 10), "series past index 10");
        return Files.write(dir.resolve("indexed.csv"), out);
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
