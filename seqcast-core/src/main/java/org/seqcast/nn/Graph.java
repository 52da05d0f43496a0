package org.seqcast.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Optimizer;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;
import org.seqcast.train.Samples;
import org.seqcast.train.Trainable;
import org.seqcast.train.Trainer;

/**
 * A network of layers on a directed acyclic graph, Keras's functional API: named inputs, layers applied to
 * nodes, residual sums, concatenation, and several named outputs, each with its own loss and weight.
 * <pre>{@code
 * Graph.Builder g = Graph.builder().seed(7);
 * Graph.Node x = g.input("x", 24, 3);                         // a sequence (T, F)
 * Graph.Node z = g.input("z", 4);                             // a static vector (F)
 * Graph.Node h = g.layer("lstm", new LSTM(16), x);
 * Graph.Node s = g.layer("static", new Dense(16, "relu"), z);
 * Graph.Node c = g.concat("both", h, s);
 * g.output("y", g.layer("head", new Dense(6), c), Loss.mse());
 * Graph model = g.build();
 * model.compile(new Adam());
 * model.fit(Map.of("x", X, "z", Z), Map.of("y", Y), options);
 * }</pre>
 * Weights are drawn when a layer is added, from the seed, in the order of adding; parameters are named
 * {@code <node>.<parameter>} as in a PyTorch {@code nn.Module} ({@code lstm.weight_ih_l0}, {@code head.bias}).
 * The total loss is Σ_o w_o L_o(ŷ_o, y_o) plus the L2 penalties (Keras's {@code loss_weights}, default 1).
 *
 * <p>The structure is fixed once built and inspectable through {@link #nodes()} and {@link #outputs()}. Nodes
 * only refer to earlier nodes, so the insertion order is a topological order and no cycle can be expressed.
 * Data are batch-first; between nodes sequences are time-major (T, B, F), as {@link Layer} expects. Training
 * uses the same {@link Trainer} as {@link Sequential}. The same seed gives the same bits for any thread count.
 * Not thread-safe: one fit or predict at a time.
 */
public final class Graph implements Trainable {
    /** What a node computes. */
    public enum Op {
        /** A named model input: a sequence (T, F) or a vector (F). */
        INPUT,
        /**
         * A {@link Layer} applied to one node; a {@link MultiHeadAttention} may read a query, a value and a key node
         * ({@link Builder#attention}).
         */
        LAYER,
        /** The element-wise sum of nodes of one shape (a residual connection). */
        ADD,
        /** The concatenation of nodes along the feature (last) axis. */
        CONCAT,
        /** The last time step of a sequence: (T, F) to (F). */
        LAST_STEP
    }

    /**
     * One node: its name, what it computes, the names of the nodes it reads (in order), its layer (for
     * {@link Op#LAYER}, else null) and its per-sample output shape ((T, F) or (F); T is -1 for any length).
     */
    public record Node(String name, Op op, List<String> inputs, Layer layer, int[] shape) {
        public Node {
            inputs = List.copyOf(inputs);
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        boolean isSequence() {
            return shape.length == 2;
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return name + " = " + (op == Op.LAYER ? layer.toString() : op.name().toLowerCase(Locale.ROOT))
                    + inputs + " -> " + StateDicts.shape(shape);
        }
    }

    /** A named output: the node it reads, its loss and the loss's weight in the total. */
    public record Output(String name, String node, Loss loss, double weight) {
        public Output {
            if (loss == null) {
                throw new IllegalArgumentException("output '" + name + "' needs a loss");
            }
            if (!(weight >= 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("output '" + name + "' loss weight must be finite and >= 0; got "
                        + weight);
            }
        }
    }

    private final List<Node> nodes;
    private final Map<String, Node> byName;
    private final List<Node> inputs;
    private final List<Output> outputs;
    private final Map<String, Parameter> params;
    private final long seed;
    private final Rng shuffleRng;
    private final Rng dropoutRng;
    private Parallel parallel;
    private Optimizer optimizer;

    private Graph(Builder b) {
        this.nodes = List.copyOf(b.nodes);
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(b.byName));
        this.inputs = nodes.stream().filter(n -> n.op() == Op.INPUT).toList();
        this.outputs = List.copyOf(b.outputs.values());
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (n.op() == Op.LAYER) {
                for (Parameter p : n.layer().parameters()) {
                    all.put(n.name() + "." + p.name(), p);
                }
            }
        }
        this.params = Collections.unmodifiableMap(all);
        this.seed = b.seed;
        this.shuffleRng = b.shuffleRng;
        this.dropoutRng = b.dropoutRng;
        this.parallel = b.parallel;
    }

    /** A builder with the default seed {@value Sequential#DEFAULT_SEED} and all cores. */
    public static Builder builder() {
        return new Builder();
    }

