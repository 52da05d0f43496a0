package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.data.TimeSeries;
import org.seqcast.eval.Backtest;
import org.seqcast.eval.BacktestOptions;
import org.seqcast.eval.ModelSummary;
import org.seqcast.forecast.explain.AttentionWeights;
import org.seqcast.io.LoadedModel;
import org.seqcast.io.ModelFile;
import org.seqcast.io.ModelInfo;
import org.seqcast.nn.Graph;
import org.seqcast.tensor.Tensor;

/**
 * The transformer forecaster ({@link Architecture#TRANSFORMER}, registry name transformer): its graph, a backtest
 * against the naive method, the model file bit for bit (point, quantiles, recursive, future-known covariates, as an
 * ensemble member and inside conformal intervals), the same bits for 1 and 3 threads, and its attention weights.
 */
class TransformerForecasterTest {
    private static final int H = 6;

    private static List<TimeSeries> monthly() {
        return List.of(Series.seasonal("a", 60, 100, 0.5, 10), Series.seasonal("b", 48, 50, 0.2, 5));
    }

    private static RnnConfig.Builder tiny() {
        return RnnConfig.builder(H).units(8).epochs(3).seed(4).architecture(Architecture.TRANSFORMER);
    }

    @Test
    void theRegistryBuildsATransformerGraphFromTheNetworkSettings() {
        Forecasters.Settings settings = new Forecasters.Settings(H, 12, 1,
                c -> Series.small(H).cell(c).units(8).window(10).build(), null);
        RnnForecaster f = (RnnForecaster) Forecasters.create("transformer", settings);
        assertEquals("transformer", f.name());
        assertEquals(Forecasters.Kind.NETWORK, Forecasters.entry("transformer").kind());
        assertEquals(Architecture.TRANSFORMER, f.config().architecture());
        assertEquals(Architecture.TRANSFORMER, Architecture.parse("Transformer "));
        RnnNetwork network = RnnForecaster.network(f.config(), Series.seasonal("a", 60, 1, 0, 1).index().frequency(),
                StaticEncoding.NONE);
        Graph graph = ((RnnNetwork.Conditioned) network).graph();
        assertEquals(List.of("x", "projection", "position", "enc0_norm1", "enc0_mha", "enc0_attn_add", "enc0_norm2",
                        "enc0_ff1", "enc0_ff2", "enc0_ff_add", "enc_norm", "pool", "head"),
                graph.nodes().stream().map(Graph.Node::name).toList());
        assertEquals(List.of(10, 8), List.of(graph.node("enc0_mha").shape()[0], graph.node("enc0_mha").shape()[1]));
        assertEquals(2 * 8, graph.node("enc0_ff1").shape()[1]);
        assertEquals(List.of(4, 2, 1, 4), java.util.stream.IntStream.of(8, 10, 7, 32).map(Architecture::heads).boxed()
                .toList());
        Graph ten = ((RnnNetwork.Conditioned) RnnForecaster.network(tiny().units(10).window(5).build(),
                Series.seasonal("a", 60, 1, 0, 1).index().frequency(), StaticEncoding.NONE)).graph();
        assertEquals(new org.seqcast.nn.LayerSpec.MultiHeadAttention(2, 5), ten.node("enc0_mha").layer().spec());
        IllegalArgumentException chain = assertThrows(IllegalArgumentException.class,
                () -> RnnForecaster.layers(tiny().build()));
        assertTrue(chain.getMessage().contains("transformer"), chain.getMessage());
    }

    /** On two clean seasonal series with trend, a rolling backtest of three origins: it beats the naive method. */
    @Test
    void aSmallBacktestBeatsTheNaiveMethod() {
        RnnForecaster transformer = new RnnForecaster(tiny().units(16).window(12).epochs(40).patience(8)
                .learningRate(0.01).build());
        List<ModelSummary> summary = Backtest.run(monthly(), List.of(transformer, BaselineForecaster.of("naive", H)),
                new BacktestOptions(3, H, true)).summary();
        double mine = summary.get(0).mean().mase();
        double naive = summary.get(1).mean().mase();
        assertTrue(Double.isFinite(mine) && mine < naive, "transformer MASE " + mine + ", naive " + naive);
    }

    @Test
    void theSameBitsForOneAndThreeThreads() {
        List<TimeSeries> data = monthly();
        FittedRnn one = new RnnForecaster(tiny().threads(1).layers(2).dropout(0.1).build()).fit(data);
        FittedRnn three = new RnnForecaster(tiny().threads(3).layers(2).dropout(0.1).build()).fit(data);
        for (TimeSeries s : data) {
            assertArrayEquals(one.forecast(s).values(), three.forecast(s).values(), s.id());
        }
        one.network().stateDict().forEach((k, t) -> assertArrayEquals(t.data(),
                three.network().stateDict().get(k).data(), k));
    }

    @Test
    void theModelFileGivesTheSameForecastsBitForBit() {
        List<TimeSeries> promotions = Series.promotions(2, 1, 60);
        roundTrip(tiny().window(10).build(), monthly());
        roundTrip(tiny().window(10).layers(2).dropout(0.1).quantiles(RnnConfig.intervalLevels(80)).build(), monthly());
        roundTrip(tiny().window(10).strategy(Strategy.RECURSIVE).build(), monthly());
        roundTrip(tiny().window(8).futureCovariates(List.of("promo")).build(), promotions);
    }

