package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: every message names the file, and the line and column where there is one. */
class SeriesCsvErrorsTest {
    @TempDir
    Path dir;

    private static DataFormatException fails(String text) {
        return fails(text, CsvOptions.defaults());
    }

    private static DataFormatException fails(String text, CsvOptions options) {
        return assertThrows(DataFormatException.class,
                () -> SeriesCsv.read(new StringReader(text), "sales.csv", options));
    }

    private static void assertMentions(DataFormatException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void missingFileAndDirectory() throws IOException {
        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> SeriesCsv.read(dir.resolve("nope.csv"), CsvOptions.defaults()));
        assertEquals("nope.csv", missing.file());
        assertMentions(missing, "nope.csv: file not found", dir.resolve("nope.csv").toAbsolutePath().toString());
        Path sub = Files.createDirectory(dir.resolve("data.csv"));
        assertMentions(assertThrows(DataFormatException.class, () -> SeriesCsv.read(sub, CsvOptions.defaults())),
                "data.csv: this is a directory");
    }

    @Test
    void emptyFileAndHeaderOnly() {
        assertMentions(fails(""), "sales.csv: the file is empty", "header row");
        assertMentions(fails("\n  \n"), "sales.csv: the file is empty");
        assertMentions(fails("date,value\n"), "sales.csv: the file has a header (date, value) but no data rows");
    }

    @Test
    void missingColumnListsTheColumns() {
        DataFormatException e = fails("date,value\n2020-01-01,1\n2020-02-01,2\n",
                CsvOptions.builder().target("sales").build());
        assertEquals(1, e.line());
        assertEquals("sales", e.column());
        assertMentions(e, "sales.csv, line 1, column 'sales': no such column", "the columns are date, value");
        assertMentions(fails("date,value\n2020-01-01,1\n", CsvOptions.builder().timeColumn("Date").build()),
                "column 'Date'", "time column", "case-sensitive");
    }

    @Test
    void unparsableNumber() {
        DataFormatException e = fails("date,value\n2020-01-01,1\n2020-02-01,abc\n2020-03-01,3\n");
        assertEquals(3, e.line());
        assertEquals("sales.csv, line 3, column 'value': cannot parse 'abc' as a number; write numbers with '.' as"
                + " the decimal point, or leave the cell empty for a missing value", e.getMessage());
        DataFormatException comma = fails("date;value\n2020-01-01;1,5\n2020-02-01;2\n",
                CsvOptions.builder().delimiter(';').build());
        assertEquals(2, comma.line());
        assertMentions(comma, "'1,5'", "'.' as the decimal point");
        assertMentions(fails("date,value\n2020-01-01,1,5\n", CsvOptions.defaults()), "line 2", "3 cells");
        assertMentions(fails("date,value\n2020-01-01,abc\n2020-02-01,def\n"), "no numeric column",
                "column 'value' holds text such as 'abc' on line 2");
    }

    @Test
    void unparsableDate() {
        DataFormatException e = fails("date,value\n2020-01-01,1\n2020-13-01,2\n");
        assertEquals(3, e.line());
        assertEquals("date", e.column());
        assertMentions(e, "cannot parse '2020-13-01' as a time stamp", "MonthOfYear", "2020-01-31");
        assertMentions(fails("date,value\n2020-01-01,1\n01/02/2020,2\n"), "line 3", "'01/02/2020'", "dd/MM/yyyy");
        assertMentions(fails("t,value\n1,1\n2020-01-01,2\n"), "line 3", "column 't'", "integer time key");
        assertMentions(fails("date,value\n2020-01-01,1\n,2\n"), "line 3", "empty time stamp");
        assertMentions(fails("split,when,value\ntrain,2020-01-01,1\n"), "line 2", "column 'split'", "'train'",
                "name the time column");
    }

    @Test
    void duplicateTimeStampNamesBothLines() {
        DataFormatException e = fails("date,value\n2020-01-01,1\n2020-02-01,2\n2020-02-01,3\n");
        assertEquals(4, e.line());
        assertMentions(e, "duplicate time stamp", "2020-02-01 (line 3) and 2020-02-01 (line 4)");
    }

    @Test
    void unsortedTimeStamps() {
        DataFormatException e = fails("date,value\n2020-01-01,1\n2020-03-01,2\n2020-02-01,3\n");
        assertEquals(4, e.line());
        assertMentions(e, "must increase", "2020-03-01 (line 3) is followed by 2020-02-01 (line 4)", "sort the rows");
    }

    @Test
    void irregularSpacing() {
        DataFormatException e = fails("date,value\n2020-01-06,1\n2020-01-13,2\n2020-01-23,3\n");
        assertEquals(4, e.line());
        assertMentions(e, "not evenly spaced", "2020-01-13 (line 3) is followed by 2020-01-23 (line 4)", "10 days",
                "7 days");
        assertMentions(fails("date,value\n2020-01-01,1\n2020-02-01,2\n2020-02-15,3\n",
                CsvOptions.builder().frequency(Frequency.MONTHLY).build()), "line 4", "not on the monthly grid");
    }

