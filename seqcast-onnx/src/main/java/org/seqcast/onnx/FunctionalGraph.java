package org.seqcast.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;
import org.seqcast.onnx.proto.OnnxProto.TensorProto.DataType;

/**
 * The ONNX form of a {@link Graph} (seqcast-core's functional API), node by node in the graph's topological
 * order. Layers use {@link NetworkGraph.LayerNodes}, the same mapping as a {@link org.seqcast.nn.Sequential}'s;
 * between nodes, sequences are time-major (T, B, F) as in the engine, vectors (B, F). Only the nodes some output
 * depends on are emitted.
 * <pre>
 *   INPUT "x" (T, F)    graph input "x" float32 (batch, T, F)  --Transpose perm [1,0,2]-->  (T, B, F)
 *                       (T fixed, or symbolic: "time" when the graph has one any-length sequence input,
 *                        else "x_time"; a node of fixed length, such as RepeatVector's, declares that number;
 *                        after a layer that changes an any length, such as a strided convolution, its own
 *                        "<node>_time")
 *   INPUT "z" (F)       graph input "z" float32 (batch, F), used as is
 *   LAYER "n"           the layer's mapping, initializers and values named "n_..."
 *   ADD a, b, c         Add(Add(a, b), c), in input order as {@link Graph} sums
 *   CONCAT              Concat axis 2 of sequences (T, B, F_i), axis 1 of vectors (B, F_i)
 *   LAST_STEP           Slice [-1:] on axis 0 of (T, B, F), then Squeeze axis 0  -->  (B, F)
 *   output "y" <- node  graph output "y" float32: (batch, F), or (batch, T, F) by Transpose perm [1,0,2]
 * </pre>
 * What cannot be exported (an {@link OnnxExportException} names the node and layer): a layer outside
 * {@link LayerSpec}'s kinds, a non-finite weight, and an output named like an input (ONNX values need distinct
 * names).
 */
final class FunctionalGraph {
    /** The symbolic time dimension when the graph has a single any-length sequence input. */
    static final String TIME = "time";
    static final String BATCH = "batch";

    private final Graph network;
    private final GraphBuilder g;
    /** The nodes some output depends on, in topological order. */
    private final List<Graph.Node> needed;
    /** Per emitted node, the ONNX value holding it. */
    private final Map<String, String> values = new HashMap<>();
    /** Per sequence node, its time dimension: an Integer (fixed) or a String (symbolic). */
    private final Map<String, Object> time = new HashMap<>();
    /** Per graph input and output, its batch-first dimensions. */
    private final Map<String, Object[]> inputDims = new LinkedHashMap<>();
    private final Map<String, Object[]> outputDims = new LinkedHashMap<>();
    /** Per layer node, its mapping, holding the names of its initializers (added once, however often emitted). */
    private final Map<String, NetworkGraph.LayerNodes> layers = new HashMap<>();

    /** Checks {@code network} (see {@link #requireSupported}); {@link #emit} adds it to {@code g}. */
    FunctionalGraph(Graph network, GraphBuilder g) {
        this.needed = requireSupported(network);
        this.network = network;
        this.g = g;
    }

    /**
     * The nodes some output depends on, in topological order; throws an {@link OnnxExportException} naming the
     * first node that cannot be exported, or an output named like an input.
     */
    static List<Graph.Node> requireSupported(Graph network) {
        for (Graph.Output o : network.outputs()) {
            for (Graph.Node in : network.inputs()) {
                if (in.name().equals(o.name())) {
                    throw new OnnxExportException("output '" + o.name() + "' has the name of input '" + in.name()
                            + "', and ONNX inputs and outputs need distinct names; rename the output or the input");
                }
            }
        }
        Set<String> reached = new LinkedHashSet<>();
        for (Graph.Output o : network.outputs()) {
            collectAncestors(network, o.node(), reached);
        }
        List<Graph.Node> needed = new ArrayList<>();
        for (Graph.Node n : network.nodes()) {
            if (reached.contains(n.name())) {
                if (n.op() == Graph.Op.LAYER) {
                    NetworkGraph.LayerNodes.requireSupported(n.layer(), "node '" + n.name() + "'");
                }
                needed.add(n);
            }
        }
        return needed;
    }

    private static void collectAncestors(Graph network, String name, Set<String> into) {
        if (into.add(name)) {
            for (String in : network.node(name).inputs()) {
                collectAncestors(network, in, into);
            }
        }
    }

    /**
     * Declares the inputs, emits the nodes and declares the outputs, each named as in the graph; sequence inputs
     * are transposed to time-major once, first.
     */
    void emit() {
        long anyLength = network.inputs().stream().filter(n -> n.shape().length == 2 && n.shape()[0] == -1).count();
        for (Graph.Node n : network.inputs()) {
            declareInput(n, anyLength == 1 ? TIME : n.name() + "_" + TIME);
        }
        for (Graph.Output o : network.outputs()) {
            g.fresh(o.name());                     // reserved, so that no intermediate value takes an output's name
        }
        for (Graph.Node n : network.inputs()) {
            values.put(n.name(), isSequence(n) ? g.swapBatchTime(n.name(), n.name() + "_time_major") : n.name());
        }
        for (Graph.Node n : needed) {
            if (n.op() != Graph.Op.INPUT) {
                values.put(n.name(), node(n, values, ""));
                if (isSequence(n)) {
                    time.put(n.name(), timeOf(n));
                }
            }
        }
        for (Graph.Output o : network.outputs()) {
            declareOutput(o);
        }
    }

