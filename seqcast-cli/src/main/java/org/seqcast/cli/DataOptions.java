package org.seqcast.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.Frequency;
import org.seqcast.data.MissingPolicy;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.CovariateRoles;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How to read the data file: the options fit, forecast and backtest share. */
final class DataOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec mixee;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "CSV file: a time column and numeric columns (wide), or series_id,date,value rows (long, with --id).")
    Path data;

    @Option(names = "--time", paramLabel = "COLUMN", description = "Time column (default: a column named date, datetime, timestamp, time, ds, period, month, year or t; else the first).")
    String time;

    @Option(names = "--target", paramLabel = "COLUMN",
            description = "Column to forecast (default: the only numeric column).")
    String target;

    @Option(names = "--id", paramLabel = "COLUMN", description = "Series id column of a long file holding many series.")
    String id;

    @Option(names = "--covariates", split = ",", paramLabel = "COLUMN",
            description = "Past covariate columns fed to the networks (comma-separated; '*' = all other numeric columns).")
    List<String> covariates;

    @Option(names = "--future-covariates", split = ",", paramLabel = "COLUMN",
            description = "Covariate columns known over the horizon too (prices, promotions, holidays, weather forecasts;"
                    + " comma-separated). The rows after a series' last target value (target empty) hold their future"
                    + " values, which forecasts need.")
    List<String> futureCovariates;

    @Option(names = "--static", split = ",", paramLabel = "COLUMN",
            description = "Columns with one value per series (region, store size; comma-separated): numbers are read as"
                    + " numeric attributes, anything else as categories the networks learn an embedding of.")
    List<String> statics;

    @Option(names = "--date-pattern", paramLabel = "PATTERN", converter = Converters.DatePatternConverter.class,
            description = "Date format of the time column, e.g. dd/MM/yyyy (default: ISO dates and date-times).")
    String datePattern;

    @Option(names = "--frequency", paramLabel = "FREQ", converter = Converters.FrequencyConverter.class,
            description = "yearly, quarterly, monthly, weekly, daily, business-daily, hourly, half-hourly, <k>min, index "
                    + "(default: inferred from the time stamps).")
    Frequency frequency;

    @Option(names = {"--period", "--seasonal-period"}, paramLabel = "M",
            description = "Seasonal period (default: from the frequency, e.g. 12 for monthly).")
    Integer period;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "error", converter = Converters.MissingConverter.class,
            description = "Missing values and time stamps: error, interpolate, ffill, drop-leading (default: ${DEFAULT-VALUE}).")
    MissingPolicy missing;

    @Option(names = "--delimiter", paramLabel = "CHAR", converter = CharConverter.class,
            description = "Cell separator: one character such as ';' or '|', or 'tab' (default: ',').")
    Character delimiter;

    @Option(names = "--decimal", paramLabel = "MARK", converter = CharConverter.class,
            description = "Decimal mark of the numbers: '.' or ',' (default: '.'); with ',' the cells are usually"
                    + " separated by ';' (--delimiter ';'), and a '.' in a number is an error.")
    Character decimal;

    /** The target column of the model the data are read for (null without a model). */
    private String modelTarget;

    /**
     * Reads the data with a saved model's columns: the target, time, id, covariate and static columns and the
     * seasonal period not given as options default to the model's.
     */
    void defaultsFrom(org.seqcast.io.LoadedModel loaded) {
        org.seqcast.io.DataColumns model = loaded.dataColumns();
        modelTarget = model.target();
        if (target == null) {
            target = model.target();
        }
        if (time == null) {
            time = model.timeColumn();
        }
        if (id == null) {
            id = model.idColumn();
        }
        if (covariates == null) {
            covariates = model.covariates();
        }
        if (period == null) {
            period = model.seasonalPeriod();
        }
        if (futureCovariates == null) {
            futureCovariates = model.futureCovariates();
        }
        if (statics == null) {
            statics = model.statics();
        }
    }

    /** The reading options; conflicting or invalid options are a usage error. */
    CsvOptions csvOptions() {
        CsvOptions.Builder b = CsvOptions.builder().timeColumn(time).target(target).idColumn(id)
                .missingPolicy(missing);
        if (covariates != null) {
            b.covariates(covariates.equals(List.of("*")) ? CsvOptions.ALL_OTHER_COLUMNS : covariates);
        }
        if (futureCovariates != null) {
            b.futureCovariates(futureCovariates);
        }
        if (statics != null) {
            b.statics(statics);
        }
        if (datePattern != null) {
            b.datePattern(datePattern);
        }
        if (frequency != null) {
            b.frequency(frequency);
        }
        if (delimiter != null) {
            b.delimiter(delimiter);
        }
        if (decimal != null) {
            b.decimal(decimal);
        }
        if (period != null) {
            if (period < 1) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--period must be at least 1; got " + period);
            }
            b.seasonalPeriod(period);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // only the options are checked here (e.g. a column named as both target and covariate): a usage error
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /** The time column the reader uses for this file (--time or the reader's default rule), or null. */
    String timeColumnUsed() {
        return SeriesCsv.timeColumn(data, csvOptions());
    }

    /** The series of the file; throws with the file, line and column on bad data. */
    List<TimeSeries> read() {
        if (!Files.exists(data)) {
            throw new IllegalArgumentException(data + ": no such file; check the --data path");
        }
        if (Files.isDirectory(data)) {
            throw new IllegalArgumentException(data + " is a directory; --data takes a CSV file");
        }
        List<TimeSeries> series = SeriesCsv.read(data, csvOptions());
        if (modelTarget != null && !modelTarget.equals(target)) {
            // the model's per-series scaling and weights were fitted on its own target column
            throw new IllegalArgumentException("--target " + target + ": the model was trained to forecast the column"
                    + " '" + modelTarget + "', and its scaling and weights were fitted on that column's values;"
                    + " forecast '" + modelTarget + "' (drop --target; a file whose column has another name needs"
                    + " it renamed to '" + modelTarget + "'), or fit a model with --target " + target);
        }
        return series;
    }

    /**
     * The roles of the covariates read: --future-covariates and --static as given, every other covariate column
     * (resolved against the first series) a past covariate.
     */
    CovariateRoles roles(List<TimeSeries> series) {
        return CovariateRoles.of(series, futureCovariates == null ? List.of() : futureCovariates,
                statics == null ? List.of() : statics);
    }

    /** One character, or {@code tab} for the tab character. */
    static final class CharConverter implements CommandLine.ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            if (value.equalsIgnoreCase("tab") || value.equals("\\t")) {
                return '\t';
            }
            if (value.length() != 1) {
                throw new CommandLine.TypeConversionException("expected one character (or 'tab'); got '" + value
                        + "'");
            }
            return value.charAt(0);
        }
    }
}
