package org.seqcast.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.seqcast.data.DataFormatException;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;

/**
 * The rows of one group (a series, or a group of series) read by the library's reader from their cells
 * ({@link SeriesCsv#read(List, List, String, org.seqcast.data.CsvOptions)}): the series, checks and messages of
 * the command-line tool on a file of those rows, without writing them as CSV text first. Rows come as
 * {@link Prepared} lays them out (key, id, sort key, time as text, target, covariates), ordered by id and time;
 * text cells stay as they are and numbers are given as {@link Double#toString}, which reads back to the same bits.
 */
final class SeriesText {
    private SeriesText() {
    }

    /** The series of {@code rows}, named {@code source} in messages. */
    static List<TimeSeries> read(Iterator<Row> rows, String source, SeriesColumns columns) {
        int width = 2 + columns.values().size();
        List<String[]> cells = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            String[] c = new String[width];
            c[0] = cell(r.get(Prepared.ID));
            for (int k = 1; k < width; k++) {
                c[k] = cell(r.get(Prepared.TIME + k - 1));
            }
            cells.add(c);
        }
        return SeriesCsv.read(header(columns), cells, source, columns.options());
    }

    /**
     * Checks that the table has the columns named, as a file's header is checked: the message of a missing one
     * is the command-line tool's (it names the column, its role and the columns there are).
     */
    static void checkHeader(List<String> tableColumns, String name, SeriesColumns columns) {
        try {
            SeriesCsv.read(tableColumns, List.<String[]>of(new String[tableColumns.size()]), name, columns.options());
        } catch (DataFormatException e) {
            if (e.line() == 1) {
                throw e; // a problem of the header: a missing column, or one named in two roles
            }
            // the row of empty cells is no data: what it says is not about the columns
        }
    }

    /** The columns of the cells {@link #read} gives the reader: id, time, target, covariates. */
    private static List<String> header(SeriesColumns columns) {
        List<String> header = new ArrayList<>(List.of(columns.id(), columns.time()));
        header.addAll(columns.values());
        return header;
    }

    private static String cell(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d) {
            return Double.toString(d);
        }
        return v.toString();
    }
}
