package org.seqcast.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.seqcast.eval.BacktestOptions;

/**
 * Everything an executor needs to run its part of a job, sent to it as JSON text (the tasks hold only this text
 * and Spark's own broadcast and accumulator handles).
 *
 * @param name     the data's name in messages (a file name, or {@code data})
 * @param columns  where the series are
 * @param models   the models and their options
 * @param backtest the origins of a backtest, or null for other jobs
 */
record Job(String name, SeriesColumns columns, LocalModels models, BacktestOptions backtest) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Job {
        if (name == null || name.isBlank() || columns == null) {
            throw new IllegalArgumentException("a job needs the data's name and its columns");
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the job as JSON", e);
        }
    }

    static Job fromJson(String json) {
        try {
            return JSON.readValue(json, Job.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the job's JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The model names (a job without models has none). */
    List<String> modelNames() {
        return models == null ? List.of() : models.models();
    }
}
