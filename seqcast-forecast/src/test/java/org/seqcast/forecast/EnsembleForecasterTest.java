package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;

class EnsembleForecasterTest {
    private static final TimeSeries SERIES = Series.seasonal("s", 48, 100, 0.5, 10);

    /** A member that forecasts fixed values (with a note when given one). */
    private static Forecaster fixed(String name, String note, double... values) {
        return new Forecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int horizon() {
                return values.length;
            }

            @Override
            public FittedForecaster fit(List<TimeSeries> training) {
                return new FittedForecaster() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public int horizon() {
                        return values.length;
                    }

                    @Override
                    public Forecast forecast(TimeSeries history) {
                        return new Forecast(history.id(), name, history.index().following(values.length), values, note);
                    }
                };
            }
        };
    }

    @Test
    void aClassicalMemberThatCannotFitFailsBeforeTheOthersAreFitted() {
        java.util.concurrent.atomic.AtomicInteger slowFits = new java.util.concurrent.atomic.AtomicInteger();
        Forecaster slow = new Forecaster() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public int horizon() {
                return 4;
            }

            @Override
            public FittedForecaster fit(List<TimeSeries> training) {
                slowFits.incrementAndGet();
                return fixed("slow", "", 1, 2, 3, 4).fit(training);
            }
        };
        TimeSeries weekly = Series.seasonal("w", 160, 100, 0.5, 10).withSeasonalPeriod(52);
        Forecaster hw = BaselineForecaster.of("hw", 4);
        assertThrows(IllegalArgumentException.class, () -> hw.fit(weekly), "premise: hw cannot fit m = 52");
        EnsembleForecaster e = new EnsembleForecaster("e", List.of(slow, hw), Combination.MEDIAN, 1);
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> e.fit(weekly));
        assertTrue(failure.getMessage().contains("at most 24"), failure.getMessage());
        assertEquals(0, slowFits.get(), "the classical member is fitted (and fails) first");
        // the order of fitting does not change the fitted ensemble: members keep their places
        EnsembleForecaster ok = new EnsembleForecaster("e", List.of(fixed("a", "", 1, 10, 5), BaselineForecaster.of(
                "naive", 3), fixed("c", "", 3, 20, 7)), Combination.MEDIAN, 2);
        FittedEnsemble fitted = ok.fit(SERIES);
        assertEquals(List.of("a", "naive", "c"), fitted.members().stream().map(FittedForecaster::name).toList());
    }

    @Test
    void medianAndMeanPerStep() {
        List<Forecaster> three = List.of(fixed("a", "", 1, 10, 5), fixed("b", "", 3, 20, -5), fixed("c", "", 2, 0, 100));
        Forecast median = new EnsembleForecaster(three).fit(SERIES).forecast(SERIES);
        assertArrayEquals(new double[] {2, 10, 5}, median.values());
        assertEquals("ensemble", median.model());
        assertEquals(SERIES.index().following(3), median.index());
        Forecast mean = new EnsembleForecaster("avg", three, Combination.MEAN, 1).fit(SERIES).forecast(SERIES);
        assertArrayEquals(new double[] {2, 10, 100.0 / 3}, mean.values());
        List<Forecaster> four = List.of(fixed("a", "", 1, 4), fixed("b", "", 2, 3), fixed("c", "", 10, 2),
                fixed("d", "", 20, 1));
        assertArrayEquals(new double[] {6, 2.5}, new EnsembleForecaster(four).fit(SERIES).forecast(SERIES).values());
    }

    /** A member whose forecasts carry fixed quantiles at {@code levels}, its point the median column. */
    private static Forecaster quantiles(String name, double[] levels, double[][] q) {
        Forecaster inner = fixed(name, "", java.util.Arrays.stream(q).mapToDouble(row -> row[1]).toArray());
        return new Forecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int horizon() {
                return q.length;
            }

            @Override
            public FittedForecaster fit(List<TimeSeries> training) {
                FittedForecaster f = inner.fit(training);
                return new FittedForecaster() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public int horizon() {
                        return q.length;
                    }

                    @Override
                    public Forecast forecast(TimeSeries history) {
                        return f.forecast(history).withDistribution(ForecastDistribution.ofLevels(levels, q));
                    }
                };
            }
        };
    }

    /**
     * Members with the same levels: the ensemble's quantiles are the median (or mean) of theirs at each level and
     * step, and stay ordered; a member without them, or with other levels, leaves the ensemble without any.
     */
    @Test
    void membersQuantilesAreCombinedLevelByLevel() {
        double[] levels = {0.1, 0.5, 0.9};
        List<Forecaster> three = List.of(
                quantiles("a", levels, new double[][] {{0, 1, 9}, {1, 2, 3}}),
                quantiles("b", levels, new double[][] {{2, 3, 4}, {0, 5, 6}}),
                quantiles("c", levels, new double[][] {{-5, 2, 3}, {2, 2, 100}}));
        Forecast median = new EnsembleForecaster(three).fit(SERIES).forecast(SERIES);
        assertArrayEquals(new double[][] {{0, 2, 4}, {1, 2, 6}}, median.distribution().values());
        assertArrayEquals(median.values(), median.distribution().quantile(0.5));
        assertEquals(List.of("lo80", "hi80", "q50"), median.distribution().columns());
        Forecast mean = new EnsembleForecaster("avg", three, Combination.MEAN, 1).fit(SERIES).forecast(SERIES);
        assertArrayEquals(new double[][] {{-1, 2, 16.0 / 3}, {1, 3, 109.0 / 3}}, mean.distribution().values());

        List<Forecaster> mixed = List.of(three.get(0), fixed("p", "", 1, 2));
        assertTrue(!new EnsembleForecaster(mixed).fit(SERIES).forecast(SERIES).hasDistribution());
        List<Forecaster> other = List.of(three.get(0), quantiles("d", new double[] {0.2, 0.5, 0.8},
                new double[][] {{0, 1, 2}, {0, 1, 2}}));
        assertTrue(!new EnsembleForecaster(other).fit(SERIES).forecast(SERIES).hasDistribution());
    }

    @Test
    void membersNotesAreCarriedThrough() {
        Forecast f = new EnsembleForecaster(List.of(fixed("a", "", 1), fixed("hw", "fell back to naive", 2),
                fixed("c", "short", 3))).fit(SERIES).forecast(SERIES);
        assertEquals("member 1 (hw): fell back to naive; member 2 (c): short", f.note());
    }

    /** Networks and baselines fitted on 1 or 3 threads give the same bits; members over seeds differ from each other. */
    @Test
    void sameBitsForAnyThreadCount() {
        RnnConfig config = RnnConfig.builder(6).units(4).epochs(3).patience(5).threads(1).seed(7).build();
        EnsembleForecaster seeds = EnsembleForecaster.ofSeeds(config, 3, Combination.MEDIAN, 1);
        List<Forecaster> members = List.of(seeds, new RnnForecaster(config.toBuilder().cell(Cell.GRU).build()),
                BaselineForecaster.of("theta", 6));
        EnsembleForecaster one = new EnsembleForecaster("e", members, Combination.MEAN, 1);
        FittedEnsemble a = one.fit(SERIES);
        FittedEnsemble b = one.withThreads(3).fit(SERIES);
        assertArrayEquals(a.forecast(SERIES).values(), b.forecast(SERIES).values());
        FittedEnsemble nested = (FittedEnsemble) a.members().get(0);
        double[] first = nested.members().get(0).forecast(SERIES).values();
        assertArrayEquals(new RnnForecaster(config).fit(SERIES).forecast(SERIES).values(), first,
                "member 0 of an ensemble over seeds is the network of the config's own seed");
        assertTrue(!java.util.Arrays.equals(first, nested.members().get(1).forecast(SERIES).values()),
                "members over seeds differ");
        assertEquals("lstm-x3", seeds.name());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new EnsembleForecaster(List.of()));
        assertEquals("an ensemble needs at least one member; got none", none.getMessage());
        IllegalArgumentException horizons = assertThrows(IllegalArgumentException.class,
                () -> new EnsembleForecaster(List.of(BaselineForecaster.of("naive", 6), BaselineForecaster.of("theta", 6),
                        BaselineForecaster.of("snaive", 12))));
        assertEquals("ensemble members must share one horizon: member 0 (naive) has horizon 6 but member 2 (snaive)"
                + " has 12; give every member the same horizon", horizons.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FittedEnsemble("e", List.of(), Combination.MEDIAN));
        assertThrows(IllegalArgumentException.class, () -> EnsembleForecaster.ofSeeds(
                RnnConfig.builder(3).build(), 0, Combination.MEDIAN, 1));
        assertThrows(IllegalArgumentException.class, () -> new EnsembleForecaster("e",
                List.of(BaselineForecaster.of("naive", 3)), Combination.MEDIAN, 0));
        assertEquals("unknown combination 'mode'; use median or mean",
                assertThrows(IllegalArgumentException.class, () -> Combination.parse("mode")).getMessage());
    }
}
