package org.seqcast.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Keras's {@code Bidirectional(layer, merge_mode)} around an {@link LSTM}, {@link GRU} or {@link SimpleRNN}: two
 * layers of the wrapped spec, each with its own weights, run by the ordinary {@link Recurrent} time loop and
 * kernels; the backward one reads the sequence reversed and its output sequence is reversed back before the merge.
 * <pre>
 *   →h = fwd(x)                      x (T, B, I) time-major
 *   ←h = rev(bwd(rev(x)))            rev reverses the time axis (only for a sequence output: a last step is ←h_0)
 *   y  = merge(→h, ←h)               concat [→h, ←h] (…, 2H), sum →h + ←h, mul →h ⊙ ←h, ave (→h + ←h) / 2
 * </pre>
 * Parameters as PyTorch's bidirectional {@code nn.LSTM}: the forward layer's {@code weight_ih_l0}, ...,
 * then the backward layer's {@code weight_ih_l0_reverse}, .... Initialised as two independent layers, forward
 * first, from the same stream. It needs the whole sequence, so a {@link Stepper} refuses it.
 */
public final class Bidirectional extends Layer {
    private final LayerSpec.Recurrent layerSpec;
    private final LayerSpec.Bidirectional.Merge merge;
    private final Recurrent fwd;
    private final Recurrent bwd;
    /** The two directions' outputs of the last forward pass (←h already in forward time order), for mul's backward. */
    private float[] hf;
    private float[] hb;
    private int[] lastShape;

    /** Wraps a layer of {@code layer}'s spec, merging with {@code merge} (null: concat). */
    public Bidirectional(LayerSpec.Recurrent layer, LayerSpec.Bidirectional.Merge merge) {
        this.layerSpec = Objects.requireNonNull(layer, "layer");
        this.merge = merge == null ? LayerSpec.Bidirectional.DEFAULT_MERGE : merge;
        this.fwd = (Recurrent) layer.build();
        this.bwd = ((Recurrent) layer.build()).parameterSuffix(LayerSpec.Bidirectional.REVERSE_SUFFIX);
    }

    /** Concatenates the two directions of a layer of {@code layer}'s spec. */
    public Bidirectional(LayerSpec.Recurrent layer) {
        this(layer, null);
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.BIDIRECTIONAL.className();
    }

    @Override
    public Bidirectional inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    /** The layer reading the sequence forwards. */
    public Recurrent forwardLayer() {
        return fwd;
    }

    /** The layer reading the sequence reversed (parameters named ..._reverse). */
    public Recurrent backwardLayer() {
        return bwd;
    }

    public LayerSpec.Bidirectional.Merge mergeMode() {
        return merge;
    }

    @Override
    public LayerSpec.Bidirectional spec() {
        return new LayerSpec.Bidirectional(layerSpec, merge);
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        int[] out = fwd.build(inShape, rng, position + " forward");
        bwd.build(inShape, rng, position + " backward");
        out[out.length - 1] = spec().outputFeatures();
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        List<Parameter> all = new ArrayList<>(fwd.parameters());
        all.addAll(bwd.parameters());
        return List.copyOf(all);
    }

    @Override
    public Tensor forward(Tensor x, Context ctx) {
        requireBuilt();
        if (x.rank() != 3) {
            throw new IllegalArgumentException("Bidirectional expects input (timesteps, batch, features) in time-major"
                    + " layout; got " + Arrays.toString(x.shape()));
        }
        Tensor f = fwd.forward(x, ctx);
        Tensor b = bwd.forward(reverseTime(x), ctx);
        boolean seq = fwd.isReturnSequences();
        hf = f.data();
        hb = seq ? reverseTime(b).data() : b.data();                        // ←h in forward time order
        int n = hf.length / fwd.units();
        int h = fwd.units();
        int[] shape = f.shape();
        shape[shape.length - 1] = spec().outputFeatures();
        float[] y = new float[n * shape[shape.length - 1]];
        for (int r = 0; r < n; r++) {
            merge(r, h, y);
        }
        lastShape = shape;
        return Tensor.wrap(y, shape);
    }

