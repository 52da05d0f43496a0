package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: every forecaster once, each builds what its name says, unknown names list the known ones. */
class ForecastersTest {
    /** Settings that deseasonalise turn a network named by its cell into its hybrid, and only those. */
    @Test
    void seasonallyAdjustedSettingsMakeCellNetworksHybridsAndRefuseTwins() {
        Forecasters.Settings plain = new Forecasters.Settings(6, 12, 1, c -> RnnConfig.builder(6).cell(c).build(),
                null);
        Forecasters.Settings adjusted = new Forecasters.Settings(6, 12, 0, 1, c -> RnnConfig.builder(6).cell(c).build(),
                null, true);
        assertInstanceOf(RnnForecaster.class, Forecasters.create("gru", plain));
        assertEquals("gru-deseason", assertInstanceOf(DecomposedForecaster.class, Forecasters.create("gru", adjusted))
                .name());
        assertInstanceOf(RnnForecaster.class, Forecasters.create("lstm-attention", adjusted),
                "only recurrent networks were measured on adjusted series");
        assertEquals(List.of("lstm", "lstm-deseason"),
                Forecasters.create(List.of("lstm", "lstm-deseason"), plain).stream().map(Forecaster::name).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forecasters.create(List.of("lstm", "theta", "lstm-deseason"), adjusted));
        assertTrue(e.getMessage().contains("models 'lstm' and 'lstm-deseason' are the same forecaster, lstm-deseason")
                && e.getMessage().contains("preset log-mae "), e.getMessage());
    }

    @Test
    void everyNetworkBaselineAndHybridIsThereOnce() {
        List<String> names = Forecasters.names();
        assertEquals(names.size(), names.stream().distinct().count());
        for (Cell c : Cell.values()) {
            assertEquals(Forecasters.Kind.NETWORK, Forecasters.entry(c.label()).kind());
            assertEquals(Forecasters.Kind.HYBRID, Forecasters.entry(c.label() + "-deseason").kind());
        }
        assertEquals(Forecasters.Kind.ENSEMBLE, Forecasters.entry("ensemble").kind());
        List<String> classical = new java.util.ArrayList<>(BaselineForecaster.NAMES);
        classical.add(RegressionForecaster.NAME);
        assertEquals(classical, Forecasters.names(Forecasters.Kind.CLASSICAL));
        assertTrue(Forecasters.entry("hw").needsSeasonal() && !Forecasters.entry("theta").needsSeasonal());
    }

    @Test
    void everyNameBuildsItsForecaster() {
        Forecasters.Settings settings = new Forecasters.Settings(7, 1, 1, c -> Series.small(7).cell(c).build(), null);
        for (Forecasters.Entry e : Forecasters.ALL) {
            Forecaster f = Forecasters.create(e.name().toUpperCase(java.util.Locale.ROOT), settings);
            assertEquals(e.name(), f.name());
            assertEquals(7, f.horizon());
            switch (e.kind()) {
                case NETWORK -> assertInstanceOf(RnnForecaster.class, f);
                case CLASSICAL -> assertTrue(e.name().equals(RegressionForecaster.NAME)
                        ? f instanceof RegressionForecaster : f instanceof BaselineForecaster, e.name());
                case HYBRID -> assertInstanceOf(DecomposedForecaster.class, f);
                case ENSEMBLE -> assertInstanceOf(EnsembleForecaster.class, f);
            }
        }
    }

    @Test
    void defaultsLeaveOutSeasonalMethodsForNonSeasonalData() {
        List<String> seasonal = Forecasters.defaults(true);
        assertEquals(List.of("lstm", "gru", "naive", "snaive", "drift", "ses", "holt", "hw", "theta", "ar"), seasonal);
        List<String> plain = new ArrayList<>(seasonal);
        plain.remove("hw");
        assertEquals(plain, Forecasters.defaults(false));
    }

