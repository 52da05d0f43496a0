package org.seqcast.forecast.example;

import java.nio.file.Path;
import java.util.List;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.BacktestResult;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;

/**
 * The forecasting workflow in one program (docs/WORKFLOW.md shows it with its output): read a monthly CSV,
 * backtest an LSTM and a GRU against the baselines over three yearly origins, then fit the LSTM on all the
 * data and forecast the next year with its dates.
 * <pre>
 *   java -cp ... org.seqcast.forecast.example.WorkflowExample testdata/data/airpassengers.csv
 * </pre>
 */
public final class WorkflowExample {
    private WorkflowExample() {
    }

    public static void main(String[] args) {
        Path csv = Path.of(args.length > 0 ? args[0] : "testdata/data/airpassengers.csv");

        // 1. Data: time column "date", target "value"; monthly frequency and season 12 are inferred.
        TimeSeries series = SeriesCsv.read(csv, CsvOptions.defaults()).get(0);
        System.out.println(series);

        // 2. Models: the default network for a 12-month horizon (only the cell changed) and four baselines.
        int h = 12;
        List<Forecaster> models = List.of(
                RnnForecaster.withHorizon(h),
                new RnnForecaster(RnnConfig.builder(h).cell(Cell.GRU).build()),
                BaselineForecaster.of("naive", h),
                BaselineForecaster.of("snaive", h),
                BaselineForecaster.of("hw", h),
                BaselineForecaster.of("theta", h));

        // 3. Backtest: origins at 1957-12, 1958-12 and 1959-12; every fold refits scalers and models on its past.
        BacktestResult result = Backtest.run(List.of(series), models, new BacktestOptions(3, h, true));
        System.out.print(result.table());

        // 4. Fit on everything and forecast the next 12 months.
        Forecast next = RnnForecaster.withHorizon(h).fit(series).forecast(series);
        for (int k = 0; k < next.horizon(); k++) {
            System.out.printf("%s %8.1f%n", next.label(k), next.values()[k]);
        }
    }
}
