package org.seqcast.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.DataFormatException;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.io.DataColumns;
import org.seqcast.io.LoadedModel;

/**
 * A request's history read into series exactly as {@code seqcast forecast} reads a data file: with the model's
 * columns (target, time, id, covariates, future-known and static columns, seasonal period) and through
 * {@link SeriesCsv}, so the time stamps, frequency, missing values and every check are the file reader's. A JSON
 * history is written out as the CSV text of a wide file (one series) and read the same way; its rows hold
 * {@value #TIME} and {@value #VALUE} (the target; null or absent after the last observation, where future
 * covariates run ahead) and the model's covariate and static columns by name.
 */
final class ModelInput {
    /** The key of a JSON row's time stamp. */
    static final String TIME = "time";
    /** The key of a JSON row's target value. */
    static final String VALUE = "value";
    /** The series id of a history sent without one when the model was not trained on exactly one series. */
    static final String DEFAULT_SERIES = "series";
    /** How a row is written: RFC 4180, quoted where needed, one line feed after each record. */
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    /** A file name for the reader: it takes the series id from a file name without its extension. */
    private static final String CSV_SUFFIX = ".csv";

    private final LoadedModel model;
    private final CsvOptions options;
    private final List<String> columns;

    ModelInput(LoadedModel model) {
        this.model = model;
        DataColumns trained = model.dataColumns();
        String time = trained.timeColumn() != null ? trained.timeColumn() : "date";
        this.options = trained.csvOptions().timeColumn(time).build();
        Set<String> c = new LinkedHashSet<>(options.covariates() == null ? List.of() : options.covariates());
        c.addAll(options.futureCovariates());
        c.addAll(options.statics());
        this.columns = List.copyOf(c);
    }

    /** The reading options (the model's columns). */
    CsvOptions options() {
        return options;
    }

    /** The covariate and static columns a JSON row may hold besides {@value #TIME} and {@value #VALUE}. */
    List<String> columns() {
        return columns;
    }

    /**
     * The series id of a history sent without one: the model's only training series (so that its training
     * scalers apply, as they do to its training file), else {@value #DEFAULT_SERIES}.
     */
    String defaultSeries() {
        Set<String> trained = model.manifest().data().lastTimeStamps().keySet();
        return trained.size() == 1 ? trained.iterator().next() : DEFAULT_SERIES;
    }

    /**
     * The series of a CSV body laid out as the model's training file; {@code series} names the series of a wide
     * file. A problem is a 400 naming the body's line and column.
     */
    List<TimeSeries> readCsv(String body, String series) {
        try {
            return SeriesCsv.read(new StringReader(body), series + CSV_SUFFIX, options);
        } catch (DataFormatException e) {
            throw ApiException.badRequest("body", "CSV " + where(e) + e.problem());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("body", "CSV: " + e.getMessage());
        }
    }

    /**
     * The series {@code series} of JSON rows (field {@code field} of the request). A row with a key the model
     * does not read, or a value of the wrong type, is a 400 naming {@code field[i].key}; problems the reader
     * finds (time stamps, gaps, missing values) name the row too.
     */
    TimeSeries readRows(String field, List<Map<String, JsonNode>> rows, String series) {
        return readLines(field, lines(field, rows, series), 0, series);
    }

