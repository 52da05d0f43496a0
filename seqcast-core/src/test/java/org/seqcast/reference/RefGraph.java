package org.seqcast.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.reference.RefNet.Spec;
import org.seqcast.tensor.Tensor;

/**
 * The double-precision oracle for {@code Graph}: named inputs, one-layer {@link RefNet}s applied to nodes, sums,
 * concatenations and last steps, weighted output losses; forward in insertion order and hand-written backward in
 * reverse, adding the gradients of a node read by several others. Activations are batch-first and flat: (B, T, F)
 * for a sequence, (B, F) for a vector. Parameters are the layers' live arrays under "<node>.<parameter>".
 */
public final class RefGraph {
    /** A loss of the flat predictions and targets of one output. */
    public interface Fn {
        double value(double[] pred, double[] target);

        double[] gradient(double[] pred, double[] target);
    }

    /** An element-wise {@link RefLoss}. */
    public static Fn of(RefLoss loss) {
        return new Fn() {
            @Override
            public double value(double[] pred, double[] target) {
                return loss.value(pred, target);
            }

            @Override
            public double[] gradient(double[] pred, double[] target) {
                return loss.gradient(pred, target);
            }
        };
    }

    /** The pinball loss: mean over (…, Q) of ρ_τ(u) = max(τu, (τ − 1)u), u = y − ŷ; dρ/dŷ = 1[u < 0] − τ. */
    public static Fn pinball(double... levels) {
        return new Fn() {
            @Override
            public double value(double[] pred, double[] target) {
                double sum = 0;
                for (int k = 0; k < pred.length; k++) {
                    double tau = levels[k % levels.length];
                    double u = target[k / levels.length] - pred[k];
                    sum += Math.max(tau * u, (tau - 1) * u);
                }
                return sum / pred.length;
            }

            @Override
            public double[] gradient(double[] pred, double[] target) {
                double[] d = new double[pred.length];
                for (int k = 0; k < pred.length; k++) {
                    double u = target[k / levels.length] - pred[k];
                    d[k] = ((u < 0 ? 1 : 0) - levels[k % levels.length]) / pred.length;
                }
                return d;
            }
        };
    }

    private enum Kind { INPUT, LAYER, ADD, CONCAT, LAST_STEP }

    /** steps 0 for a vector. */
    private record Node(String name, Kind kind, List<String> inputs, RefNet net, int steps, int features) {
    }

    private record Out(String name, String node, Fn loss, double weight) {
    }

    private final int batch;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Out> outputs = new ArrayList<>();
    private final Map<String, double[]> params = new LinkedHashMap<>();
    private final Map<String, double[]> grads = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, double[]> act = new HashMap<>();

    public RefGraph(int batch) {
        this.batch = batch;
    }

    /** An input of (steps, features), steps 0 for a vector. */
    public RefGraph input(String name, int steps, int features) {
        nodes.put(name, new Node(name, Kind.INPUT, List.of(), null, steps, features));
        return this;
    }

    public RefGraph layer(String name, Spec spec, String in) {
        Node x = nodes.get(in);
        RefNet net = new RefNet(x.features(), spec);
        net.params().forEach((p, w) -> params.put(name + p.substring(p.indexOf('.')), w));
        net.grads().forEach((p, g) -> grads.put(name + p.substring(p.indexOf('.')), g));
        net.shapes().forEach((p, s) -> shapes.put(name + p.substring(p.indexOf('.')), s));
        int steps = spec.kind() == RefNet.Kind.DENSE || spec.isReturnSequences() ? x.steps() : 0;
        nodes.put(name, new Node(name, Kind.LAYER, List.of(in), net, steps, spec.units()));
        return this;
    }

    public RefGraph add(String name, String... in) {
        Node x = nodes.get(in[0]);
        nodes.put(name, new Node(name, Kind.ADD, List.of(in), null, x.steps(), x.features()));
        return this;
    }

    public RefGraph concat(String name, String... in) {
        int width = Arrays.stream(in).mapToInt(n -> nodes.get(n).features()).sum();
        nodes.put(name, new Node(name, Kind.CONCAT, List.of(in), null, nodes.get(in[0]).steps(), width));
        return this;
    }

    public RefGraph lastStep(String name, String in) {
        nodes.put(name, new Node(name, Kind.LAST_STEP, List.of(in), null, 0, nodes.get(in).features()));
        return this;
    }

    public RefGraph output(String name, String node, Fn loss, double weight) {
        outputs.add(new Out(name, node, loss, weight));
        return this;
    }

    /** Live parameter arrays by "<node>.<parameter>". */
    public Map<String, double[]> params() {
        return params;
    }

    /** Gradients of the last {@link #lossAndGradients} (live arrays). */
    public Map<String, double[]> grads() {
        return grads;
    }