    @Test
    void unknownNamesAndMismatchedSettingsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forecasters.create("arima", Forecasters.Settings.defaults(3, 1)));
        assertTrue(e.getMessage().startsWith("unknown forecaster 'arima'; use one of lstm, gru, rnn, lstm-attention, transformer, mean, naive"),
                e.getMessage());
        assertFalse(Forecasters.exists("arima"));
        Forecasters.Settings wrong = new Forecasters.Settings(3, 1, 1, c -> RnnConfig.builder(4).cell(c).build(), null);
        assertEquals("the network settings for gru have horizon 4 and cell gru; expected 3 and gru",
                assertThrows(IllegalArgumentException.class, () -> Forecasters.create("gru", wrong)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Forecasters.Entry("Bad Name", "x", false, false,
                new Forecasters.Recipe.Network(Cell.LSTM)));
    }

    /**
     * The recommended ensemble takes its members by the data's season length and, on non-seasonal data, by how
     * many horizons the median series holds, in the order the docs list them.
     */
    @Test
    void theRecommendedEnsembleFitsTheData() {
        assertEquals(List.of("lstm", "gru", "theta", "hw", "snaive"),
                EnsembleForecaster.recommendedMembers(EnsembleForecaster.LONG_SEASON - 1, 0, 6), "one short of long");
        List<String> hourly = List.of("lstm", "gru", "lstm-deseason", "gru-deseason", "lstm-deseason", "gru-deseason",
                "snaive");
        assertEquals(hourly, EnsembleForecaster.recommendedMembers(24, 0, 6), "hourly data: the networks lead");
        assertEquals(List.of("lstm", "gru", "snaive"),
                EnsembleForecaster.recommendedMembers(EnsembleForecaster.LONG_SEASON + 1, 0, 6),
                "one longer than a day: the networks and the seasonal naive");
        assertEquals(List.of("lstm", "gru", "snaive"), EnsembleForecaster.recommendedMembers(52, 0, 6), "weekly data");
        assertEquals(List.of("lstm", "gru", "theta", "drift", "holt-damped"), EnsembleForecaster.recommendedMembers(1,
                EnsembleForecaster.LONG_HISTORY * 6 - 1, 6), "one point short of long");
        assertEquals(List.of("lstm", "gru", "holt-damped"), EnsembleForecaster.recommendedMembers(1,
                EnsembleForecaster.LONG_HISTORY * 6, 6), "long non-seasonal series: the networks lead");
        assertEquals(EnsembleForecaster.recommendedMembers(12, 0, 6), EnsembleForecaster.recommendedMembers(12,
                100_000, 6), "the seasonal members do not depend on the length");
        for (int m : new int[] {1, 12, 24, 52}) {
            for (int history : new int[] {0, 119, 120}) {
                EnsembleForecaster e = (EnsembleForecaster) Forecasters.create("ensemble", new Forecasters.Settings(6,
                        m, history, 2, c -> Series.small(6).cell(c).build(), null));
                assertEquals(EnsembleForecaster.recommendedMembers(m, history, 6),
                        e.members().stream().map(Forecaster::name).toList());
            }
        }
        List<String> labels = new ArrayList<>();
        EnsembleForecaster long24 = (EnsembleForecaster) Forecasters.create("ensemble", new Forecasters.Settings(6,
                24, 0, 2, c -> Series.small(6).cell(c).seed(7).build(), name -> {
                    labels.add(name);
                    return null;
                }));
        assertEquals(List.of("lstm", "gru", "lstm-deseason", "gru-deseason", "lstm-deseason #2", "gru-deseason #2"),
                labels, "repeated members report progress under their own label");
        List<Long> seeds = long24.members().stream().filter(f -> f instanceof DecomposedForecaster)
                .map(f -> ((DecomposedForecaster) f).config().seed()).toList();
        assertEquals(List.of(7L, 7L, 8L, 8L), seeds, "a repeated name is the same network with the next seed");
        String described = Forecasters.entry("ensemble").description();
        assertTrue(described.contains("lstm, gru, theta, hw, snaive")
                && described.contains("lstm, gru, lstm-deseason, gru-deseason, lstm-deseason, gru-deseason, snaive when")
                && described.contains("lstm, gru, holt-damped")
                && described.contains("lstm, gru, theta, drift, holt-damped"), described);
        assertThrows(IllegalArgumentException.class, () -> new Forecasters.Settings(6, 1, -1, 1,
                c -> Series.small(6).cell(c).build(), null));
        assertEquals(5, Forecasters.Settings.history(List.of(Series.seasonal("a", 3, 10, 0, 1), Series.seasonal("b", 5, 10, 0, 1),
                Series.seasonal("c", 9, 10, 0, 1))));
    }
}
