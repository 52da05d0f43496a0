package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long files: an id column, one series per id. */
class SeriesCsvLongTest {
    private static final String STORES = String.join("\n",
            "store,date,sales,price",
            "A,2020-01-06,10,1.5",
            "B,2020-01-06,100,2.5",
            "A,2020-01-13,11,1.5",
            "B,2020-01-13,101,2.5",
            "A,2020-01-20,12,1.6",
            "B,2020-01-27,103,2.7",
            "A,2020-01-27,13,1.7",
            "C,2020-02-03,7,9",
            "C,2020-02-10,8,9",
            "");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void oneSeriesPerIdInOrderOfFirstAppearance() throws IOException {
        CsvOptions o = CsvOptions.builder().idColumn("store").target("sales").covariates("price")
                .missingPolicy(MissingPolicy.INTERPOLATE).build();
        List<TimeSeries> all = SeriesCsv.read(write("stores.csv", STORES), o);
        assertEquals(List.of("A", "B", "C"), all.stream().map(TimeSeries::id).toList());
        for (TimeSeries s : all) {
            assertEquals(Frequency.WEEKLY, s.frequency());
            assertEquals("sales", s.target());
            assertEquals(List.of("price"), s.covariateNames());
        }
        assertArrayEquals(new double[] {10, 11, 12, 13}, all.get(0).values());
        // B misses 2020-01-20: a missing time stamp, interpolated.
        TimeSeries b = all.get(1);
        assertEquals(4, b.size());
        assertEquals("2020-01-06", b.index().label(0));
        assertArrayEquals(new double[] {100, 101, 102, 103}, b.values(), 1e-12);
        assertArrayEquals(new double[] {2.5, 2.5, 2.6, 2.7}, b.column("price"), 1e-12);
        assertEquals("2020-02-03", all.get(2).index().label(0));
        assertEquals(2, all.get(2).size());
    }

    @Test
    void missingTimeStampsAreCountedAndRefusedByDefault() throws IOException {
        Path file = write("stores.csv", STORES);
        CsvOptions o = CsvOptions.builder().idColumn("store").target("sales").build();
        List<SeriesCsv.RawSeries> raw = SeriesCsv.readRaw(file, o);
        MissingReport b = raw.get(1).missing();
        assertEquals(1, b.missingTimeStamps());
        assertEquals(1, b.total());
        assertEquals("2020-01-20", b.firstMissingLabel());
        assertTrue(raw.get(0).missing().isComplete());
        DataFormatException e = assertThrows(DataFormatException.class, () -> SeriesCsv.read(file, o));
        assertEquals("stores.csv", e.file());
        assertEquals(0, e.line());
        assertTrue(e.getMessage().contains("series 'B' has 1 missing value") && e.getMessage().contains("2020-01-20")
                && e.getMessage().contains("1 time stamp is absent"), e.getMessage());
    }

    @Test
    void seriesAreSortedWithinButNotAcross() {
        String text = "id,date,v\nA,2020-02-01,1\nA,2020-01-01,2\n";
        DataFormatException e = assertThrows(DataFormatException.class, () -> SeriesCsv.read(new StringReader(text),
                "x.csv", CsvOptions.builder().idColumn("id").build()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("in series 'A'") && e.getMessage().contains("sort"), e.getMessage());
    }

    @Test
    void theFinestFrequencyFitsEverySeries() {
        String text = "id,date,v\nA,2020-01-01,1\nA,2020-02-01,2\nA,2020-03-01,3\nB,2020-01-01,1\nB,2020-04-01,2\n"
                + "C,2020-05-01,4\n";
        List<SeriesCsv.RawSeries> raw = SeriesCsv.readRaw(new StringReader(text), "x.csv",
                CsvOptions.builder().idColumn("id").build());
        assertEquals(Frequency.MONTHLY, raw.get(1).series().frequency());
        assertEquals(4, raw.get(1).series().size());
        assertEquals(2, raw.get(1).missing().missingTimeStamps());
        assertEquals(1, raw.get(2).series().size());
    }

    @Test
    void tourismQuarterly() {
        Path file = Path.of("../testdata/tourism/tourism_quarterly.csv");
        assumeTrue(Files.isRegularFile(file), "tourism data not present");
        List<TimeSeries> all = SeriesCsv.read(file, CsvOptions.builder().idColumn("series_id").timeColumn("date")
                .target("value").build());
        assertEquals(427, all.size());
        assertEquals("Q1", all.get(0).id());
        assertEquals("1979-01-01", all.get(0).index().label(0));
        assertTrue(all.stream().allMatch(s -> s.frequency().equals(Frequency.QUARTERLY) && s.seasonalPeriod() == 4));
    }
}