    /** Row r (one step of one sample) of y from →h and ←h. */
    private void merge(int r, int h, float[] y) {
        int o = r * h;
        switch (merge) {
            case CONCAT -> {
                System.arraycopy(hf, o, y, 2 * o, h);                          // y = [→h, ←h]
                System.arraycopy(hb, o, y, 2 * o + h, h);
            }
            case SUM -> {
                for (int k = o; k < o + h; k++) {
                    y[k] = hf[k] + hb[k];                                       // y = →h + ←h
                }
            }
            case MUL -> {
                for (int k = o; k < o + h; k++) {
                    y[k] = hf[k] * hb[k];                                       // y = →h ⊙ ←h
                }
            }
            case AVE -> {
                for (int k = o; k < o + h; k++) {
                    y[k] = (hf[k] + hb[k]) / 2;                                 // y = (→h + ←h) / 2
                }
            }
        }
    }

    /**
     * Splits dy into d→h and d←h by the merge, runs each direction's backward (the backward one on its own,
     * reversed, time order) and returns dx = d→x + rev(d←x).
     */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (lastShape == null) {
            throw new IllegalStateException("Bidirectional: backward called before forward");
        }
        if (!Arrays.equals(dy.shape(), lastShape)) {
            throw new IllegalArgumentException("Bidirectional backward expects dy of shape " + Arrays.toString(lastShape)
                    + "; got " + Arrays.toString(dy.shape()));
        }
        int h = fwd.units();
        int n = hf.length / h;
        float[] d = dy.data();
        float[] df = new float[n * h];
        float[] db = new float[n * h];
        for (int r = 0; r < n; r++) {
            split(r, h, d, df, db);
        }
        int[] hShape = lastShape.clone();
        hShape[hShape.length - 1] = h;
        boolean seq = fwd.isReturnSequences();
        Tensor dbh = Tensor.wrap(db, hShape);
        Tensor dxf = fwd.backward(Tensor.wrap(df, hShape), ctx);
        Tensor dxb = reverseTime(bwd.backward(seq ? reverseTime(dbh) : dbh, ctx));
        float[] dx = dxf.data();
        float[] dr = dxb.data();
        for (int k = 0; k < dx.length; k++) {
            dx[k] += dr[k];                                                     // dx = d→x + rev(d←x)
        }
        return dxf;
    }

    /** Row r of d→h and d←h from dy. */
    private void split(int r, int h, float[] d, float[] df, float[] db) {
        int o = r * h;
        switch (merge) {
            case CONCAT -> {
                System.arraycopy(d, 2 * o, df, o, h);                          // d→h = dy[:H]
                System.arraycopy(d, 2 * o + h, db, o, h);                      // d←h = dy[H:]
            }
            case SUM -> {
                System.arraycopy(d, o, df, o, h);                              // d→h = d←h = dy
                System.arraycopy(d, o, db, o, h);
            }
            case MUL -> {
                for (int k = o; k < o + h; k++) {
                    df[k] = d[k] * hb[k];                                       // d→h = dy ⊙ ←h
                    db[k] = d[k] * hf[k];                                       // d←h = dy ⊙ →h
                }
            }
            case AVE -> {
                for (int k = o; k < o + h; k++) {
                    df[k] = d[k] / 2;                                           // d→h = d←h = dy / 2
                    db[k] = d[k] / 2;
                }
            }
        }
    }

    /** A copy of a time-major (T, B, F) tensor with its steps in reverse order. */
    static Tensor reverseTime(Tensor x) {
        int t = x.dim(0);
        int step = x.size() / t;
        float[] src = x.data();
        float[] out = new float[src.length];
        for (int s = 0; s < t; s++) {
            System.arraycopy(src, s * step, out, (t - 1 - s) * step, step);
        }
        return Tensor.wrap(out, x.shape());
    }

    @Override
    public String describe() {
        return fwd + (merge == LayerSpec.Bidirectional.DEFAULT_MERGE ? "" : ", mergeMode=" + merge.kerasName());
    }
}
