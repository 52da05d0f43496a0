package org.seqcast.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seqcast.data.Frequency;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.MissingLevelException;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.Manifest;
import org.seqcast.io.ModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seqcast forecast}: the next H points after the end of the given data, from a saved model. */
@Command(name = "forecast",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Forecast the next H points after the end of each series in --data with a saved model (a "
            + "network, a baseline, which is refitted on each series' history, or an ensemble). The "
            + "data must have the model's target and covariate columns and frequency; target and covariates default "
            + "to the model's. Output: CSV date,forecast (series_id,date,forecast for many series), followed by interval "
            + "and quantile columns (lo80,hi80,q50,...) when the model gives them: a model fitted with --levels holds a "
            + "calibration of prediction intervals and prints lo80,hi80,lo95,hi95 (--levels chooses among them). A model "
            + "with future-known covariates needs their values over the horizon: in the data file's rows after each "
            + "series' last target value (target left empty), or in a separate --future file; static covariates come "
            + "from the model's static columns."},
        footer = {"", "Examples:",
            "  seqcast forecast --model air.seqcast --data airpassengers.csv",
            "  seqcast forecast --model air.seqcast --data airpassengers.csv --out forecast.csv --plot forecast.png",
            "  seqcast forecast --model theta-80-95.seqcast --data airpassengers.csv --levels 95",
            "  seqcast forecast --model tourism-q.seqcast --data tourism_quarterly.csv --id series_id --json",
            "  seqcast forecast --model seatbelts.seqcast --data seatbelts_roles.csv",
            "  seqcast forecast --model demand.seqcast --data demand.csv --future plan.csv"})
final class ForecastCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A .seqcast model file.")
    private Path model;

    @Mixin
    private DataOptions data = new DataOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the forecast CSV here (default: stdout).")
    private Path out;

    @Option(names = "--future", paramLabel = "FILE",
            description = "Future values of the model's future-known covariates: the time column (and the id column of"
                    + " a long file) and one column per covariate, a row per series and time stamp after its data"
                    + " (default: the data file's rows after each series' last target value).")
    private Path future;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also draw the history and the forecast as a PNG chart.")
    private Path plot;

    @Option(names = "--json", description = "Print the forecasts as JSON on stdout.")
    private boolean json;

    @Option(names = "--levels", paramLabel = "C,C", converter = Converters.LevelsConverter.class,
            description = "The prediction intervals to print, coverages in percent, e.g. 80,95, or none (default: all"
                    + " the model file holds). Intervals need a conformal calibration, made from the training data"
                    + " when the model is fitted ('seqcast fit ... --levels 80,95'); a model file without one"
                    + " gives point forecasts only.")
    private Levels levels;

    @Option(names = {"-q", "--quiet"}, description = "No warnings on stderr (errors are still printed).")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        OutputFiles.of().reads("--model", model).reads("--data", data.data).reads("--future", future)
                .writes("--out", out).writes("--plot", plot).check();
        LoadedModel loaded = ModelFile.load(model);
        Manifest.DataSchema schema = loaded.manifest().data();
        data.defaultsFrom(loaded);
        List<TimeSeries> series = data.read();
        if (future != null) {
            series = SeriesCsv.withFuture(series, future, data.csvOptions());
        }
        Frequency frequency = schema.frequency();
        for (TimeSeries s : series) {
            if (!s.frequency().equals(frequency)) {
                throw new IllegalArgumentException(data.data + ": series '" + s.id() + "' is " + s.frequency()
                        + " but the model " + model + " was trained on " + frequency + " data; forecast " + frequency
                        + " data with it, or fit a model on this data");
            }
        }
        FittedForecaster forecaster = loaded.forecaster();
        if (!forecaster.divergence().isEmpty()) {
            Messages.warn(spec.commandLine().getErr(), quiet, "the model " + model + " was saved although its training"
                    + " diverged (" + String.join("; ", forecaster.divergence()) + "): its forecasts may be far off;"
                    + " fit it again");
        }
        // the longest window of any network inside (a network alone, a hybrid's, an ensemble's members')
        int window = loaded.networks().stream().mapToInt(rnn -> rnn.config().window()).max().orElse(0);
        for (TimeSeries s : series) {
            if (s.size() < window) {
                Messages.warn(spec.commandLine().getErr(), quiet, String.format(Locale.ROOT, "series '%s' has %d points,"
                        + " fewer than the model's window of %d: its window is padded with its first value", s.id(),
                        s.size(), window));
            }
        }
        List<Forecast> forecasts = withLevels(forecaster.forecast(series), forecaster.horizon());
        for (Forecast f : forecasts) {
            if (f.hasNote()) {
                Messages.warn(spec.commandLine().getErr(), quiet, "series '" + f.seriesId() + "': " + f.note());
            }
        }
        if (out != null) {
            ForecastCsv.write(forecasts, out);
        }
        if (plot != null) {
            Charts.forecastPng(series, forecasts, plot, spec.commandLine().getErr());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(ForecastJson.format(forecasts));
        } else if (out == null) {
            stdout.print(ForecastCsv.format(forecasts));
        } else {
            spec.commandLine().getErr().printf("wrote %d forecast(s) of %d steps to %s%n", forecasts.size(),
                    forecaster.horizon(), out);
        }
        stdout.flush();
        return 0;
    }

    /**
     * The forecasts with the intervals --levels asks for ({@link Forecast#withLevels}): all they carry without the
     * option; point forecasts only for {@code none}; else exactly the requested coverages, which the forecasts must
     * carry (a model file with a conformal calibration gives the levels it was fitted with). A model without
     * intervals, or without a requested level, is an error that says how to get them.
     */
    private List<Forecast> withLevels(List<Forecast> forecasts, int horizon) {
        if (levels == null) {
            return forecasts;
        }
        List<Forecast> out = new ArrayList<>();
        for (Forecast f : forecasts) {
            try {
                out.add(f.withLevels(levels.coverages()));
            } catch (MissingLevelException e) {
                throw new IllegalArgumentException(howToGet(e, horizon), e);
            }
        }
        return out;
    }

    private String howToGet(MissingLevelException e, int horizon) {
        double[] stored = e.available();
        if (stored.length == 0) {
            return "--levels " + levels + ": the model file " + model + " holds no"
                    + " calibration of prediction intervals (a conformal calibration is made from the training data"
                    + " when the model is fitted, and this model was saved without one); fit it again with"
                    + " intervals, e.g. seqcast fit --data TRAINING.csv -H " + horizon + " ... --levels " + levels
                    + " --out " + model.getFileName() + ", or drop --levels for point forecasts";
        }
        return "--levels " + levels + ": the model file " + model + " holds intervals at " + Levels.describe(stored)
                + " only, not " + ForecastDistribution.percent(e.level()) + "%; ask for some of " + new Levels(stored)
                + ", or fit the model again with --levels " + levels;
    }
}
