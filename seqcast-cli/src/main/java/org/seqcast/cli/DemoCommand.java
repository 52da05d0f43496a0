package org.seqcast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.eval.ModelSummary;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.ConformalConfig;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.EnsembleForecaster;
import org.seqcast.forecast.FittedEnsemble;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.ForecastDistribution;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.Forecasters;
import org.seqcast.forecast.Preset;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;
import org.seqcast.report.HtmlReport;
import org.seqcast.report.ReportData;
import org.seqcast.train.History;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqcast demo}: the whole workflow on the bundled AirPassengers series: backtest the recommended ensemble,
 * the networks and the baselines, fit the ensemble on all the data with 80% and 95% conformal intervals, forecast
 * the next year, write the report.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"On the bundled AirPassengers series (monthly airline passengers 1949-1960): backtest the "
            + "recommended ensemble, the default networks and the default baselines (see 'seqcast models') over three "
            + "yearly origins, print the comparison, fit the ensemble on all the data with 80%% and 95%% prediction "
            + "intervals and forecast 1961. Writes airpassengers.csv, report.html, forecast.csv and model.seqcast "
            + "into the output directory."},
        footer = {"", "Examples:", "  seqcast demo", "  seqcast demo --out /tmp/demo --seed 7 --threads 1"})
final class DemoCommand implements Callable<Integer> {
    static final int HORIZON = 12;
    private static final String DATA = "demo/airpassengers.csv";
    /** The interval coverages of the final forecast: the library's defaults. */
    private static final double[] LEVELS = ConformalConfig.defaults().levels();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "seqcast-demo",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100",
            description = "Maximum training epochs of the networks (default: ${DEFAULT-VALUE}; early stopping usually ends sooner).")
    private int epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of all randomness (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); results do not depend on it.")
    private Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (epochs <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be positive; got " + epochs);
        }
        int n = NetworkOptions.threads(threads, spec.commandLine());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TimeSeries series = copyData(stdout);
        Preset preset = Preset.AUTO.resolve(List.of(series), HORIZON);
        List<String> names = new ArrayList<>(List.of(Forecasters.RECOMMENDED));
        names.addAll(Forecasters.defaults(series.seasonalPeriod() >= 2));
        Forecasters.Settings settings = Forecasters.Settings.of(HORIZON, List.of(series), preset, n,
                cell -> config(cell, preset, n), quiet ? null : name -> new Progress(err, name));
        List<String> networks = names.stream()
                .filter(m -> Forecasters.entry(m).kind() == Forecasters.Kind.NETWORK).toList();
        String members = String.join(", ", EnsembleForecaster.recommendedMembers(series.seasonalPeriod(),
                series.size(), HORIZON));
        stdout.printf(Locale.ROOT, "Backtest: 3 origins a year apart, horizon %d; the %s (median of %s), %s"
                + " (preset %s) against %s%n%n", HORIZON, Forecasters.RECOMMENDED, members, String.join(" and ", networks),
                preset.label(), String.join(", ", names.stream().filter(m -> !m.equals(Forecasters.RECOMMENDED)
                        && !networks.contains(m)).toList()));
        stdout.flush();

        long start = System.nanoTime();
        BacktestResult result = backtest(series, Forecasters.create(names, settings), err);
        stdout.print(result.table());
        ModelSummary winner = result.summary(Forecasters.RECOMMENDED);
        stdout.printf(Locale.ROOT, "%nThe %s %s the seasonal naive forecast (MASE %.3f vs %.3f, skill %.3f).%n",
                Forecasters.RECOMMENDED, winner.failsToBeatSeasonalNaive() ? "does NOT beat" : "beats",
                winner.mean().mase(), result.summary(Backtest.REFERENCE).mean().mase(), winner.skill());

        if (!quiet) {
            err.printf(Locale.ROOT, "fitting the %s on all the data, with %s conformal intervals%n",
                    Forecasters.RECOMMENDED, Levels.describe(LEVELS));
            err.flush();
        }
        Forecaster ensemble = Forecasters.create(Forecasters.RECOMMENDED, settings);
        FittedForecaster fitted = ConformalForecaster.recommended(ensemble, LEVELS).fit(List.of(series));
        Forecast forecast = fitted.forecast(series);
        Path forecastCsv = out.resolve("forecast.csv");
        ForecastCsv.write(List.of(forecast), forecastCsv);
        Path modelFile = out.resolve("model.seqcast");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("backtest_mase", winner.mean().mase());
        metrics.put("backtest_skill_vs_snaive", winner.skill());
        Path csv = out.resolve("airpassengers.csv");
        ModelFile.save(fitted, ModelInfo.of(ModelInfo.sha256(csv), List.of(series)).withMetrics(metrics)
                .withColumns("date", null), modelFile);
        Path report = out.resolve("report.html");
        HtmlReport.write(new ReportData("Seqcast demo: AirPassengers", List.of(series), result, List.of(forecast),
                histories(fitted), reportSettings(series, preset)).withExplanations(new org.seqcast.report.Explanations(
                Map.of(), BacktestCommand.lastFoldAttributions(result, series))), report);

        printForecast(stdout, forecast);
        stdout.printf(Locale.ROOT, "%nWrote %s, %s, %s (%.0f s)%n", report, forecastCsv, modelFile,
                (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    /** Copies the bundled data into the output directory and reads it back. */
    private TimeSeries copyData(PrintWriter stdout) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a file; --out takes the directory to write the demo's files into");
        }
        Files.createDirectories(out);
        Path csv = out.resolve("airpassengers.csv");
        try (InputStream in = DemoCommand.class.getResourceAsStream(DATA)) {
            Files.copy(in, csv, StandardCopyOption.REPLACE_EXISTING);
        }
        TimeSeries series = SeriesCsv.read(csv, CsvOptions.defaults()).get(0);
        stdout.printf(Locale.ROOT, "AirPassengers: %d monthly values, %s to %s (%s)%n", series.size(),
                series.index().label(0), series.index().lastLabel(), csv);
        return series;
    }

    private BacktestResult backtest(TimeSeries series, List<Forecaster> models, PrintWriter err) {
        BacktestOptions options = new BacktestOptions(3, HORIZON, true);
        return Backtest.run(List.of(series), models, options, (model, fold, folds) -> {
            if (!quiet && Forecasters.entry(model).kind() != Forecasters.Kind.CLASSICAL) {
                err.printf(Locale.ROOT, "fitting %s (fold %d/%d)%n", model, fold + 1, folds);
                err.flush();
            }
        });
    }

    /** The training histories of the networks inside the fitted ensemble, by member name. */
    private static Map<String, History> histories(FittedForecaster fitted) {
        Map<String, History> histories = new LinkedHashMap<>();
        FittedForecaster point = IntervalOptions.point(fitted);
        if (point instanceof FittedEnsemble e) {
            for (FittedForecaster m : e.members()) {
                if (m instanceof FittedRnn rnn) {
                    histories.put(rnn.name(), rnn.trainingHistory());
                }
            }
        }
        return histories;
    }

    private Map<String, String> reportSettings(TimeSeries series, Preset preset) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("command", "seqcast demo --seed " + seed + " --epochs " + epochs);
        settings.put("data", "AirPassengers (bundled), " + series.size() + " monthly values");
        settings.put("backtest", "3 origins, 12 months apart, horizon 12, models refitted at every origin");
        settings.put("networks", "preset " + preset.label() + " (" + preset.description() + "), Adam, early stopping");
        settings.put("final forecast", Forecasters.RECOMMENDED + " (median of " + String.join(", ",
                EnsembleForecaster.recommendedMembers(series.seasonalPeriod(), series.size(), HORIZON))
                + ") fitted on all "
                + series.size() + " months, " + Levels.describe(LEVELS) + " conformal intervals");
        settings.put("seed", Long.toString(seed));
        return settings;
    }

    private static void printForecast(PrintWriter stdout, Forecast forecast) {
        stdout.printf(Locale.ROOT, "%nForecast for %s to %s by the %s fitted on all the data, with its %s intervals:%n",
                forecast.label(0), forecast.label(HORIZON - 1), Forecasters.RECOMMENDED, Levels.describe(LEVELS));
        ForecastDistribution d = forecast.distribution();
        stdout.printf(Locale.ROOT, "  %-10s %8s %17s %17s%n", "", "forecast", "80%", "95%");
        double[] v = forecast.values();
        for (int k = 0; k < v.length; k++) {
            stdout.printf(Locale.ROOT, "  %-10s %8.1f   [%6.1f, %6.1f]   [%6.1f, %6.1f]%n", forecast.label(k), v[k],
                    d.lower(80)[k], d.upper(80)[k], d.lower(95)[k], d.upper(95)[k]);
        }
    }

    private RnnConfig config(Cell cell, Preset preset, int threads) {
        return preset.applyTo(RnnConfig.builder(HORIZON)).cell(cell).epochs(epochs).seed(seed).threads(threads)
                .build();
    }
}
