package org.seqcast.io;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.seqcast.data.Frequency;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;

/**
 * The manifest of format 1, which held one network and nothing else, as Jackson reads it; {@link #upgrade()}
 * turns it into the current {@link Manifest} (an {@link RnnSection}). Format 1's layout, top level:
 * <pre>
 *   format, format_version (1), seqcast_version, created, architecture, config (as in format 2's rnn section),
 *   data: {target, covariates, frequency, seasonal_period, last_time_stamps, calendar_features,
 *          time_column (optional), id_column (optional)},
 *   scalers, training: {format 2's rnn training fields, data_sha256, metrics}, weights
 * </pre>
 */
record ManifestV1(int formatVersion, String seqcastVersion, Instant created, Manifest.Architecture architecture,
                  Config config, Data data, Map<String, SeriesScalers> scalers, Training training,
                  Manifest.Weights weights) {
    /** Format 1's network settings: the fields of {@link RnnConfig} before the options that target the metric. */
    record Config(int horizon, int window, Cell cell, int units, int layers, double dropout, Strategy strategy,
                  TargetTransform transform, Scaling scaling, Anchor anchor, boolean calendarFeatures,
                  List<String> covariates, int epochs, int batchSize, double learningRate, String optimizer,
                  String loss, int patience, double validationFraction, double clipNorm, long seed, int threads) {
        /** The same settings with the later options at their defaults (format 1 models were trained that way). */
        RnnConfig upgrade() {
            return new RnnConfig(horizon, window, cell, units, layers, dropout, strategy, transform, scaling, anchor,
                    calendarFeatures, covariates, epochs, batchSize, learningRate, optimizer, loss, patience,
                    validationFraction, clipNorm, seed, threads);
        }
    }

    /** Format 1's data schema: format 2's and the network's calendar features. */
    record Data(String target, List<String> covariates, Frequency frequency, int seasonalPeriod,
                Map<String, String> lastTimeStamps, List<String> calendarFeatures, String timeColumn, String idColumn) {
    }

    /** Format 1's training: format 2's network training plus the file's provenance. */
    record Training(long seed, String dataSha256, int epochsRun, int bestEpoch, String stopReason, boolean diverged,
                    Double bestValLoss, List<Double> loss, List<Double> valLoss, List<Double> learningRate,
                    List<Long> epochMillis, int trainingWindows, int validationWindows, Map<String, Double> metrics) {
    }

    /** Format 1 fields that may be absent (format 1 wrote them only when known). */
    static final List<String> OPTIONAL_DATA_FIELDS = List.of("time_column", "id_column");

    /** The same model in the current records. */
    Manifest upgrade() {
        Training t = training;
        Manifest.Training network = new Manifest.Training(t.seed(), t.epochsRun(), t.bestEpoch(), t.stopReason(),
                t.diverged(), t.bestValLoss(), t.loss(), t.valLoss(), t.learningRate(), t.epochMillis(),
                t.trainingWindows(), t.validationWindows());
        RnnConfig settings = config.upgrade();
        RnnSection section = new RnnSection(architecture, RnnForecaster.layers(settings), settings,
                data.calendarFeatures(), scalers, network);
        Manifest.DataSchema schema = new Manifest.DataSchema(data.target(), data.covariates(), data.frequency(),
                data.seasonalPeriod(), data.lastTimeStamps(), data.timeColumn(), data.idColumn());
        return new Manifest(formatVersion, seqcastVersion, created, section, schema,
                new Manifest.Provenance(t.dataSha256(), t.metrics()), weights);
    }
}