    /**
     * A sequence node's time dimension: its own fixed length (RepeatVector's n, or any node on a fixed length), else
     * its input's, or its own symbolic "&lt;node&gt;_time" after a layer that changes an any length (strided or valid
     * convolutions and poolings).
     */
    private Object timeOf(Graph.Node n) {
        if (n.shape()[0] != -1) {
            return n.shape()[0];
        }
        return n.op() != Graph.Op.LAYER || NetworkGraph.keepsLength(n.layer()) ? time.get(n.inputs().get(0))
                : n.name() + "_" + TIME;
    }

    private void declareInput(Graph.Node n, String symbolicTime) {
        int[] s = n.shape();
        Object[] dims;
        if (isSequence(n)) {
            Object t = s[0] == -1 ? symbolicTime : (Object) s[0];
            time.put(n.name(), t);
            dims = new Object[] {BATCH, t, s[1]};
        } else {
            dims = new Object[] {BATCH, s[0]};
        }
        g.input(n.name(), DataType.FLOAT, dims);
        inputDims.put(n.name(), dims);
    }

    /**
     * The graph of a network with one input and one output (a forecaster's graph encoder without covariates) on the
     * batch-first value {@code x} instead of a graph input, every value name starting with {@code prefix} (the
     * baked recursive forecaster emits it once per step; the weights are added once); returns the batch-first
     * output's value. Nothing is declared: the caller owns the graph's inputs and outputs.
     */
    String emit(String x, String prefix) {
        if (network.inputs().size() != 1 || network.outputs().size() != 1) {
            throw new OnnxExportException("a graph is emitted inside a forecaster's graph only with one input and one"
                    + " output; this one has inputs " + network.inputs().stream().map(Graph.Node::name).toList()
                    + " and " + network.outputs().size() + " output(s)");
        }
        Graph.Node in = network.inputs().get(0);
        Map<String, String> own = new HashMap<>();
        own.put(in.name(), isSequence(in) ? g.swapBatchTime(x, prefix + in.name() + "_time_major") : x);
        for (Graph.Node n : needed) {
            if (n.op() != Graph.Op.INPUT) {
                own.put(n.name(), node(n, own, prefix));
            }
        }
        Graph.Node out = network.node(network.outputs().get(0).node());
        String y = own.get(out.name());
        return isSequence(out) ? g.swapBatchTime(y, prefix + out.name() + "_batch_first") : y;
    }

    /** The nodes of one non-input node on the values of its inputs, names starting with prefix; returns its value. */
    private String node(Graph.Node n, Map<String, String> values, String prefix) {
        List<String> in = n.inputs().stream().map(values::get).toList();
        String name = prefix + n.name();
        return switch (n.op()) {
            case INPUT -> throw new IllegalStateException("inputs are declared, not emitted: " + n.name());
            case LAYER -> layers.computeIfAbsent(n.name(), k -> new NetworkGraph.LayerNodes(g, n.layer(),
                    n.layer().spec(), n.name() + "_")).emit(in, name + "_");
            case ADD -> {                                                       // a = Σ_i a_i, in input order
                String sum = in.get(0);
                for (int i = 1; i < in.size(); i++) {
                    sum = g.node("Add", i == in.size() - 1 ? name : name + "_partial", List.of(sum, in.get(i)));
                }
                yield sum;
            }
            case CONCAT -> g.node("Concat", name, in, GraphBuilder.intAttr("axis", isSequence(n) ? 2 : 1));
            case LAST_STEP -> g.squeeze(g.slice(in.get(0), 0, -1, Long.MAX_VALUE, name + "_slice"), 0, name);
        };
    }

    /** The output as a batch-first graph output of its own name. */
    private void declareOutput(Graph.Output o) {
        Graph.Node n = network.node(o.node());
        int[] s = n.shape();
        Object[] dims;
        if (isSequence(n)) {                                                    // (T, B, F) -> (B, T, F)
            g.node("Transpose", List.of(values.get(n.name())), List.of(o.name()), GraphBuilder.intsAttr("perm", 1, 0, 2));
            dims = new Object[] {BATCH, time.get(n.name()), s[1]};
        } else {
            g.node("Identity", List.of(values.get(n.name())), List.of(o.name()));
            dims = new Object[] {BATCH, s[0]};
        }
        g.output(o.name(), DataType.FLOAT, dims);
        outputDims.put(o.name(), dims);
    }

    private static boolean isSequence(Graph.Node n) {
        return n.shape().length == 2;
    }

    /** The graph inputs for the metadata: "x: float32 [batch, 24, 3]; z: float32 [batch, 4]". */
    String describeInputs() {
        return describe(inputDims);
    }

    /** The graph outputs for the metadata, as {@link #describeInputs}. */
    String describeOutputs() {
        return describe(outputDims);
    }

    private static String describe(Map<String, Object[]> dims) {
        List<String> parts = new ArrayList<>();
        dims.forEach((name, d) -> parts.add(name + ": float32 " + OnnxExport.dims(d)));
        return String.join("; ", parts);
    }
}
