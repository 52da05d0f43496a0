package org.seqcast.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.seqcast.cli.Main;

/** Shared test data and the single-machine command line the Spark results are compared with. */
final class Fixtures {
    /** The tourism quarterly series as the CLI reads them. */
    static final SeriesColumns QUARTERLY = SeriesColumns.of("series_id", "date", "value");

    private Fixtures() {
    }

    /** The first {@code n} series of tourism quarterly (ids in the file's order), as a CSV file in {@code dir}. */
    static Path quarterly(Path dir, int n) {
        try {
            List<String> lines = Files.readAllLines(Path.of("../testdata/tourism/tourism_quarterly.csv"));
            Set<String> ids = new LinkedHashSet<>();
            List<String> out = new ArrayList<>(List.of(lines.get(0)));
            for (String l : lines.subList(1, lines.size())) {
                String id = l.substring(0, l.indexOf(','));
                if (ids.contains(id) || ids.size() < n) {
                    ids.add(id);
                    out.add(l);
                }
            }
            Path file = dir.resolve("quarterly.csv");
            Files.write(file, out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of series {@code ids} of a CSV file (header kept), in the order of {@code ids}, as a file. */
    static void writeSeries(Path csv, List<String> ids, Path out) {
        try {
            List<String> lines = Files.readAllLines(csv);
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            for (String id : ids) {
                lines.stream().skip(1).filter(l -> l.startsWith(id + ",")).forEach(kept::add);
            }
            Files.write(out, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of entry {@code name} of a model file (a zip archive). */
    static byte[] entry(byte[] modelFile, String name) {
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(modelFile))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no entry " + name + " in the model file");
    }

    /** The CSV file as Spark reads it (header, types inferred: the date column as dates, values as doubles). */
    static Dataset<Row> read(SparkSession spark, Path csv) {
        return spark.read().option("header", true).option("inferSchema", true).csv(csv.toString());
    }

    /** Runs {@code seqcast args} in this JVM; returns what it printed on stderr, failing on a non-zero exit. */
    static String cli(String... args) {
        String result = cliFailing(args);
        assertEquals("0", result.substring(0, result.indexOf(':')), "seqcast " + String.join(" ", args) + ": "
                + result);
        return result.substring(result.indexOf(':') + 1);
    }

    /** Runs {@code seqcast args} and returns its stderr and exit code as "code:stderr". */
    static String cliFailing(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return code + ":" + buf.toString(StandardCharsets.UTF_8);
    }

    /** The rows of a CSV file written by the CLI, keyed by the joined {@code keys} columns, values joined by ','. */
    static Map<String, String> csvByKey(Path file, List<String> keys) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> header = List.of(lines.get(0).split(","));
            Map<String, String> out = new TreeMap<>();
            for (String l : lines.subList(1, lines.size())) {
                String[] cells = l.split(",", -1);
                String key = keys.stream().map(k -> cells[header.indexOf(k)]).collect(Collectors.joining("|"));
                List<String> rest = new ArrayList<>();
                for (int c = 0; c < cells.length; c++) {
                    if (!keys.contains(header.get(c))) {
                        rest.add(cells[c]);
                    }
                }
                out.put(key, String.join(",", rest));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Spark's rows keyed as {@link #csvByKey}: {@code columns} are the CLI file's in order, each named by the
     * Spark column it is (doubles written as {@link Double#toString}, as the CLI writes them; null as empty).
     */
    static Map<String, String> rowsByKey(Dataset<Row> rows, List<String> keys, List<String> columns) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            String key = keys.stream().map(k -> String.valueOf(r.get(r.fieldIndex(k)))).collect(Collectors.joining("|"));
            List<String> rest = new ArrayList<>();
            for (String c : columns) {
                Object v = r.get(r.fieldIndex(c));
                rest.add(v == null ? "" : v.toString());
            }
            out.put(key, String.join(",", rest));
        }
        return out;
    }

    /** Both maps hold the same keys and, per key, the same text (so the same doubles, bit for bit). */
    static void assertSameRows(Map<String, String> expected, Map<String, String> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the same series, models and folds");
        for (String k : expected.keySet()) {
            assertEquals(expected.get(k), actual.get(k), "row " + k);
        }
    }

    /** A local Spark session for tests (no UI, few shuffle partitions). */
    static SparkSession session(String master) {
        return SparkSession.builder().master(master).appName("seqcast-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
