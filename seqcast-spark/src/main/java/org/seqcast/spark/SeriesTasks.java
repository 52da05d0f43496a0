package org.seqcast.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.seqcast.cli.ModelFlags;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.FoldResult;
import org.seqcast.forecast.CovariateRoles;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecaster;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;
import org.seqcast.metrics.MetricReport;

/**
 * The work of one group of rows, on an executor: read the group's series through the library's reader, then
 * forecast, backtest or fit them with the library's code. A series the library refuses (an
 * {@link IllegalArgumentException}: too short, duplicated time stamps, a bad cell, ...) gives one problem row
 * naming it instead of results; anything else fails the task.
 */
final class SeriesTasks {
    private SeriesTasks() {
    }

    /** A task over groups: the job as JSON text, the kernel accumulator, and the width of its output rows. */
    abstract static class Task implements FlatMapGroupsFunction<String, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String job;
        private final CollectionAccumulator<String> kernels;
        private final int width;
        /** The job read from its JSON once per task (each task has its own copy of this function). */
        private transient Job parsed;
        /** The job's model options parsed once per task: the forecasters are built from them for each series. */
        private transient ModelFlags flags;

        Task(Job job, CollectionAccumulator<String> kernels, int width) {
            this.job = job.toJson();
            this.kernels = kernels;
            this.width = width;
        }

        @Override
        public Iterator<Row> call(String key, Iterator<Row> rows) {
            KernelReport.note(kernels);
            Job j = job();
            try {
                return run(j, key, SeriesText.read(rows, source(key), j.columns())).iterator();
            } catch (IllegalArgumentException e) {
                return List.of(problem(key, e)).iterator();
            }
        }

        private Job job() {
            if (parsed == null) {
                parsed = Job.fromJson(job);
            }
            return parsed;
        }

        /** The models of the job built for {@code series} as the command-line tool builds them. */
        List<Forecaster> models(Job job, List<TimeSeries> presetData, List<TimeSeries> series) {
            if (flags == null) {
                flags = ModelFlags.parse(job.models().executorOptions());
            }
            return flags.build(job.modelNames(), job.models().horizon(), presetData,
                    CovariateRoles.of(series, List.of(), List.of()));
        }

        /** How messages name the group's rows (as a file name would be). */
        String source(String key) {
            return "series '" + key + "'";
        }

        abstract List<Row> run(Job job, String key, List<TimeSeries> series);

        /** A result row: {@code values}, then no problem. */
        Row row(Object... values) {
            if (values.length != width - 1) {
                throw new IllegalStateException("a row of " + values.length + " values for " + (width - 1) + " columns");
            }
            Object[] all = java.util.Arrays.copyOf(values, width);
            return RowFactory.create(all);
        }

