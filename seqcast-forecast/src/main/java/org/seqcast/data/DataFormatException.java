package org.seqcast.data;

/**
 * A data file that cannot be read as time series: says where (file, line, column), what is wrong, what was
 * expected and how to fix it, e.g.
 * <pre>
 *   airpassengers.csv, line 14, column 'value': cannot parse 'abc' as a number; write numbers with '.' as the
 *   decimal point, or leave the cell empty for a missing value
 * </pre>
 * Line numbers count physical lines of the file from 1, the header being line 1.
 */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String column;
    private final String problem;

    /**
     * @param file    file name as the user knows it (null when not from a file)
     * @param line    1-based physical line (0 when the problem is not on one line)
     * @param column  column name (null when the problem is not in one column)
     * @param problem what is wrong, what was expected and how to fix it
     */
    public DataFormatException(String file, int line, String column, String problem) {
        this(file, line, column, problem, null);
    }

    /** As {@link #DataFormatException(String, int, String, String)}, with the underlying cause. */
    public DataFormatException(String file, int line, String column, String problem, Throwable cause) {
        super(location(file, line, column) + requireProblem(problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The file name, or null. */
    public String file() {
        return file;
    }

    /** The 1-based line (header = 1), or 0 when not applicable. */
    public int line() {
        return line;
    }

    /** The column name, or null. */
    public String column() {
        return column;
    }

    /** The message without its location prefix. */
    public String problem() {
        return problem;
    }

    private static String requireProblem(String problem) {
        if (problem == null || problem.isBlank()) {
            throw new IllegalArgumentException("a data format error needs a description of the problem");
        }
        return problem;
    }

    /** "file, line 3, column 'x': " with the parts that are known, or "" when none is. */
    static String location(String file, int line, String column) {
        if (line < 0) {
            throw new IllegalArgumentException("line numbers start at 1 (0 = no line); got " + line);
        }
        StringBuilder where = new StringBuilder();
        if (file != null) {
            where.append(file);
        }
        if (line > 0) {
            where.append(where.length() > 0 ? ", " : "").append("line ").append(line);
        }
        if (column != null) {
            where.append(where.length() > 0 ? ", " : "").append("column '").append(column).append('\'');
        }
        return where.length() == 0 ? "" : where.append(": ").toString();
    }
}
