package org.seqcast.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.loss.Huber;
import org.seqcast.nn.loss.Loss;
import org.seqcast.nn.loss.NonCrossingPinball;
import org.seqcast.nn.loss.Pinball;

/**
 * A {@link Graph}'s architecture as data, the graph counterpart of {@link NetworkSpec}: its nodes in topological
 * order and its outputs, enough to rebuild the graph whose weights ({@code <node>.<parameter>}) a safetensors file
 * holds. Bare-network model files store it under {@code "graph"}; the records bind to JSON with Jackson (the layer
 * fields are those of {@link LayerSpecJson}):
 * <pre>
 * {"nodes": [
 *    {"name": "x",    "op": "input", "shape": [null, 1]},                  null: any length; [F] for a vector
 *    {"name": "lstm", "op": "layer", "inputs": ["x"], "layer": {"type": "lstm", "units": 64, "return_sequences": true}},
 *    {"name": "sum",  "op": "add",   "inputs": ["lstm", "attn"]},          also "concat" and "last_step"
 *    ...],
 *  "outputs": [{"name": "y", "node": "head", "loss": "mse"}]}              "levels" for pinball losses, "delta" for
 *                                                                          huber, "weight" when not 1
 * </pre>
 * The ops are {@link Graph.Op}'s, in lower case. Shapes other than the inputs' follow from the layers, so they are
 * not stored; {@link #build} recomputes them and the graph's builder refuses, naming the node, whatever does not fit.
 *
 * @param nodes   every node, each reading only earlier ones
 * @param outputs the named outputs
 */
