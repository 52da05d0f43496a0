package org.seqcast.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which columns of a {@link CsvTable} play which part under some {@link CsvOptions}: the time key, the series id
 * (long files), and the value columns, each checked to exist and to hold numbers. Also parses numeric cells.
 *
 * @param time    index of the time column
 * @param id      index of the id column, -1 for a wide file
 * @param target  index of the target column, -1 when each column is a series
 * @param values  indices of the value columns in file order: target and covariates, or every series column
 * @param statics indices of the static columns (text, one value per series), in the options' order
 */
record CsvColumns(int time, int id, int target, List<Integer> values, List<Integer> statics) {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Names a time column usually has, in order of preference, when none is given. */
    static final List<String> TIME_NAMES = List.of("date", "datetime", "timestamp", "time", "ds", "period", "month",
            "year", "t");

    /**
     * The time column when none is named: the first column called one of {@link #TIME_NAMES} (any case), else the
     * first column that is not the id column.
     */
    static int defaultTime(List<String> header, int id) {
        for (String name : TIME_NAMES) {
            for (int c = 0; c < header.size(); c++) {
                if (c != id && header.get(c).trim().equalsIgnoreCase(name)) {
                    return c;
                }
            }
        }
        return id == 0 ? 1 : 0;
    }

    static CsvColumns choose(CsvTable table, CsvOptions o) {
        List<String> header = table.header();
        int id = o.idColumn() == null ? -1 : table.requireColumn(o.idColumn(), "id column");
        int time = o.timeColumn() != null ? table.requireColumn(o.timeColumn(), "time column") : defaultTime(header, id);
        List<Integer> statics = new ArrayList<>();
        for (String name : o.statics()) {
            int c = table.requireColumn(name, "static column");
            if (c == time || c == id) {
                throw new DataFormatException(table.file(), 1, name, "this column is the " + (c == time ? "time" : "id")
                        + " column, so it cannot be a static column");
            }
            statics.add(c);
        }
        List<Integer> numeric = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c != time && c != id && !statics.contains(c) && isNumeric(table, c)) {
                numeric.add(c);
            }
        }
        if (o.eachColumnIsASeries()) {
            if (numeric.isEmpty()) {
                throw new DataFormatException(table.file(), 1, null, "no numeric column besides the time column '"
                        + header.get(time) + "'; the columns are " + String.join(", ", header));
            }
            return new CsvColumns(time, id, -1, numeric, List.of());
        }
        int target;
        if (o.target() != null) {
            target = table.requireColumn(o.target(), "target");
            requireValueColumn(table, target, time, id, "target");
        } else if (numeric.size() == 1) {
            target = numeric.get(0);
        } else {
            throw new DataFormatException(table.file(), 1, null, numeric.isEmpty()
                    ? "no numeric column to forecast besides the time column '" + header.get(time) + "'"
                    + textExample(table, time, id) + "; the columns are " + String.join(", ", header)
                    + "; write numbers with '.' as the decimal point, or choose the target with --target"
                    : "cannot tell which column to forecast: the numeric columns are " + names(header, numeric)
                    + "; choose one with --target (and others as covariates if wanted)");
        }
        List<Integer> values = new ArrayList<>(List.of(target));
        if (o.allCovariates()) {
            numeric.stream().filter(c -> c != target).forEach(values::add);
        } else if (o.covariates() != null) {
            for (String name : o.covariates()) {
                int c = table.requireColumn(name, "covariate");
                requireValueColumn(table, c, time, id, "covariate");
                if (c == target) {
                    throw new DataFormatException(table.file(), 1, name, "this column is the target, so it cannot also"
                            + " be a covariate");
                }
                values.add(c);
            }
        }
        for (String name : o.futureCovariates()) {
            int c = table.requireColumn(name, "future covariate");
            if (!values.contains(c)) {
                throw new DataFormatException(table.file(), 1, name, "this future covariate is not among the"
                        + " covariates read; a future-known covariate is a numeric column besides the target");
            }
        }
        if (statics.contains(target)) {
            throw new DataFormatException(table.file(), 1, header.get(target), "this column is the target, so it"
                    + " cannot be a static column");
        }
        values.sort(null);
        return new CsvColumns(time, id, target, List.copyOf(values), List.copyOf(statics));
    }

    /** True for the empty cell, NA and NaN (any case). */
    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equalsIgnoreCase("NA") || cell.equalsIgnoreCase("NaN");
    }

    /** The number in a cell of {@code table}, NaN for a missing one; throws naming the line and column otherwise. */
    static double number(CsvTable table, String cell, int line, String column) {
        if (isMissing(cell)) {
            return Double.NaN;
        }
        String numeral = numeral(table, cell);
        if (numeral != null) {
            double v = Double.parseDouble(numeral);
            if (Double.isInfinite(v)) {
                throw new DataFormatException(table.file(), line, column, "'" + cell + "' is too large for a number;"
                        + " check the cell");
            }
            return v;
        }
        throw new DataFormatException(table.file(), line, column, "cannot parse '" + cell + "' as a number"
                + decimalCommaHint(table, cell) + "; " + (table.decimal() == '.' ? "write numbers with '.' as the"
                + " decimal point" : "write numbers with ',' as the decimal mark (the decimal option) and no thousands"
                + " separators") + ", or leave the cell empty for a missing value");
    }

    /** " (it looks like a number with a decimal comma: ...)" for a cell such as 1,5 read with '.', else "". */
    private static String decimalCommaHint(CsvTable table, String cell) {
        boolean comma = table.decimal() == '.' && cell.indexOf(',') >= 0 && cell.indexOf('.') < 0
                && NUMBER.matcher(cell.replace(',', '.')).matches();
        return comma ? " (it looks like a number with a decimal comma: set the decimal mark to ',')" : "";
    }

    /**
     * The cell as a Java numeral ('.' as decimal point), or null when it is not a number with the table's decimal
     * mark: with ',' a '.' in the cell (a thousands separator, or a decimal point the file should not mix in) is not.
     */
    private static String numeral(CsvTable table, String cell) {
        String n = table.decimal() == '.' ? cell : cell.indexOf('.') >= 0 ? null : cell.replace(',', '.');
        return n != null && NUMBER.matcher(n).matches() ? n : null;
    }

    /**
     * At least half of the column's non-missing cells are numbers (a column of only missing cells is not): a
     * numeric column with a few bad cells stays numeric, so that reading it points at the bad cells.
     */
    private static boolean isNumeric(CsvTable table, int c) {
        int present = 0;
        int numbers = 0;
        for (String[] row : table.rows()) {
            if (!isMissing(row[c])) {
                present++;
                numbers += numeral(table, row[c]) != null ? 1 : 0;
            }
        }
        return numbers > 0 && 2 * numbers >= present;
    }

    /** " (column 'x' holds text such as 'abc' on line 2)" for the first text column besides time and id, or "". */
    private static String textExample(CsvTable table, int time, int id) {
        for (int c = 0; c < table.header().size(); c++) {
            if (c != time && c != id) {
                for (int r = 0; r < table.rows().size(); r++) {
                    String cell = table.rows().get(r)[c];
                    if (!isMissing(cell) && numeral(table, cell) == null) {
                        return " (column '" + table.header().get(c) + "' holds text such as '" + cell + "' on line "
                                + table.lines()[r] + ")";
                    }
                }
            }
        }
        return "";
    }

    private static void requireValueColumn(CsvTable table, int c, int time, int id, String role) {
        String name = table.header().get(c);
        if (c == time || c == id) {
            throw new DataFormatException(table.file(), 1, name, "this column is the " + (c == time ? "time" : "id")
                    + " column, so it cannot be the " + role);
        }
        int present = 0;
        int numbers = 0;
        int firstText = -1;
        for (int r = 0; r < table.rows().size(); r++) {
            String cell = table.rows().get(r)[c];
            if (!isMissing(cell)) {
                present++;
                if (numeral(table, cell) != null) {
                    numbers++;
                } else if (firstText < 0) {
                    firstText = r;
                }
            }
        }
        if (present > 0 && numbers == 0) {
            String cell = table.rows().get(firstText)[c];
            throw new DataFormatException(table.file(), table.lines()[firstText], name, "the " + role + " must hold"
                    + " numbers, but this column holds text such as '" + cell + "'" + decimalCommaHint(table, cell)
                    + "; choose a numeric column");
        }
    }

    private static String names(List<String> header, List<Integer> columns) {
        return String.join(", ", columns.stream().map(header::get).toList());
    }
}
