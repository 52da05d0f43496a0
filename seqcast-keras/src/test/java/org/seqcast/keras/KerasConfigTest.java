package org.seqcast.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seqcast.nn.kernels.Activation;

/**
 * The model config reader on configs edited one option at a time from a Keras 2 (tf.keras) template: what is
 * refused names the layer and the option, what only acts in Keras's training is noted, and the input shape and
 * version-dependent defaults come out right.
 */
class KerasConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "model.h5";

    /** InputLayer(10, 2) -> LSTM(4, return_sequences) -> GRU(3) -> Dense(1); {@code edit} changes the GRU's config. */
    private static JsonNode config(Consumer<ObjectNode> editGru) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree("""
                    {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
                      {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 10, 2], "name": "in"}},
                      {"class_name": "LSTM", "config": {"name": "lstm", "units": 4, "return_sequences": true,
                        "activation": "tanh", "recurrent_activation": "sigmoid", "stateful": false}},
                      {"class_name": "GRU", "config": {"name": "gru_1", "units": 3, "activation": "tanh",
                        "recurrent_activation": "sigmoid", "reset_after": true, "go_backwards": false,
                        "dropout": 0.0, "recurrent_dropout": 0.0, "kernel_regularizer": null}},
                      {"class_name": "Dense", "config": {"name": "dense", "units": 1, "activation": "linear"}}]}}""");
            editGru.accept((ObjectNode) root.get("config").get("layers").get(2).get("config"));
            return root;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelConfig parse(JsonNode config, int major, String version) {
        return KerasConfig.parse(config, major, version, FILE);
    }

    private static KerasImportException refused(Consumer<ObjectNode> editGru) {
        return assertThrows(KerasImportException.class, () -> parse(config(editGru), 2, "2.12.0"));
    }

    @Test
    void templateParses() {
        ModelConfig c = parse(config(g -> { }), 2, "2.12.0");
        assertArrayEquals(new int[] {10, 2}, c.inputShape());
        assertEquals(3, c.layers().size());
        assertEquals(List.of(), c.notes());
        KerasLayer.Recurrent gru = (KerasLayer.Recurrent) c.layers().get(1);
        assertEquals("layer 2 'gru_1' (GRU)", gru.where());
        assertTrue(gru.resetAfter());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"go_backwards, true, forwards only", "stateful, true, batch to batch", "return_state, true, states",
            "time_major, true, time_major=False"})
    void stateAndDirectionOptionsAreRefused(String option, boolean value, String why) {
        KerasImportException e = refused(g -> g.put(option, value));
        assertEquals(FILE, e.file());
        assertEquals("layer 2 'gru_1' (GRU)", e.layer());
        assertEquals(option + "=True", e.option());
        assertTrue(e.getMessage().startsWith("model.h5: layer 2 'gru_1' (GRU), option " + option + "=True: not supported"),
                e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"activation, selu", "recurrent_activation, softsign", "activation, swish"})
    void activationsSeqcastLacksAreRefused(String option, String name) {
        KerasImportException e = refused(g -> g.put(option, name));
        assertEquals(option + "=" + name, e.option());
        assertTrue(e.getMessage().contains("activation '" + name + "' is not supported; Seqcast imports linear, sigmoid,"
                + " tanh, relu, hard_sigmoid"), e.getMessage());
    }

    /** InputLayer(12, 2) → {@code layer} (a Conv1D or pooling config) → Flatten → Dense(1). */
    private static JsonNode convolutional(String layer) {
        try {
            return JSON.readTree("""
                    {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
                      {"class_name": "InputLayer", "config": {"batch_shape": [null, 12, 2], "name": "in"}},
                      %s,
                      {"class_name": "Flatten", "config": {"name": "flatten", "data_format": "channels_last"}},
                      {"class_name": "Dense", "config": {"name": "dense", "units": 1, "activation": "linear"}}]}}"""
                    .formatted(layer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void convolutionalLayersReadEveryOption() {
        ModelConfig c = parse(convolutional("""
                {"class_name": "Conv1D", "config": {"name": "conv", "filters": 8, "kernel_size": [3], "strides": [2],
                  "padding": "causal", "data_format": "channels_last", "dilation_rate": [2], "groups": 1,
                  "activation": "tanh", "use_bias": false, "kernel_regularizer": {"class_name": "L2"}}}"""), 3, "3.8.0");
        assertEquals(new org.seqcast.nn.LayerSpec.Conv1d(8, 3, 2, org.seqcast.nn.LayerSpec.Padding.CAUSAL, 2,
                Activation.TANH, false, 0), c.layers().get(0).spec());
        assertEquals(new org.seqcast.nn.LayerSpec.Flatten(), c.layers().get(1).spec());
        assertEquals(List.of("layer 1 'conv' (Conv1D): kernel_regularizer act in Keras's training only and are not"
                + " imported"), c.notes());
        c = parse(convolutional("""
                {"class_name": "Conv1D", "config": {"name": "conv", "filters": 4, "kernel_size": 5}}"""), 2, "2.12.0");
        assertEquals(new org.seqcast.nn.LayerSpec.Conv1d(4, 5), c.layers().get(0).spec());
        c = parse(convolutional("""
                {"class_name": "MaxPooling1D", "config": {"name": "pool", "pool_size": [3], "strides": null,
                  "padding": "same", "data_format": "channels_last"}}"""), 3, "3.8.0");
        assertEquals(new org.seqcast.nn.LayerSpec.MaxPooling1d(3).padding(org.seqcast.nn.LayerSpec.Padding.SAME),
                c.layers().get(0).spec());
        c = parse(convolutional("""
                {"class_name": "AveragePooling1D", "config": {"name": "pool", "pool_size": 2, "strides": 1}}"""), 2,
                "2.12.0");
        assertEquals(new org.seqcast.nn.LayerSpec.AveragePooling1d(2).strides(1), c.layers().get(0).spec());
        c = parse(convolutional("""
                {"class_name": "GlobalAveragePooling1D", "config": {"name": "gap", "keepdims": false}}"""), 3, "3.8.0");
        assertEquals(new org.seqcast.nn.LayerSpec.GlobalAveragePooling1d(), c.layers().get(0).spec());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": 3, \"data_format\": \"channels_first\"}}|data_format=channels_first|channels_last",
        "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": 3, \"groups\": 2}}|groups=2|grouped",
        "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": [3, 3]}}|kernel_size=[3,3]|list of one",
        "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 0, \"kernel_size\": 3}}|filters=0|positive",
        "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4}}||kernel_size is missing",
        "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": 3, \"padding\": \"full\"}}|padding=full|valid, same or causal",
        "{\"class_name\": \"MaxPooling1D\", \"config\": {\"name\": \"c\", \"pool_size\": 2, \"padding\": \"causal\"}}|padding=causal|valid or same",
        "{\"class_name\": \"GlobalAveragePooling1D\", \"config\": {\"name\": \"c\", \"keepdims\": true}}|keepdims=True|time axis"})
    void convolutionalOptionsSeqcastCannotHonourAreRefusedByName(String layer, String option, String why) {
        KerasImportException e = assertThrows(KerasImportException.class, () -> parse(convolutional(layer), 3, "3.8.0"));
        assertTrue(e.layer().startsWith("layer 1 'c' ("), e.layer());
        assertEquals(option, e.option());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void layerNormalizationReadsEpsilonAndTheFeatureAxis() {
        ModelConfig c = parse(convolutional("""
                {"class_name": "LayerNormalization", "config": {"name": "ln", "axis": [2], "epsilon": 1e-5,
                  "center": true, "scale": true, "gamma_regularizer": {"class_name": "L2"}}}"""), 2, "2.6.0");
        assertEquals(new org.seqcast.nn.LayerSpec.LayerNormalization(1e-5), c.layers().get(0).spec());
        assertEquals(2, ((KerasLayer.LayerNormalization) c.layers().get(0)).axis());
        assertEquals(List.of("layer 1 'ln' (LayerNormalization): gamma_regularizer act in Keras's training only and are"
                + " not imported"), c.notes());
        c = parse(convolutional("""
                {"class_name": "LayerNormalization", "config": {"name": "ln", "axis": -1, "rms_scaling": false}}"""),
                3, "3.8.0");
        assertEquals(new org.seqcast.nn.LayerSpec.LayerNormalization(), c.layers().get(0).spec());
        assertTrue(((KerasLayer.LayerNormalization) c.layers().get(0)).normalizesLastAxis(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"c\", \"axis\": [1, 2]}}|axis=[1,2]|last axis",
        "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"c\", \"axis\": 0}}|axis=0|last axis",
        "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"c\", \"rms_scaling\": true}}|rms_scaling=True|subtracts the mean",
        "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"c\", \"center\": false}}|center=False|gamma and beta",
        "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"c\", \"scale\": false}}|scale=False|gamma and beta",
        "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"c\", \"epsilon\": 0}}||epsilon must be finite and > 0",
        "{\"class_name\": \"Attention\", \"config\": {\"name\": \"c\", \"use_scale\": false, \"score_mode\": \"dot\"}}||functional"})
    void attentionRelatedLayersSeqcastCannotHonourAreRefusedByName(String layer, String option, String why) {
        KerasImportException e = assertThrows(KerasImportException.class, () -> parse(convolutional(layer), 3, "3.8.0"));
        assertTrue(e.layer().startsWith("layer 1 'c' ("), e.layer());
        assertEquals(option, e.option());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void batchNormalizationReadsItsOptionsAndTheFeatureAxis() {
        ModelConfig c = parse(convolutional("""
                {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": [2], "momentum": 0.9,
                  "epsilon": 1e-5, "center": false, "scale": true, "gamma_regularizer": {"class_name": "L2"}}}"""),
                2, "2.6.0");
        assertEquals(new org.seqcast.nn.LayerSpec.BatchNormalization(0.9, 1e-5, false, true), c.layers().get(0).spec());
        assertEquals(List.of("gamma", "moving_mean", "moving_variance"),
                ((KerasLayer.BatchNormalization) c.layers().get(0)).variables());
        assertEquals(List.of("layer 1 'bn' (BatchNormalization): gamma_regularizer act in Keras's training only and are"
                + " not imported"), c.notes());
        c = parse(convolutional("""
                {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": -1, "synchronized": false}}"""),
                3, "3.8.0");
        assertEquals(new org.seqcast.nn.LayerSpec.BatchNormalization(), c.layers().get(0).spec());
        assertTrue(((KerasLayer.BatchNormalization) c.layers().get(0)).normalizesLastAxis(2));
        c = parse(convolutional("""
                {"class_name": "Conv1D", "config": {"name": "conv", "filters": 3, "kernel_size": 2,
                  "activation": "softmax"}}"""), 3, "3.8.0");
        assertEquals(Activation.SOFTMAX, ((org.seqcast.nn.LayerSpec.Conv1d) c.layers().get(0).spec()).activation());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"c\", \"axis\": 0}}|axis=0|last axis",
        "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"c\", \"renorm\": true}}|renorm=True|renormalization",
        "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"c\", \"virtual_batch_size\": 8}}|virtual_batch_size=8|whole batches",
        "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"c\", \"momentum\": 1.0}}||momentum must be in [0, 1)",
        "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"c\", \"epsilon\": 0}}||epsilon must be finite and > 0",
        "{\"class_name\": \"AdditiveAttention\", \"config\": {\"name\": \"c\", \"use_scale\": true}}||functional"})
    void batchNormalizationAndAdditiveAttentionOptionsSeqcastCannotHonourAreRefusedByName(String layer, String option,
                                                                                        String why) {
        KerasImportException e = assertThrows(KerasImportException.class, () -> parse(convolutional(layer), 3, "3.8.0"));
        assertTrue(e.layer().startsWith("layer 1 'c' ("), e.layer());
        assertEquals(option, e.option());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest(name = "{0}=softmax")
    @CsvSource({"activation", "recurrent_activation"})
    void softmaxInARecurrentCellIsRefused(String option) {
        KerasImportException e = refused(g -> g.put(option, "softmax"));
        assertEquals(option + "=softmax", e.option());
        assertTrue(e.getMessage().contains("element-wise") && e.getMessage().contains("Dense and Conv1D"), e.getMessage());
    }

    @Test
    void unsupportedLayersAreNamedWithAReason() {
        JsonNode c = config(g -> { });
        ObjectNode bi = (ObjectNode) c.get("config").get("layers").get(1);
        bi.put("class_name", "CuDNNLSTM");
        KerasImportException e = assertThrows(KerasImportException.class, () -> parse(c, 2, "2.12.0"));
        assertEquals("layer 1 'lstm' (CuDNNLSTM)", e.layer());
        assertTrue(e.getMessage().contains("two bias vectors"), e.getMessage());
        bi.put("class_name", "RNN");                                  // (Masking is a kind of its own)
        e = assertThrows(KerasImportException.class, () -> parse(c, 2, "2.12.0"));
        assertTrue(e.getMessage().contains("layer class RNN is not supported: the generic RNN wrapper around a cell is"
                + " not supported; use LSTM, GRU or SimpleRNN; Seqcast imports InputLayer, "
                + org.seqcast.nn.LayerSpec.Kind.classNames()), e.getMessage());
        bi.put("class_name", "Conv2D");                               // (BatchNormalization is a kind of its own)
        e = assertThrows(KerasImportException.class, () -> parse(c, 2, "2.12.0"));
        assertTrue(e.getMessage().contains("layer class Conv2D is not supported;"), e.getMessage());
    }

    // ---- Bidirectional ----

    /** The template with its LSTM wrapped in a Bidirectional, as Keras 3 writes it (with a backward_layer). */
    private static JsonNode bidirectional(Consumer<ObjectNode> edit) {
        JsonNode c = config(g -> { });
        ArrayNodeHolder.wrap((ObjectNode) c.get("config").get("layers").get(1));
        edit.accept((ObjectNode) c.get("config").get("layers").get(1).get("config"));
        return c;
    }

    /** Rewrites a layer entry {class_name: LSTM, config} in place into Bidirectional(layer=that, merge_mode=concat). */
    private static final class ArrayNodeHolder {
        static void wrap(ObjectNode entry) {
            ObjectNode inner = entry.deepCopy();
            ObjectNode backward = inner.deepCopy();
            ((ObjectNode) backward.get("config")).put("go_backwards", true).put("name", "backward_lstm");
            ObjectNode cfg = JSON.createObjectNode().put("name", "bidirectional").put("merge_mode", "concat");
            cfg.set("layer", inner);
            cfg.set("backward_layer", backward);
            entry.removeAll();
            entry.put("class_name", "Bidirectional");
            entry.set("config", cfg);
        }
    }

    @Test
    void bidirectionalReadsItsLayerAndMergeMode() {
        ModelConfig c = parse(bidirectional(b -> b.put("merge_mode", "mul")), 3, "3.0.5");
        KerasLayer.Bidirectional bi = (KerasLayer.Bidirectional) c.layers().get(0);
        assertEquals("layer 1 'bidirectional' (Bidirectional)", bi.where());
        assertEquals(new org.seqcast.nn.LayerSpec.Bidirectional(new org.seqcast.nn.LayerSpec.Lstm(4).returnSequences(true),
                org.seqcast.nn.LayerSpec.Bidirectional.Merge.MUL), bi.spec());
        assertEquals(List.of(), c.notes());
    }

    @Test
    void bidirectionalOptionsSeqcastLacksAreRefused() {
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> parse(bidirectional(b -> b.putNull("merge_mode")), 3, "3.0.5"));
        assertEquals("merge_mode=None", e.option());
        assertTrue(e.getMessage().contains("separate outputs"), e.getMessage());
        e = assertThrows(KerasImportException.class, () -> parse(bidirectional(b -> b.put("merge_mode", "max")), 3, "3.0.5"));
        assertTrue(e.getMessage().contains("concat, sum, mul or ave"), e.getMessage());
        e = assertThrows(KerasImportException.class, () -> parse(bidirectional(
                b -> ((ObjectNode) b.get("backward_layer").get("config")).put("units", 5)), 3, "3.0.5"));
        assertEquals("backward_layer", e.option());
        assertTrue(e.getMessage().contains("differs from the forward one"), e.getMessage());
        e = assertThrows(KerasImportException.class, () -> parse(bidirectional(
                b -> ((ObjectNode) b.get("layer")).put("class_name", "Dense")), 3, "3.0.5"));
        assertEquals("layer=Dense", e.option());
        assertTrue(e.getMessage().contains("wraps LSTM, GRU or SimpleRNN only"), e.getMessage());
        e = assertThrows(KerasImportException.class, () -> parse(bidirectional(
                b -> ((ObjectNode) b.get("layer").get("config")).put("stateful", true)), 3, "3.0.5"));
        assertEquals("layer 1 'bidirectional' (Bidirectional), forward layer", e.layer());
    }

    @Test
    void functionalModelsAreRefused() {
        ObjectNode c = (ObjectNode) config(g -> { });
        c.put("class_name", "Functional");
        KerasImportException e = assertThrows(KerasImportException.class, () -> parse(c, 2, "2.12.0"));
        assertTrue(e.getMessage().startsWith("model.h5: the file holds a functional model (class_name 'Functional');"
                + " Seqcast imports Sequential models only"), e.getMessage());
    }

    @Test
    void trainingOnlyOptionsAreNotedNotRefused() {
        ModelConfig c = parse(config(g -> {
            g.put("dropout", 0.2);
            g.put("recurrent_dropout", 0.1);
            g.set("kernel_regularizer", JSON.createObjectNode().put("class_name", "L2"));
            g.put("unroll", true);
            g.put("use_bias", false);
            g.put("trainable", false);
        }), 2, "2.12.0");
        String notes = String.join("\n", c.notes());
        for (String expected : List.of("dropout=0.2, recurrent_dropout=0.1 act in Keras's training only",
                "kernel_regularizer act in Keras's training only", "unroll=True only changes how Keras compiles the loop",
                "use_bias=False: Seqcast's biases are set to zero", "trainable=False is not imported")) {
            assertTrue(notes.contains("layer 2 'gru_1' (GRU): " + expected), notes);
        }
        assertEquals(false, ((KerasLayer.Recurrent) c.layers().get(1)).useBias());
    }

    @Test
    void defaultsFollowTheVersionThatWroteTheFile() {
        // Keras 2 GRUs without reset_after (before 2.1.3) reset before; Keras 3's default is after.
        Consumer<ObjectNode> noResetAfter = g -> g.remove("reset_after");
        assertEquals(false, ((KerasLayer.Recurrent) parse(config(noResetAfter), 2, "2.1.2").layers().get(1)).resetAfter());
        assertEquals(true, ((KerasLayer.Recurrent) parse(config(noResetAfter), 3, "3.1.0").layers().get(1)).resetAfter());
        // Keras 2.0-2.2 defaulted recurrent_activation to hard_sigmoid, later ones to sigmoid.
        Consumer<ObjectNode> noRecurrent = g -> g.remove("recurrent_activation");
        assertEquals(Activation.HARD_SIGMOID_KERAS2,
                ((KerasLayer.Recurrent) parse(config(noRecurrent), 2, "2.2.4").layers().get(1)).recurrentActivation());
        assertEquals(Activation.SIGMOID,
                ((KerasLayer.Recurrent) parse(config(noRecurrent), 2, "2.3.1").layers().get(1)).recurrentActivation());
        // hard_sigmoid itself: Keras 2's or Keras 3's
        Consumer<ObjectNode> hard = g -> g.put("recurrent_activation", "hard_sigmoid");
        assertEquals(Activation.HARD_SIGMOID_KERAS2,
                ((KerasLayer.Recurrent) parse(config(hard), 2, "2.12.0").layers().get(1)).recurrentActivation());
        assertEquals(Activation.HARD_SIGMOID,
                ((KerasLayer.Recurrent) parse(config(hard), 3, "3.3.3").layers().get(1)).recurrentActivation());
    }

    @Test
    void oldListFormAndShapesFromOtherPlaces() throws Exception {
        // Keras 2.0-2.2.2: "config" is the layer list; the input shape is on the first layer.
        JsonNode old = JSON.readTree("""
                {"class_name": "Sequential", "config": [
                  {"class_name": "SimpleRNN", "config": {"name": "s", "units": 2, "batch_input_shape": [null, null, 3]}},
                  {"class_name": "Dense", "config": {"name": "d", "units": 1}}]}""");
        ModelConfig c = parse(old, 2, "2.1.6");
        assertArrayEquals(new int[] {-1, 3}, c.inputShape());
        // Keras 3: batch_shape on the InputLayer; else build_input_shape on the model
        JsonNode k3 = JSON.readTree("""
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "LSTM", "config": {"name": "l", "units": 2}}], "build_input_shape": [null, 5, 1]}}""");
        assertArrayEquals(new int[] {5, 1}, parse(k3, 3, "3.4.1").inputShape());
    }

    @Test
    void malformedConfigsAreRefused() throws Exception {
        KerasImportException e = refused(g -> g.put("units", 0));
        assertEquals("units=0", e.option());
        JsonNode c = config(g -> { });
        ((ObjectNode) c.get("config").get("layers").get(0).get("config")).set("batch_input_shape",
                JSON.readTree("[null, 10, 2, 2]"));
        e = assertThrows(KerasImportException.class, () -> parse(c, 2, "2.12.0"));
        assertTrue(e.getMessage().contains("option batch_input_shape=[null,10,2,2]: Seqcast takes inputs of shape"),
                e.getMessage());
        JsonNode drop = JSON.readTree("""
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "Dropout", "config": {"name": "dr", "rate": 1.0}}]}}""");
        e = assertThrows(KerasImportException.class, () -> parse(drop, 2, "2.12.0"));
        assertEquals("rate=1.0", e.option());
        JsonNode empty = JSON.readTree("{\"class_name\": \"Sequential\", \"config\": {\"layers\": []}}");
        assertThrows(KerasImportException.class, () -> parse(empty, 2, "2.12.0"));
    }
}
