package org.seqcast.reference;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.seqcast.tensor.Tensor;

/**
 * A slow, scalar, double-precision oracle for Seqcast's models: forward and hand-derived backpropagation
 * through time, one sample and one time step at a time, with every matrix-vector product written as a loop.
 * It shares no code with the production kernels: the layers are in {@link RefLayers} (Dense, and the affine
 * maps every cell shares) and {@link RefCells} (SimpleRNN, LSTM, GRU), the losses in {@link RefLoss}. Parameters
 * sit in a map keyed by PyTorch state-dict names ("0.weight_ih_l0", "2.bias"), so a model's {@code stateDict()}
 * loads straight in.
 *
 * <p>Input is batch-first and flat, (B, T, I); the output is (B, O), or (B, T, O) when the last recurrent layer
 * returns sequences (a Dense layer after it then applies per step).
 */
public final class RefNet {
    /** Layer kinds. */
    public enum Kind { LSTM, GRU, RNN, DENSE }

    /** One layer's configuration. */
    public static final class Spec {
        private final Kind kind;
        private final int units;
        private final String activation;
        private String cellActivation = "tanh";
        private String gateActivation = "sigmoid";
        private boolean returnSequences;
        private boolean resetAfter = true;
        private double l2;

        private Spec(Kind kind, int units, String activation) {
            this.kind = kind;
            this.units = units;
            this.activation = activation;
        }

        public static Spec lstm(int units) {
            return new Spec(Kind.LSTM, units, "lstm");
        }

        /** A GRU with the reset gate applied after the recurrent product (PyTorch's default). */
        public static Spec gru(int units) {
            return new Spec(Kind.GRU, units, "gru");
        }

        /** A SimpleRNN with activation "tanh" or "relu". */
        public static Spec rnn(int units, String activation) {
            return new Spec(Kind.RNN, units, activation);
        }

        /** A Dense layer with activation "linear", "relu", "tanh" or "sigmoid". */
        public static Spec dense(int units, String activation) {
            return new Spec(Kind.DENSE, units, activation);
        }

        public Spec returnSequences() {
            returnSequences = true;
            return this;
        }

        /**
         * LSTM and GRU: Keras's {@code activation} (cell: g, act(c) and n instead of tanh) and
         * {@code recurrent_activation} (gate: i, f, o, r, z instead of σ), by {@link RefLayers#activate} name.
         */
        public Spec activations(String cell, String gate) {
            cellActivation = cell;
            gateActivation = gate;
            return this;
        }

        /** GRU only: n = tanh(W_in x + b_in + W_hn (r ⊙ h_prev) + b_hn). */
        public Spec resetBefore() {
            resetAfter = false;
            return this;
        }

        public Spec l2(double lambda) {
            l2 = lambda;
            return this;
        }

        public Kind kind() {
            return kind;
        }

        public int units() {
            return units;
        }

        public String activation() {
            return activation;
        }

        /** LSTM and GRU: the cell activation (tanh by default). */
        public String cellActivation() {
            return cellActivation;
        }

        /** LSTM and GRU: the gate activation (sigmoid by default). */
        public String gateActivation() {
            return gateActivation;
        }

        public boolean isReturnSequences() {
            return returnSequences;
        }

        public boolean isResetAfter() {
            return resetAfter;
        }

        public double l2() {
            return l2;
        }

        @Override
        public String toString() {
            return kind + "(" + units + (kind == Kind.RNN || kind == Kind.DENSE ? "," + activation : "")
                    + (returnSequences ? ",seq" : "") + (kind == Kind.GRU && !resetAfter ? ",resetBefore" : "")
                    + ("tanh".equals(cellActivation) ? "" : ",cell=" + cellActivation)
                    + ("sigmoid".equals(gateActivation) ? "" : ",gate=" + gateActivation)
                    + (l2 > 0 ? ",l2=" + l2 : "") + ")";
        }
    }

