package org.seqcast.nn.loss;

import java.util.Arrays;
import java.util.Locale;
import org.seqcast.tensor.Tensor;

/**
 * A training loss: a scalar L(ŷ, y) of a batch of predictions ŷ and targets y, and its gradient dL/dŷ. Open to
 * new losses; a loss sees whole tensors with their shapes, and states the target shape it expects for an output
 * shape ({@link #targetShape}), so that it may compare, say, quantile outputs (B, H, Q) with targets (B, H).
 * Models check targets against {@link #targetShape} before calling {@link #value} or {@link #gradient}.
 * <p>
 * Per-sample weights w (B) scale each sample's terms: with L = (1/N) Σ_k ℓ_k over N terms, the weighted loss is
 * L_w = (1/N) Σ_k w_{b(k)} ℓ_k (b(k) the sample of term k, Keras's {@code sample_weight}), so weights of 1 give
 * L. A per-series weight 1/s_i, s_i the series' in-sample seasonal naive MAE, makes an MAE loss MASE-like.
 * {@link Elementwise} losses and {@link Pinball} take weights; other losses refuse them unless they override
 * {@link #value(Tensor, Tensor, Tensor)} and {@link #gradient(Tensor, Tensor, Tensor)}.
 */
public interface Loss {
    /** The name ("mse", "mae", "huber", "log_smape", "pinball", "noncrossing_pinball"). */
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
     * L_w(ŷ, y) = (1/N) Σ_k w_{b(k)} ℓ_k with per-sample weights w (B); {@code weights == null} is
     * {@link #value(Tensor, Tensor)}.
     *
     * @throws IllegalArgumentException if this loss takes no weights, or w is not (B)
     */
    default double value(Tensor pred, Tensor target, Tensor weights) {
        if (weights == null) {
            return value(pred, target);
        }
        throw new IllegalArgumentException(name() + " loss does not take sample weights; give none, or use an "
                + "element-wise or pinball loss");
    }

    /** dL_w/dŷ with per-sample weights w (B), shaped as {@code pred}; {@code weights == null} is unweighted. */
    default Tensor gradient(Tensor pred, Tensor target, Tensor weights) {
        if (weights == null) {
            return gradient(pred, target);
        }
        throw new IllegalArgumentException(name() + " loss does not take sample weights; give none, or use an "
                + "element-wise or pinball loss");
    }

    /**
     * Checks that {@code weights} has one entry per sample of {@code pred} (its first axis).
     *
     * @throws IllegalArgumentException naming both shapes
     */
    static void requireWeights(Tensor pred, Tensor weights) {
        if (weights.rank() != 1 || pred.rank() == 0 || weights.dim(0) != pred.dim(0)) {
            throw new IllegalArgumentException("sample weights must have shape (" + (pred.rank() == 0 ? "?" : pred.dim(0))
                    + "), one per sample of the outputs " + shape(pred.shape()) + "; got " + shape(weights.shape()));
        }
    }

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

    /** sMAPE of e^ŷ against e^y, for models whose outputs and targets are logarithms ({@link LogSmape}). */
    static Loss logSmape() {
        return new LogSmape();
    }

    /** Pinball (quantile) loss over the levels τ_1 < … < τ_Q, each in (0, 1); outputs end in a Q axis. */
    static Loss pinball(double... levels) {
        return new Pinball(levels);
    }

    /**
     * Pinball loss of quantiles that cannot cross: raw outputs (…, T·Q) mapped by {@link NonCrossingQuantiles}
     * before the pinball loss ({@link NonCrossingPinball}), targets (…, T).
     */
    static Loss nonCrossingPinball(double... levels) {
        return new NonCrossingPinball(levels);
    }

    /**
     * By Keras name: "mse" / "mean_squared_error", "mae" / "mean_absolute_error", "huber", and "log_smape"
     * ({@link LogSmape}). The pinball loss
     * needs its quantile levels, so it is made by {@link #pinball(double...)}.
     */
    static Loss of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mse", "mean_squared_error" -> mse();
            case "mae", "mean_absolute_error" -> mae();
            case "huber" -> huber();
            case "log_smape" -> logSmape();
            case "pinball", "quantile" -> throw new IllegalArgumentException("loss '" + name + "' needs quantile "
                    + "levels; use Loss.pinball(levels), e.g. Loss.pinball(0.1, 0.5, 0.9)");
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; expected mse, mae, huber or log_smape");
        };
    }

    /** "(2, 3)" for the shape [2, 3]. */
    static String shape(int[] s) {
        return Arrays.toString(s).replace('[', '(').replace(']', ')');
    }
}
