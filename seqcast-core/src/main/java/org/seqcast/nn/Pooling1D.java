package org.seqcast.nn;

import java.util.Arrays;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Keras's {@code MaxPooling1D} and {@code AveragePooling1D} (specs: {@link LayerSpec.MaxPooling1d},
 * {@link LayerSpec.AveragePooling1d}) over time, per feature: (T, B, F) → (T', B, F). Window t' covers input
 * steps t'·s − before .. t'·s − before + p − 1; steps outside 0..T−1 (same padding) take no part, neither in
 * the maximum nor in the mean's count, as in Keras.
 */
public final class Pooling1D extends Layer {
    private final LayerSpec spec;
    private final boolean max;
    private final int p;
    private final int s;
    private final LayerSpec.Padding padding;
    private int F;
    /** Max: the input index of each output's maximum; average: each output's count of steps. */
    private int[] from;
    private int lastT;
    private int lastB;
    private int lastTOut;

    /** Max pooling of this spec. */
    public Pooling1D(LayerSpec.MaxPooling1d spec) {
        this(spec, true, spec.poolSize(), spec.strides(), spec.padding());
    }

    /** Average pooling of this spec. */
    public Pooling1D(LayerSpec.AveragePooling1d spec) {
        this(spec, false, spec.poolSize(), spec.strides(), spec.padding());
    }

    /** Keras's {@code MaxPooling1D(poolSize)}: valid, stride = pool size. */
    public static Pooling1D max(int poolSize) {
        return new Pooling1D(new LayerSpec.MaxPooling1d(poolSize));
    }

    /** Keras's {@code AveragePooling1D(poolSize)}: valid, stride = pool size. */
    public static Pooling1D average(int poolSize) {
        return new Pooling1D(new LayerSpec.AveragePooling1d(poolSize));
    }

    private Pooling1D(LayerSpec spec, boolean max, int poolSize, int strides, LayerSpec.Padding padding) {
        this.spec = spec;
        this.max = max;
        this.p = poolSize;
        this.s = strides;
        this.padding = padding;
    }

    @Override
    public String kind() {
        return spec.kind().className();
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        try {
            int[] out = spec.outputShape(inShape);
            F = inShape[1];
            return out;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position + ": " + e.getMessage(), e);
        }
    }

    /**
     * <pre>
     *   max:      y[t', b, f] = max_{t ∈ window(t')} x[t, b, f]
     *   average:  y[t', b, f] = (1/n_t') Σ_{t ∈ window(t')} x[t, b, f],   n_t' = steps of the window inside 0..T−1
     * </pre>
     */
    @Override
    public Tensor forward(Tensor input, Context ctx) {
        requireBuilt();
        if (input.rank() != 3 || input.dim(2) != F) {
            throw new IllegalArgumentException(kind() + " expects input (timesteps, batch, " + F + "); got "
                    + Arrays.toString(input.shape()));
        }
        int T = input.dim(0);
        int B = input.dim(1);
        int tOut = padding.outputLength(T, p, s);
        if (tOut < 1) {
            throw new IllegalArgumentException(kind() + " with pool_size " + p + " and " + padding.kerasName()
                    + " padding needs at least " + p + " timesteps; got " + T);
        }
        int before = padding.before(T, p, s);
        float[] x = input.data();
        float[] y = new float[tOut * B * F];
        from = new int[max ? y.length : tOut];
        for (int to = 0; to < tOut; to++) {
            int t0 = Math.max(to * s - before, 0);
            int t1 = Math.min(to * s - before + p, T);                          // the window's steps t0..t1−1
            for (int b = 0; b < B; b++) {
                for (int f = 0; f < F; f++) {
                    int o = (to * B + b) * F + f;
                    if (max) {
                        int arg = (t0 * B + b) * F + f;
                        for (int t = t0 + 1; t < t1; t++) {
                            int q = (t * B + b) * F + f;
                            arg = x[q] > x[arg] ? q : arg;                       // first maximum on ties
                        }
                        from[o] = arg;
                        y[o] = x[arg];                                           // y = max over the window
                    } else {
                        float sum = 0f;
                        for (int t = t0; t < t1; t++) {
                            sum += x[(t * B + b) * F + f];
                        }
                        y[o] = sum / (t1 - t0);                                  // y = Σ x / n
                    }
                }
            }
            if (!max) {
                from[to] = t1 - t0;
            }
        }
        lastT = T;
        lastB = B;
        lastTOut = tOut;
        return Tensor.wrap(y, tOut, B, F);
    }

    /**
     * <pre>
     *   max:      dx[argmax] += dy            average:  dx[t] += dy / n_t'  for every t of the window
     * </pre>
     */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (from == null) {
            throw new IllegalStateException(kind() + ": backward called before forward");
        }
        int B = lastB;
        if (!Arrays.equals(dy.shape(), new int[] {lastTOut, B, F})) {
            throw new IllegalArgumentException(kind() + " backward expects dy of shape "
                    + Arrays.toString(new int[] {lastTOut, B, F}) + "; got " + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        float[] dx = new float[lastT * B * F];
        if (max) {
            for (int o = 0; o < d.length; o++) {
                dx[from[o]] += d[o];                                             // dx[argmax] += dy
            }
            return Tensor.wrap(dx, lastT, B, F);
        }
        int before = padding.before(lastT, p, s);
        for (int to = 0; to < lastTOut; to++) {
            int t0 = Math.max(to * s - before, 0);
            int t1 = Math.min(to * s - before + p, lastT);
            for (int t = t0; t < t1; t++) {
                for (int bf = 0; bf < B * F; bf++) {
                    dx[t * B * F + bf] += d[to * B * F + bf] / from[to];            // dx += dy / n
                }
            }
        }
        return Tensor.wrap(dx, lastT, B, F);
    }

    @Override
    public String describe() {
        return p + (s == p ? "" : ", strides=" + s) + (padding == LayerSpec.Padding.VALID ? "" : ", padding="
                + padding.kerasName());
    }
}