    /**
     * The CSV lines of JSON rows, each checked: a row with a key the model does not read, or a value of the
     * wrong type, is a 400 naming {@code field[i].key}.
     */
    List<String> lines(String field, List<Map<String, JsonNode>> rows, String series) {
        if (rows == null || rows.isEmpty()) {
            throw ApiException.badRequest(field, "expected an array of rows {\"" + TIME + "\": ..., \"" + VALUE
                    + "\": ...}, at least one; got " + (rows == null ? "none" : "an empty array"));
        }
        List<String> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(line(cells(field, i, rows.get(i), series)));
        }
        return out;
    }

    /**
     * The series of CSV lines made by {@link #lines}; the first {@code kept} lines were sent before (a stream's),
     * so a problem the reader finds in line {@code kept + i} names {@code field[i]}, and one in a line kept
     * names the stream.
     */
    TimeSeries readLines(String field, List<String> lines, int kept, String series) {
        StringBuilder csv = new StringBuilder(line(header()));
        lines.forEach(csv::append);
        try {
            return SeriesCsv.read(new StringReader(csv.toString()), series + CSV_SUFFIX, options).get(0);
        } catch (DataFormatException e) {
            int row = e.line() - 2 - kept;
            throw ApiException.badRequest(row < 0 ? field : rowField(field, row, e.column()), e.problem());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, e.getMessage());
        }
    }

    /** One CSV record, quoted where needed, ending in a newline. */
    private static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        try (CSVPrinter out = new CSVPrinter(b, CSV)) {
            out.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    /** The CSV header of a JSON history: time, id (for a long file), target, covariates and statics. */
    private List<String> header() {
        List<String> h = new ArrayList<>();
        h.add(options.timeColumn());
        if (options.idColumn() != null) {
            h.add(options.idColumn());
        }
        h.add(options.target());
        h.addAll(columns);
        return h;
    }

    private List<String> cells(String field, int i, Map<String, JsonNode> row, String series) {
        String at = field + "[" + i + "]";
        if (row == null) {
            throw ApiException.badRequest(at, "expected a row {\"" + TIME + "\": ..., \"" + VALUE + "\": ...}; got null");
        }
        for (String key : row.keySet()) {
            if (!key.equals(TIME) && !key.equals(VALUE) && !columns.contains(key)) {
                throw ApiException.badRequest(at + "." + key, "the model reads no column '" + key + "'; a row holds "
                        + allowed());
            }
        }
        List<String> cells = new ArrayList<>();
        JsonNode time = row.get(TIME);
        if (time == null || !(time.isTextual() || time.isIntegralNumber())) {
            throw ApiException.badRequest(at + "." + TIME, "expected a time stamp (a string such as \"1960-01\" or"
                    + " \"2020-01-31T10:00\", or an integer index); got " + describe(time));
        }
        cells.add(time.asText());
        if (options.idColumn() != null) {
            cells.add(series);
        }
        cells.add(number(at + "." + VALUE, row.get(VALUE)));
        for (String c : columns) {
            cells.add(options.statics().contains(c) ? text(at + "." + c, row.get(c)) : number(at + "." + c, row.get(c)));
        }
        return cells;
    }

    private String allowed() {
        List<String> keys = new ArrayList<>(List.of(TIME, VALUE));
        keys.addAll(columns);
        return String.join(", ", keys);
    }

    /** A number cell: a JSON number, or empty for null or absent (a missing value, or the future). */
    private static String number(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isNumber()) {
            throw ApiException.badRequest(field, "expected a number or null; got " + describe(v));
        }
        return v.asText();
    }

    private static String text(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isValueNode()) {
            throw ApiException.badRequest(field, "expected a string or a number; got " + describe(v));
        }
        return v.asText();
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        String t = v.toString();
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (t.length() > 40 ? t.substring(0, 40) + "..." : t);
    }

    /** {@code field[row].key} of the reader's column: the time column is {@value #TIME}, the target {@value #VALUE}. */
    private String rowField(String field, int row, String column) {
        String at = field + "[" + row + "]";
        if (column == null) {
            return at;
        }
        if (column.equals(options.timeColumn())) {
            return at + "." + TIME;
        }
        return at + "." + (column.equals(options.target()) ? VALUE : column);
    }

    private static String where(DataFormatException e) {
        return (e.line() > 0 ? "line " + e.line() : "") + (e.column() != null ? ", column '" + e.column() + "'" : "")
                + (e.line() > 0 || e.column() != null ? ": " : "");
    }
}
