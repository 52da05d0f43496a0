package org.seqcast.nn.loss;

import java.util.Arrays;
import org.seqcast.tensor.Tensor;

/**
 * The pinball loss of quantiles that cannot cross: raw outputs r (…, T·Q), Q per target, go through
 * {@link NonCrossingQuantiles} to quantiles q, which {@link Pinball} scores against targets y (…, T):
 * <pre>
 *   L(r, y)  = Pinball(q(r), y)       q = NonCrossingQuantiles.quantiles(r), in double
 *   dL/dr    = q′(r)ᵀ dL/dq           NonCrossingQuantiles.rawGradient
 * </pre>
 * The quantiles and the pinball sums stay in double between the float outputs and the loss (so the gradient is
 * that of the value, without rounding in between); per-sample weights are Pinball's. A network trained with it
 * outputs raw values: apply {@link #quantiles()} to its outputs to read the quantiles.
 *
 * @param levels τ_1 &lt; … &lt; τ_Q, each in (0, 1)
 */
public record NonCrossingPinball(double[] levels) implements Loss {
    public NonCrossingPinball {
        levels = new Pinball(levels).levels();
    }

    /** The levels τ_1 &lt; … &lt; τ_Q (a copy). */
    @Override
    public double[] levels() {
        return levels.clone();
    }

    /** The map from raw outputs to quantiles this loss trains through. */
    public NonCrossingQuantiles quantiles() {
        return new NonCrossingQuantiles(levels);
    }

    @Override
    public String name() {
        return "noncrossing_pinball";
    }

    /** Targets are the outputs with the last axis divided by Q: (…, T·Q) → (…, T). */
    @Override
    public int[] targetShape(int[] outputShape) {
        int last = outputShape.length == 0 ? -1 : outputShape[outputShape.length - 1];
        if (outputShape.length < 2 || last < levels.length || last % levels.length != 0) {
            throw new IllegalArgumentException("non-crossing pinball loss with " + levels.length + " quantile levels "
                    + Arrays.toString(levels) + " needs outputs of shape (batch, ..., T·" + levels.length + "), "
                    + levels.length + " raw values per target; got " + Loss.shape(outputShape) + ". Give the last layer"
                    + " a multiple of " + levels.length + " units");
        }
        int[] t = outputShape.clone();
        t[t.length - 1] = last / levels.length;
        return t;
    }

    @Override
    public double value(Tensor pred, Tensor target) {
        return value(pred, target, null);
    }

    @Override
    public Tensor gradient(Tensor pred, Tensor target) {
        return gradient(pred, target, null);
    }

    /** Pinball's L_w of the quantiles of the raw outputs. */
    @Override
    public double value(Tensor pred, Tensor target, Tensor weights) {
        requireTargetShape(pred, target, "target");
        double[] q = quantiles().quantiles(pred.data());                         // q = q(r)
        return new Pinball(levels).value(q, target.data(), Pinball.weights(pred, weights), pred.dim(0));
    }

    /** dL_w/dr = q′(r)ᵀ dL_w/dq, rounded to float once at the end. */
    @Override
    public Tensor gradient(Tensor pred, Tensor target, Tensor weights) {
        requireTargetShape(pred, target, "target");
        NonCrossingQuantiles map = quantiles();
        double[] r = Pinball.widen(pred.data());
        double[] q = map.quantiles(r);                                           // forward: q = q(r)
        double[] dq = new Pinball(levels).gradient(q, target.data(), Pinball.weights(pred, weights), pred.dim(0));
        double[] dr = map.rawGradient(r, dq);                                    // backward: dL/dr = q′ᵀ dL/dq
        float[] out = new float[dr.length];
        for (int k = 0; k < dr.length; k++) {
            out[k] = (float) dr[k];
        }
        return Tensor.wrap(out, pred.shape());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NonCrossingPinball other && Arrays.equals(levels, other.levels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "NonCrossingPinball" + Arrays.toString(levels);
    }
}
