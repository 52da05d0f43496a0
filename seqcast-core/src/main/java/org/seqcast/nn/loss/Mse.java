package org.seqcast.nn.loss;

/** Mean squared error: L = (1/N) Σ (ŷ − y)², dL/dŷ = 2 (ŷ − y) / N. */
public record Mse() implements Elementwise {
    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double value(float[] pred, float[] target, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double d = (double) pred[k] - target[k];
            sum += d * d;
        }
        return sum / n;
    }

    @Override
    public void gradient(float[] pred, float[] target, float[] dpred, int n) {
        float scale = 2f / n;
        for (int k = 0; k < n; k++) {
            dpred[k] = scale * (pred[k] - target[k]);
        }
    }
}
