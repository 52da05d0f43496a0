package org.seqcast.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Dropout;
import org.seqcast.nn.GRU;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Layer;
import org.seqcast.nn.Recurrent;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.SimpleRNN;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.onnx.proto.OnnxProto.AttributeProto;
import org.seqcast.tensor.Parameter;

/**
 * The one home of the mapping from a {@link Sequential}'s layers to ONNX operators (opset {@value OnnxExport#OPSET}).
 * Between nodes, sequences are time-major (T, B, F) as in the engine, because ONNX Runtime's recurrent kernels
 * implement only {@code layout = 0}; the graph's own input and output are batch-first like
 * {@link Sequential#predict}.
 * <pre>
 *   network input   x (B, T, F)  --Transpose perm [1,0,2]-->  (T, B, F)        (a (B, F) input is used as is)
 *   LSTM / GRU / SimpleRNN (H units; weights: {@link RecurrentWeights})
 *                   ONNX LSTM / GRU / RNN, direction forward, zero initial state, hidden_size H
 *                   GRU: linear_before_reset = 1 for resetAfter(true), 0 for resetAfter(false)
 *                   activations (only when not the defaults; names and parameters: {@link OnnxActivation}):
 *                     LSTM [recurrentActivation, activation, activation]   (ONNX f, g, h; default Sigmoid, Tanh, Tanh)
 *                     GRU  [recurrentActivation, activation]               (ONNX f, g; default Sigmoid, Tanh)
 *                     RNN  [activation]                                    (ONNX f; default Tanh)
 *                   returnSequences:  Y (T, 1, B, H)  --Squeeze axis 1-->  (T, B, H)
 *                   otherwise:        Y_h (1, B, H)   --Squeeze axis 0-->  (B, H)   (the last step)
 *   Dense(O, act)   on (B, F):    Gemm(x, weight (O, F), bias, transB = 1)
 *                   on (T, B, F): MatMul(x, weightᵀ (F, O)) + Add(bias (O))
 *                   then the activation's operator: Relu, Tanh, Sigmoid, HardSigmoid (nothing for linear)
 *   Dropout         identity at inference: no node
 *   network output  (B, O), or (T, B, O) --Transpose perm [1,0,2]--> (B, T, O) when the last layer returns sequences
 * </pre>
 * Unsupported (an {@link OnnxExportException} says which layer and why): layers other than the five above
 * (a user subclass of {@link Layer} has no known math), a model that is not built, and non-finite weights.
 * Initial states ({@link org.seqcast.nn.Stepper}, {@code Recurrent.forward(x, ctx, state)}) are not part of
 * the graph: it always starts from zeros, as {@link Sequential#predict} does.
 */
final class NetworkGraph {
    private final Sequential network;
    private final GraphBuilder g;
    /** Per layer, the names of its initializers (none for Dropout). */
    private final List<List<String>> weights = new ArrayList<>();