    /** The activation of node {@code name} in the last forward pass (flat, batch-first). */
    public double[] activation(String name) {
        return act.get(name);
    }

    /** Copies float parameters in by name; names and shapes must match exactly. */
    public void loadStateDict(Map<String, Tensor> state) {
        if (!state.keySet().equals(params.keySet())) {
            throw new IllegalArgumentException("names differ: " + state.keySet() + " vs " + params.keySet());
        }
        state.forEach((name, t) -> {
            if (!Arrays.equals(t.shape(), shapes.get(name))) {
                throw new IllegalArgumentException(name + " has shape " + Arrays.toString(t.shape()));
            }
            double[] own = params.get(name);
            for (int k = 0; k < own.length; k++) {
                own[k] = t.data()[k];
            }
        });
    }

    /** Σ_o w_o L_o at the current parameters. */
    public double loss(Map<String, double[]> x, Map<String, double[]> y) {
        forward(x);
        double total = 0;
        for (Out o : outputs) {
            total += o.weight() * o.loss().value(act.get(o.node()), y.get(o.name()));
        }
        return total;
    }

    /** The loss; fills {@link #grads()}. */
    public double lossAndGradients(Map<String, double[]> x, Map<String, double[]> y) {
        double total = loss(x, y);
        grads.values().forEach(g -> Arrays.fill(g, 0));
        Map<String, double[]> d = new HashMap<>();
        for (Out o : outputs) {
            double[] g = o.loss().gradient(act.get(o.node()), y.get(o.name()));
            for (int k = 0; k < g.length; k++) {
                g[k] *= o.weight();                               // d(w L)/dŷ = w dL/dŷ
            }
            accumulate(d, o.node(), g);
        }
        List<Node> order = new ArrayList<>(nodes.values());
        for (int k = order.size() - 1; k >= 0; k--) {
            Node n = order.get(k);
            double[] dn = d.get(n.name());
            if (dn == null) {
                continue;
            }
            switch (n.kind()) {
                case INPUT -> { }
                case LAYER -> accumulate(d, n.inputs().get(0), n.net().backward(dn));
                case ADD -> n.inputs().forEach(in -> accumulate(d, in, dn));
                case CONCAT -> {
                    int offset = 0;
                    int rows = dn.length / n.features();
                    for (String in : n.inputs()) {
                        int f = nodes.get(in).features();
                        double[] part = new double[rows * f];
                        for (int r = 0; r < rows; r++) {
                            System.arraycopy(dn, r * n.features() + offset, part, r * f, f);
                        }
                        accumulate(d, in, part);
                        offset += f;
                    }
                }
                case LAST_STEP -> {
                    Node in = nodes.get(n.inputs().get(0));
                    int steps = act.get(in.name()).length / (batch * in.features());
                    double[] dx = new double[act.get(in.name()).length];
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(dn, b * in.features(), dx, (b * steps + steps - 1) * in.features(), in.features());
                    }
                    accumulate(d, in.name(), dx);
                }
            }
        }
        return total;
    }

    private void forward(Map<String, double[]> x) {
        act.clear();
        for (Node n : nodes.values()) {
            double[] a = switch (n.kind()) {
                case INPUT -> x.get(n.name());
                case LAYER -> n.net().forward(act.get(n.inputs().get(0)), batch);
                case ADD -> {
                    double[] s = act.get(n.inputs().get(0)).clone();
                    for (int i = 1; i < n.inputs().size(); i++) {
                        double[] b = act.get(n.inputs().get(i));
                        for (int k = 0; k < s.length; k++) {
                            s[k] += b[k];
                        }
                    }
                    yield s;
                }
                case CONCAT -> {
                    int rows = act.get(n.inputs().get(0)).length / nodes.get(n.inputs().get(0)).features();
                    double[] c = new double[rows * n.features()];
                    int offset = 0;
                    for (String in : n.inputs()) {
                        int f = nodes.get(in).features();
                        for (int r = 0; r < rows; r++) {
                            System.arraycopy(act.get(in), r * f, c, r * n.features() + offset, f);
                        }
                        offset += f;
                    }
                    yield c;
                }
                case LAST_STEP -> {
                    Node in = nodes.get(n.inputs().get(0));
                    double[] s = act.get(in.name());
                    int steps = s.length / (batch * in.features());
                    double[] last = new double[batch * in.features()];
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(s, (b * steps + steps - 1) * in.features(), last, b * in.features(), in.features());
                    }
                    yield last;
                }
            };
            act.put(n.name(), a);
        }
    }

    private static void accumulate(Map<String, double[]> d, String name, double[] g) {
        double[] have = d.get(name);
        if (have == null) {
            d.put(name, g.clone());
            return;
        }
        for (int k = 0; k < have.length; k++) {
            have[k] += g[k];
        }
    }
}
