package org.seqcast.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.SeriesCsv;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;

/**
 * The workflow end to end from the library API on every univariate monthly and quarterly series of the
 * bundled datasets: read the CSV, backtest LSTM, GRU (small and briefly trained, to keep the suite fast) and
 * every baseline over 2 origins, and check that every model produced finite scores for every fold. The
 * multiplicative Holt-Winters method needs positive data, so on a series with zeros it must refuse with a
 * message naming the series and the value.
 */
class AllDatasetsBacktestTest {
    @ParameterizedTest
    @ValueSource(strings = {"airpassengers", "co2", "nottem", "ukdriverdeaths", "usaccdeaths", "sunspot_month",
        "wineind", "gas", "austres", "woolyrnq", "ukgas"})
    void everyModelRunsOnEverySeries(String name) {
        TimeSeries s = SeriesCsv.read(Path.of("../testdata/data", name + ".csv"), CsvOptions.defaults()).get(0);
        int m = s.seasonalPeriod();
        int h = m == 12 ? 12 : 8;
        boolean positive = Arrays.stream(s.values()).allMatch(v -> v > 0);
        List<Forecaster> models = new ArrayList<>();
        for (Cell cell : List.of(Cell.LSTM, Cell.GRU)) {
            models.add(new RnnForecaster(RnnConfig.builder(h).cell(cell).units(8).epochs(2).threads(2).build()));
        }
        for (String b : BaselineForecaster.NAMES) {
            if (!b.equals("hw-mult") || positive) {
                models.add(BaselineForecaster.of(b, h));
            }
        }
        BacktestResult r = Backtest.run(List.of(s), models, new BacktestOptions(2, h, true));
        assertEquals(models.size(), r.models().size());
        for (ModelSummary summary : r.summary()) {
            assertEquals(2, r.folds(summary.model()).size());
            assertTrue(Double.isFinite(summary.mean().mase()) && summary.mean().mase() > 0,
                    name + " " + summary.model() + " MASE " + summary.mean().mase());
            assertTrue(Double.isFinite(summary.skill()), name + " " + summary.model());
        }
        if (!positive) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backtest.run(List.of(s),
                    List.of(BaselineForecaster.of("hw-mult", h)), BacktestOptions.holdout()));
            assertTrue(e.getMessage().contains("series '" + s.id() + "'"), e.getMessage());
        }
    }
}
