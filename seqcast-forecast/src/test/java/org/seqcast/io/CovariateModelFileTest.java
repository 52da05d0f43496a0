package org.seqcast.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.BaselineForecaster;
import org.seqcast.forecast.Combination;
import org.seqcast.forecast.ConformalConfig;
import org.seqcast.forecast.ConformalForecaster;
import org.seqcast.forecast.EnsembleForecaster;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecaster;
import org.seqcast.forecast.RegressionForecaster;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.RnnNetwork;
import org.seqcast.forecast.Series;

/** Forecasters with future-known and static covariates saved and loaded back bit for bit, roles recorded. */
class CovariateModelFileTest {
    private static final int H = 4;
    private static final int N = 80;
    private static List<TimeSeries> data;
    private static List<TimeSeries> histories;

    @BeforeAll
    static void data() {
        data = Series.promotions(4, 9, N).stream().map(s -> s.head(N - H)).toList();
        histories = Series.promotions(4, 9, N).stream().map(s -> s.knownAt(N - H, List.of("promo"))).toList();
    }

    private static RnnConfig.Builder config() {
        return RnnConfig.builder(H).window(6).units(4).epochs(2).patience(0).seed(5)
                .covariates(List.of("noise")).futureCovariates(List.of("promo"))
                .staticCovariates(List.of("category", "size"));
    }

    private static void assertSameForecasts(FittedForecaster a, FittedForecaster b) {
        for (TimeSeries s : histories) {
            Forecast x = a.forecast(s);
            Forecast y = b.forecast(s);
            assertArrayEquals(x.values(), y.values(), s.id());
            assertEquals(x.distribution(), y.distribution(), s.id());
        }
    }

    @Test
    void aNetworkWithADecoderKeepsItsRolesEncodingAndWeights() {
        FittedRnn fitted = new RnnForecaster(config().build()).fit(data);
        assertTrue(fitted.network() instanceof RnnNetwork.Conditioned);
        byte[] bytes = ModelFile.toBytes(fitted, ModelInfo.of(ModelFileRoundTripTest.DATA_SHA, data));
        LoadedModel loaded = ModelFile.load(bytes);
        FittedRnn back = loaded.rnn();
        assertEquals(List.of("noise"), back.config().covariates());
        assertEquals(List.of("promo"), back.futureCovariates());
        assertEquals(List.of("category", "size"), back.staticCovariates());
        assertEquals(fitted.statics(), back.statics());
        assertEquals(List.of("noise", "promo"), loaded.manifest().forecaster().covariatesUsed());
        assertSameForecasts(fitted, back);
        String described = ModelFile.describe(loaded);
        assertTrue(described.contains("promo") && described.contains("category"), described);
    }

    @Test
    void ensemblesConformalIntervalsAndTheRegressionToo() {
        List<Forecaster> members = List.of(new RnnForecaster(config().build()),
                new RegressionForecaster(H, List.of("promo"), 12), BaselineForecaster.of("naive", H));
        Forecaster ensemble = new EnsembleForecaster("with-plan", members, Combination.MEDIAN, 1);
        FittedForecaster fitted = new ConformalForecaster(ensemble, ConformalConfig.defaults().withLevels(80).withOrigins(2))
                .fit(data);
        assertEquals(List.of("promo"), fitted.futureCovariates());
        assertEquals(List.of("category", "size"), fitted.staticCovariates());
        FittedForecaster back = ModelFile.load(ModelFile.toBytes(fitted, ModelInfo.of(ModelFileRoundTripTest.DATA_SHA,
                data))).forecaster();
        assertSameForecasts(fitted, back);
        RegressionForecaster regression = new RegressionForecaster(H, List.of("promo"), 12, 80, 95);
        FittedForecaster r = ModelFile.load(ModelFile.toBytes(regression.fit(data),
                ModelInfo.of(ModelFileRoundTripTest.DATA_SHA, data))).forecaster();
        assertSameForecasts(regression, r);
    }
}
