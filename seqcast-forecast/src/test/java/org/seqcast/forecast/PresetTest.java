package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.seqcast.data.TimeSeries;
import org.seqcast.data.TimeIndex;
import org.junit.jupiter.api.Test;

class PresetTest {
    /**
     * Seasonal (m = 2), so that the automatic preset's refit for short non-seasonal series stays out of the way (and
     * its log-mae comes with the seasonal adjustment).
     */
    private static TimeSeries series(String id, double... values) {
        return TimeSeries.of(id, TimeIndex.plain(0, values.length), values).withSeasonalPeriod(2);
    }

    @Test
    void autoIsLogMaeForNonNegativeDataAndNoneOtherwise() {
        TimeSeries positive = series("a", 1, 2, 3, 0, 5);
        TimeSeries negative = series("b", 1, -2, 3);
        assertEquals(Preset.LOG_MAE_DESEASON, Preset.AUTO.resolve(List.of(positive), 1));
        assertEquals(Preset.NONE, Preset.AUTO.resolve(List.of(positive, negative), 1), "one negative value is enough");
        assertEquals(Preset.NONE, Preset.NONE.resolve(List.of(positive), 1), "a concrete preset stays itself");
    }

    @Test
    void autoKeepsStandardScalingForSmallNumbersAndCovariates() {
        TimeSeries small = series("s", 0.01, 0.02, 0.05, 0.03);
        assertEquals(Preset.NONE, Preset.AUTO.resolve(List.of(small), 1), "log1p of values far below 1 is nearly linear");
        assertEquals(Preset.LOG_MAE_DESEASON, Preset.AUTO.resolve(List.of(series("m", 0.5, 1, 2)), 1), "median 1");
        TimeSeries withCovariate = new TimeSeries("c", TimeIndex.plain(0, 3), "y",
                java.util.Map.of("y", new double[] {10, 20, 30}, "price", new double[] {1000, 2000, 1500}), 1);
        assertEquals(List.of("price"), withCovariate.covariateNames(), "premise: the series has a covariate");
        assertEquals(Preset.NONE, Preset.AUTO.resolve(List.of(withCovariate), 1),
                "no scaling would leave the covariates raw");
    }

    /** Short non-seasonal series (under LONG_HISTORY horizons) get the refit; seasonal or long ones do not. */
    @Test
    void autoRefitsShortNonSeasonalSeries() {
        double[] v = new double[40];
        java.util.Arrays.fill(v, 100);
        TimeSeries yearly = TimeSeries.of("y", TimeIndex.plain(0, v.length), v);
        assertEquals(1, yearly.seasonalPeriod(), "premise: not seasonal");
        int h = v.length / EnsembleForecaster.LONG_HISTORY;
        assertEquals(Preset.LOG_MAE_REFIT, Preset.AUTO.resolve(List.of(yearly), h + 1), "under 20 horizons");
        assertEquals(Preset.LOG_MAE, Preset.AUTO.resolve(List.of(yearly), h), "20 horizons: long");
        assertEquals(Preset.LOG_MAE_DESEASON, Preset.AUTO.resolve(List.of(yearly.withSeasonalPeriod(4)), h + 1),
                "seasonal");
        assertTrue(Preset.LOG_MAE_REFIT.applyTo(RnnConfig.builder(3)).build().refit());
        assertEquals(Preset.LOG_MAE.applyTo(RnnConfig.builder(3)).refit(true).build(),
                Preset.LOG_MAE_REFIT.applyTo(RnnConfig.builder(3)).build(), "log-mae and the refit, nothing else");
    }

