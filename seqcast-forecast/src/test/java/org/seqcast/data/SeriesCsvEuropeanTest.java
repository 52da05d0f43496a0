package org.seqcast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A European spreadsheet's export: cells separated by ';', decimal commas, dates as dd.MM.yyyy; and a wide file's
 * series named by its target column whatever the file is called.
 */
class SeriesCsvEuropeanTest {
    private static final String EXPORT = "Datum;Umsatz;Preis\n01.01.2020;1234,5;2,99\n01.02.2020;1300;3,10\n"
            + "01.03.2020;-12,25;\"3,05\"\n01.04.2020;1,5e3;NA\n";

    private static final CsvOptions EUROPEAN = CsvOptions.builder().delimiter(';').decimal(',')
            .datePattern("dd.MM.yyyy").target("Umsatz").covariates("Preis").missingPolicy(MissingPolicy.FORWARD_FILL).build();

    private static List<TimeSeries> read(String text, String name, CsvOptions options) {
        return SeriesCsv.read(new StringReader(text), name, options);
    }

    @Test
    void semicolonsAndDecimalCommas() {
        TimeSeries s = read(EXPORT, "umsatz.csv", EUROPEAN).get(0);
        assertEquals(Frequency.MONTHLY, s.frequency());
        assertArrayEquals(new double[] {1234.5, 1300, -12.25, 1500}, s.values());
        assertArrayEquals(new double[] {2.99, 3.10, 3.05, 3.05}, s.column("Preis"));
        // without the options the message points at them
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(EXPORT, "umsatz.csv",
                CsvOptions.defaults()));
        assertTrue(e.problem().contains("this file seems to use ';': set the delimiter"), e.getMessage());
        DataFormatException comma = assertThrows(DataFormatException.class, () -> read(EXPORT, "umsatz.csv",
                EUROPEAN.toBuilder().decimal('.').build()));
        assertTrue(comma.problem().contains("'2,99' (it looks like a number with a decimal comma: set the decimal mark"
                + " to ',')"), comma.getMessage());
        DataFormatException target = assertThrows(DataFormatException.class, () -> read(EXPORT, "umsatz.csv",
                EUROPEAN.toBuilder().decimal('.').covariates((List<String>) null).build()));
        assertTrue(target.problem().startsWith("cannot parse '1234,5' as a number (it looks like a number with a"
                + " decimal comma: set the decimal mark to ',')"), target.getMessage());
    }

    @Test
    void aPointInADecimalCommaFileIsAnError() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(EXPORT.replace("1300", "1.300,0"),
                "umsatz.csv", EUROPEAN));
        assertEquals(3, e.line());
        assertEquals("Umsatz", e.column());
        assertTrue(e.problem().contains("with ',' as the decimal mark (the decimal option) and no thousands"
                + " separators"), e.getMessage());
    }

    @Test
    void theDecimalMarkIsCheckedAgainstTheDelimiter() {
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.builder().decimal(',').build());
        assertTrue(same.getMessage().contains("the delimiter and the decimal mark are both ','"), same.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.builder().delimiter(';').decimal(';').build());
        assertTrue(other.getMessage().contains("decimal mark must be '.' or ','"), other.getMessage());
        assertEquals(',', CsvOptions.builder().delimiter('\t').decimal(',').build().toBuilder().build().decimal());
    }

    @Test
    void aWideFilesSeriesIdDoesNotDependOnTheFileName() {
        TimeSeries a = read(EXPORT, "umsatz.csv", EUROPEAN).get(0);
        TimeSeries b = read(EXPORT, "copy of umsatz (2).csv", EUROPEAN).get(0);
        assertEquals("Umsatz", a.id());
        assertEquals(a.id(), b.id());
        assertEquals("value", read("date,value\n2020-01-01,1\n2020-02-01,2\n", "anything.csv", CsvOptions.defaults())
                .get(0).id());
    }
}