public record GraphSpec(List<Node> nodes, List<Output> outputs) {
    public GraphSpec {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("a graph needs nodes");
        }
        if (outputs == null || outputs.isEmpty()) {
            throw new IllegalArgumentException("a graph needs at least one output");
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            if (n == null) {
                throw new IllegalArgumentException("node " + k + " is null");
            }
            for (String in : n.inputs()) {
                if (!seen.contains(in)) {
                    throw new IllegalArgumentException("node '" + n.name() + "' reads '" + in + "', which is not an"
                            + " earlier node; nodes must come in topological order");
                }
            }
            if (!seen.add(n.name())) {
                throw new IllegalArgumentException("node name '" + n.name() + "' is used twice");
            }
        }
        for (Output o : outputs) {
            if (o == null || !seen.contains(o.node())) {
                throw new IllegalArgumentException("output " + (o == null ? "null" : "'" + o.name() + "' reads '"
                        + o.node() + "', which is not a node"));
            }
        }
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
    }

    /**
     * One node. {@code op} is a {@link Graph.Op} in lower case; an input has a {@code shape} ([T, F] with T null for
     * any length, or [F]) and no inputs; a layer node has its {@code layer} and one input; add and concat read two or
     * more nodes, last_step one.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Node(String name, String op, List<String> inputs, List<Integer> shape, LayerSpec layer) {
        public Node {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a node needs a \"name\"");
            }
            Graph.Op kind = op(name, op);
            op = kind.name().toLowerCase(Locale.ROOT);
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            int arity = switch (kind) {
                case INPUT -> 0;
                case LAYER, LAST_STEP -> 1;
                case ADD, CONCAT -> -2;
            };
            if (arity >= 0 ? inputs.size() != arity : inputs.size() < -arity) {
                throw new IllegalArgumentException("node '" + name + "' (" + op + ") reads " + (arity >= 0 ? "exactly "
                        + arity : "at least " + -arity) + " node" + (Math.abs(arity) == 1 ? "" : "s") + "; got "
                        + inputs);
            }
            if ((kind == Graph.Op.LAYER) != (layer != null)) {
                throw new IllegalArgumentException("node '" + name + "' (" + op + ") " + (layer == null
                        ? "needs a \"layer\"" : "has a \"layer\", which only layer nodes take"));
            }
            if (kind == Graph.Op.INPUT) {
                if (shape == null || shape.isEmpty() || shape.size() > 2) {
                    throw new IllegalArgumentException("input '" + name + "' needs \"shape\" [T, F] (T null for any"
                            + " length) or [F]; got " + shape);
                }
                shape = java.util.Collections.unmodifiableList(new ArrayList<>(shape));
            } else if (shape != null && !shape.isEmpty()) {
                throw new IllegalArgumentException("node '" + name + "' (" + op + ") has a \"shape\", which only inputs"
                        + " take (other shapes follow from the layers)");
            } else {
                shape = List.of();
            }
        }

        private static Graph.Op op(String name, String op) {
            for (Graph.Op o : Graph.Op.values()) {
                if (o.name().equalsIgnoreCase(op)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("node '" + name + "' has \"op\" '" + op + "'; use one of "
                    + Arrays.stream(Graph.Op.values()).map(o -> o.name().toLowerCase(Locale.ROOT)).toList());
        }

        /** The op. */
        public Graph.Op kind() {
            return Graph.Op.valueOf(op.toUpperCase(Locale.ROOT));
        }

        int[] shapeArray() {
            int[] s = new int[shape.size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = shape.get(k) == null ? -1 : shape.get(k);
            }
            return s;
        }
    }

    /**
     * A named output: the node it reads and its loss ({@code mse}, {@code mae}, {@code huber} with {@code delta},
     * {@code log_smape}, {@code pinball} or {@code noncrossing_pinball} with {@code levels}) and weight (1 if absent).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(String name, String node, String loss, List<Double> levels, Double delta, Double weight) {
        public Output {
            if (name == null || node == null || loss == null) {
                throw new IllegalArgumentException("an output needs \"name\", \"node\" and \"loss\"; got name " + name
                        + ", node " + node + ", loss " + loss);
            }
            levels = levels == null ? null : List.copyOf(levels);
            toLoss(name, loss, levels, delta);   // checks the loss and its options
        }

        /** The loss. */
        public Loss toLoss() {
            return toLoss(name, loss, levels, delta);
        }

        private static Loss toLoss(String output, String loss, List<Double> levels, Double delta) {
            String what = "output '" + output + "': ";
            boolean quantile = loss.equals("pinball") || loss.equals("noncrossing_pinball");
            if (quantile != (levels != null) || (delta != null && !loss.equals("huber"))) {
                throw new IllegalArgumentException(what + "\"levels\" belong to the pinball losses and \"delta\" to"
                        + " huber; loss " + loss + " has levels " + levels + " and delta " + delta);
            }
            try {
                if (quantile) {
                    double[] l = levels.stream().mapToDouble(Double::doubleValue).toArray();
                    return loss.equals("pinball") ? Loss.pinball(l) : Loss.nonCrossingPinball(l);
                }
                return loss.equals("huber") && delta != null ? Loss.huber(delta) : Loss.of(loss);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + e.getMessage(), e);
            }
        }

        static Output of(Graph.Output o) {
            Loss l = o.loss();
            List<Double> levels = null;
            Double delta = null;
            if (l instanceof Pinball p) {
                levels = Arrays.stream(p.levels()).boxed().toList();
            } else if (l instanceof NonCrossingPinball p) {
                levels = Arrays.stream(p.levels()).boxed().toList();
            } else if (l instanceof Huber h) {
                delta = h.delta();
            }
            try {
                return new Output(o.name(), o.node(), l.name(), levels, delta, o.weight() == 1 ? null : o.weight());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (a graph spec holds mse, mae, huber, log_smape"
                        + " and the pinball losses)", e);
            }
        }
    }

    /** The spec of a built graph. */
    public static GraphSpec of(Graph graph) {
        List<Node> nodes = new ArrayList<>();
        for (Graph.Node n : graph.nodes()) {
            LayerSpec layer = null;
            if (n.op() == Graph.Op.LAYER) {
                try {
                    layer = n.layer().spec();
                } catch (UnsupportedOperationException e) {
                    throw new IllegalArgumentException("node '" + n.name() + "' (" + n.layer().kind() + ") has no"
                            + " spec form: " + e.getMessage(), e);
                }
            }
            List<Integer> shape = null;
            if (n.op() == Graph.Op.INPUT) {
                shape = Arrays.stream(n.shape()).mapToObj(s -> s == -1 ? null : s).toList();
            }
            nodes.add(new Node(n.name(), n.op().name(), n.inputs(), shape, layer));
        }
        return new GraphSpec(nodes, graph.outputs().stream().map(Output::of).toList());
    }

    /** The layer specs of the layer nodes, in order. */
    public List<LayerSpec> layers() {
        return nodes.stream().filter(n -> n.layer() != null).map(Node::layer).toList();
    }

    /**
     * A new graph of this architecture, built (weights drawn from {@code seed}, to be replaced by loading); shape
     * errors name the node, as the graph's builder reports them.
     */
    public Graph build(long seed) {
        Graph.Builder g = Graph.builder().seed(seed);
        Map<String, Graph.Node> built = new HashMap<>();
        for (Node n : nodes) {
            Graph.Node[] in = n.inputs().stream().map(built::get).toArray(Graph.Node[]::new);
            Graph.Node out = switch (n.kind()) {
                case INPUT -> g.input(n.name(), n.shapeArray());
                case LAYER -> g.layer(n.name(), n.layer(), in[0]);
                case ADD -> g.add(n.name(), in);
                case CONCAT -> g.concat(n.name(), in);
                case LAST_STEP -> g.lastStep(n.name(), in[0]);
            };
            built.put(n.name(), out);
        }
        for (Output o : outputs) {
            g.output(o.name(), built.get(o.node()), o.toLoss(), o.weight() == null ? 1 : o.weight());
        }
        try {
            return g.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The JSON form. */
    public ObjectNode toJson() {
        return LayerSpecJson.mapper().valueToTree(this);
    }

    /** Reads the JSON form; errors name the node or output and the field. */
    public static GraphSpec fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a graph spec is a JSON object with \"nodes\" and \"outputs\"");
        }
        try {
            return LayerSpecJson.mapper().treeToValue(root, GraphSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /** "graph spec, nodes[2], field 'units': why" from where Jackson stopped and why. */
    static String describe(JsonProcessingException e) {
        StringBuilder where = new StringBuilder("graph spec");
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getIndex() >= 0) {
                    where.append('[').append(r.getIndex()).append(']');
                } else if (r.getFieldName() != null) {
                    where.append(where.length() == "graph spec".length() ? ", " : ".").append(r.getFieldName());
                }
            }
        }
        String why;
        if (e instanceof UnrecognizedPropertyException u) {
            why = "unknown field '" + u.getPropertyName() + "'";
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        }
        return where + ": " + why;
    }
}
