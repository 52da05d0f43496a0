package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;

/**
 * The attention forecaster ({@link Architecture#ATTENTION}, registry name lstm-attention): built from the registry
 * with the settings every network gets, its layers, learning a future-known plan through the decoder, and as an
 * ensemble member and inside conformal intervals through the model file.
 */
class AttentionForecasterTest {
    private static final int H = 6;

    private static List<TimeSeries> monthly() {
        return List.of(Series.seasonal("a", 60, 100, 0.5, 10), Series.seasonal("b", 48, 50, 0.2, 5));
    }

    @Test
    void theRegistryBuildsAnAttentionNetworkFromTheNetworkSettings() {
        Forecasters.Settings settings = new Forecasters.Settings(H, 12, 1,
                c -> Series.small(H).cell(c).units(5).window(10).build(), null);
        RnnForecaster f = (RnnForecaster) Forecasters.create("lstm-attention", settings);
        assertEquals("lstm-attention", f.name());
        assertEquals(Forecasters.Kind.NETWORK, Forecasters.entry("lstm-attention").kind());
        assertEquals(Architecture.ATTENTION, f.config().architecture());
        assertEquals(5, f.config().units());
        assertEquals(List.of(new LayerSpec.Lstm(5).returnSequences(true), new LayerSpec.Attention(true, false),
                new LayerSpec.GlobalAveragePooling1d(), new LayerSpec.Dense(H)), RnnForecaster.layers(f.config()));
        assertEquals("lstm", Forecasters.create("lstm", settings).name());
        assertEquals(Architecture.ATTENTION, Architecture.parse(" Attention"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("cnn"));
        assertTrue(e.getMessage().contains("'cnn'") && e.getMessage().contains("recurrent"), e.getMessage());
    }

    /** The decoder's graph takes the attention encoder, and the network learns the promotions known ahead. */
    @Test
    void withFutureKnownCovariatesTheAttentionEncoderFeedsTheDecoderAndLearnsThePlan() {
        int n = 120;
        List<TimeSeries> series = Series.promotions(6, 1, n);
        RnnConfig.Builder base = RnnConfig.builder(H).window(8).units(16).epochs(40).patience(8).learningRate(0.01)
                .seed(3).calendarFeatures(false).architecture(Architecture.ATTENTION);
        RnnForecaster with = new RnnForecaster(base.futureCovariates(List.of("promo")).build());
        RnnNetwork network = RnnForecaster.network(with.config().toBuilder().window(8).build(),
                series.get(0).index().frequency(), StaticEncoding.NONE);
        Graph graph = ((RnnNetwork.Conditioned) network).graph();
        assertEquals(List.of("x", "rnn0", "attention", "global_average_pooling1d", "future", "decoder_in", "decoder",
                "head"), graph.nodes().stream().map(Graph.Node::name).toList());
        BacktestOptions options = new BacktestOptions(1, H, true);
        double mae = Backtest.run(series, List.of(with), options).summary().get(0).mean().mae();
        // the promotions move sales by 4 on 30% of days: blind to the plan, an error of about 4·0.3·0.7·2 ≈ 1.7
        assertTrue(mae < 0.8, "with the plan known ahead the attention network errs by " + mae);
    }

    /** An ensemble member and a conformal forecaster's inner model, saved and loaded, forecast bit for bit. */
    @Test
    void anEnsembleMemberAndAConformalInnerModelSurviveTheModelFile() {
        List<TimeSeries> data = monthly();
        RnnForecaster attention = new RnnForecaster(RnnConfig.builder(H).units(4).epochs(2)
                .architecture(Architecture.ATTENTION).build());
        List<FittedForecaster> fitted = List.of(
                new EnsembleForecaster("mix", List.of(attention, BaselineForecaster.of("theta", H)),
                        Combination.MEDIAN, 1).fit(data),
                new ConformalForecaster(attention, ConformalConfig.defaults().withLevels(80).withRefit(false)
                        .withOrigins(2)).fit(data));
        for (FittedForecaster f : fitted) {
            LoadedModel back = ModelFile.load(ModelFile.toBytes(f, ModelInfo.of("0".repeat(64), data)));
            for (TimeSeries s : data) {
                Forecast want = f.forecast(s);
                Forecast got = back.forecaster().forecast(s);
                assertArrayEquals(want.values(), got.values(), f.name());
                assertEquals(want.distribution(), got.distribution(), f.name());
            }
            assertTrue(ModelFile.describe(back).contains("lstm-attention"), ModelFile.describe(back));
        }
    }
}
