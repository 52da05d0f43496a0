package org.seqcast.spark;

import java.util.List;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.Frequency;
import org.seqcast.data.MissingPolicy;

/**
 * Where the series are in a long table: the id, time and target columns and the covariate columns, with the
 * reading options of a CSV file ({@link CsvOptions}) that apply to a table too. Each series is read by
 * {@link org.seqcast.data.SeriesCsv} from its own rows (ordered by time), so it gets the checks and messages of
 * the command-line tool.
 *
 * @param id             the series id column (any type; its text is the id)
 * @param time           the time column: timestamps, dates, integers (a plain index) or text as a CSV file holds it
 * @param target         the column to forecast (numbers, or text holding numbers)
 * @param covariates     covariate columns (numbers), in this order; empty for none
 * @param frequency      the spacing of the time stamps as {@link Frequency#parse} reads it, or null to infer it
 *                       from each series (a file's series of one frequency get that one, as on one machine)
 * @param seasonalPeriod the season length m, or 0 for the frequency's default
 * @param missing        the missing-value policy as {@link MissingPolicy#parse} reads it ({@code error} by default)
 * @param datePattern    a {@link java.time.format.DateTimeFormatter} pattern for a text time column, or null for
 *                       ISO dates and date-times
 */
public record SeriesColumns(String id, String time, String target, List<String> covariates, String frequency,
                            int seasonalPeriod, String missing, String datePattern) {
    public SeriesColumns {
        requireName("id", id);
        requireName("time", time);
        requireName("target", target);
        covariates = covariates == null ? List.of() : List.copyOf(covariates);
        if (frequency != null) {
            Frequency.parse(frequency);
        }
        missing = missing == null ? MissingPolicy.ERROR.label() : missing;
        options(id, time, target, covariates, frequency, seasonalPeriod, missing, datePattern); // the reader's checks
    }

    /** The id, time and target columns, no covariates, everything else inferred or default. */
    public static SeriesColumns of(String id, String time, String target) {
        return new SeriesColumns(id, time, target, List.of(), null, 0, null, null);
    }

    /** These columns with {@code names} as covariates. */
    public SeriesColumns withCovariates(String... names) {
        return new SeriesColumns(id, time, target, List.of(names), frequency, seasonalPeriod, missing, datePattern);
    }

    /** These columns with the frequency given (e.g. {@code hourly}, {@code monthly}, {@code 15min}). */
    public SeriesColumns withFrequency(String f) {
        return new SeriesColumns(id, time, target, covariates, f, seasonalPeriod, missing, datePattern);
    }

    /** These columns with season length m. */
    public SeriesColumns withSeasonalPeriod(int m) {
        return new SeriesColumns(id, time, target, covariates, frequency, m, missing, datePattern);
    }

    /** These columns with the missing-value policy {@code policy} ({@code error}, {@code interpolate}, ...). */
    public SeriesColumns withMissing(String policy) {
        return new SeriesColumns(id, time, target, covariates, frequency, seasonalPeriod, policy, datePattern);
    }

    /** The reading options of one series' rows, as the command-line tool builds them from its options. */
    CsvOptions options() {
        return options(id, time, target, covariates, frequency, seasonalPeriod, missing, datePattern);
    }

    private static CsvOptions options(String id, String time, String target, List<String> covariates,
                                      String frequency, int seasonalPeriod, String missing, String datePattern) {
        CsvOptions.Builder b = CsvOptions.builder().idColumn(id).timeColumn(time).target(target)
                .missingPolicy(MissingPolicy.parse(missing));
        if (!covariates.isEmpty()) {
            b.covariates(covariates);
        }
        if (frequency != null) {
            b.frequency(Frequency.parse(frequency));
        }
        if (seasonalPeriod > 0) {
            b.seasonalPeriod(seasonalPeriod);
        } else if (seasonalPeriod < 0) {
            throw new IllegalArgumentException("seasonalPeriod must be at least 1, or 0 for the frequency's default;"
                    + " got " + seasonalPeriod);
        }
        if (datePattern != null) {
            b.datePattern(datePattern);
        }
        return b.build();
    }

    /** The value columns in the order the rows carry them: the target, then the covariates. */
    List<String> values() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(target);
        out.addAll(covariates);
        return List.copyOf(out);
    }

    private static void requireName(String role, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the " + role + " column needs a name; got '" + name + "'");
        }
    }
}
