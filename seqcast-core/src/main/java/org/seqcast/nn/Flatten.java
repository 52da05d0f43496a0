package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Keras's {@code Flatten} (spec: {@link LayerSpec.Flatten}): a sequence (T, B, F) becomes (B, T·F) with
 * y[b, t·F + f] = x[t, b, f], the C order of the batch-first (B, T, F); a vector (B, F) passes unchanged.
 */
public final class Flatten extends Layer {
    private int[] lastShape;

    @Override
    public String kind() {
        return LayerSpec.Kind.FLATTEN.className();
    }

    @Override
    public LayerSpec.Flatten spec() {
        return new LayerSpec.Flatten();
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        try {
            return spec().outputShape(inShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        int[] in = inputShapeBuilt();
        if (input.rank() != in.length + 1 || input.dim(input.rank() - 1) != in[in.length - 1]
                || (in.length == 2 && input.dim(0) != in[0])) {
            throw new IllegalArgumentException("Flatten expects input " + (in.length == 2 ? "(" + in[0]
                    + ", batch, " + in[1] + ")" : "(batch, " + in[0] + ")") + "; got " + Arrays.toString(input.shape()));
        }
        lastShape = input.shape();
        if (input.rank() == 2) {
            return input;
        }
        int T = input.dim(0);
        int B = input.dim(1);
        int F = input.dim(2);
        float[] x = input.data();
        float[] y = new float[x.length];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                System.arraycopy(x, (t * B + b) * F, y, (b * T + t) * F, F);   // y[b, t·F + f] = x[t, b, f]
            }
        }
        return Tensor.wrap(y, B, T * F);
    }

    /** dx[t, b, f] = dy[b, t·F + f]. */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (lastShape == null) {
            throw new IllegalStateException("Flatten: backward called before forward");
        }
        if (lastShape.length == 2) {
            return dy;
        }
        int T = lastShape[0];
        int B = lastShape[1];
        int F = lastShape[2];
        if (!Arrays.equals(dy.shape(), new int[] {B, T * F})) {
            throw new IllegalArgumentException("Flatten backward expects dy of shape (" + B + ", " + T * F + "); got "
                    + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        float[] dx = new float[d.length];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                System.arraycopy(d, (b * T + t) * F, dx, (t * B + b) * F, F);   // dx[t, b, f] = dy[b, t·F + f]
            }
        }
        return Tensor.wrap(dx, T, B, F);
    }

    @Override
    public String describe() {
        return "";
    }
}
