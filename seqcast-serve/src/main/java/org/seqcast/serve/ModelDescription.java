package org.seqcast.serve;

import java.util.List;
import java.util.Map;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.Manifest;

/**
 * What {@code GET /v1/models} says of a model.
 *
 * @param name       its name in URLs
 * @param kind       the forecaster's kind in the model file (rnn, baseline, ensemble, ...)
 * @param forecaster the forecaster's name
 * @param horizon    the most steps a forecast gives
 * @param window     the longest window of the networks inside (0 without one): the points a forecast reads
 * @param frequency  the spacing of the time stamps
 * @param file       the model file
 * @param generation 1, then one more at each reload
 * @param data       the training data's schema: what a history must hold
 * @param provenance where the model came from
 */
record ModelDescription(String name, String kind, String forecaster, int horizon, int window, String frequency,
                        String file, long generation, Data data, Provenance provenance) {
    /**
     * The training data's schema.
     *
     * @param target           the target column (a JSON row's {@code value})
     * @param timeColumn       the time column of the training file (a CSV body's)
     * @param idColumn         the series id column of a long training file, or null
     * @param covariates       the covariate columns the forecaster reads (a JSON row's keys besides time and value)
     * @param futureCovariates covariates needed over the horizon too
     * @param staticCovariates columns with one value per series
     * @param seasonalPeriod   the season length
     * @param series           per training series id, its last training time stamp
     */
    record Data(String target, String timeColumn, String idColumn, List<String> covariates,
                List<String> futureCovariates, List<String> staticCovariates, int seasonalPeriod,
                Map<String, String> series) {
    }

    /**
     * Where the model came from.
     *
     * @param seqcastVersion the Seqcast version that wrote the file
     * @param created        when the file was written (ISO-8601 instant)
     * @param dataSha256     SHA-256 of the training data
     * @param weightsSha256  SHA-256 of the weights
     * @param metrics        scores saved with the model
     */
    record Provenance(String seqcastVersion, String created, String dataSha256, String weightsSha256,
                      Map<String, Double> metrics) {
    }

    static ModelDescription of(ServedModel served) {
        LoadedModel m = served.model();
        Manifest manifest = m.manifest();
        Manifest.DataSchema d = manifest.data();
        int window = m.networks().stream().mapToInt((FittedRnn r) -> r.config().window()).max().orElse(0);
        Data data = new Data(d.target(), d.timeColumn(), d.idColumn(), manifest.forecaster().covariatesUsed(),
                m.forecaster().futureCovariates(), m.forecaster().staticCovariates(), d.seasonalPeriod(),
                d.lastTimeStamps());
        Provenance p = new Provenance(manifest.seqcastVersion(), manifest.created().toString(), manifest.provenance().dataSha256(),
                manifest.weights().sha256(), manifest.provenance().metrics());
        return new ModelDescription(served.name(), manifest.kind().label(), m.forecaster().name(),
                m.forecaster().horizon(), window, d.frequency().label(), served.file().toString(), served.generation(),
                data, p);
    }
}
