package org.seqcast.spark;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a job made: its rows (forecasts, backtest scores or fitted models; computed and cached), the series it
 * left out with the reason, and which kernels each executor ran.
 *
 * @param rows    the results, ordered as {@link SeqcastSpark} documents for each job
 * @param skipped one row per series (or group) left out: {@code series_id}, {@code problem}; ordered by id
 * @param kernels one line per executor JVM: its id and the kernels its networks used ({@code vector}/{@code scalar})
 */
public record SparkResult(Dataset<Row> rows, Dataset<Row> skipped, List<String> kernels) {
    public SparkResult {
        kernels = List.copyOf(kernels);
    }
}
