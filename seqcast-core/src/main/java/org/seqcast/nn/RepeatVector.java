package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Keras's {@code RepeatVector(n)}: one vector per sample (B, F) becomes a sequence of n equal steps, time-major
 * (n, B, F), as an encoder-decoder feeds the encoder's last state to every step of its decoder.
 * <pre>
 *   y_t = x                 for t = 0 .. n-1
 *   dx  = Σ_t dy_t          (t ascending)
 * </pre>
 */
public final class RepeatVector extends Layer {
    private final int n;
    private int[] lastShape;

    public RepeatVector(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("RepeatVector n must be a positive integer; got " + n);
        }
        this.n = n;
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.REPEAT_VECTOR.className();
    }

    /** The number of steps n. */
    public int n() {
        return n;
    }

    @Override
    public LayerSpec.RepeatVector spec() {
        return new LayerSpec.RepeatVector(n);
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        if (inShape.length != 1) {
            throw new IllegalArgumentException(position + " expects one vector per sample (features) but receives "
                    + Arrays.toString(inShape) + "; if the previous layer is recurrent, leave returnSequences false");
        }
        return new int[] {n, inShape[0]};
    }

    @Override
    public Tensor forward(Tensor x, Context ctx) {
        requireBuilt();
        int f = inputShapeBuilt()[0];
        if (x.rank() != 2 || x.dim(1) != f) {
            throw new IllegalArgumentException("RepeatVector expects input (batch, " + f + "); got "
                    + Arrays.toString(x.shape()));
        }
        float[] src = x.data();
        float[] y = new float[n * src.length];
        for (int t = 0; t < n; t++) {
            System.arraycopy(src, 0, y, t * src.length, src.length);              // y_t = x
        }
        lastShape = new int[] {n, x.dim(0), f};
        return Tensor.wrap(y, lastShape);
    }

    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (lastShape == null) {
            throw new IllegalStateException("RepeatVector: backward called before forward");
        }
        if (!Arrays.equals(dy.shape(), lastShape)) {
            throw new IllegalArgumentException("RepeatVector backward expects dy of shape " + Arrays.toString(lastShape)
                    + "; got " + Arrays.toString(dy.shape()));
        }
        int size = lastShape[1] * lastShape[2];
        float[] d = dy.data();
        float[] dx = new float[size];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < size; k++) {
                dx[k] += d[t * size + k];                                          // dx = Σ_t dy_t
            }
        }
        return Tensor.wrap(dx, lastShape[1], lastShape[2]);
    }

    @Override
    public String describe() {
        return String.valueOf(n);
    }
}
