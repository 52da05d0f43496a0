package org.seqcast.nn.loss;

/**
 * Huber loss with threshold δ, with d = ŷ − y:
 * <pre>
 *   ℓ(d) = ½ d²            if |d| ≤ δ
 *          δ (|d| − ½ δ)   otherwise
 *   ℓ'(d) = d if |d| ≤ δ, else δ · sign(d)
 * </pre>
 */
public record Huber(double delta) implements Elementwise {
    /** Keras's and PyTorch's default threshold. */
    public static final double DEFAULT_DELTA = 1.0;

    public Huber {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("Huber delta must be finite and > 0; got " + delta);
        }
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public double value(float[] pred, float[] target, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double d = Math.abs((double) pred[k] - target[k]);
            sum += d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
        }
        return sum / n;
    }

    @Override
    public void gradient(float[] pred, float[] target, float[] dpred, int n) {
        float scale = 1f / n;
        float dl = (float) delta;
        for (int k = 0; k < n; k++) {
            float d = pred[k] - target[k];
            dpred[k] = scale * (Math.abs(d) <= dl ? d : dl * Math.signum(d));
        }
    }
}