    private final int inputFeatures;
    private final Spec[] specs;
    private final RefLayers.Layer[] layers;
    private final Map<String, double[]> params = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, double[]> grads = new LinkedHashMap<>();
    private final Map<Integer, double[][]> initialH = new HashMap<>();
    private final Map<Integer, double[][]> initialC = new HashMap<>();
    private final Map<Integer, double[][]> initialHGrad = new HashMap<>();
    private final Map<Integer, double[][]> initialCGrad = new HashMap<>();
    private double[] inputGrad;
    private int batch;

    /** A stack for sequence input (B, T, inputFeatures). */
    public RefNet(int inputFeatures, Spec... specs) {
        this.inputFeatures = inputFeatures;
        this.specs = specs.clone();
        this.layers = new RefLayers.Layer[specs.length];
        int features = inputFeatures;
        boolean sequence = true;
        for (int k = 0; k < specs.length; k++) {
            Spec s = specs[k];
            if (s.kind == Kind.DENSE) {
                layers[k] = new RefLayers.Dense(this, k, features, s);
                addParam(k + ".weight", s.units, features);
                addParam(k + ".bias", s.units);
            } else {
                if (!sequence) {
                    throw new IllegalArgumentException("layer " + k + " needs a sequence; set returnSequences before it");
                }
                int gates = s.kind == Kind.LSTM ? 4 : s.kind == Kind.GRU ? 3 : 1;
                layers[k] = s.kind == Kind.LSTM ? new RefCells.Lstm(this, k, features, s)
                        : s.kind == Kind.GRU ? new RefCells.Gru(this, k, features, s) : new RefCells.Rnn(this, k, features, s);
                addParam(k + ".weight_ih_l0", gates * s.units, features);
                addParam(k + ".weight_hh_l0", gates * s.units, s.units);
                addParam(k + ".bias_ih_l0", gates * s.units);
                addParam(k + ".bias_hh_l0", gates * s.units);
                sequence = s.returnSequences;
            }
            features = s.units;
        }
    }

    private void addParam(String name, int... shape) {
        shapes.put(name, shape);
        params.put(name, new double[Arrays.stream(shape).reduce(1, (a, b) -> a * b)]);
        grads.put(name, new double[params.get(name).length]);
    }

    /** The live parameter arrays by state-dict name. */
    public Map<String, double[]> params() {
        return params;
    }

    /** Parameter gradients of the last backward pass by state-dict name (live arrays). */
    public Map<String, double[]> grads() {
        return grads;
    }

    public Map<String, int[]> shapes() {
        return shapes;
    }

    public Spec[] specs() {
        return specs.clone();
    }

    /** dL/dx (B, T, I) of the last {@link #lossAndGradients} or {@link #backward}. */
    public double[] inputGradient() {
        return inputGrad;
    }

    /** Copies float parameters in by name; names and shapes must match exactly. */
    public void loadStateDict(Map<String, Tensor> state) {
        if (!state.keySet().equals(params.keySet())) {
            throw new IllegalArgumentException("names differ: " + state.keySet() + " vs " + params.keySet());
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            if (!Arrays.equals(e.getValue().shape(), shapes.get(e.getKey()))) {
                throw new IllegalArgumentException(e.getKey() + " has shape " + Arrays.toString(e.getValue().shape()));
            }
            float[] v = e.getValue().data();
            double[] own = params.get(e.getKey());
            for (int k = 0; k < v.length; k++) {
                own[k] = v[k];
            }
        }
    }

    /** Every parameter uniform in [-scale, scale]. */
    public void randomize(Random rnd, double scale) {
        for (double[] w : params.values()) {
            for (int k = 0; k < w.length; k++) {
                w[k] = scale * (2 * rnd.nextDouble() - 1);
            }
        }
    }

    /** Sets the initial state (B, H) of recurrent layer {@code layer}; c0 only for an LSTM. Arrays are kept live. */
    public void setInitialState(int layer, double[][] h0, double[][] c0) {
        initialH.put(layer, h0);
        if (c0 != null) {
            initialC.put(layer, c0);
        }
    }

    /** The initial h (or c) set for layer {@code layer}, or null for zeros. */
    double[][] initialState(int layer, boolean cell) {
        return (cell ? initialC : initialH).get(layer);
    }

