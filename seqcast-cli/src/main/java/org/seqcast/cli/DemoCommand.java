package org.seqcast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.Forecasters;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;
import org.seqcast.report.HtmlReport;
import org.seqcast.report.ReportData;
import org.seqcast.tensor.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqcast demo}: the whole workflow on the bundled AirPassengers series: backtest an LSTM and a GRU
 * against the baselines, fit the better network on all the data, forecast the next year, write the report.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"On the bundled AirPassengers series (monthly airline passengers 1949-1960): backtest the "
            + "default networks (LSTM, GRU) against the default baselines (see 'seqcast models') over three yearly origins, print the comparison, fit the better "
            + "network on all the data and forecast 1961. Writes airpassengers.csv, report.html, forecast.csv and "
            + "model.seqcast into the output directory."},
        footer = {"", "Examples:", "  seqcast demo", "  seqcast demo --out /tmp/demo --seed 7 --threads 1"})
final class DemoCommand implements Callable<Integer> {
    static final int HORIZON = 12;
    private static final String DATA = "demo/airpassengers.csv";

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
        int n = threads == null ? Parallel.availableCores() : threads;
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1; got " + n);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
        List<String> names = Forecasters.defaults(series.seasonalPeriod() >= 2);
        List<String> networks = names.stream().filter(m -> Forecasters.entry(m).kind() == Forecasters.Kind.NETWORK)
                .toList();
        List<String> others = names.stream().filter(m -> !networks.contains(m)).toList();
        stdout.printf(Locale.ROOT, "Backtest: 3 origins a year apart, horizon %d; %s (%s) against %s%n%n",
                HORIZON, String.join(" and ", networks), "1 layer of 32 units, window 24", String.join(", ", others));
        stdout.flush();

        List<Forecaster> models = Forecasters.create(names, new Forecasters.Settings(HORIZON, series.seasonalPeriod(), 1,
                cell -> config(cell, n), quiet ? null : name -> new Progress(err, name)));
        BacktestOptions options = new BacktestOptions(3, HORIZON, true);
        long start = System.nanoTime();
        BacktestResult result = Backtest.run(List.of(series), models, options, (model, fold, folds) -> {
            if (!quiet && Forecasters.entry(model).kind() != Forecasters.Kind.CLASSICAL) {
                err.printf(Locale.ROOT, "fitting %s (fold %d/%d)%n", model, fold + 1, folds);
                err.flush();
            }
        });
        stdout.print(result.table());
        String bestName = networks.get(0);
        for (String m : networks) {
            if (result.summary(m).mean().mase() < result.summary(bestName).mean().mase()) {
                bestName = m;
            }
        }
        Cell best = Cell.parse(bestName);
        ModelSummary winner = result.summary(bestName);
        stdout.printf(Locale.ROOT, "%nThe %s %s the seasonal naive forecast (MASE %.3f vs %.3f, skill %.3f).%n",
                best.label(), winner.failsToBeatSeasonalNaive() ? "does NOT beat" : "beats", winner.mean().mase(),
                result.summary(Backtest.REFERENCE).mean().mase(), winner.skill());

        FittedRnn fitted = network(best, n, quiet ? null : new Progress(err, best.label() + " (all data)")).fit(series);
        Forecast forecast = fitted.forecast(series);
        Path forecastCsv = out.resolve("forecast.csv");
        ForecastCsv.write(List.of(forecast), forecastCsv);
        Path modelFile = out.resolve("model.seqcast");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("backtest_mase", winner.mean().mase());
        metrics.put("backtest_skill_vs_snaive", winner.skill());
        ModelFile.save(fitted, ModelInfo.of(ModelInfo.sha256(csv), List.of(series)).withMetrics(metrics).withColumns("date", null), modelFile);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("command", "seqcast demo --seed " + seed + " --epochs " + epochs);
        settings.put("data", "AirPassengers (bundled), " + series.size() + " monthly values");
        settings.put("backtest", "3 origins, 12 months apart, horizon 12, models refitted at every origin");
        settings.put("networks", "lstm, gru: 1 layer of 32 units, window 24, Adam 0.001, MSE, early stopping (patience 10)");
        settings.put("final forecast", best.label() + " fitted on all 144 months");
        settings.put("seed", Long.toString(seed));
        Path report = out.resolve("report.html");
        HtmlReport.write(new ReportData("Seqcast demo: AirPassengers", List.of(series), result, List.of(forecast),
                Map.of(best.label(), fitted.trainingHistory()), settings), report);

        stdout.printf(Locale.ROOT, "%nForecast for %s to %s by the %s fitted on all the data:%n", forecast.label(0),
                forecast.label(HORIZON - 1), best.label());
        double[] v = forecast.values();
        for (int k = 0; k < v.length; k++) {
            stdout.printf(Locale.ROOT, "  %s %7.1f%n", forecast.label(k), v[k]);
        }
        stdout.printf(Locale.ROOT, "%nWrote %s, %s, %s (%.0f s)%n", report, forecastCsv, modelFile,
                (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    private RnnForecaster network(Cell cell, int threads, Progress progress) {
        RnnForecaster f = new RnnForecaster(config(cell, threads));
        return progress == null ? f : f.withListener(progress);
    }

    private RnnConfig config(Cell cell, int threads) {
        return RnnConfig.builder(HORIZON).cell(cell).epochs(epochs).seed(seed).threads(threads).build();
    }
}
