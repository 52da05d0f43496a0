package org.seqcast.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How to read a CSV file of time series ({@link SeriesCsv}). Every option has a default, so
 * {@link #defaults()} reads the common {@code date,value} file; build others with {@link #builder()}.
 *
 * @param timeColumn         the time key column; null = the first column named date, datetime, timestamp, time,
 *                           ds, period, month, year or t (any case), else the first column (after the id column)
 * @param target             the column to forecast; null = the only numeric column besides the time and id columns
 * @param idColumn           the series id column of a long file (one row per series and time stamp); null = a
 *                           wide file holding one series
 * @param covariates         extra numeric columns to keep; null = none, {@link #ALL_OTHER_COLUMNS} = every other
 *                           numeric column
 * @param datePattern        a {@link java.time.format.DateTimeFormatter} pattern such as {@code dd/MM/yyyy} or
 *                           {@code yyyy} (missing fields default to month 1, day 1, 00:00); null = ISO dates
 *                           ({@code 2020-01-31}), date-times ({@code 2020-01-31T10:30[:00]}, also with a space),
 *                           year-months ({@code 1949-01}), years ({@code 1871}) or integers (a plain index)
 * @param frequency          the spacing of the time stamps; null = inferred ({@link FrequencyInference})
 * @param seasonalPeriod     season length for the series; 0 = the frequency's default
 * @param missingPolicy      how to fill missing values and time stamps (default {@link MissingPolicy#ERROR})
 * @param delimiter          the cell separator (default ','; ';' for files whose numbers have decimal commas)
 * @param eachColumnIsASeries a wide file whose every numeric column is a univariate series named by its column
 *                           (excludes target, covariates and idColumn)
 * @param futureCovariates   covariate columns whose values run ahead of the target (empty = none; each is also
 *                           read as a covariate): the rows of a series after its last target value (target cells
 *                           empty) are then not missing values but the series' {@link TimeSeries#future() future}
 *                           values of these columns
 * @param statics            columns holding one value per series, read as text into the series' static attributes
 *                           (empty = none): every non-empty cell of a series must hold the same value
 * @param decimal            the decimal mark of numbers: '.' (default) or ',' (1,5 is one and a half; then a '.'
 *                           in a number, such as a thousands separator, is an error); not the delimiter
 */
public record CsvOptions(String timeColumn, String target, String idColumn, List<String> covariates,
                         String datePattern, Frequency frequency, int seasonalPeriod, MissingPolicy missingPolicy,
                         char delimiter, boolean eachColumnIsASeries, List<String> futureCovariates,
                         List<String> statics, char decimal) {
    /** The covariates value meaning "every numeric column besides the time, id and target columns". */
    public static final List<String> ALL_OTHER_COLUMNS = List.of("*");

    /**
     * Every option but the decimal mark, which is '.' (the options before it).
     */
    public CsvOptions(String timeColumn, String target, String idColumn, List<String> covariates, String datePattern,
                      Frequency frequency, int seasonalPeriod, MissingPolicy missingPolicy, char delimiter,
                      boolean eachColumnIsASeries, List<String> futureCovariates, List<String> statics) {
        this(timeColumn, target, idColumn, covariates, datePattern, frequency, seasonalPeriod, missingPolicy,
                delimiter, eachColumnIsASeries, futureCovariates, statics, '.');
    }

    public CsvOptions {
        requireNonBlank("time column", timeColumn);
        requireNonBlank("target column", target);
        requireNonBlank("id column", idColumn);
        requireNonBlank("date pattern", datePattern);
        if (timeColumn != null && (timeColumn.equals(target) || timeColumn.equals(idColumn))) {
            throw new IllegalArgumentException("column '" + timeColumn + "' cannot be both the time column and the "
                    + (timeColumn.equals(target) ? "target" : "id column"));
        }
        if (idColumn != null && idColumn.equals(target)) {
            throw new IllegalArgumentException("column '" + idColumn + "' cannot be both the id column and the target");
        }
        if (covariates != null) {
            covariates = names("covariate", covariates, target, timeColumn, idColumn);
            if (covariates.contains("*") && covariates.size() > 1) {
                throw new IllegalArgumentException("covariate '*' (all other columns) stands alone; got " + covariates);
            }
        }
        futureCovariates = names("future covariate", futureCovariates, target, timeColumn, idColumn);
        statics = names("static column", statics, target, timeColumn, idColumn);
        for (String c : statics) {
            if (futureCovariates.contains(c) || (covariates != null && covariates.contains(c))) {
                throw new IllegalArgumentException("column '" + c + "' is listed both as a static column and as a"
                        + " covariate; a static column has one value per series, a covariate one per time stamp");
            }
        }
        if (!futureCovariates.isEmpty() && (covariates == null || !covariates.contains("*"))) {
            List<String> all = new java.util.ArrayList<>(covariates == null ? List.of() : covariates);
            futureCovariates.stream().filter(c -> !all.contains(c)).forEach(all::add);
            covariates = List.copyOf(all);
        }
        if (seasonalPeriod < 0) {
            throw new IllegalArgumentException("seasonal period must be at least 1, or 0 for the frequency's default;"
                    + " got " + seasonalPeriod);
        }
        if (missingPolicy == null) {
            throw new IllegalArgumentException("missing-value policy must not be null; the default is error");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        if (decimal != '.' && decimal != ',') {
            throw new IllegalArgumentException("the decimal mark must be '.' or ','; got '" + decimal + "'");
        }
        if (decimal == delimiter) {
            throw new IllegalArgumentException("the delimiter and the decimal mark are both '" + decimal + "'; files"
                    + " with decimal commas separate their cells with another character, usually ';'");
        }
        if (eachColumnIsASeries && (idColumn != null || target != null || covariates != null
                || !futureCovariates.isEmpty() || !statics.isEmpty())) {
            throw new IllegalArgumentException("with each column a series, give no target, covariates or id column:"
                    + " every numeric column becomes its own univariate series");
        }
        if (datePattern != null) {
            if (Frequency.INDEX.equals(frequency)) {
                throw new IllegalArgumentException("a date pattern reads calendar dates, but frequency 'index' has none");
            }
            TimeKeys.formatter(datePattern);
        }
    }

    /** Column names of one role: none blank or twice, none the target, time or id column; null reads as none. */
    private static List<String> names(String what, List<String> names, String target, String time, String id) {
        if (names == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String c : names) {
            requireNonBlank(what, c);
            if (c == null || !seen.add(c)) {
                throw new IllegalArgumentException(what + " " + (c == null ? "null" : "'" + c + "' listed twice")
                        + " in " + names);
            }
            if (c.equals(target) || c.equals(time) || c.equals(id)) {
                throw new IllegalArgumentException("column '" + c + "' is the " + (c.equals(target) ? "target"
                        : c.equals(time) ? "time column" : "id column") + ", so it cannot be a " + what);
            }
        }
        return List.copyOf(names);
    }

    /** Every option at its default. */
    public static CsvOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.timeColumn = timeColumn;
        b.target = target;
        b.idColumn = idColumn;
        b.covariates = covariates;
        b.datePattern = datePattern;
        b.frequency = frequency;
        b.seasonalPeriod = seasonalPeriod;
        b.missingPolicy = missingPolicy;
        b.delimiter = delimiter;
        b.eachColumnIsASeries = eachColumnIsASeries;
        b.futureCovariates = futureCovariates;
        b.statics = statics;
        b.decimal = decimal;
        return b;
    }

    /** True when the covariates are every other numeric column. */
    public boolean allCovariates() {
        return ALL_OTHER_COLUMNS.equals(covariates);
    }

    private static void requireNonBlank(String what, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank; leave it unset for the default");
        }
    }

    /** Builds {@link CsvOptions}; unset options keep their defaults. */
    public static final class Builder {
        private String timeColumn;
        private String target;
        private String idColumn;
        private List<String> covariates;
        private String datePattern;
        private Frequency frequency;
        private int seasonalPeriod;
        private MissingPolicy missingPolicy = MissingPolicy.ERROR;
        private char delimiter = ',';
        private boolean eachColumnIsASeries;
        private List<String> futureCovariates = List.of();
        private List<String> statics = List.of();
        private char decimal = '.';

        private Builder() {
        }

        public Builder timeColumn(String name) {
            timeColumn = name;
            return this;
        }

        public Builder target(String name) {
            target = name;
            return this;
        }

        public Builder idColumn(String name) {
            idColumn = name;
            return this;
        }

        /** The covariate columns; null for none, {@link #ALL_OTHER_COLUMNS} for every other numeric column. */
        public Builder covariates(List<String> names) {
            covariates = names;
            return this;
        }

        public Builder covariates(String... names) {
            return covariates(Arrays.asList(names));
        }

        /** Every numeric column besides the time, id and target columns. */
        public Builder allCovariates() {
            return covariates(ALL_OTHER_COLUMNS);
        }

        public Builder datePattern(String pattern) {
            datePattern = pattern;
            return this;
        }

        public Builder frequency(Frequency f) {
            frequency = f;
            return this;
        }

        public Builder seasonalPeriod(int m) {
            seasonalPeriod = m;
            return this;
        }

        public Builder missingPolicy(MissingPolicy policy) {
            missingPolicy = policy;
            return this;
        }

        public Builder delimiter(char c) {
            delimiter = c;
            return this;
        }

        public Builder eachColumnIsASeries(boolean each) {
            eachColumnIsASeries = each;
            return this;
        }

        /** Covariates known ahead: their values in the rows after a series' last target value are kept. */
        public Builder futureCovariates(List<String> names) {
            futureCovariates = names;
            return this;
        }

        public Builder futureCovariates(String... names) {
            return futureCovariates(Arrays.asList(names));
        }

        /** Columns with one value per series, read as its static attributes. */
        public Builder statics(List<String> names) {
            statics = names;
            return this;
        }

        public Builder statics(String... names) {
            return statics(Arrays.asList(names));
        }

        /** The decimal mark of numbers: '.' or ','. */
        public Builder decimal(char c) {
            decimal = c;
            return this;
        }

        public CsvOptions build() {
            return new CsvOptions(timeColumn, target, idColumn, covariates, datePattern, frequency, seasonalPeriod,
                    missingPolicy, delimiter, eachColumnIsASeries, futureCovariates, statics, decimal);
        }
    }
}