    private static void roundTrip(RnnConfig c, List<TimeSeries> data) {
        FittedRnn fitted = new RnnForecaster(c).fit(data);
        LoadedModel back = ModelFile.load(ModelFile.toBytes(fitted, ModelInfo.of("0".repeat(64), data)));
        assertEquals(fitted.config(), back.rnn().config());
        for (TimeSeries s : data) {
            TimeSeries known = s.knownAt(s.size() - H, c.futureCovariates());
            Forecast want = fitted.forecast(known);
            Forecast got = back.forecaster().forecast(known);
            assertArrayEquals(want.values(), got.values(), c.toString());
            assertEquals(want.distribution(), got.distribution(), c.toString());
        }
        Map<String, Tensor> a = fitted.network().stateDict();
        Map<String, Tensor> b = back.rnn().network().stateDict();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, t) -> assertArrayEquals(t.data(), b.get(k).data(), k));
        assertTrue(ModelFile.describe(back).contains("transformer"), ModelFile.describe(back));
    }

    /** Future-known covariates: the decoder reads the pooled encoding beside the plan, and learns the plan. */
    @Test
    void withFutureKnownCovariatesTheDecoderReadsTheEncodingAndLearnsThePlan() {
        List<TimeSeries> series = Series.promotions(6, 1, 120);
        RnnForecaster with = new RnnForecaster(RnnConfig.builder(H).window(8).units(8).epochs(30).patience(5)
                .learningRate(0.01).seed(3).calendarFeatures(false).architecture(Architecture.TRANSFORMER)
                .futureCovariates(List.of("promo")).build());
        Graph graph = ((RnnNetwork.Conditioned) RnnForecaster.network(with.config(), series.get(0).index().frequency(),
                StaticEncoding.NONE)).graph();
        List<String> names = graph.nodes().stream().map(Graph.Node::name).toList();
        assertEquals(List.of("pool", "future", "decoder_in", "decoder", "head"), names.subList(names.size() - 5,
                names.size()));
        double mae = Backtest.run(series, List.of(with), new BacktestOptions(1, H, true)).summary().get(0).mean().mae();
        // the promotions move sales by 4 on 30% of days: blind to the plan, an error of about 4·0.3·0.7·2 ≈ 1.7
        assertTrue(mae < 0.8, "with the plan known ahead the transformer errs by " + mae);
    }

    /** An ensemble member and a conformal forecaster's inner model, saved and loaded, forecast bit for bit. */
    @Test
    void anEnsembleMemberAndAConformalInnerModelSurviveTheModelFile() {
        List<TimeSeries> data = monthly();
        RnnForecaster transformer = new RnnForecaster(tiny().build());
        List<FittedForecaster> fitted = List.of(
                new EnsembleForecaster("mix", List.of(transformer, BaselineForecaster.of("theta", H)),
                        Combination.MEDIAN, 1).fit(data),
                new ConformalForecaster(transformer, ConformalConfig.defaults().withLevels(80).withRefit(false)
                        .withOrigins(2)).fit(data));
        for (FittedForecaster f : fitted) {
            LoadedModel back = ModelFile.load(ModelFile.toBytes(f, ModelInfo.of("0".repeat(64), data)));
            for (TimeSeries s : data) {
                Forecast want = f.forecast(s);
                Forecast got = back.forecaster().forecast(s);
                assertArrayEquals(want.values(), got.values(), f.name());
                assertEquals(want.distribution(), got.distribution(), f.name());
            }
        }
    }

    /**
     * One W × W matrix per block (the heads' mean), each row a distribution over the window's steps; integrated
     * gradients through the graph are complete up to the Riemann error (attributions sum to f(x) − f(0) within 1e-2
     * relative at m = 64, and ten times closer than at m = 4).
     */
    @Test
    void explanationsShowEachBlocksAttentionAveragedOverItsHeads() {
        List<TimeSeries> data = monthly();
        FittedRnn fitted = new RnnForecaster(tiny().layers(2).window(10).build()).fit(data);
        List<AttentionWeights> weights = AttentionWeights.of(fitted, data.get(0));
        assertEquals(List.of("enc0_mha", "enc1_mha"), weights.stream().map(AttentionWeights::layer).toList());
        for (AttentionWeights w : weights) {
            assertEquals(10, w.steps().size());
            for (double[] row : w.weights()) {
                assertEquals(1, java.util.Arrays.stream(row).sum(), 1e-5);
                assertTrue(java.util.Arrays.stream(row).allMatch(v -> v > 0), java.util.Arrays.toString(row));
            }
        }
        org.seqcast.forecast.explain.Attribution a = org.seqcast.forecast.explain.IntegratedGradients.of(fitted)
                .explain(data.get(0));
        org.seqcast.forecast.explain.Attribution a4 = org.seqcast.forecast.explain.IntegratedGradients.of(fitted)
                .steps(4).explain(data.get(0));
        // the feed-forward's relu kinks make the gradient jump along the path, so the trapezoidal sum's error falls
        // as 1/m rather than 1/m² (measured: 9.7e-2 at m = 4, 2.9e-3 at 64, 8.7e-4 at 256)
        assertTrue(a.totalRelativeError() < 1e-2 && a.totalRelativeError() < a4.totalRelativeError() / 10,
                "completeness over the horizon: " + a.totalRelativeError() + " at m = 64, " + a4.totalRelativeError()
                        + " at m = 4");
    }
}
