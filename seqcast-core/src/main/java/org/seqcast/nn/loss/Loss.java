package org.seqcast.nn.loss;

import java.util.Arrays;
import java.util.Locale;
import org.seqcast.tensor.Tensor;

/**
 * A training loss: a scalar L(ŷ, y) of a batch of predictions ŷ and targets y, and its gradient dL/dŷ. Open to
 * new losses; a loss sees whole tensors with their shapes, and states the target shape it expects for an output
 * shape ({@link #targetShape}), so that it may compare, say, quantile outputs (B, H, Q) with targets (B, H).
 * Models check targets against {@link #targetShape} before calling {@link #value} or {@link #gradient}.
 */
public interface Loss {
    /** The name ("mse", "mae", "huber", "pinball"). */
    String name();

    /**
     * The shape of the targets this loss compares with predictions of shape {@code outputShape} (batch axis
     * included). Element-wise losses expect the output's shape.
     */
    default int[] targetShape(int[] outputShape) {
        return outputShape.clone();
    }

    /** L(ŷ, y), summed in double; {@code target} has the shape {@link #targetShape} gives for {@code pred}. */
    double value(Tensor pred, Tensor target);

    /** dL/dŷ, shaped as {@code pred}. */
    Tensor gradient(Tensor pred, Tensor target);

    /**
     * Checks that {@code target} has the shape this loss expects for {@code pred}.
     *
     * @param what how messages name the target, e.g. "y" or "target 'load'"
     * @throws IllegalArgumentException naming the target, its shape and the expected one
     */
    default void requireTargetShape(Tensor pred, Tensor target, String what) {
        int[] expected = targetShape(pred.shape());
        if (!Arrays.equals(expected, target.shape())) {
            throw new IllegalArgumentException(what + " must have shape " + shape(expected) + " for " + name()
                    + " loss on outputs of shape " + shape(pred.shape()) + "; got " + shape(target.shape()));
        }
    }

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

    /** Pinball (quantile) loss over the levels τ_1 < … < τ_Q, each in (0, 1); outputs end in a Q axis. */
    static Loss pinball(double... levels) {
        return new Pinball(levels);
    }

    /**
     * By Keras name: "mse" / "mean_squared_error", "mae" / "mean_absolute_error", "huber". The pinball loss
     * needs its quantile levels, so it is made by {@link #pinball(double...)}.
     */
    static Loss of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mse", "mean_squared_error" -> mse();
            case "mae", "mean_absolute_error" -> mae();
            case "huber" -> huber();
            case "pinball", "quantile" -> throw new IllegalArgumentException("loss '" + name + "' needs quantile "
                    + "levels; use Loss.pinball(levels), e.g. Loss.pinball(0.1, 0.5, 0.9)");
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; expected mse, mae or huber");
        };
    }

    /** "(2, 3)" for the shape [2, 3]. */
    static String shape(int[] s) {
        return Arrays.toString(s).replace('[', '(').replace(']', ')');
    }
}
