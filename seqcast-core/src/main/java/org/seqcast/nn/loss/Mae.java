package org.seqcast.nn.loss;

/** Mean absolute error: L = (1/N) Σ |ŷ − y|, dL/dŷ = sign(ŷ − y) / N (0 where ŷ = y, as PyTorch). */
public record Mae() implements Elementwise {
    @Override
    public String name() {
        return "mae";
    }

    @Override
    public double value(float[] pred, float[] target, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.abs((double) pred[k] - target[k]);
        }
        return sum / n;
    }

    @Override
    public void gradient(float[] pred, float[] target, float[] dpred, int n) {
        float scale = 1f / n;
        for (int k = 0; k < n; k++) {
            dpred[k] = scale * Math.signum(pred[k] - target[k]);
        }
    }
}
