package org.seqcast.nn.loss;

/**
 * The symmetric MAPE of values whose logarithms the model predicts: for Ŷ = e^ŷ and Y = e^y,
 * sMAPE = 2|Ŷ − Y| / (Ŷ + Y) = 2 tanh(|ŷ − y| / 2), a function of the log difference d = ŷ − y alone. So a
 * model whose outputs and targets are log values (minus a common offset per sample, which cancels) is trained on
 * sMAPE itself; for small d it is |d|, and it is bounded by 2, so outliers weigh at most as much as a 100% miss.
 * <pre>
 *   ℓ(d)  = 2 tanh(|d| / 2)
 *   ℓ'(d) = sign(d) (1 − tanh²(|d| / 2))      (0 where d = 0, as MAE)
 * </pre>
 */
public record LogSmape() implements Elementwise {
    @Override
    public String name() {
        return "log_smape";
    }

    @Override
    public double value(float[] pred, float[] target, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 2 * Math.tanh(Math.abs((double) pred[k] - target[k]) / 2);     // ℓ(d)
        }
        return sum / n;
    }

    @Override
    public void gradient(float[] pred, float[] target, float[] dpred, int n) {
        double scale = 1.0 / n;
        for (int k = 0; k < n; k++) {
            double d = (double) pred[k] - target[k];
            double t = Math.tanh(Math.abs(d) / 2);
            dpred[k] = (float) (scale * Math.signum(d) * (1 - t * t));             // ℓ'(d) / N
        }
    }
}