    /** The nodes in topological (insertion) order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The node called {@code name}. */
    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node named '" + name + "'; the graph has " + byName.keySet());
        }
        return n;
    }

    /** The input nodes, in order. */
    public List<Node> inputs() {
        return inputs;
    }

    /** The outputs, in order. */
    public List<Output> outputs() {
        return outputs;
    }

    public long seed() {
        return seed;
    }

    /** Threads for kernels (default: all cores). Results are the same for any count. */
    public Graph threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1; got " + n);
        }
        this.parallel = Parallel.shared(n);
        return this;
    }

    public int threads() {
        return parallel.threads();
    }

    /** Sets the optimizer; the losses belong to the outputs. */
    public Graph compile(Optimizer opt) {
        if (opt == null) {
            throw new IllegalArgumentException("compile needs an optimizer");
        }
        this.optimizer = opt;
        return this;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public Rng shuffleRng() {
        return shuffleRng;
    }

    /** Fits on inputs and targets by name; see {@link FitOptions}. */
    public History fit(Map<String, Tensor> x, Map<String, Tensor> y, FitOptions options) {
        if (optimizer == null) {
            throw new IllegalStateException("graph must be compiled before fit: call compile(optimizer)");
        }
        Samples xs = checkInputs(x);
        Samples ys = checkTargets(xs, y);
        return new Trainer(this, options).fit(xs, ys);
    }

    /** Predictions by output name, batch-first; rows are independent, so batching does not change results. */
    public Map<String, Tensor> predict(Map<String, Tensor> x) {
        Samples xs = checkInputs(x);
        int n = xs.count();
        Map<String, float[]> out = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int from = 0; from < n; from += Sequential.PREDICT_BATCH) {
            int to = Math.min(n, from + Sequential.PREDICT_BATCH);
            Map<String, Tensor> yb = forward(n <= Sequential.PREDICT_BATCH ? xs : xs.slice(from, to),
                    Context.prediction(parallel));
            if (n <= Sequential.PREDICT_BATCH) {
                return yb;
            }
            for (Map.Entry<String, Tensor> e : yb.entrySet()) {
                Tensor t = e.getValue();
                int row = t.size() / t.dim(0);
                if (!out.containsKey(e.getKey())) {
                    out.put(e.getKey(), new float[n * row]);
                    int[] s = t.shape();
                    s[0] = n;
                    shapes.put(e.getKey(), s);
                }
                System.arraycopy(t.data(), 0, out.get(e.getKey()), from * row, t.size());
            }
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        out.forEach((name, data) -> result.put(name, Tensor.wrap(data, shapes.get(name))));
        return result;
    }

    /** The weighted total loss on (x, y), L2 penalty included, in inference mode (no dropout). */
    public double evaluate(Map<String, Tensor> x, Map<String, Tensor> y) {
        Samples xs = checkInputs(x);
        return evaluateChecked(xs, checkTargets(xs, y));
    }

    /** {@link #evaluate(Map, Map)}; per-sample weights of {@code y} ({@link Samples#weights()}) weigh every output's loss. */
    @Override
    public double evaluate(Samples x, Samples y) {
        Samples xs = checkInputs(x.asMap());
        return evaluateChecked(xs, checkTargets(xs, y.asMap()).withWeights(y.weights()));
    }

    private double evaluateChecked(Samples x, Samples y) {
        Map<String, Tensor> pred = predict(x.asMap());
        double total = 0;
        for (Output o : outputs) {
            total += o.weight() * o.loss().value(pred.get(o.name()), y.get(o.name()), y.weights());
        }
        return total + StateDicts.l2Penalty(params.values());
    }

    /** Loss and gradients on one batch by name (see {@link Trainable#computeGradients}). */
    public double computeGradients(Map<String, Tensor> x, Map<String, Tensor> y) {
        Samples xs = checkInputs(x);
        return computeGradientsChecked(xs, checkTargets(xs, y));
    }

    /** {@link #computeGradients(Map, Map)}; per-sample weights of {@code y} weigh every output's loss. */
    @Override
    public double computeGradients(Samples x, Samples y) {
        Samples xs = checkInputs(x.asMap());
        return computeGradientsChecked(xs, checkTargets(xs, y.asMap()).withWeights(y.weights()));
    }

    private double computeGradientsChecked(Samples x, Samples y) {
        for (Parameter p : params.values()) {
            p.zeroGrad();
        }
        Context ctx = Context.training(parallel, dropoutRng);
        Map<String, Tensor> act = forwardAll(x, ctx);
        Map<String, Tensor> grads = new HashMap<>();
        double total = 0;
        for (Output o : outputs) {
            Tensor pred = batchFirst(act.get(o.node()));
            Tensor target = y.get(o.name());
            total += o.weight() * o.loss().value(pred, target, y.weights());   // L = Σ_o w_o L_o
            Tensor d = o.loss().gradient(pred, target, y.weights());
            if (o.weight() != 1) {
                scale(d.data(), (float) o.weight());                        // dL/dŷ_o = w_o dL_o/dŷ_o
            }
            accumulate(grads, o.node(), d.rank() == 3 ? d.swapFirstAxes() : d);
        }
        backwardAll(act, grads, ctx, null);
        StateDicts.addL2Gradients(params.values());
        return total + StateDicts.l2Penalty(params.values());
    }

    /**
     * The gradients of the outputs with respect to the inputs: dL/dx_i for L = Σ_o Σ dy_o ⊙ ŷ_o(x) (the outputs'
     * loss weights play no part), by input name, batch-first, each the shape of its input (every input reaches an
     * output: {@link Builder#build} checks it). A forward pass in inference mode (no dropout) keeping every activation, then the backward
     * pass from dy. The parameters' gradients are restored to what they held before the call. Not thread-safe,
     * like {@link #predict}.
     *
     * @param x  a tensor for every input, as for {@link #predict}
     * @param dy a tensor for every output, each the shape of that output's prediction
     */
    public Map<String, Tensor> inputGradients(Map<String, Tensor> x, Map<String, Tensor> dy) {
        Samples xs = checkInputs(x);
        if (dy == null) {
            throw new IllegalArgumentException("dy must not be null; give a tensor for each output of " + outputNames());
        }
        for (String name : dy.keySet()) {
            if (!outputNames().contains(name)) {
                throw new IllegalArgumentException("unknown output '" + name + "' in dy; the graph's outputs are "
                        + outputNames());
            }
        }
        List<float[]> saved = new ArrayList<>();
        for (Parameter p : params.values()) {
            saved.add(p.grad().clone());
        }
        try {
            Context ctx = Context.inference(parallel);
            Map<String, Tensor> act = forwardAll(xs, ctx);
            Map<String, Tensor> grads = new HashMap<>();
            for (Output o : outputs) {
                Tensor pred = batchFirst(act.get(o.node()));
                Tensor d = dy.get(o.name());
                if (d == null || !Arrays.equals(d.shape(), pred.shape())) {
                    throw new IllegalArgumentException("dy of output '" + o.name() + "' must have the shape of its"
                            + " prediction, " + StateDicts.shape(pred.shape()) + ", but "
                            + (d == null ? "is missing" : "has shape " + StateDicts.shape(d.shape())));
                }
                d.requireFinite("dy of output '" + o.name() + "'");
                accumulate(grads, o.node(), timeMajor(d));
            }
            Map<String, Tensor> dx = new HashMap<>();
            backwardAll(act, grads, ctx, dx);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Node n : inputs) {
                out.put(n.name(), dx.get(n.name()));
            }
            return out;
        } finally {
            int k = 0;
            for (Parameter p : params.values()) {
                float[] g = saved.get(k++);
                System.arraycopy(g, 0, p.grad(), 0, g.length);
            }
        }
    }

    /**
     * The attention weights of every {@link Attention} and {@link MultiHeadAttention} node for the inputs x, by node
     * name: (B, Tq, Tk) (Tq = Tk = T but for cross-attention), row i the weights a_ij that query step i gives the
     * steps j (each row sums to 1), a MultiHeadAttention's averaged over its heads. A forward pass in inference mode
     * (no dropout); empty when the graph has no attention node. Not thread-safe, like {@link #predict}.
     */
    public Map<String, Tensor> attentionWeights(Map<String, Tensor> x) {
        forwardAll(checkInputs(x), Context.inference(parallel));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (n.op() == Op.LAYER && n.layer() instanceof Attention attention) {
                out.put(n.name(), attention.lastWeights());
            } else if (n.op() == Op.LAYER && n.layer() instanceof MultiHeadAttention mha) {
                out.put(n.name(), mha.lastWeights());                    // averaged over the heads
            }
        }
        return out;
    }

    /** Runs every node on batch-first inputs; returns the outputs batch-first by output name. */
    Map<String, Tensor> forward(Samples x, Context ctx) {
        Map<String, Tensor> act = forwardAll(x, ctx);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Output o : outputs) {
            out.put(o.name(), batchFirst(act.get(o.node())));
        }
        return out;
    }

    /** Every node's activation (time-major for sequences), in topological order. */
    private Map<String, Tensor> forwardAll(Samples x, Context ctx) {
        Map<String, Tensor> act = new HashMap<>();
        for (Node n : nodes) {
            Tensor a = switch (n.op()) {
                case INPUT -> timeMajor(x.get(n.name()));                       // (B, T, F) -> (T, B, F)
                case LAYER -> n.inputs().size() == 1 ? n.layer().forward(act.get(n.inputs().get(0)), ctx)
                        : attend(n, act, ctx);
                case ADD -> add(n, act);
                case CONCAT -> concat(n, act);
                case LAST_STEP -> lastStep(act.get(n.inputs().get(0)));
            };
            act.put(n.name(), a);
        }
        return act;
    }

    /**
     * Backward in reverse topological order; gradients of a node read by several nodes are summed. The inputs'
     * gradients (batch-first) go to {@code inputGrads} when it is not null.
     */
    private void backwardAll(Map<String, Tensor> act, Map<String, Tensor> grads, Context ctx,
                             Map<String, Tensor> inputGrads) {
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node n = nodes.get(k);
            Tensor d = grads.remove(n.name());
            if (d == null) {
                continue;                                                   // no output depends on this node
            }
            switch (n.op()) {
                case INPUT -> {                                            // dL/dx, when asked for
                    if (inputGrads != null) {
                        inputGrads.put(n.name(), batchFirst(d));
                    }
                }
                case LAYER -> {
                    if (n.inputs().size() == 1) {
                        accumulate(grads, n.inputs().get(0), n.layer().backward(d, ctx));
                    } else {
                        attendBackward(n, d, grads, ctx);
                    }
                }
                case ADD -> n.inputs().forEach(in -> accumulate(grads, in, d));   // d(a + b)/da = I
                case CONCAT -> concatBackward(n, d, grads);
                case LAST_STEP -> lastStepBackward(n, act.get(n.inputs().get(0)).dim(0), d, grads);
            }
        }
    }

    /** grads[name] += d (a copy is kept: layers may reuse the arrays they return). */
    private static void accumulate(Map<String, Tensor> grads, String name, Tensor d) {
        Tensor g = grads.get(name);
        if (g == null) {
            grads.put(name, d.copy());
            return;
        }
        float[] a = g.data();
        float[] b = d.data();
        for (int k = 0; k < a.length; k++) {
            a[k] += b[k];
        }
    }

    /** MultiHeadAttention on its query, value and key (the value when the node has two inputs). */
    private static Tensor attend(Node n, Map<String, Tensor> act, Context ctx) {
        Tensor value = act.get(n.inputs().get(1));
        Tensor key = n.inputs().size() == 3 ? act.get(n.inputs().get(2)) : value;
        return ((MultiHeadAttention) n.layer()).forward(act.get(n.inputs().get(0)), value, key, ctx);
    }

    /** dL/d{query, value, key}: each to its node (the key's to the value's when they are one node). */
    private static void attendBackward(Node n, Tensor d, Map<String, Tensor> grads, Context ctx) {
        Tensor[] parts = ((MultiHeadAttention) n.layer()).backwardAll(d, ctx);
        accumulate(grads, n.inputs().get(0), parts[0]);
        accumulate(grads, n.inputs().get(1), parts[1]);
        accumulate(grads, n.inputs().get(n.inputs().size() == 3 ? 2 : 1), parts[2]);
    }

    /** a = Σ_i a_i, summed in input order. */
    private static Tensor add(Node n, Map<String, Tensor> act) {
        Tensor first = act.get(n.inputs().get(0));
        float[] sum = first.data().clone();
        for (int i = 1; i < n.inputs().size(); i++) {
            Tensor t = act.get(n.inputs().get(i));
            requireSameShape(n, n.inputs().get(0), first, n.inputs().get(i), t);
            float[] b = t.data();
            for (int k = 0; k < sum.length; k++) {
                sum[k] += b[k];
            }
        }
        return Tensor.wrap(sum, first.shape());
    }

    /** [a_1 | a_2 | …] along the last axis: each row of the result is the rows of the parts side by side. */
    private static Tensor concat(Node n, Map<String, Tensor> act) {
        List<Tensor> parts = new ArrayList<>();
        int width = 0;
        for (String in : n.inputs()) {
            Tensor t = act.get(in);
            if (!parts.isEmpty()) {
                requireSameRows(n, n.inputs().get(0), parts.get(0), in, t);
            }
            parts.add(t);
            width += t.dim(t.rank() - 1);
        }
        Tensor first = parts.get(0);
        int rows = first.size() / first.dim(first.rank() - 1);
        float[] out = new float[rows * width];
        int offset = 0;
        for (Tensor t : parts) {
            int f = t.dim(t.rank() - 1);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(t.data(), r * f, out, r * width + offset, f);
            }
            offset += f;
        }
        int[] shape = first.shape();
        shape[shape.length - 1] = width;
        return Tensor.wrap(out, shape);
    }

    private void concatBackward(Node n, Tensor d, Map<String, Tensor> grads) {
        int width = d.dim(d.rank() - 1);
        int rows = d.size() / width;
        int offset = 0;
        for (String in : n.inputs()) {
            int f = byName.get(in).shape[byName.get(in).shape.length - 1];
            float[] part = new float[rows * f];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(d.data(), r * width + offset, part, r * f, f);
            }
            int[] shape = d.shape();
            shape[shape.length - 1] = f;
            accumulate(grads, in, Tensor.wrap(part, shape));
            offset += f;
        }
    }

    /** (T, B, F) time-major to the last step's (B, F). */
    private static Tensor lastStep(Tensor seq) {
        int t = seq.dim(0);
        int rowBlock = seq.dim(1) * seq.dim(2);
        float[] out = Arrays.copyOfRange(seq.data(), (t - 1) * rowBlock, t * rowBlock);
        return Tensor.wrap(out, seq.dim(1), seq.dim(2));
    }

    /** dL/dx (T, B, F) is zero on every step but the last, which gets dL/dy (B, F). */
    private static void lastStepBackward(Node n, int steps, Tensor d, Map<String, Tensor> grads) {
        float[] dx = new float[steps * d.size()];
        System.arraycopy(d.data(), 0, dx, (steps - 1) * d.size(), d.size());
        accumulate(grads, n.inputs().get(0), Tensor.wrap(dx, steps, d.dim(0), d.dim(1)));
    }

    private static void requireSameShape(Node n, String aName, Tensor a, String bName, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("add '" + n.name() + "': '" + aName + "' has shape "
                    + Arrays.toString(a.shape()) + " but '" + bName + "' has shape " + Arrays.toString(b.shape())
                    + " (time-major); the sequences must have the same length");
        }
    }

    private static void requireSameRows(Node n, String aName, Tensor a, String bName, Tensor b) {
        int[] sa = a.shape();
        int[] sb = b.shape();
        if (sa.length != sb.length || !Arrays.equals(Arrays.copyOf(sa, sa.length - 1), Arrays.copyOf(sb, sb.length - 1))) {
            throw new IllegalArgumentException("concat '" + n.name() + "': '" + aName + "' has shape "
                    + Arrays.toString(sa) + " but '" + bName + "' has shape " + Arrays.toString(sb)
                    + " (time-major); the sequences must have the same length");
        }
    }

    private static Tensor timeMajor(Tensor t) {
        return t.rank() == 3 ? t.swapFirstAxes() : t;
    }

    private static Tensor batchFirst(Tensor t) {
        return t.rank() == 3 ? t.swapFirstAxes() : t;
    }

    private static void scale(float[] a, float s) {
        for (int k = 0; k < a.length; k++) {
            a[k] *= s;
        }
    }

    // ---- checks -------------------------------------------------------------------------------------------

    private Samples checkInputs(Map<String, Tensor> x) {
        if (x == null) {
            throw new IllegalArgumentException("inputs must not be null; give a tensor for each of " + inputNames());
        }
        for (String name : x.keySet()) {
            if (!byName.containsKey(name) || byName.get(name).op() != Op.INPUT) {
                throw new IllegalArgumentException("unknown input '" + name + "'; the graph's inputs are " + inputNames());
            }
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (Node n : inputs) {
            Tensor t = x.get(n.name());
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + n.name() + "' of shape (batch, "
                        + StateDicts.shape(n.shape).substring(1) + "; the graph's inputs are " + inputNames());
            }
            int[] sample = t.rank() == 0 ? t.shape() : Arrays.copyOfRange(t.shape(), 1, t.rank());
            if (t.rank() == 0 || !Layer.shapesAgree(n.shape, sample)) {
                throw new IllegalArgumentException("input '" + n.name() + "' must have shape (batch, "
                        + StateDicts.shape(n.shape).substring(1) + " but has shape " + StateDicts.shape(t.shape()));
            }
            t.requireFinite("input '" + n.name() + "'");
            ordered.put(n.name(), t);
        }
        return Samples.of(ordered);
    }

    private Samples checkTargets(Samples x, Map<String, Tensor> y) {
        if (y == null) {
            throw new IllegalArgumentException("targets must not be null; give a tensor for each output of " + outputNames());
        }
        for (String name : y.keySet()) {
            if (outputs.stream().noneMatch(o -> o.name().equals(name))) {
                throw new IllegalArgumentException("unknown output '" + name + "' in the targets; the graph's outputs are "
                        + outputNames());
            }
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (Output o : outputs) {
            Tensor t = y.get(o.name());
            if (t == null) {
                throw new IllegalArgumentException("missing target for output '" + o.name() + "'; give a tensor for each of "
                        + outputNames());
            }
            int[] predicted = predictedShape(byName.get(o.node()), x);
            int[] expected = o.loss().targetShape(predicted);
            if (!Arrays.equals(expected, t.shape())) {
                throw new IllegalArgumentException("target '" + o.name() + "' must have shape " + StateDicts.shape(expected)
                        + " for outputs of shape " + StateDicts.shape(predicted) + " and the " + o.loss().name()
                        + " loss; got " + StateDicts.shape(t.shape()));
            }
            t.requireFinite("target '" + o.name() + "'");
            ordered.put(o.name(), t);
        }
        Samples ys = Samples.of(ordered);
        if (ys.count() != x.count()) {
            throw new IllegalArgumentException("targets have " + ys.count() + " samples but inputs have " + x.count());
        }
        return ys;
    }

    /** The batch-first shape node {@code n} has for inputs x (any-length sequences take x's length). */
    private int[] predictedShape(Node n, Samples x) {
        int[] s = n.shape;
        int[] out = new int[s.length + 1];
        out[0] = x.count();
        for (int k = 0; k < s.length; k++) {
            out[k + 1] = s[k] == -1 ? timeSteps(n, x) : s[k];
        }
        return out;
    }

    /** The length of the sequence input that node n's time axis comes from. */
    private int timeSteps(Node n, Samples x) {
        Node at = n;
        while (at.op() != Op.INPUT) {
            Node next = null;
            for (String in : at.inputs()) {
                Node cand = byName.get(in);
                if (cand.isSequence() && cand.shape[0] == -1) {
                    next = cand;
                    break;
                }
            }
            at = next;
        }
        return x.get(at.name()).dim(1);
    }

    private List<String> inputNames() {
        return inputs.stream().map(Node::name).toList();
    }

    private List<String> outputNames() {
        return outputs.stream().map(Output::name).toList();
    }

    // ---- parameters ---------------------------------------------------------------------------------------

    /** Parameters by name, {@code <node>.<parameter>}, in node order. */
    public Map<String, Parameter> namedParameters() {
        return params;
    }

    @Override
    public List<Parameter> parameters() {
        return List.copyOf(params.values());
    }

    public int parameterCount() {
        return params.values().stream().mapToInt(Parameter::size).sum();
    }

    /** A copy of every parameter value by name. */
    public Map<String, Tensor> stateDict() {
        return StateDicts.values(params);
    }

    /** A copy of every gradient by name (after {@link #computeGradients}). */
    public Map<String, Tensor> gradients() {
        return StateDicts.gradients(params);
    }

    /** Sets every parameter from a state dict with exactly this graph's names and shapes; all or nothing. */
    public void loadStateDict(Map<String, Tensor> state) {
        StateDicts.load(params, state);
    }

    /** A table of nodes: name, what it computes, what it reads, output shape and parameter count. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-14s %-32s %-24s %-14s %10s%n", "Node", "Op", "Inputs", "Output shape", "Params"));
        for (Node n : nodes) {
            String op = n.op() == Op.LAYER ? n.layer().toString() : n.op().name().toLowerCase(Locale.ROOT);
            int count = n.op() == Op.LAYER ? n.layer().parameters().stream().mapToInt(Parameter::size).sum() : 0;
            sb.append(String.format("%-14s %-32s %-24s %-14s %10d%n", n.name(), op, String.join(", ", n.inputs()),
                    StateDicts.shape(n.shape), count));
        }
        for (Output o : outputs) {
            sb.append(String.format("output %s <- %s, %s loss%s%n", o.name(), o.node(), o.loss().name(),
                    o.weight() == 1 ? "" : " × " + o.weight()));
        }
        sb.append(String.format("Total params: %d%n", parameterCount()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Graph" + nodes;
    }

    /**
     * Builds a {@link Graph} node by node. Each layer is built (its weights drawn) when it is added, so shape
     * errors are reported at once, naming the nodes and shapes. Node names are given or generated ("lstm",
     * "lstm_1", "add", …); they must be unique and free of '.'.
     */
    public static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Node> byName = new LinkedHashMap<>();
        private final Map<String, Output> outputs = new LinkedHashMap<>();
        private final Set<Layer> used = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<String, Integer> generated = new HashMap<>();
        /** The Masking whose mask each node's output carries ({@link Masking#passedOn}); nodes without one are absent. */
        private final Map<String, Masking> masks = new HashMap<>();
        private long seed = Sequential.DEFAULT_SEED;
        private Parallel parallel = Parallel.shared(Parallel.availableCores());
        private Rng initRng;
        private Rng shuffleRng;
        private Rng dropoutRng;
        private boolean built;

        private Builder() {
        }

        /** The seed of all randomness; set it before the first layer is added. */
        public Builder seed(long value) {
            if (initRng != null) {
                throw new IllegalStateException("seed must be set before the first layer is added (its weights are drawn then)");
            }
            this.seed = value;
            return this;
        }

        /** Threads for kernels (default: all cores). Results are the same for any count. */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be at least 1; got " + n);
            }
            this.parallel = Parallel.shared(n);
            return this;
        }

        /**
         * A named input: a sequence (timesteps, features), timesteps -1 for any length, or a vector (features).
         */
        public Node input(String name, int... shape) {
            boolean ok = shape != null && (shape.length == 1 || shape.length == 2);
            for (int k = 0; ok && k < shape.length; k++) {
                ok = shape[k] > 0 || (k == 0 && shape.length == 2 && shape[k] == -1);
            }
            if (!ok) {
                throw new IllegalArgumentException("input '" + name + "' needs shape (timesteps, features) or (features)"
                        + " with positive sizes (timesteps may be -1 for any length); got " + Arrays.toString(shape));
            }
            return addNode(requireName(name), Op.INPUT, List.of(), null, shape);
        }

        /** Applies {@code layer} to {@code input}, under a generated name. */
        public Node layer(Layer layer, Node input) {
            return layer(null, layer, input);
        }

        /** Builds the layer {@code spec} describes and applies it to {@code input} as node {@code name}. */
        public Node layer(String name, LayerSpec spec, Node input) {
            if (spec == null) {
                throw new IllegalArgumentException("node '" + name + "': layer spec must not be null");
            }
            return layer(name, spec.build(), input);
        }

        /** Applies {@code layer} to {@code input} as node {@code name}; a layer instance is used once. */
        public Node layer(String name, Layer layer, Node input) {
            if (layer == null) {
                throw new IllegalArgumentException("layer must not be null");
            }
            String n = name == null ? generate(layer.kind().toLowerCase(Locale.ROOT)) : requireName(name);
            requireOwn(n, input);
            if (used.contains(layer) || layer.isBuilt()) {
                throw new IllegalArgumentException("node '" + n + "': this " + layer.kind() + " instance is already used"
                        + (used.contains(layer) ? " in this graph" : " elsewhere") + "; create a new layer for each node");
            }
            splitStreams();
            int[] out = layer.build(input.shape, initRng, "node '" + n + "' (" + layer.kind() + ")");
            Masking mask = Masking.passedOn(layer, masks.get(input.name()), "node '" + n + "' (" + layer.kind() + ")");
            if (mask != null) {
                masks.put(n, mask);
            }
            used.add(layer);
            return addNode(n, Op.LAYER, List.of(input.name()), layer, out);
        }

        /**
         * Keras's {@code MultiHeadAttention(...)(query, value)}: the layer {@code spec} describes, with its
         * queries from {@code query} (Tq, I) attending over {@code value} (Tk, I), which is also the key; (Tq, O).
         */
        public Node attention(String name, LayerSpec.MultiHeadAttention spec, Node query, Node value) {
            return attention(name, spec, query, value, null);
        }

        /**
         * Keras's {@code MultiHeadAttention(...)(query, value, key)}: scores from {@code query} (Tq, I) and
         * {@code key} (Tk, I), weights over {@code value} (Tk, I); (Tq, O). The three have the layer's I features
         * (its kernels are (I, N, ·)) and key and value one length; {@code key} null: the value. With the causal
         * mask query step i attends to key steps j ≤ i. For self-attention use {@link #layer(String, LayerSpec, Node)}.
         */
        public Node attention(String name, LayerSpec.MultiHeadAttention spec, Node query, Node value, Node key) {
            if (spec == null) {
                throw new IllegalArgumentException("attention '" + name + "': layer spec must not be null");
            }
            String n = name == null ? generate("multi_head_attention") : requireName(name);
            Node[] in = key == null ? new Node[] {query, value} : new Node[] {query, value, key};
            String[] roles = {"query", "value", "key"};
            for (int r = 0; r < in.length; r++) {
                requireOwn(n, in[r]);
                if (!in[r].isSequence() || in[r].shape[1] != query.shape[query.shape.length - 1]) {
                    throw new IllegalArgumentException("attention '" + n + "': the " + roles[r] + " '" + in[r].name()
                            + "' must be a sequence (timesteps, " + query.shape[query.shape.length - 1] + ") with the"
                            + " query's features; it has " + StateDicts.shape(in[r].shape));
                }
            }
            if (key != null && !Layer.shapesAgree(key.shape, value.shape)) {
                throw new IllegalArgumentException("attention '" + n + "': the key '" + key.name() + "' "
                        + StateDicts.shape(key.shape) + " and the value '" + value.name() + "' "
                        + StateDicts.shape(value.shape) + " must have one length");
            }
            Layer layer = spec.build();
            splitStreams();
            int[] out = layer.build(query.shape, initRng, "node '" + n + "' (" + layer.kind() + ")");
            used.add(layer);
            return addNode(n, Op.LAYER, names(in), layer, out);
        }

        /** The element-wise sum of nodes of one shape, under a generated name. */
        public Node add(Node... in) {
            return add(null, in);
        }

        /** The element-wise sum of nodes of one shape (a residual connection). */
        public Node add(String name, Node... in) {
            String n = name == null ? generate("add") : requireName(name);
            requireOperands(n, "add", in);
            for (Node x : in) {
                if (!Arrays.equals(x.shape, in[0].shape)) {
                    throw new IllegalArgumentException("add '" + n + "' needs inputs of one shape; '" + in[0].name()
                            + "' has " + StateDicts.shape(in[0].shape) + " but '" + x.name() + "' has "
                            + StateDicts.shape(x.shape));
                }
            }
            return addNode(n, Op.ADD, names(in), null, in[0].shape);
        }

        /** Concatenation along the feature axis, under a generated name. */
        public Node concat(Node... in) {
            return concat(null, in);
        }

        /** Concatenation along the feature (last) axis; all inputs are sequences of one length, or all vectors. */
        public Node concat(String name, Node... in) {
            String n = name == null ? generate("concat") : requireName(name);
            requireOperands(n, "concat", in);
            int width = 0;
            for (Node x : in) {
                boolean same = x.shape.length == in[0].shape.length && (x.shape.length == 1 || x.shape[0] == in[0].shape[0]);
                if (!same) {
                    throw new IllegalArgumentException("concat '" + n + "' joins along the feature axis, so every input"
                            + " needs the same other axes; '" + in[0].name() + "' has " + StateDicts.shape(in[0].shape)
                            + " but '" + x.name() + "' has " + StateDicts.shape(x.shape));
                }
                width += x.shape[x.shape.length - 1];
            }
            int[] shape = in[0].shape.clone();
            shape[shape.length - 1] = width;
            return addNode(n, Op.CONCAT, names(in), null, shape);
        }

        /** The last time step of a sequence node, under a generated name. */
        public Node lastStep(Node in) {
            return lastStep(null, in);
        }

        /** The last time step of a sequence node: (T, F) to (F). */
        public Node lastStep(String name, Node in) {
            String n = name == null ? generate("last_step") : requireName(name);
            requireOwn(n, in);
            requireUnmasked(n, "last_step", in);
            if (!in.isSequence()) {
                throw new IllegalArgumentException("last_step '" + n + "' needs a sequence (timesteps, features); '"
                        + in.name() + "' has " + StateDicts.shape(in.shape));
            }
            return addNode(n, Op.LAST_STEP, List.of(in.name()), null, new int[] {in.shape[1]});
        }

        /** Declares node {@code node} an output called {@code name}, with loss weight 1. */
        public Builder output(String name, Node node, Loss loss) {
            return output(name, node, loss, 1.0);
        }

        /** Declares node {@code node} an output called {@code name}; its loss counts {@code weight} times. */
        public Builder output(String name, Node node, Loss loss, double weight) {
            requireNotBuilt();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an output needs a name; got '" + name + "'");
            }
            if (outputs.containsKey(name)) {
                throw new IllegalArgumentException("output '" + name + "' is declared twice");
            }
            requireOwn("output '" + name + "'", node);
            if (node.op() == Op.INPUT) {
                throw new IllegalArgumentException("output '" + name + "' reads input '" + node.name()
                        + "' directly; an output must be computed from the inputs by at least one node");
            }
            outputs.put(name, new Output(name, node.name(), loss, weight));
            return this;
        }

        /**
         * The graph. Needs at least one output; every input must reach an output (else it would be read and
         * never used).
         */
        public Graph build() {
            requireNotBuilt();
            if (outputs.isEmpty()) {
                throw new IllegalStateException("a graph needs at least one output: call output(name, node, loss)");
            }
            Set<String> reached = new LinkedHashSet<>();
            for (Output o : outputs.values()) {
                collectAncestors(o.node(), reached);
            }
            for (Node n : nodes) {
                if (n.op() == Op.INPUT && !reached.contains(n.name())) {
                    throw new IllegalStateException("input '" + n.name() + "' does not reach any output " + outputs.keySet()
                            + "; connect it or remove it");
                }
            }
            splitStreams();
            built = true;
            return new Graph(this);
        }

        /** Splits the initialisation, shuffling and dropout streams from the seed, in Sequential's order. */
        private void splitStreams() {
            if (initRng == null) {
                Rng root = new Rng(seed);
                initRng = root.split();
                shuffleRng = root.split();
                dropoutRng = root.split();
            }
        }

        private void collectAncestors(String name, Set<String> into) {
            if (into.add(name)) {
                for (String in : byName.get(name).inputs()) {
                    collectAncestors(in, into);
                }
            }
        }

        private Node addNode(String name, Op op, List<String> in, Layer layer, int[] shape) {
            requireNotBuilt();
            Node n = new Node(name, op, in, layer, shape);
            nodes.add(n);
            byName.put(name, n);
            return n;
        }

        private String requireName(String name) {
            requireNotBuilt();
            if (name == null || name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException("node name must be non-empty and free of '.' (parameters are named "
                        + "<node>.<parameter>); got '" + name + "'");
            }
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException("node name '" + name + "' is already used; names must be unique");
            }
            return name;
        }

        /** "lstm", then "lstm_1", "lstm_2", …, skipping names taken. */
        private String generate(String base) {
            requireNotBuilt();
            String name;
            do {
                int k = generated.merge(base, 1, Integer::sum) - 1;
                name = k == 0 ? base : base + "_" + k;
            } while (byName.containsKey(name));
            return name;
        }

        private void requireOwn(String user, Node in) {
            if (in == null) {
                throw new IllegalArgumentException(user + ": input node must not be null");
            }
            if (byName.get(in.name()) != in) {
                throw new IllegalArgumentException(user + ": node '" + in.name() + "' is not part of this graph; "
                        + "use the nodes this builder returned");
            }
        }

        private void requireOperands(String n, String op, Node[] in) {
            if (in == null || in.length < 2) {
                throw new IllegalArgumentException(op + " '" + n + "' needs at least two input nodes; got "
                        + (in == null ? 0 : in.length));
            }
            requireUnmasked(n, op, in);
            for (Node x : in) {
                requireOwn(op + " '" + n + "'", x);
            }
        }

        /** Refuses a merge reached by a mask (Keras would merge the masks; Seqcast passes masks along chains only). */
        private void requireUnmasked(String n, String op, Node... in) {
            for (Node x : in) {
                if (x != null && masks.containsKey(x.name())) {
                    throw new IllegalArgumentException(op + " '" + n + "' reads '" + x.name() + "', which carries the"
                            + " mask of a Masking layer; Seqcast passes a mask only through Dense and Dropout to LSTM,"
                            + " GRU and SimpleRNN layers");
                }
            }
        }

        private static List<String> names(Node[] in) {
            List<String> out = new ArrayList<>();
            for (Node x : in) {
                out.add(x.name());
            }
            return out;
        }

        private void requireNotBuilt() {
            if (built) {
                throw new IllegalStateException("this builder has built its graph; a graph is immutable once built");
            }
        }
    }
}