    @Test
    void blankId() {
        DataFormatException e = fails("id,date,v\nA,2020-01-01,1\n,2020-02-01,2\n",
                CsvOptions.builder().idColumn("id").build());
        assertEquals(3, e.line());
        assertEquals("id", e.column());
        assertMentions(e, "blank series id");
    }

    @Test
    void textColumnAsCovariateOrTarget() {
        String text = "date,value,note\n2020-01-01,1,ok\n2020-02-01,2,late\n";
        DataFormatException e = fails(text, CsvOptions.builder().covariates("note").build());
        assertEquals(2, e.line());
        assertEquals("note", e.column());
        assertMentions(e, "covariate must hold numbers", "'ok'");
        assertMentions(fails(text, CsvOptions.builder().target("note").build()), "target must hold numbers");
        assertMentions(fails(text, CsvOptions.builder().covariates("date").build()), "time column");
    }

    @Test
    void raggedRows() {
        DataFormatException e = fails("date,value\n2020-01-01,1\n2020-02-01,2,7\n2020-03-01,3\n");
        assertEquals(3, e.line());
        assertNull(e.column());
        assertMentions(e, "3 cells", "2 columns (date, value)");
        assertMentions(fails("date,value\n2020-01-01\n"), "line 2", "1 cells");
    }

    @Test
    void badHeaders() {
        assertMentions(fails("date,value,value\n2020-01-01,1,2\n"), "line 1", "column 'value'", "twice");
        assertMentions(fails("date,,x\n2020-01-01,1,2\n"), "line 1", "column 2", "no name");
        assertMentions(fails("date;value\n2020-01-01;1\n"), "one column", "';'");
    }

    @Test
    void malformedQuotesAndEncoding() throws IOException {
        DataFormatException quote = fails("date,value\n2020-01-01,\"1\n2020-02-01,2\n");
        assertEquals(2, quote.line());
        assertMentions(quote, "malformed CSV", "quote");
        Path latin1 = Files.write(dir.resolve("latin.csv"), new byte[] {'d', ',', 'v', (byte) 0xE9, '\n'});
        assertMentions(assertThrows(DataFormatException.class, () -> SeriesCsv.read(latin1, CsvOptions.defaults())),
                "latin.csv", "UTF-8");
    }

    @Test
    void oneRowNeedsAFrequency() {
        assertMentions(fails("date,value\n2020-01-01,1\n"), "line 2", "only one time stamp", "give the frequency");
        TimeSeries s = SeriesCsv.read(new StringReader("date,value\n2020-01-01,1\n"), "one.csv",
                CsvOptions.builder().frequency(Frequency.MONTHLY).build()).get(0);
        assertEquals(1, s.size());
        assertEquals("2020-02-01", s.index().following(1).label(0));
    }

    @Test
    void emptyNaAndNanAreMissingAndBlankLinesKeepLineNumbers() {
        String text = "\uFEFFdate,value\n\n2020-01-01,1\r\n2020-02-01,NA\n\n2020-03-01, nan \n2020-04-01,\n2020-05-01,x\n";
        DataFormatException e = fails(text);
        assertEquals(8, e.line());
        assertMentions(e, "'x'");
        String ok = text.replace("2020-05-01,x", "2020-05-01,5");
        SeriesCsv.RawSeries raw = SeriesCsv.readRaw(new StringReader(ok), "s.csv", CsvOptions.defaults()).get(0);
        assertEquals(3, raw.missing().total());
        assertEquals(0, raw.missing().missingTimeStamps());
        DataFormatException refused = assertThrows(DataFormatException.class,
                () -> SeriesCsv.read(new StringReader(ok), "s.csv", CsvOptions.defaults()));
        assertEquals(4, refused.line());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, raw.fill(MissingPolicy.INTERPOLATE).values(), 1e-12);
    }

    @Test
    void interpolationFailureAtTheEndPointsAtItsLine() {
        DataFormatException e = fails("date,value\n2020-01-01,1\n2020-02-01,2\n2020-03-01,\n",
                CsvOptions.builder().missingPolicy(MissingPolicy.INTERPOLATE).build());
        assertEquals(4, e.line());
        assertEquals("value", e.column());
        assertMentions(e, "cannot be interpolated", "ffill");
    }

    @Test
    void quotedCellsAndSurroundingSpacesAreFine() {
        TimeSeries s = SeriesCsv.read(new StringReader("\"date\", \"value\"\n\"2020-01-01\", \"1.5\"\n2020-02-01 ,2\n"),
                "q.csv", CsvOptions.defaults()).get(0);
        assertArrayEquals(new double[] {1.5, 2}, s.values());
        assertEquals("value", s.id());
    }
}
