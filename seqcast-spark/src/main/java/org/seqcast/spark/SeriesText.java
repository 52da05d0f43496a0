package org.seqcast.spark;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Row;
import org.seqcast.data.DataFormatException;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;

/**
 * The rows of one group (a series, or a group of series) as the CSV text a file of them would hold, read by
 * {@link SeriesCsv}: the series, checks and messages of the command-line tool. Rows come as {@link Prepared}
 * lays them out (key, id, sort key, time as text, target, covariates), ordered by id and time; numbers are
 * written with {@link Double#toString}, which reads back to the same bits.
 */
final class SeriesText {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private SeriesText() {
    }

    /** The CSV text of {@code rows}: a header of the id, time and value columns, then one line per row. */
    static String csv(Iterator<Row> rows, SeriesColumns columns) {
        StringBuilder w = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
            List<String> header = new ArrayList<>(List.of(columns.id(), columns.time()));
            header.addAll(columns.values());
            csv.printRecord(header);
            int width = 2 + columns.values().size();
            while (rows.hasNext()) {
                Row r = rows.next();
                csv.print(cell(r.get(Prepared.ID)));
                for (int c = Prepared.TIME; c < Prepared.TIME + width - 1; c++) {
                    csv.print(cell(r.get(c)));
                }
                csv.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return w.toString();
    }

    /** The series of CSV text {@code text}, named {@code source} in messages. */
    static List<TimeSeries> read(String text, String source, SeriesColumns columns) {
        return SeriesCsv.read(new StringReader(text), source, columns.options());
    }

    /**
     * Checks that the table has the columns named, as a file's header is checked: the message of a missing one
     * is the command-line tool's (it names the column, its role and the columns there are).
     */
    static void checkHeader(List<String> tableColumns, String name, SeriesColumns columns) {
        StringBuilder w = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
            csv.printRecord(tableColumns);
            csv.printRecord(tableColumns.stream().map(c -> "").toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            SeriesCsv.read(new StringReader(w.toString()), name, columns.options());
        } catch (DataFormatException e) {
            if (e.line() == 1) {
                throw e; // a problem of the header: a missing column, or one named in two roles
            }
            // the row of empty cells is no data: what it says is not about the columns
        }
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.toString(d);
        }
        return v.toString();
    }
}
