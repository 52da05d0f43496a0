package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Keras's {@code Dropout(rate)}, inverted dropout: in training each value is zeroed with probability
 * {@code rate} and the survivors are scaled by 1 / (1 − rate); at inference it is the identity. Masks are
 * drawn from the training context's seeded {@link Rng} on the calling thread.
 */
public final class Dropout extends Layer {
    private final double rate;
    private float[] mask;
    private int[] lastShape;

    public Dropout(double rate) {
        if (!(rate >= 0.0 && rate < 1.0)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1); got " + rate);
        }
        this.rate = rate;
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.DROPOUT.className();
    }

    public double rate() {
        return rate;
    }

    @Override
    public LayerSpec.Dropout spec() {
        return new LayerSpec.Dropout(rate);
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        return inShape;
    }

    @Override
    public Tensor forward(Tensor x, Context ctx) {
        lastShape = x.shape();
        if (!ctx.training() || rate == 0.0) {
            mask = null;
            return x;
        }
        float keep = (float) (1.0 / (1.0 - rate));
        float[] in = x.data();
        mask = mask == null || mask.length != in.length ? new float[in.length] : mask;
        float[] out = new float[in.length];
        Rng rng = ctx.rng();
        for (int k = 0; k < in.length; k++) {
            mask[k] = rng.nextDouble() < rate ? 0f : keep;
            out[k] = in[k] * mask[k];
        }
        return Tensor.wrap(out, lastShape);
    }

    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (!Arrays.equals(dy.shape(), lastShape)) {
            throw new IllegalArgumentException("Dropout backward expects dy of shape " + Arrays.toString(lastShape)
                    + "; got " + Arrays.toString(dy.shape()));
        }
        if (mask == null) {
            return dy;
        }
        float[] d = dy.data();
        float[] dx = new float[d.length];
        for (int k = 0; k < d.length; k++) {
            dx[k] = d[k] * mask[k];
        }
        return Tensor.wrap(dx, lastShape);
    }

    @Override
    public String describe() {
        return String.valueOf(rate);
    }
}
