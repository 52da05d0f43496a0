package org.seqcast.nn.loss;

/**
 * A training loss: the mean over all N elements of an element-wise error between predictions ŷ and targets
 * y, and its gradient with respect to ŷ. Sums run in double, in index order.
 */
public sealed interface Loss permits Mse, Mae, Huber {
    /** The Keras name: "mse", "mae" or "huber". */
    String name();

    /** L = (1/N) Σ ℓ(ŷ_k, y_k). */
    double value(float[] pred, float[] target, int n);

    /** dL/dŷ_k = (1/N) ℓ'(ŷ_k, y_k), written into {@code dpred}. */
    void gradient(float[] pred, float[] target, float[] dpred, int n);

    static Loss mse() {
        return new Mse();
    }

    static Loss mae() {
        return new Mae();
    }

    /** Huber loss with δ = 1, as Keras's and PyTorch's defaults. */
    static Loss huber() {
        return new Huber(Huber.DEFAULT_DELTA);
    }

    static Loss huber(double delta) {
        return new Huber(delta);
    }

    /** By Keras name: "mse" / "mean_squared_error", "mae" / "mean_absolute_error", "huber". */
    static Loss of(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "mse", "mean_squared_error" -> mse();
            case "mae", "mean_absolute_error" -> mae();
            case "huber" -> huber();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; expected mse, mae or huber");
        };
    }
}
