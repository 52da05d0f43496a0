package org.seqcast.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.kernels.Activation;

/** The JSON form of network specs: every kind and option round-trips, old files read, bad ones are named. */
class NetworkSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every kind, with its defaults and with every option changed. */
    private static final List<LayerSpec> EVERY_KIND_AND_OPTION = List.of(
            new LayerSpec.Lstm(3),
            new LayerSpec.Lstm(4).returnSequences(true).activation(Activation.RELU)
                    .recurrentActivation(Activation.HARD_SIGMOID_KERAS2).l2(0.01),
            new LayerSpec.Gru(2),
            new LayerSpec.Gru(5).returnSequences(true).resetAfter(false).activation(Activation.LINEAR)
                    .recurrentActivation(Activation.HARD_SIGMOID).l2(1e-3),
            new LayerSpec.SimpleRnn(6),
            new LayerSpec.SimpleRnn(7).returnSequences(true).activation(Activation.RELU).l2(0.3),
            new LayerSpec.Dense(1),
            new LayerSpec.Dense(8).activation(Activation.TANH).l2(0.1),
            new LayerSpec.Dropout(0),
            new LayerSpec.Dropout(0.25),
            // Wrappers around recurrent layers.
            new LayerSpec.Bidirectional(new LayerSpec.Lstm(3)),
            new LayerSpec.Bidirectional(new LayerSpec.Gru(2).returnSequences(true).resetAfter(false),
                    LayerSpec.Bidirectional.Merge.AVE),
            new LayerSpec.Bidirectional(new LayerSpec.SimpleRnn(4).activation(Activation.RELU), LayerSpec.Bidirectional.Merge.MUL),
            new LayerSpec.RepeatVector(5),
            // convolutional kinds
            new LayerSpec.Conv1d(4, 2),
            new LayerSpec.Conv1d(3, 2).strides(2).padding(LayerSpec.Padding.CAUSAL).dilationRate(2)
                    .activation(Activation.RELU).useBias(false).l2(0.01),
            new LayerSpec.Conv1d(2, 3).padding(LayerSpec.Padding.SAME),
            new LayerSpec.MaxPooling1d(2),
            new LayerSpec.MaxPooling1d(3).strides(1).padding(LayerSpec.Padding.SAME),
            new LayerSpec.AveragePooling1d(2),
            new LayerSpec.AveragePooling1d(2).strides(1).padding(LayerSpec.Padding.SAME),
            new LayerSpec.GlobalAveragePooling1d(),
            new LayerSpec.Flatten(),
            new LayerSpec.LayerNormalization(),
            new LayerSpec.LayerNormalization(1e-5),
            new LayerSpec.Attention(),
            new LayerSpec.Attention(true, true),
            new LayerSpec.Attention().scoreMode(LayerSpec.Attention.ScoreMode.CONCAT),
            new LayerSpec.MultiHeadAttention(2, 3),
            new LayerSpec.MultiHeadAttention(3, 2).valueDim(4).useBias(false).outputDim(5).causal(true),
            new LayerSpec.SinusoidalPositionalEncoding(),
            new LayerSpec.LearnedPositionalEncoding(12),
            new LayerSpec.AdditiveAttention(),
            new LayerSpec.AdditiveAttention(false, true),
            new LayerSpec.BatchNormalization(),
            new LayerSpec.BatchNormalization(0.9, 1e-5, false, true),
            new LayerSpec.Dense(3).activation(Activation.SOFTMAX),
            new LayerSpec.Masking(-1));

    @Test
    void everyKindAndOptionRoundTripsThroughJson() throws Exception {
        assertEquals(List.of(LayerSpec.Kind.values()),
                EVERY_KIND_AND_OPTION.stream().map(LayerSpec::kind).distinct().toList());
        NetworkSpec plain = NetworkSpec.of(Arrays.asList(null, 3), EVERY_KIND_AND_OPTION);
        assertEquals(plain, NetworkSpec.fromJson(plain.toJson()));
        assertEquals(plain, NetworkSpec.fromJson(JSON.readTree(JSON.writeValueAsString(plain.toJson()))));
        List<NetworkSpec.Entry> sourced = EVERY_KIND_AND_OPTION.stream()
                .map(s -> new NetworkSpec.Entry(s, "m" + s.kind().type() + "@1")).toList();
        NetworkSpec withSources = new NetworkSpec(List.of(12, 3), sourced);
        assertEquals(withSources, NetworkSpec.fromJson(withSources.toJson()));
    }

    @Test
    void anyObjectMapperBindsSpecs() throws Exception {
        NetworkSpec spec = new NetworkSpec(List.of(-1, 2), List.of(
                new NetworkSpec.Entry(new LayerSpec.Gru(4).resetAfter(false), "gru"), new NetworkSpec.Entry(new LayerSpec.Dense(1))));
        String text = JSON.writeValueAsString(spec);                         // a plain mapper, no module
        assertEquals(spec, JSON.readValue(text, NetworkSpec.class));
        ObjectMapper withModule = new ObjectMapper().registerModule(LayerSpecJson.module());
        TypeReference<List<LayerSpec>> listOfSpecs = new TypeReference<>() { };
        String layers = withModule.writerFor(listOfSpecs).writeValueAsString(EVERY_KIND_AND_OPTION);
        assertEquals(EVERY_KIND_AND_OPTION, withModule.readValue(layers, listOfSpecs));
    }

    /** A document that holds a network spec, as a model file's manifest does. */
    record Holder(String kind, NetworkSpec network) {
    }

    @Test
    void aSpecInsideAnotherDocumentReadsWithTheSameMessages() throws Exception {
        NetworkSpec spec = NetworkSpec.of(List.of(4, 1), List.of(new LayerSpec.SimpleRnn(2), new LayerSpec.Dense(1)));
        Holder h = new Holder("network", spec);
        assertEquals(h, JSON.readValue(JSON.writeValueAsString(h), Holder.class));
        String bad = "{\"kind\": \"network\", \"network\": {\"input\": [4, 1], \"layers\": ["
                + "{\"type\": \"rnn\", \"units\": 2}, {\"type\": \"dense\", \"units\": -1}]}}";
        com.fasterxml.jackson.core.JsonProcessingException e = assertThrows(
                com.fasterxml.jackson.core.JsonProcessingException.class, () -> JSON.readValue(bad, Holder.class));
        assertEquals("network spec, layer 1: dense units must be a positive integer; got -1", NetworkSpec.describe(e));
        String badActivation = bad.replace("\"units\": -1", "\"units\": 1, \"activation\": \"gelu\"");
        e = assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> JSON.readValue(badActivation, Holder.class));
        assertTrue(NetworkSpec.describe(e).startsWith("network spec, layer 1, field 'activation': unknown activation 'gelu'"),
                NetworkSpec.describe(e));
    }

    @Test
    void theJsonFormIsStable() {
        NetworkSpec spec = new NetworkSpec(List.of(-1, 2), List.of(
                new NetworkSpec.Entry(new LayerSpec.Lstm(50).returnSequences(true), "lstm@1"),
                new NetworkSpec.Entry(new LayerSpec.Gru(8)),
                new NetworkSpec.Entry(new LayerSpec.SimpleRnn(4).activation(Activation.RELU)),
                new NetworkSpec.Entry(new LayerSpec.Dropout(0.2)),
                new NetworkSpec.Entry(new LayerSpec.Dense(1).l2(0.5))));
        assertEquals("{\"input\":[null,2],\"layers\":["
                + "{\"type\":\"lstm\",\"units\":50,\"return_sequences\":true,\"activation\":\"tanh\","
                + "\"recurrent_activation\":\"sigmoid\",\"l2\":0.0,\"source\":\"lstm@1\"},"
                + "{\"type\":\"gru\",\"units\":8,\"return_sequences\":false,\"reset_after\":true,\"activation\":\"tanh\","
                + "\"recurrent_activation\":\"sigmoid\",\"l2\":0.0},"
                + "{\"type\":\"rnn\",\"units\":4,\"return_sequences\":false,\"activation\":\"relu\",\"l2\":0.0},"
                + "{\"type\":\"dropout\",\"rate\":0.2},"
                + "{\"type\":\"dense\",\"units\":1,\"activation\":\"linear\",\"l2\":0.5}]}", spec.toJson().toString());
    }

    @Test
    void theJsonFormOfTheConvolutionalKindsIsStable() throws Exception {
        NetworkSpec spec = NetworkSpec.of(List.of(12, 2), List.of(
                new LayerSpec.Conv1d(8, 3).padding(LayerSpec.Padding.CAUSAL).activation(Activation.RELU),
                new LayerSpec.MaxPooling1d(2), new LayerSpec.AveragePooling1d(3).strides(1).padding(LayerSpec.Padding.SAME),
                new LayerSpec.Conv1d(4, 2).useBias(false), new LayerSpec.GlobalAveragePooling1d()));
        assertEquals("{\"input\":[12,2],\"layers\":["
                + "{\"type\":\"conv1d\",\"filters\":8,\"kernel_size\":3,\"strides\":1,\"padding\":\"causal\","
                + "\"dilation_rate\":1,\"activation\":\"relu\",\"use_bias\":true,\"l2\":0.0},"
                + "{\"type\":\"max_pooling1d\",\"pool_size\":2,\"strides\":2,\"padding\":\"valid\"},"
                + "{\"type\":\"average_pooling1d\",\"pool_size\":3,\"strides\":1,\"padding\":\"same\"},"
                + "{\"type\":\"conv1d\",\"filters\":4,\"kernel_size\":2,\"strides\":1,\"padding\":\"valid\","
                + "\"dilation_rate\":1,\"activation\":\"linear\",\"use_bias\":false,\"l2\":0.0},"
                + "{\"type\":\"global_average_pooling1d\"}]}", spec.toJson().toString());
        NetworkSpec minimal = NetworkSpec.fromJson(JSON.readTree("{\"input\": [12, 2], \"layers\": ["
                + "{\"type\": \"conv1d\", \"filters\": 8, \"kernel_size\": 3, \"padding\": \"causal\", \"activation\": \"relu\"},"
                + "{\"type\": \"max_pooling1d\", \"pool_size\": 2},"
                + "{\"type\": \"average_pooling1d\", \"pool_size\": 3, \"strides\": 1, \"padding\": \"SAME\"},"
                + "{\"type\": \"conv1d\", \"filters\": 4, \"kernel_size\": 2, \"use_bias\": false},"
                + "{\"type\": \"global_average_pooling1d\"}]}"));
        assertEquals(spec, minimal);
        assertEquals(spec.specs(), spec.build(1).specs());
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"conv1d\", \"filters\": 2, \"kernel_size\": 2,"
                + " \"padding\": \"full\"}]}", "layer 0", "field 'padding'", "unknown padding 'full'", "valid, same or causal");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"max_pooling1d\", \"pool_size\": 2,"
                + " \"padding\": \"causal\"}]}", "layer 0", "max_pooling1d padding must be valid or same");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"conv1d\", \"filters\": 2}]}",
                "layer 0", "conv1d kernel_size must be a positive integer; got 0");
    }

    @Test
    void theFormatOfEarlierVersionsReads() throws Exception {
        NetworkSpec spec = NetworkSpec.fromJson(JSON.readTree("{\"input\": [null, 2], \"layers\": ["
                + "{\"type\": \"LSTM\", \"units\": 6, \"return_sequences\": true, \"source\": \"lstm@0\"},"
                + "{\"type\": \"gru\", \"units\": 5, \"source\": \"gru\"},"
                + "{\"type\": \"gru\", \"units\": 5, \"reset_after\": false, \"recurrent_activation\": \"hard_sigmoid\"},"
                + "{\"type\": \"rnn\", \"units\": 3, \"return_sequences\": false, \"activation\": \"relu\"},"
                + "{\"type\": \"dropout\", \"rate\": 0.5},"
                + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"tanh\", \"source\": \"fc\"}]}"));
        assertEquals(-1, spec.timesteps());
        assertEquals(2, spec.features());
        assertEquals(List.of(new LayerSpec.Lstm(6).returnSequences(true), new LayerSpec.Gru(5),
                new LayerSpec.Gru(5).resetAfter(false).recurrentActivation(Activation.HARD_SIGMOID),
                new LayerSpec.SimpleRnn(3).activation(Activation.RELU), new LayerSpec.Dropout(0.5),
                new LayerSpec.Dense(3).activation(Activation.TANH)), spec.specs());
        assertEquals("lstm.weight_ih_l0", spec.sourceName(0, "0.weight_ih_l0"));
        assertEquals("gru.bias_hh_l0", spec.sourceName(1, "1.bias_hh_l0"));
        assertEquals("2.weight_hh_l0", spec.sourceName(2, "2.weight_hh_l0"));
        assertEquals("fc.weight", spec.sourceName(5, "5.weight"));
        NetworkSpec bi = new NetworkSpec(List.of(-1, 2), List.of(new NetworkSpec.Entry(
                new LayerSpec.Bidirectional(new LayerSpec.Lstm(3).returnSequences(true)), "lstm@0"),
                new NetworkSpec.Entry(new LayerSpec.Bidirectional(new LayerSpec.Lstm(3)), "lstm@1")));
        assertEquals("lstm.weight_ih_l1_reverse", bi.sourceName(1, "1.weight_ih_l0_reverse"));   // nn.LSTM(bidirectional,
        assertEquals("lstm.bias_hh_l0_reverse", bi.sourceName(0, "0.bias_hh_l0_reverse"));       // num_layers=2)
        assertEquals("lstm.weight_hh_l1", bi.sourceName(1, "1.weight_hh_l0"));
        NetworkSpec buildable = new NetworkSpec(spec.input(), List.of(spec.layers().get(0), spec.layers().get(1),
                spec.layers().get(5)));
        org.seqcast.nn.Sequential net = buildable.build(0);
        assertEquals(List.of(-1, 2), Arrays.stream(net.inputShape()).boxed().toList());
        assertEquals(buildable.specs(), net.specs());
    }

    @Test
    void badSpecsNameTheLayerAndTheField() {
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"conv2d\", \"units\": 3}]}",
                "layer 0", "'conv2d'", "lstm, gru, rnn, dense, dropout", LayerSpec.Kind.types());
        assertBad("{\"input\": [null, 2], \"layers\": [{\"units\": 3}]}", "layer 0", "needs a \"type\"");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"bidirectional\", \"layer\": {\"type\": \"gru\","
                + " \"units\": 2}, \"merge_mode\": \"max\"}]}", "layer 0", "merge_mode", "concat, sum, mul or ave");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"bidirectional\", \"merge_mode\": \"sum\"}]}",
                "layer 0", "bidirectional needs a wrapped recurrent layer");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"bidirectional\", \"layer\": {\"type\": \"dense\","
                + " \"units\": 2}}]}", "layer 0", "dense");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"dense\", \"units\": 1}, {\"type\": \"lstm\", \"units\": 0}]}",
                "layer 1", "lstm units must be a positive integer; got 0");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"lstm\"}]}", "layer 0", "lstm units");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"lstm\", \"units\": 3, \"unit\": 4}]}",
                "layer 0", "unknown field 'unit'", "units", "return_sequences");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"dense\", \"units\": 3, \"reset_after\": true}]}",
                "layer 0", "unknown field 'reset_after'");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"gru\", \"units\": 3, \"activation\": \"swish\"}]}",
                "layer 0", "field 'activation'", "unknown activation 'swish'", "hard_sigmoid");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"rnn\", \"units\": \"many\"}]}",
                "layer 0", "field 'units'");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"rnn\", \"units\": 2.5}]}", "layer 0", "field 'units'");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"dropout\", \"rate\": 1.5}]}",
                "layer 0", "dropout rate must be in [0, 1); got 1.5");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"dense\", \"units\": 1, \"l2\": -1}]}",
                "layer 0", "dense l2");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"dense\", \"units\": 1, \"source\": \"a b\"}]}",
                "layer 0", "source 'a b'", "module@k");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"dense\", \"units\": 1, \"source\": 3}]}",
                "layer 0", "\"source\" must be a string");
        assertBad("{\"input\": [5], \"layers\": [{\"type\": \"dense\", \"units\": 1}]}", "network input must be [T, I]");
        assertBad("{\"input\": [null, 0], \"layers\": [{\"type\": \"dense\", \"units\": 1}]}", "I >= 1");
        assertBad("{\"input\": [null, 2], \"layers\": []}", "at least one layer");
        assertBad("{\"input\": [null, 2]}", "at least one layer");
        assertBad("{\"input\": [null, 2], \"layers\": [{\"type\": \"dense\", \"units\": 1}], \"name\": \"x\"}",
                "unknown field 'name'", "input, layers");
        assertBad("[1]", "JSON object");
    }

    @Test
    void aNetworkOfALayerOutsideTheVocabularyHasNoSpec() {
        org.seqcast.nn.Sequential net = new org.seqcast.nn.Sequential(new org.seqcast.nn.Dense(2)).build(3, 2);
        assertEquals(List.of(new LayerSpec.Dense(2)), NetworkSpec.of(net).specs());
        org.seqcast.nn.Sequential flat = new org.seqcast.nn.Sequential(new org.seqcast.nn.Dense(2)).build(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.of(flat));
        assertTrue(e.getMessage().contains("[T, I]"), e.getMessage());
    }

    private static void assertBad(String json, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.fromJson(JSON.readTree(json)));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }
}