        private Row problem(String key, IllegalArgumentException e) {
            Object[] all = new Object[width];
            all[0] = key;
            String m = String.valueOf(e.getMessage());
            all[width - 1] = m.contains("'" + key + "'") ? m : "series '" + key + "': " + m;
            return RowFactory.create(all);
        }
    }

    /** Forecast rows of one series: series_id, model, step, date, forecast, then the interval columns. */
    static List<Row> forecastRows(Task t, String key, Forecast f, List<String> spread) {
        List<Row> out = new ArrayList<>();
        double[] v = f.values();
        for (int k = 0; k < v.length; k++) {
            Object[] r = new Object[5 + spread.size()];
            r[0] = key;
            r[1] = f.model();
            r[2] = k + 1;
            r[3] = f.label(k);
            r[4] = v[k];
            Map<String, Double> d = f.hasDistribution() ? f.distribution().row(k) : Map.of();
            for (int c = 0; c < spread.size(); c++) {
                r[5 + c] = d.get(spread.get(c));
            }
            out.add(t.row(r));
        }
        return out;
    }

    /** Local models fitted on each series' whole history, forecasting the H points after it. */
    static final class LocalForecast extends Task {
        private static final long serialVersionUID = 1L;
        private final List<String> spread;

        LocalForecast(Job job, CollectionAccumulator<String> kernels, List<String> spread) {
            super(job, kernels, Schemas.forecast(spread).fields().length);
            this.spread = List.copyOf(spread);
        }

        @Override
        List<Row> run(Job job, String key, List<TimeSeries> series) {
            List<Row> out = new ArrayList<>();
            for (Forecaster f : models(job, series, series)) {
                Forecast forecast = f.fit(series).forecast(series.get(0));
                out.addAll(forecastRows(this, key, forecast, spread));
            }
            return out;
        }
    }

    /** The rolling-origin backtest of one series ({@link Backtest}, the seasonal naive reference included). */
    static final class LocalBacktest extends Task {
        private static final long serialVersionUID = 1L;

        LocalBacktest(Job job, CollectionAccumulator<String> kernels) {
            super(job, kernels, Schemas.backtest().fields().length);
        }

        @Override
        List<Row> run(Job job, String key, List<TimeSeries> series) {
            BacktestOptions o = job.backtest();
            int h = job.models().horizon();
            // as seqcast backtest: the networks' preset is resolved on the first fold's training part
            int unseen = o.dropLast() + (o.folds() - 1) * o.step() + h;
            List<TimeSeries> kept = series.stream().map(s -> s.head(Math.max(1, s.size() - unseen))).toList();
            List<Row> out = new ArrayList<>();
            for (FoldResult f : Backtest.run(series, models(job, kept, series), o).folds()) {
                MetricReport m = f.metrics();
                out.add(row(key, f.model(), f.fold() + 1, f.forecast().label(0), f.trainSize(), m.mse(), m.rmse(),
                        m.mae(), m.mape(), m.smape(), m.mase()));
            }
            return out;
        }
    }

    /** One global model fitted on a group's series, returned as the bytes of its model file. */
    static final class GlobalFit extends Task {
        private static final long serialVersionUID = 1L;

        GlobalFit(Job job, CollectionAccumulator<String> kernels) {
            super(job, kernels, Schemas.fit().fields().length);
        }

        @Override
        String source(String key) {
            return "group '" + key + "'";
        }

        @Override
        List<Row> run(Job job, String key, List<TimeSeries> series) {
            Forecaster f = models(job, series, series).get(0);
            FittedForecaster fitted = f.fit(series);
            SeriesColumns c = job.columns();
            ModelInfo info = ModelInfo.of(ModelInfo.sha256(checksumText(series).getBytes(StandardCharsets.UTF_8)),
                    series).withColumns(c.time(), c.id());
            return List.of(row(key, series.size(), ModelFile.toBytes(fitted, info)));
        }

        /** What the model file's data checksum covers: the series as read (ids, time stamps, values). */
        private static String checksumText(List<TimeSeries> series) {
            StringBuilder sb = new StringBuilder();
            for (TimeSeries s : series) {
                sb.append(s.id()).append('\n').append(s.index()).append('\n');
                s.columns().forEach((name, v) -> sb.append(name).append(java.util.Arrays.toString(v)).append('\n'));
            }
            return sb.toString();
        }
    }

    /** Forecasts of each series by one model, broadcast as the bytes of its model file. */
    static final class BroadcastForecast extends Task {
        private static final long serialVersionUID = 1L;
        /** The models this JVM has loaded, by broadcast id (loaded models forecast from many threads at once). */
        private static final Map<Long, LoadedModel> LOADED = new ConcurrentHashMap<>();
        private final Broadcast<byte[]> model;
        private final List<String> spread;

        BroadcastForecast(Job job, CollectionAccumulator<String> kernels, Broadcast<byte[]> model,
                          List<String> spread) {
            super(job, kernels, Schemas.forecast(spread).fields().length);
            this.model = model;
            this.spread = List.copyOf(spread);
        }

        @Override
        List<Row> run(Job job, String key, List<TimeSeries> series) {
            LoadedModel loaded = LOADED.computeIfAbsent(model.id(), id -> ModelFile.load(model.value()));
            TimeSeries s = series.get(0);
            SeqcastSpark.requireFrequency(loaded, s);
            return forecastRows(this, key, loaded.forecaster().forecast(s), spread);
        }
    }
}
