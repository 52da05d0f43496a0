package org.seqcast.forecast.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnNetwork;
import org.seqcast.tensor.Tensor;

/**
 * The weights of one Attention layer of a network for the last window of a history (the window
 * {@link IntegratedGradients} explains): a (W × W) matrix whose row i holds the weights a_ij that the state at
 * window step i, as a query, gives the states j (each row sums to 1). For the attention forecaster
 * ({@link org.seqcast.forecast.Architecture#ATTENTION}) the head reads the mean of the attended states, so
 * {@link #received()}, the column means ā_j = (1/W) Σ_i a_ij, is exactly how much each step's state counts in
 * what the head sees. Immutable: arrays are copied in and out.
 *
 * @param seriesId the series explained
 * @param layer    the layer (a Sequential's layer index, a graph's node name)
 * @param steps    the W window steps' time stamps, oldest first (rows and columns)
 * @param weights  a (W × W)
 */
public record AttentionWeights(String seriesId, String layer, List<String> steps, double[][] weights) {
    public AttentionWeights {
        steps = List.copyOf(steps);
        weights = Attribution.copy(weights, steps.size(), steps.size(), "weights");
    }

    /**
     * The weights of every Attention layer of {@code model} for the last window of {@code history}, in layer order;
     * empty for a network without attention. Runs the network under the same lock as {@link FittedRnn#forecast}.
     */
    public static List<AttentionWeights> of(FittedRnn model, TimeSeries history) {
        FittedRnn.ModelWindow mw = model.lastWindow(history);
        RnnNetwork net = model.network();
        Map<String, Tensor> all;
        synchronized (net) {
            all = net.attentionWeights(mw.inputs());
        }
        List<AttentionWeights> out = new ArrayList<>();
        int w = mw.steps().size();
        all.forEach((layer, t) -> {
            double[][] a = new double[w][w];
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    a[i][j] = t.data()[i * w + j];                     // row 0 of (1, W, W)
                }
            }
            out.add(new AttentionWeights(history.id(), layer, mw.steps(), a));
        });
        return out;
    }

    /** a (W × W), copied. */
    @Override
    public double[][] weights() {
        return Attribution.copy(weights, steps.size(), steps.size(), "weights");
    }

    /** ā_j = (1/W) Σ_i a_ij: the attention each step receives, averaged over the queries; sums to 1. */
    public double[] received() {
        int w = steps.size();
        double[] out = new double[w];
        for (double[] row : weights) {
            for (int j = 0; j < w; j++) {
                out[j] += row[j] / w;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionWeights a && seriesId.equals(a.seriesId) && layer.equals(a.layer)
                && steps.equals(a.steps) && java.util.Arrays.deepEquals(weights, a.weights);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(seriesId, layer, steps, java.util.Arrays.deepHashCode(weights));
    }

    @Override
    public String toString() {
        return "AttentionWeights[" + seriesId + ", layer " + layer + ", " + steps.size() + " × " + steps.size() + "]";
    }
}
