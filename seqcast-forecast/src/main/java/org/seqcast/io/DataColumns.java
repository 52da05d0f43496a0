package org.seqcast.io;

import java.util.List;
import org.seqcast.data.CsvOptions;

/**
 * The columns of the data a model was trained on and its seasonal period, as its file records them: what reading new
 * data for the model defaults to ({@code seqcast forecast} and {@code explain}, {@code seqcast serve}). From
 * {@link LoadedModel#dataColumns()}.
 *
 * @param target           the target column
 * @param timeColumn       the time column, or null where the reader chose it by its default rule
 * @param idColumn         the series id column of a long file, or null for a wide file
 * @param covariates       the covariate columns the forecaster reads
 * @param futureCovariates those of them known over the horizon
 * @param statics          the static attribute columns the forecaster reads
 * @param seasonalPeriod   the seasonal period of the training data
 */
public record DataColumns(String target, String timeColumn, String idColumn, List<String> covariates,
                          List<String> futureCovariates, List<String> statics, int seasonalPeriod) {
    public DataColumns {
        covariates = copy(covariates);
        futureCovariates = copy(futureCovariates);
        statics = copy(statics);
    }

    /** The columns of {@code model}: its manifest's data schema and covariates, its forecaster's roles. */
    static DataColumns of(LoadedModel model) {
        Manifest.DataSchema schema = model.manifest().data();
        return new DataColumns(schema.target(), schema.timeColumn(), schema.idColumn(),
                model.manifest().forecaster().covariatesUsed(), model.forecaster().futureCovariates(),
                model.forecaster().staticCovariates(), schema.seasonalPeriod());
    }

    /** Reading options for data laid out as the training data: these columns and period, the reader's defaults else. */
    public CsvOptions.Builder csvOptions() {
        return CsvOptions.builder().timeColumn(timeColumn).target(target).idColumn(idColumn).covariates(covariates)
                .seasonalPeriod(seasonalPeriod).futureCovariates(futureCovariates).statics(statics);
    }

    private static List<String> copy(List<String> names) {
        return names == null ? null : List.copyOf(names);
    }
}
