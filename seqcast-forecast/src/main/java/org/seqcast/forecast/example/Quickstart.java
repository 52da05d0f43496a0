package org.seqcast.forecast.example;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecasters;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;

/**
 * The README's forecasting quickstart, compiled with the library so that it cannot drift from the API: backtest
 * the recommended ensemble against a network and two baselines, fit the ensemble with 80% and 95% conformal
 * intervals, save it as one file, load it and forecast. Run it with a CSV path (e.g.
 * {@code testdata/data/airpassengers.csv}).
 */
public final class Quickstart {
    private Quickstart() {
    }

    /** Runs the quickstart on the CSV file {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]);
        TimeSeries series = SeriesCsv.read(csv, CsvOptions.defaults()).get(0);
        int h = 12;

        // what a user who gives only the data and the horizon gets (the networks' preset is chosen for the data)
        Forecasters.Settings settings = Forecasters.Settings.recommended(h, List.of(series));
        List<String> names = List.of(Forecasters.RECOMMENDED, "lstm", "theta", "snaive");
        System.out.print(Backtest.run(List.of(series), Forecasters.create(names, settings),
                new BacktestOptions(3, h, true)).table());

        // the recommended ensemble with 80% and 95% conformal intervals calibrated on the training part, as the
        // command line fits it; saved as one .seqcast file and loaded back, it forecasts the same numbers
        FittedForecaster fitted = ConformalForecaster.recommended(Forecasters.create(Forecasters.RECOMMENDED, settings),
                80, 95).fit(List.of(series));
        ModelFile.save(fitted, ModelInfo.of(ModelInfo.sha256(csv), List.of(series)), Path.of("ensemble.seqcast"));
        Forecast next = ModelFile.load(Path.of("ensemble.seqcast")).forecaster().forecast(series);
        for (int k = 0; k < h; k++) {
            System.out.printf("%s %6.1f  80%% [%6.1f, %6.1f]  95%% [%6.1f, %6.1f]%n", next.label(k), next.values()[k],
                    next.distribution().lower(80)[k], next.distribution().upper(80)[k],
                    next.distribution().lower(95)[k], next.distribution().upper(95)[k]);
        }
    }
}
