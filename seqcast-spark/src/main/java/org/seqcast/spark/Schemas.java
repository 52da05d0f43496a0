package org.seqcast.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of each job's rows; every task row ends with {@code problem} (null, or the message of a series
 * the library refused), which the driver splits off into the skipped series.
 */
final class Schemas {
    static final String PROBLEM = "problem";

    private Schemas() {
    }

    /**
     * Forecasts: series_id, model, step (1..H), date (the time stamp as the command-line tool prints it), forecast,
     * then the interval bounds {@code lo<c>, hi<c>} per coverage c (the names of the tool's forecast file).
     */
    static StructType forecast(List<String> spread) {
        List<StructField> f = new ArrayList<>(List.of(field("series_id", DataTypes.StringType),
                field("model", DataTypes.StringType), field("step", DataTypes.IntegerType),
                field("date", DataTypes.StringType), field("forecast", DataTypes.DoubleType)));
        spread.forEach(c -> f.add(field(c, DataTypes.DoubleType)));
        return withProblem(f);
    }

    /**
     * Backtest scores, per series, model and fold: the columns of {@code seqcast backtest --out} (fold 1 = the
     * earliest origin, origin = the first forecast time stamp).
     */
    static StructType backtest() {
        List<StructField> f = new ArrayList<>(List.of(field("series_id", DataTypes.StringType),
                field("model", DataTypes.StringType), field("fold", DataTypes.IntegerType),
                field("origin", DataTypes.StringType), field("train_size", DataTypes.IntegerType)));
        for (String m : List.of("mse", "rmse", "mae", "mape", "smape", "mase")) {
            f.add(field(m, DataTypes.DoubleType));
        }
        return withProblem(f);
    }

    /** Fitted global models: the group, its number of series, the model file's bytes. */
    static StructType fit() {
        return withProblem(new ArrayList<>(List.of(field("group", DataTypes.StringType),
                field("series", DataTypes.IntegerType), field("model", DataTypes.BinaryType))));
    }

    /** Skipped series (or groups): the key and the problem. */
    static StructType skipped(String key) {
        return new StructType(new StructField[] {field(key, DataTypes.StringType), field(PROBLEM, DataTypes.StringType)});
    }

    private static StructType withProblem(List<StructField> fields) {
        fields.add(field(PROBLEM, DataTypes.StringType));
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