    /** The (B, H) array receiving dL/dh_0 (or dL/dc_0) of layer {@code layer} in the current backward pass. */
    double[][] initialStateGrad(int layer, boolean cell) {
        return (cell ? initialCGrad : initialHGrad).computeIfAbsent(layer, k -> new double[batch][]);
    }

    /** dL/dh_0 (B, H) of recurrent layer {@code layer} after a backward pass. */
    public double[][] initialHGrad(int layer) {
        return initialHGrad.get(layer);
    }

    /** dL/dc_0 (B, H) of LSTM layer {@code layer} after a backward pass. */
    public double[][] initialCGrad(int layer) {
        return initialCGrad.get(layer);
    }

    /** Runs the stack on x (B, T, I) flat, batch-first, keeping what backward needs; returns the flat output. */
    public double[] forward(double[] x, int batchSize) {
        this.batch = batchSize;
        int steps = x.length / (batchSize * inputFeatures);
        double[][][] act = new double[batchSize][steps][inputFeatures];
        for (int b = 0; b < batchSize; b++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < inputFeatures; i++) {
                    act[b][t][i] = x[(b * steps + t) * inputFeatures + i];
                }
            }
        }
        for (RefLayers.Layer layer : layers) {
            layer.begin(batchSize);
            for (int b = 0; b < batchSize; b++) {
                act[b] = layer.forward(b, act[b]);
            }
        }
        return flatten(act);
    }

    /** Backpropagates dL/dOutput (flat, shaped as the last forward's output); returns dL/dx and fills the gradients. */
    public double[] backward(double[] dOut) {
        for (double[] g : grads.values()) {
            Arrays.fill(g, 0);
        }
        initialHGrad.clear();
        initialCGrad.clear();
        int rows = layers[layers.length - 1].outRows;
        int cols = specs[specs.length - 1].units;
        double[][][] d = new double[batch][rows][cols];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(dOut, (b * rows + r) * cols, d[b][r], 0, cols);
            }
        }
        for (int k = layers.length - 1; k >= 0; k--) {
            for (int b = 0; b < batch; b++) {
                d[b] = layers[k].backward(b, d[b]);
            }
        }
        inputGrad = flatten(d);
        return inputGrad;
    }

    /** Loss (with L2 penalty) at the current parameters, forward only. */
    public double loss(double[] x, int batchSize, double[] y, RefLoss lossFn) {
        return lossFn.value(forward(x, batchSize), y) + l2Penalty();
    }

    /** Loss (with L2 penalty); fills {@link #grads()}, {@link #inputGradient()} and the initial-state gradients. */
    public double lossAndGradients(double[] x, int batchSize, double[] y, RefLoss lossFn) {
        double[] pred = forward(x, batchSize);
        double value = lossFn.value(pred, y) + l2Penalty();
        backward(lossFn.gradient(pred, y));
        for (int k = 0; k < specs.length; k++) {
            for (String name : l2Names(k)) {
                double[] w = params.get(name);
                double[] g = grads.get(name);
                for (int e = 0; e < w.length; e++) {
                    g[e] += 2 * specs[k].l2 * w[e];             // d(λ Σ w²)/dw = 2λw
                }
            }
        }
        return value;
    }

    private double l2Penalty() {
        double penalty = 0;
        for (int k = 0; k < specs.length; k++) {
            for (String name : l2Names(k)) {
                for (double w : params.get(name)) {
                    penalty += specs[k].l2 * w * w;
                }
            }
        }
        return penalty;
    }

    private String[] l2Names(int k) {
        if (specs[k].l2 == 0) {
            return new String[0];
        }
        return specs[k].kind == Kind.DENSE ? new String[] {k + ".weight"}
                : new String[] {k + ".weight_ih_l0", k + ".weight_hh_l0"};
    }

    private static double[] flatten(double[][][] rows) {
        int n = 0;
        for (double[][] sample : rows) {
            for (double[] row : sample) {
                n += row.length;
            }
        }
        double[] out = new double[n];
        int pos = 0;
        for (double[][] sample : rows) {
            for (double[] row : sample) {
                System.arraycopy(row, 0, out, pos, row.length);
                pos += row.length;
            }
        }
        return out;
    }
}