    /** Seasons of 2 to LONG_SEASON steps get single networks on seasonally adjusted series; others do not. */
    @Test
    void autoDeseasonalisesSeasonsUpToADay() {
        double[] v = new double[200];
        java.util.Arrays.fill(v, 100);
        TimeSeries s = TimeSeries.of("s", TimeIndex.plain(0, v.length), v);
        for (int m : new int[] {2, 4, 7, 12, EnsembleForecaster.LONG_SEASON}) {
            assertEquals(Preset.LOG_MAE_DESEASON, Preset.AUTO.resolve(List.of(s.withSeasonalPeriod(m)), 2), "m = " + m);
        }
        assertEquals(Preset.LOG_MAE, Preset.AUTO.resolve(List.of(s.withSeasonalPeriod(52)), 2), "a year of weeks");
        assertEquals(Preset.LOG_MAE, Preset.AUTO.resolve(List.of(s), 2), "not seasonal (and long)");
        assertEquals(Preset.NONE, Preset.AUTO.resolve(List.of(series("n", 1, -1, 2, 3, 4)), 1),
                "negative values: no log, no adjustment");
        for (Preset p : Preset.values()) {
            assertEquals(p == Preset.LOG_MAE_DESEASON, p.deseasonalises(), p.label());
        }
        assertEquals(Preset.LOG_MAE.applyTo(RnnConfig.builder(3)).build(),
                Preset.LOG_MAE_DESEASON.applyTo(RnnConfig.builder(3)).build(), "the networks' options are log-mae's");
        List<TimeSeries> monthly = List.of(s.withSeasonalPeriod(12));
        assertTrue(Forecasters.Settings.of(2, monthly, Preset.LOG_MAE_DESEASON, 1, c -> RnnConfig.builder(2).build(),
                null).deseasonalise());
        assertFalse(Forecasters.Settings.of(2, monthly, Preset.LOG_MAE, 1, c -> RnnConfig.builder(2).build(), null)
                .deseasonalise(), "an explicit log-mae keeps the networks on the series as they are");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Forecasters.Settings.of(2,
                monthly, Preset.AUTO, 1, c -> RnnConfig.builder(2).build(), null));
        assertTrue(e.getMessage().contains("resolve it for the series first"), e.getMessage());
    }

    @Test
    void logMaeRefusesNegativeValuesNamingSeriesAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preset.LOG_MAE.resolve(List.of(series("a", 1, 2), series("b", 4, -2.5)), 1));
        assertTrue(e.getMessage().contains("series 'b' has -2.5") && e.getMessage().contains("preset none or auto"),
                e.getMessage());
    }

    @Test
    void presetsSetTheirOptionsAndLaterOptionsWin() {
        RnnConfig plain = RnnConfig.builder(4).build();
        assertEquals(plain, Preset.NONE.applyTo(RnnConfig.builder(4)).build(), "none is RnnConfig's defaults");
        RnnConfig log = Preset.LOG_MAE.applyTo(RnnConfig.builder(4)).build();
        assertEquals(TargetTransform.LOG1P, log.transform());
        assertEquals(Scaling.NONE, log.scaling());
        assertEquals("mae", log.loss());
        RnnConfig overridden = Preset.LOG_MAE.applyTo(RnnConfig.builder(4)).loss("mse").build();
        assertEquals("mse", overridden.loss());
        assertEquals(TargetTransform.LOG1P, overridden.transform());
        assertThrows(IllegalStateException.class, () -> Preset.AUTO.applyTo(RnnConfig.builder(4)),
                "auto must be resolved for the data first");
    }

    @Test
    void namesParseBothWays() {
        for (Preset p : Preset.values()) {
            assertEquals(p, Preset.parse(p.label()));
            assertEquals(p, Preset.parse(" " + p.name() + " "));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preset.parse("fast"));
        assertTrue(e.getMessage().contains("'fast'") && e.getMessage().contains(Preset.names()), e.getMessage());
    }

    @Test
    void recommendedSettingsUseTheAutomaticPresetAndTheDataSeason() {
        TimeSeries air = Series.airPassengers();
        Forecasters.Settings s = Forecasters.Settings.recommended(12, List.of(air));
        assertEquals(air.seasonalPeriod(), s.seasonalPeriod());
        RnnConfig lstm = s.network(Cell.LSTM);
        assertEquals(Preset.LOG_MAE.applyTo(RnnConfig.builder(12)).cell(Cell.LSTM).build(), lstm);
        assertTrue(s.deseasonalise(), "monthly data: single networks on seasonally adjusted series");
        DecomposedForecaster single = assertInstanceOf(DecomposedForecaster.class, Forecasters.create("lstm", s));
        assertEquals("lstm-deseason", single.name());
        assertEquals(lstm, single.config(), "the hybrid's network is the preset's");
        EnsembleForecaster ensemble = assertInstanceOf(EnsembleForecaster.class, Forecasters.create("ensemble", s));
        assertEquals(EnsembleForecaster.recommendedMembers(12, air.size(), 12),
                ensemble.members().stream().map(Forecaster::name).toList(),
                "the ensemble keeps its members, networks on the series as they are");
        assertInstanceOf(RnnForecaster.class, ensemble.members().get(0));
        Forecasters.Settings negative = Forecasters.Settings.recommended(3, List.of(series("n", 1, -1, 2, 3, 4)));
        assertEquals(RnnConfig.builder(3).cell(Cell.GRU).build(), negative.network(Cell.GRU),
                "data with a negative value keeps RnnConfig's defaults");
    }
}
