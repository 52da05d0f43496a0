package org.seqcast.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A long table laid out for the tasks: the group key (the series id, or a grouping column), the series id, the
 * time column as it is (the sort key), the time as text, then the target and the covariates as doubles (or as
 * text where the table holds text, which the reader parses as a CSV cell). The columns' names and types are
 * checked here, on the driver, with the messages of the command-line tool where it has them.
 */
final class Prepared {
    static final int KEY = 0;
    static final int ID = 1;
    static final int SORT = 2;
    static final int TIME = 3;

    private Prepared() {
    }

    /** {@code data} laid out for grouping by {@code groupColumn}, or by series id when it is null. */
    static Dataset<Row> of(Dataset<Row> data, String name, SeriesColumns columns, String groupColumn) {
        List<String> have = Arrays.asList(data.columns());
        SeriesText.checkHeader(have, name, columns);
        if (groupColumn != null && !have.contains(groupColumn)) {
            throw new IllegalArgumentException(name + ": no such column '" + groupColumn + "' (wanted as the grouping"
                    + " column); the columns are " + String.join(", ", have) + "; names are case-sensitive");
        }
        List<Column> out = new ArrayList<>();
        out.add(text(data, groupColumn == null ? columns.id() : groupColumn, name,
                groupColumn == null ? "id column" : "grouping column").as("_seqcast_key"));
        out.add(text(data, columns.id(), name, "id column").as("_seqcast_id"));
        out.add(sortKey(data, columns.time()).as("_seqcast_sort"));
        out.add(time(data, columns.time(), name).as("_seqcast_time"));
        List<String> values = columns.values();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            out.add(value(data, v, name, i == 0 ? "target" : "covariate").as("_seqcast_v" + i));
        }
        return data.select(out.toArray(Column[]::new));
    }

    /** The sort order of a group's rows: by series id, then by time. */
    static Column[] order() {
        return new Column[] {col("_seqcast_id"), col("_seqcast_sort")};
    }

    /**
     * The time column as a sort key: as it is, but text that holds integers (a plain index, as a CSV file read
     * without types has it) sorts by its value: a text column sorts by (its integer or null, its text), so "10"
     * comes after "9", while ISO dates and date-times, which give null, sort by their text.
     */
    private static Column sortKey(Dataset<Row> data, String column) {
        Column c = col(quoted(column));
        return type(data, column).equals(DataTypes.StringType) ? struct(c.try_cast(DataTypes.LongType), c) : c;
    }

    private static Column text(Dataset<Row> data, String column, String name, String role) {
        DataType t = type(data, column);
        if (!isAtomic(t)) {
            throw wrongType(name, column, role, t, "text or numbers");
        }
        return col(quoted(column)).cast(DataTypes.StringType);
    }

    /** The time as the reader takes it: ISO date-times and dates, integers, or the text itself. */
    private static Column time(Dataset<Row> data, String column, String name) {
        DataType t = type(data, column);
        Column c = col(quoted(column));
        if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return date_format(c, "yyyy-MM-dd'T'HH:mm:ss");
        }
        if (t instanceof DateType) {
            return date_format(c, "yyyy-MM-dd");
        }
        if (t.equals(DataTypes.StringType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType)
                || t.equals(DataTypes.ShortType) || t.equals(DataTypes.ByteType)) {
            return c.cast(DataTypes.StringType);
        }
        throw wrongType(name, column, "time column", t, "timestamps, dates, integers (a plain index) or text");
    }

    private static Column value(Dataset<Row> data, String column, String name, String role) {
        DataType t = type(data, column);
        Column c = col(quoted(column));
        if (t instanceof NumericType || t instanceof DecimalType) {
            return c.cast(DataTypes.DoubleType);
        }
        if (t.equals(DataTypes.StringType)) {
            return c;
        }
        throw wrongType(name, column, role, t, "numbers (integer, long, float, double, decimal) or text holding"
                + " numbers");
    }

    private static DataType type(Dataset<Row> data, String column) {
        for (StructField f : data.schema().fields()) {
            if (f.name().equals(column)) {
                return f.dataType();
            }
        }
        throw new IllegalStateException("column '" + column + "' was checked to exist");
    }

    private static boolean isAtomic(DataType t) {
        return t instanceof NumericType || t.equals(DataTypes.StringType) || t instanceof DateType
                || t instanceof TimestampType || t instanceof TimestampNTZType || t.equals(DataTypes.BooleanType);
    }

    private static IllegalArgumentException wrongType(String name, String column, String role, DataType t,
                                                      String expected) {
        return new IllegalArgumentException(name + ", column '" + column + "': the " + role + " holds "
                + t.simpleString().toLowerCase(Locale.ROOT) + " values; expected " + expected
                + "; cast the column, or name another one");
    }

    /** A column name quoted for Spark's resolver (names with dots or spaces stay one name). */
    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
