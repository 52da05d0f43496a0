package org.seqcast.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqcast.reference.RefNet.Spec;
import org.seqcast.tensor.Tensor;

/**
 * Keras's {@code Bidirectional} in double precision, the oracle of {@link org.seqcast.nn.Bidirectional}: two
 * single-layer {@link RefNet}s (already checked by central differences), the second reading each sample's steps
 * reversed, its output reversed back, then the merge; batch-first (B, T, I) like {@link RefNet}.
 * <pre>
 *   →h = fwd(x)     ←h = rev(bwd(rev(x)))     y = [→h, ←h] | →h + ←h | →h ⊙ ←h | (→h + ←h) / 2
 *   backward: d→h, d←h from dy by the merge; dx = d→x + rev(d←x)
 * </pre>
 * Parameters are named as PyTorch's bidirectional layer 0: {@code 0.weight_ih_l0}, ..., {@code 0.weight_ih_l0_reverse}.
 */
public final class RefBidirectional {
    private final RefNet fwd;
    private final RefNet bwd;
    private final String merge;
    private final int inputs;
    private final int units;
    private final boolean sequences;
    private int batch;
    private int steps;
    private double[] hf;
    private double[] hb;
    private final Map<String, double[]> params = new LinkedHashMap<>();
    private final Map<String, double[]> grads = new LinkedHashMap<>();
    private double[] inputGrad;

    /** @param merge concat, sum, mul or ave */
    public RefBidirectional(int inputFeatures, Spec layer, String merge) {
        this.fwd = new RefNet(inputFeatures, layer);
        this.bwd = new RefNet(inputFeatures, layer);
        this.merge = merge;
        this.inputs = inputFeatures;
        this.units = layer.units();
        this.sequences = layer.isReturnSequences();
        fwd.params().forEach((k, v) -> params.put(k, v));
        bwd.params().forEach((k, v) -> params.put(k + "_reverse", v));
        fwd.grads().forEach((k, v) -> grads.put(k, v));
        bwd.grads().forEach((k, v) -> grads.put(k + "_reverse", v));
    }

    /** The live parameter arrays, PyTorch's names. */
    public Map<String, double[]> params() {
        return params;
    }

    /** The gradients of the last backward pass (live arrays). */
    public Map<String, double[]> grads() {
        return grads;
    }

    public double[] inputGradient() {
        return inputGrad;
    }

    /** Copies float parameters in by name. */
    public void loadStateDict(Map<String, Tensor> state) {
        if (!state.keySet().equals(params.keySet())) {
            throw new IllegalArgumentException("names differ: " + state.keySet() + " vs " + params.keySet());
        }
        state.forEach((name, t) -> {
            float[] v = t.data();
            double[] own = params.get(name);
            for (int k = 0; k < v.length; k++) {
                own[k] = v[k];
            }
        });
    }

    /** y for x (B, T, I) flat batch-first: (B, T, F) with return sequences, else (B, F); F = 2H for concat. */
    public double[] forward(double[] x, int batchSize) {
        batch = batchSize;
        steps = x.length / (batchSize * inputs);
        hf = fwd.forward(x, batchSize);
        double[] b = bwd.forward(reverse(x, inputs), batchSize);
        hb = sequences ? reverse(b, units) : b;
        int n = hf.length / units;
        boolean concat = merge.equals("concat");
        double[] y = new double[concat ? 2 * hf.length : hf.length];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < units; k++) {
                double f = hf[r * units + k];
                double g = hb[r * units + k];
                if (concat) {
                    y[r * 2 * units + k] = f;
                    y[r * 2 * units + units + k] = g;
                } else {
                    y[r * units + k] = switch (merge) {
                        case "sum" -> f + g;
                        case "mul" -> f * g;
                        case "ave" -> (f + g) / 2;
                        default -> throw new IllegalArgumentException(merge);
                    };
                }
            }
        }
        return y;
    }

    /** dL/dx for dL/dy; fills {@link #grads()}. */
    public double[] backward(double[] dy) {
        int n = hf.length / units;
        double[] df = new double[hf.length];
        double[] db = new double[hf.length];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < units; k++) {
                int o = r * units + k;
                switch (merge) {
                    case "concat" -> {
                        df[o] = dy[r * 2 * units + k];
                        db[o] = dy[r * 2 * units + units + k];
                    }
                    case "sum" -> {
                        df[o] = dy[o];
                        db[o] = dy[o];
                    }
                    case "mul" -> {
                        df[o] = dy[o] * hb[o];
                        db[o] = dy[o] * hf[o];
                    }
                    default -> {
                        df[o] = dy[o] / 2;
                        db[o] = dy[o] / 2;
                    }
                }
            }
        }
        double[] dxf = fwd.backward(df);
        double[] dxb = reverse(bwd.backward(sequences ? reverse(db, units) : db), inputs);
        inputGrad = new double[dxf.length];
        for (int k = 0; k < dxf.length; k++) {
            inputGrad[k] = dxf[k] + dxb[k];
        }
        return inputGrad;
    }

    /** Loss at the current parameters. */
    public double loss(double[] x, double[] y, RefLoss lossFn, int batchSize) {
        return lossFn.value(forward(x, batchSize), y);
    }

    /** Loss; fills the gradients and the input gradient. */
    public double lossAndGradients(double[] x, double[] y, RefLoss lossFn, int batchSize) {
        double[] pred = forward(x, batchSize);
        double value = lossFn.value(pred, y);
        backward(lossFn.gradient(pred, y));
        return value;
    }

    /** Each sample's steps of a (B, T, F) array in reverse order. */
    private double[] reverse(double[] v, int features) {
        double[] out = new double[v.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(v, (b * steps + t) * features, out, (b * steps + steps - 1 - t) * features, features);
            }
        }
        return out;
    }
}
