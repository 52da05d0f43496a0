package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Keras's {@code GlobalAveragePooling1D}: the mean over time, (T, B, F) → (B, F) (spec:
 * {@link LayerSpec.GlobalAveragePooling1d}).
 */
public final class GlobalAveragePooling1D extends Layer {
    private int F;
    private int lastT;
    private int lastB;

    @Override
    public String kind() {
        return LayerSpec.Kind.GLOBAL_AVERAGE_POOLING1D.className();
    }

    @Override
    public LayerSpec.GlobalAveragePooling1d spec() {
        return new LayerSpec.GlobalAveragePooling1d();
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        try {
            int[] out = spec().outputShape(inShape);
            F = inShape[1];
            return out;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        if (input.rank() != 3 || input.dim(2) != F) {
            throw new IllegalArgumentException("GlobalAveragePooling1D expects input (timesteps, batch, " + F
                    + "); got " + Arrays.toString(input.shape()));
        }
        lastT = input.dim(0);
        lastB = input.dim(1);
        int n = lastB * F;
        float[] x = input.data();
        float[] y = new float[n];
        for (int t = 0; t < lastT; t++) {
            for (int q = 0; q < n; q++) {
                y[q] += x[t * n + q];                                          // Σ_t x[t]
            }
        }
        for (int q = 0; q < n; q++) {
            y[q] /= lastT;                                                     // y = Σ_t x[t] / T
        }
        return Tensor.wrap(y, lastB, F);
    }

    /** dx[t] = dy / T for every t. */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (lastT == 0) {
            throw new IllegalStateException("GlobalAveragePooling1D: backward called before forward");
        }
        if (!Arrays.equals(dy.shape(), new int[] {lastB, F})) {
            throw new IllegalArgumentException("GlobalAveragePooling1D backward expects dy of shape ("
                    + lastB + ", " + F + "); got " + Arrays.toString(dy.shape()));
        }
        int n = lastB * F;
        float[] d = dy.data();
        float[] dx = new float[lastT * n];
        for (int t = 0; t < lastT; t++) {
            for (int q = 0; q < n; q++) {
                dx[t * n + q] = d[q] / lastT;                                  // dx[t] = dy / T
            }
        }
        return Tensor.wrap(dx, lastT, lastB, F);
    }

    @Override
    public String describe() {
        return "";
    }
}
