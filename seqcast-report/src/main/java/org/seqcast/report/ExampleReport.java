package org.seqcast.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;

/**
 * The report of the demo backtest (tools/report/screenshot.sh renders it for docs/report.png): an LSTM and a
 * GRU with the default configuration against nine baselines, horizon 12, three yearly origins; then the LSTM
 * fitted on all the data for the final forecast.
 * <pre>
 *   java -cp ... org.seqcast.report.ExampleReport [data.csv [report.html]]
 * </pre>
 */
public final class ExampleReport {
    private static final int HORIZON = 12;
    private static final List<String> BASELINES = List.of("naive", "snaive", "drift", "ses", "holt", "hw", "theta", "ar");

    private ExampleReport() {
    }

    /** Writes the report of {@code args[0]} (default AirPassengers) to {@code args[1]} (default target/report/report.html). */
    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "seqcast-forecast/src/test/resources/data/airpassengers.csv");
        Path out = Path.of(args.length > 1 ? args[1] : "target/report/report.html");
        HtmlReport.write(build(csv), out);
    }

    /** Runs the backtest and the final fit on the series of {@code csv}. */
    public static ReportData build(Path csv) {
        List<TimeSeries> series = SeriesCsv.read(csv, CsvOptions.defaults());
        List<Forecaster> models = new ArrayList<>();
        models.add(RnnForecaster.withHorizon(HORIZON));
        models.add(new RnnForecaster(RnnConfig.builder(HORIZON).cell(Cell.GRU).build()));
        BASELINES.forEach(name -> models.add(BaselineForecaster.of(name, HORIZON)));
        BacktestOptions options = new BacktestOptions(3, HORIZON, true);
        BacktestResult result = Backtest.run(series, models, options);

        FittedForecaster lstm = RnnForecaster.withHorizon(HORIZON).fit(series);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data", csv.toString());
        settings.put("models", "lstm, gru (default RnnConfig), " + String.join(", ", BASELINES));
        settings.put("backtest", options.folds() + " origins, " + options.step() + " points apart, horizon " + HORIZON);
        settings.put("final forecast", "lstm fitted on all the data");
        settings.put("seed", Long.toString(RnnConfig.builder(HORIZON).build().seed()));
        return new ReportData("Seqcast backtest: " + series.get(0).id(), series, result, lstm.forecast(series),
                Map.of(lstm.name(), lstm.trainingHistory()), settings);
    }
}