    /** Checks the network and adds its weights to {@code g} as initializers (once, however often it is emitted). */
    NetworkGraph(Sequential network, GraphBuilder g) {
        requireSupported(network);
        this.network = network;
        this.g = g;
        List<Layer> layers = network.layers();
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            String p = "layer" + k + "_";
            if (l instanceof Recurrent rec) {
                RecurrentWeights w = RecurrentWeights.of(rec);
                int gh = w.gates() * w.units();
                weights.add(List.of(g.floats(p + "W", w.w(), 1, gh, w.inputs()),
                        g.floats(p + "R", w.r(), 1, gh, w.units()), g.floats(p + "B", w.b(), 1, 2L * gh)));
            } else if (l instanceof Dense d) {
                float[] wt = param(d, "weight");
                int o = d.units();
                int f = wt.length / o;
                boolean sequence = d.inputShapeBuilt().length == 2;
                String weight = sequence ? g.floats(p + "weightT", transpose(wt, o, f), f, o) : g.floats(p + "weight", wt, o, f);
                weights.add(List.of(weight, g.floats(p + "bias", param(d, "bias"), o)));
            } else {
                weights.add(List.of());
            }
        }
    }

    /**
     * Throws an {@link OnnxExportException} naming the first layer that cannot be exported, or when the model is
     * not built or holds a non-finite weight.
     */
    static void requireSupported(Sequential network) {
        if (!network.isBuilt()) {
            throw new OnnxExportException("the network is not built: build it (Sequential.build) or train it before"
                    + " exporting, so that its input shape and weights are known");
        }
        List<Layer> layers = network.layers();
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            boolean known = l instanceof LSTM || l instanceof GRU || l instanceof SimpleRNN || l instanceof Dense
                    || l instanceof Dropout;
            if (!known) {
                throw new OnnxExportException("layer " + k + " (" + l.kind() + ", " + l.getClass().getName() + ") has no"
                        + " ONNX mapping; only LSTM, GRU, SimpleRNN, Dense and Dropout layers can be exported");
            }
            for (Parameter p : l.parameters()) {
                for (float v : p.value()) {
                    if (!Float.isFinite(v)) {
                        throw new OnnxExportException("layer " + k + " (" + l.kind() + ") weight " + p.name()
                                + " holds " + v + ": training diverged; retrain before exporting");
                    }
                }
            }
        }
    }

    /**
     * Emits the layers once, reading the batch-first input {@code x} and returning the name of the batch-first
     * output; {@code prefix} starts every value name (the recursive forecaster emits the network once per step).
     */
    String emit(String x, String prefix) {
        boolean sequence = network.inputShape().length == 2;
        String cur = sequence ? g.swapBatchTime(x, prefix + "time_major") : x;
        List<Layer> layers = network.layers();
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            String p = prefix + "layer" + k + "_";
            List<String> w = weights.get(k);
            if (l instanceof Recurrent rec) {
                cur = recurrent(rec, cur, w, p);
                sequence = rec.isReturnSequences();
            } else if (l instanceof Dense d) {
                cur = dense(d, cur, w, sequence, p);
            }
        }
        return sequence ? g.swapBatchTime(cur, prefix + "batch_first") : cur;
    }

    private String recurrent(Recurrent layer, String x, List<String> w, String p) {
        List<String> inputs = List.of(x, w.get(0), w.get(1), w.get(2));
        List<AttributeProto> attrs = new ArrayList<>();
        attrs.add(GraphBuilder.intAttr("hidden_size", layer.units()));
        String op;
        List<Activation> functions;
        List<Activation> defaults;
        if (layer instanceof LSTM lstm) {
            op = "LSTM";
            functions = List.of(lstm.recurrentActivation(), lstm.activation(), lstm.activation()); // f, g, h
            defaults = List.of(Activation.SIGMOID, Activation.TANH, Activation.TANH);
        } else if (layer instanceof GRU gru) {
            op = "GRU";
            attrs.add(GraphBuilder.intAttr("linear_before_reset", gru.isResetAfter() ? 1 : 0));
            functions = List.of(gru.recurrentActivation(), gru.activation());                      // f, g
            defaults = List.of(Activation.SIGMOID, Activation.TANH);
        } else {
            op = "RNN";
            functions = List.of(((SimpleRNN) layer).activation());                                   // f
            defaults = List.of(Activation.TANH);
        }
        if (!functions.equals(defaults)) {
            attrs.addAll(OnnxActivation.recurrentAttributes(functions.stream().map(OnnxActivation::of).toList()));
        }
        AttributeProto[] a = attrs.toArray(new AttributeProto[0]);
        if (layer.isReturnSequences()) {
            String y = g.node(op, inputs, List.of(g.fresh(p + "Y")), a).get(0);        // (T, 1, B, H)
            return g.squeeze(y, 1, p + "sequence");                                       // (T, B, H)
        }
        String yh = g.node(op, inputs, List.of("", g.fresh(p + "Y_h")), a).get(1);      // (1, B, H)
        return g.squeeze(yh, 0, p + "last");                                              // (B, H)
    }

    private String dense(Dense layer, String x, List<String> w, boolean sequence, String p) {
        String y = sequence
                ? g.node("Add", p + "dense", List.of(g.node("MatMul", p + "matmul", List.of(x, w.get(0))), w.get(1)))
                : g.node("Gemm", p + "dense", List.of(x, w.get(0), w.get(1)), GraphBuilder.intAttr("transB", 1));
        if (layer.activation() == Activation.LINEAR) {
            return y;
        }
        OnnxActivation act = OnnxActivation.of(layer.activation());
        AttributeProto[] params = act.hasParameters()
                ? new AttributeProto[] {GraphBuilder.floatAttr("alpha", act.alpha()), GraphBuilder.floatAttr("beta", act.beta())}
                : new AttributeProto[0];
        return g.node(act.name(), p + act.name().toLowerCase(Locale.ROOT), List.of(y), params);
    }

    private static float[] param(Dense d, String name) {
        for (Parameter p : d.parameters()) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        throw new OnnxExportException("Dense has no parameter " + name);
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
