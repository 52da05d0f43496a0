package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table already split into cells reads as the CSV text of the same header and rows: series and messages. */
class SeriesCsvCellsTest {
    private static final List<String> HEADER = List.of("store", "date", "sales", "price");
    private static final CsvOptions LONG = CsvOptions.builder().idColumn("store").target("sales").covariates("price")
            .missingPolicy(MissingPolicy.INTERPOLATE).build();

    private static List<String[]> rows(String... lines) {
        return Arrays.stream(lines).map(l -> l.split(",", -1)).toList();
    }

    private static String text(List<String> header, List<String[]> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        rows.forEach(r -> sb.append(String.join(",", r)).append('\n'));
        return sb.toString();
    }

    @Test
    void theSeriesAreThoseOfTheSameRowsAsCsvText() {
        List<String[]> rows = rows("A,2020-01-06,10,1.5", "B,2020-01-06,100,2.5", "A,2020-01-13, 11 ,",
                "B,2020-01-27,103,2.7", "A,2020-01-20,12,1.6");
        List<TimeSeries> fromCells = SeriesCsv.read(HEADER, rows, "stores", LONG);
        List<TimeSeries> fromText = SeriesCsv.read(new StringReader(text(HEADER, rows)), "stores", LONG);
        assertEquals(List.of("A", "B"), fromCells.stream().map(TimeSeries::id).toList());
        for (int s = 0; s < fromText.size(); s++) {
            TimeSeries c = fromCells.get(s);
            TimeSeries t = fromText.get(s);
            assertEquals(t.frequency(), c.frequency());
            assertEquals(t.index().label(0), c.index().label(0));
            assertArrayEquals(t.values(), c.values());
            assertArrayEquals(t.column("price"), c.column("price"));
        }
        // B misses 2020-01-13 and 2020-01-20, interpolated; A's empty price is interpolated too
        assertArrayEquals(new double[] {100, 101, 102, 103}, fromCells.get(1).values(), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.55, 1.6}, fromCells.get(0).column("price"), 1e-12);
    }

    @Test
    void nullCellsAreMissingValuesAsEmptyCellsAre() {
        List<String[]> rows = List.of(new String[] {"A", "2020-01-06", "10", "1"},
                new String[] {"A", "2020-01-13", null, null}, new String[] {"A", "2020-01-20", "12", "3"});
        TimeSeries s = SeriesCsv.read(HEADER, rows, "stores", LONG).get(0);
        assertArrayEquals(new double[] {10, 11, 12}, s.values(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, s.column("price"), 1e-12);
    }

    @Test
    void problemsGiveTheMessagesOfTheSameRowsAsCsvText() {
        List<List<String[]>> bad = List.of(
                rows("A,2020-01-06,10,1.5", "A,2020-01-13,abc,1.5"), // not a number: line 3, column sales
                rows("A,2020-01-06,10,1.5", "A,2020-01-06,11,1.5"), // a duplicated time stamp
                rows("A,2020-01-06,10,1.5", "A,2020-01-13,11"), // a short row
                rows("A,2020-01-06,10,1.5", ",2020-01-13,11,1.5"), // a blank id
                List.of()); // no rows
        for (List<String[]> rows : bad) {
            DataFormatException cells = assertThrows(DataFormatException.class,
                    () -> SeriesCsv.read(HEADER, rows, "series 'A'", LONG));
            DataFormatException text = assertThrows(DataFormatException.class,
                    () -> SeriesCsv.read(new StringReader(text(HEADER, rows)), "series 'A'", LONG));
            assertEquals(text.getMessage(), cells.getMessage());
            assertEquals(text.line(), cells.line());
        }
        // the header's checks: a missing column is named with the columns there are
        DataFormatException missing = assertThrows(DataFormatException.class, () -> SeriesCsv.read(
                List.of("store", "date", "sales"), rows("A,2020-01-06,10"), "stores", LONG));
        assertEquals("stores, line 1, column 'price': no such column (wanted as the covariate); the columns are"
                + " store, date, sales; names are case-sensitive", missing.getMessage());
    }
}
