package org.seqcast.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The cells of a CSV text: a header of distinct column names and the data rows, each with its physical line
 * (header = line 1). Cells are trimmed; blank lines are skipped; every row has one cell per column.
 *
 * @param file   file name for messages
 * @param header column names in file order
 * @param rows   data rows
 * @param lines  the line of each row
 * @param decimal the decimal mark of its numbers ('.' or ',')
 */
record CsvTable(String file, List<String> header, List<String[]> rows, int[] lines, char decimal) {
    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");

    /** Parses {@code text} (commons-csv, RFC 4180 quoting) with the delimiter and decimal mark of the options. */
    static CsvTable parse(String text, String file, CsvOptions options) {
        char delimiter = options.delimiter();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new DataFormatException(file, 0, null, "the file is empty; expected a header row such as"
                    + " 'date,value' followed by one row per time stamp");
        }
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).get();
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        CSVParser parser = null;
        try {
            parser = CSVParser.parse(new StringReader(text), format);
            for (CSVRecord r : parser) {
                String[] cells = r.values();
                if (isBlank(cells)) {
                    continue; // a line of spaces
                }
                int line = lineOf(text, lineStarts, r.getCharacterPosition());
                if (header == null) {
                    header = header(stripped(cells), file, line, delimiter);
                } else {
                    rows.add(row(cells, header, file, line));
                    lines.add(line);
                }
            }
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            String detail = String.valueOf(cause.getMessage());
            Matcher start = START_LINE.matcher(detail);
            long at = start.find() ? Long.parseLong(start.group(1)) : parser == null ? 0 : parser.getCurrentLineNumber();
            throw new DataFormatException(file, (int) Math.min(at, Integer.MAX_VALUE), null, "malformed CSV: "
                    + START_LINE.matcher(detail).replaceAll("").strip() + "; check the quotes: a quoted cell must end"
                    + " with a quote, and a quote inside it is written twice (\"\")", e);
        }
        if (header == null) {
            throw new DataFormatException(file, 0, null, "the file holds only blank lines; expected a header row such"
                    + " as 'date,value' followed by one row per time stamp");
        }
        return of(file, header, rows, lines.stream().mapToInt(Integer::intValue).toArray(), options);
    }

    /**
     * The table of cells already split from their rows ({@code cells}: one array per row, null for an empty cell),
     * checked as {@link #parse} checks a file: the header's names, one cell per column, at least one row. Row i is
     * line i + 2, as in a file of the header and these rows (a row that is one blank cell is skipped, as a blank
     * line is).
     */
    static CsvTable ofCells(String file, List<String> header, List<String[]> cells, CsvOptions options) {
        if (header == null || cells == null) {
            throw new IllegalArgumentException("a table of cells needs its header and its rows");
        }
        List<String> names = header(stripped(header.stream().map(h -> h == null ? "" : h).toArray(String[]::new)),
                file, 1, options.delimiter());
        List<String[]> rows = new ArrayList<>(cells.size());
        int[] lines = new int[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            String[] row = Arrays.stream(cells.get(i)).map(c -> c == null ? "" : c).toArray(String[]::new);
            if (!isBlank(row)) {
                lines[rows.size()] = i + 2;
                rows.add(row(row, names, file, i + 2));
            }
        }
        return of(file, names, rows, Arrays.copyOf(lines, rows.size()), options);
    }

    /** A table of checked rows: refuses one without rows. */
    private static CsvTable of(String file, List<String> header, List<String[]> rows, int[] lines,
                               CsvOptions options) {
        if (rows.isEmpty()) {
            throw new DataFormatException(file, 0, null, "the file has a header (" + String.join(", ", header)
                    + ") but no data rows; expected one row per time stamp below it");
        }
        return new CsvTable(file, header, rows, lines, options.decimal());
    }

    /** True for a row that is one blank cell (a line of spaces). */
    private static boolean isBlank(String[] cells) {
        return cells.length == 1 && cells[0].isBlank();
    }

    /** The cells of a data row on {@code line}, stripped; refuses a row of another width than the header. */
    private static String[] row(String[] cells, List<String> header, String file, int line) {
        if (cells.length != header.size()) {
            throw new DataFormatException(file, line, null, "this row has " + cells.length + " cells but the"
                    + " header has " + header.size() + " columns (" + String.join(", ", header) + "); give"
                    + " every row one cell per column, empty for a missing value");
        }
        return stripped(cells);
    }

    /** {@code cells} with their surrounding white space removed (in place). */
    private static String[] stripped(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    /** The index of a column, or -1. */
    int column(String name) {
        return header.indexOf(name);
    }

    /** The index of a column that must exist; throws listing the columns there are. */
    int requireColumn(String name, String role) {
        int c = column(name);
        if (c < 0) {
            throw new DataFormatException(file, 1, name, "no such column (wanted as the " + role + "); the columns"
                    + " are " + String.join(", ", header) + "; names are case-sensitive");
        }
        return c;
    }

    private static List<String> header(String[] cells, String file, int line, char delimiter) {
        if (cells.length < 2) {
            throw new DataFormatException(file, line, null, "the header has one column ('" + cells[0] + "'); expected"
                    + " a time column and at least one value column separated by '" + delimiter + "'"
                    + (delimiter == ',' && cells[0].contains(";") ? " (this file seems to use ';': set the delimiter)"
                    : ""));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].isEmpty()) {
                throw new DataFormatException(file, line, null, "column " + (i + 1) + " of the header has no name;"
                        + " give every column a name");
            }
            if (!seen.add(cells[i])) {
                throw new DataFormatException(file, line, cells[i], "the header names this column twice; give every"
                        + " column its own name");
            }
        }
        return List.of(cells);
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || (ch == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of the record starting at {@code position} (after any empty lines the parser skipped). */
    private static int lineOf(String text, int[] lineStarts, long position) {
        int p = (int) position;
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
            p++;
        }
        int i = Arrays.binarySearch(lineStarts, p);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
