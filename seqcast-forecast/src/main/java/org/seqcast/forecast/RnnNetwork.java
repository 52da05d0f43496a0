package org.seqcast.forecast;

import java.util.List;
import java.util.Map;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Tensor;

/**
 * The trained network of a {@link FittedRnn}: a {@link Sequential} (recurrent layers and a Dense head) for a
 * network that reads only its window, or a {@link Graph} for one with a decoder that also reads future-known and
 * static covariates, or whose encoder is a graph (the transformer's; {@link RnnForecaster#conditionedNetwork}).
 * Not thread-safe (the engine's buffers are shared).
 */
public sealed interface RnnNetwork permits RnnNetwork.Plain, RnnNetwork.Conditioned {
    /** A network that reads its window only. */
    record Plain(Sequential sequential) implements RnnNetwork {
        @Override
        public Map<String, Parameter> namedParameters() {
            return sequential.namedParameters();
        }

        @Override
        public Map<String, Tensor> stateDict() {
            return sequential.stateDict();
        }

        @Override
        public void loadStateDict(Map<String, Tensor> state) {
            sequential.loadStateDict(state);
        }

        @Override
        public int[] inputShape() {
            return sequential.inputShape();
        }

        @Override
        public List<LayerSpec> specs() {
            return sequential.specs();
        }

        @Override
        public int[] outputShape() {
            return sequential.outputShape();
        }

        @Override
        public float[] predict(Map<String, Tensor> inputs) {
            return sequential.predict(inputs.get(RnnForecaster.INPUT)).data();
        }

        @Override
        public Tensor windowGradient(Map<String, Tensor> inputs, Tensor dy) {
            return sequential.inputGradient(inputs.get(RnnForecaster.INPUT), dy);
        }

        @Override
        public Map<String, Tensor> attentionWeights(Map<String, Tensor> inputs) {
            return sequential.attentionWeights(inputs.get(RnnForecaster.INPUT));
        }
    }

    /** A network with a decoder: named inputs ({@link DecoderInputs}) and one output. */
    record Conditioned(Graph graph) implements RnnNetwork {
        @Override
        public Map<String, Parameter> namedParameters() {
            return graph.namedParameters();
        }

        @Override
        public Map<String, Tensor> stateDict() {
            return graph.stateDict();
        }

        @Override
        public void loadStateDict(Map<String, Tensor> state) {
            graph.loadStateDict(state);
        }

        @Override
        public int[] inputShape() {
            return graph.node(RnnForecaster.INPUT).shape();
        }

        @Override
        public List<LayerSpec> specs() {
            return graph.nodes().stream().filter(n -> n.op() == Graph.Op.LAYER).map(n -> n.layer().spec()).toList();
        }

        @Override
        public float[] predict(Map<String, Tensor> inputs) {
            return graph.predict(inputs).get(RnnForecaster.OUTPUT).data();
        }

        @Override
        public Tensor windowGradient(Map<String, Tensor> inputs, Tensor dy) {
            return graph.inputGradients(inputs, Map.of(RnnForecaster.OUTPUT, dy)).get(RnnForecaster.INPUT);
        }

        @Override
        public Map<String, Tensor> attentionWeights(Map<String, Tensor> inputs) {
            return graph.attentionWeights(inputs);
        }

        @Override
        public int[] outputShape() {
            return graph.node(graph.outputs().get(0).node()).shape();
        }
    }

    static RnnNetwork of(Sequential s) {
        return new Plain(s);
    }

    static RnnNetwork of(Graph g) {
        return new Conditioned(g);
    }

    /** Parameters by PyTorch-style name (Sequential: {@code 0.weight_ih_l0}; Graph: {@code rnn0.weight_ih_l0}). */
    Map<String, Parameter> namedParameters();

    /** The weights by name, copied. */
    Map<String, Tensor> stateDict();

    /** Sets the weights (names and shapes checked by the engine). */
    void loadStateDict(Map<String, Tensor> state);

    /** The window's shape (W, F). */
    int[] inputShape();

    /** The output shape per row: (H'·Q). */
    int[] outputShape();

    /** The layers, as data, in the order they run. */
    List<LayerSpec> specs();

    /** Parameter count. */
    default long parameterCount() {
        return namedParameters().values().stream().mapToLong(Parameter::size).sum();
    }

    /** The output (H'·Q values per row, flattened) for named inputs of any number of rows. */
    float[] predict(Map<String, Tensor> inputs);

    /**
     * The gradient of the outputs with respect to the window: dL/dx (B, W, F) for L = Σ dy ⊙ ŷ, dy (B, H'·Q),
     * the other inputs held at their values; inference mode, parameter gradients restored
     * ({@link Sequential#inputGradient}, {@link Graph#inputGradients}). Not thread-safe, like {@link #predict}.
     */
    Tensor windowGradient(Map<String, Tensor> inputs, Tensor dy);

    /**
     * The weights of every Attention layer for named inputs, by layer (a Sequential's layer index, a graph's node
     * name): (B, T, T), row i the weights query step i gives the steps j ({@link Sequential#attentionWeights},
     * {@link Graph#attentionWeights}); empty without attention. Not thread-safe, like {@link #predict}.
     */
    Map<String, Tensor> attentionWeights(Map<String, Tensor> inputs);
}
