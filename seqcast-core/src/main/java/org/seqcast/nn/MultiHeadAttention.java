package org.seqcast.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * Multi-head attention, Keras's {@code MultiHeadAttention} and PyTorch's {@code nn.MultiheadAttention} (spec,
 * equations and the mapping between the two: {@link LayerSpec.MultiHeadAttention}). In a {@link Sequential} or as a
 * {@link Graph} layer it is self-attention, (T, B, I) → (T, B, O); {@link #forward(Tensor, Tensor, Tensor, Context)}
 * and {@link #backwardAll} take a separate query, value and key of I features each (Keras's {@code layer(query, value,
 * key)}, key and value of one length), which a {@link Graph} node made by {@link Graph.Builder#attention} calls.
 * Parameters in Keras's shapes: kernels
 * Glorot-uniform with Keras's fans for (I, N, K) and (N, V, O) tensors, biases zero. Projections, scores and sums
 * run in double; the work is split over the context's threads by rows, samples or weight rows, each value summed by
 * one thread in a fixed order, so results do not depend on the thread count.
 */
public final class MultiHeadAttention extends Layer {
    private final LayerSpec.MultiHeadAttention spec;
    private int I;
    private int O;
    private Parameter wq;
    private Parameter bq;
    private Parameter wk;
    private Parameter bk;
    private Parameter wv;
    private Parameter bv;
    private Parameter wo;
    private Parameter bo;
    /** The last forward: inputs (Tq, B, I) and (Tk, B, I), projections q, k, v, weights a (B, N, Tq, Tk), c. */
    private float[] xq;
    private float[] xk;
    private float[] xv;
    private double[] q;
    private double[] k;
    private double[] v;
    private double[] a;
    private double[] c;
    private int lastTq;
    private int lastTk;
    private int lastB;

    /** A layer of this spec. */
    public MultiHeadAttention(LayerSpec.MultiHeadAttention spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** N heads of key and value size K, with biases, output the input's size, no causal mask. */
    public MultiHeadAttention(int numHeads, int keyDim) {
        this(new LayerSpec.MultiHeadAttention(numHeads, keyDim));
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.MULTI_HEAD_ATTENTION.className();
    }

    @Override
    public MultiHeadAttention inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerSpec.MultiHeadAttention spec() {
        return spec;
    }

    private int N() {
        return spec.numHeads();
    }

    private int K() {
        return spec.keyDim();
    }

    private int V() {
        return spec.valueDim();
    }

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        int[] out;
        try {
            out = spec.outputShape(inShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position + ": " + e.getMessage(), e);
        }
        I = inShape[1];
        O = out[1];
        wq = kernel(LayerSpec.MultiHeadAttention.QUERY_KERNEL, rng, I, N(), K());
        bq = bias(LayerSpec.MultiHeadAttention.QUERY_BIAS, N(), K());
        wk = kernel(LayerSpec.MultiHeadAttention.KEY_KERNEL, rng, I, N(), K());
        bk = bias(LayerSpec.MultiHeadAttention.KEY_BIAS, N(), K());
        wv = kernel(LayerSpec.MultiHeadAttention.VALUE_KERNEL, rng, I, N(), V());
        bv = bias(LayerSpec.MultiHeadAttention.VALUE_BIAS, N(), V());
        wo = kernel(LayerSpec.MultiHeadAttention.OUTPUT_KERNEL, rng, N(), V(), O);
        bo = bias(LayerSpec.MultiHeadAttention.OUTPUT_BIAS, O);
        return out;
    }

    /** Glorot-uniform with Keras's fans of a 3-d kernel (d0, d1, d2): fan_in = d0·d1, fan_out = d0·d2. */
    private static Parameter kernel(String name, Rng rng, int d0, int d1, int d2) {
        Parameter p = new Parameter(name, 0f, d0, d1, d2);
        Initializers.glorotUniform(p.value(), d0 * d1, d0 * d2, rng);
        return p;
    }

    /** A zero bias, or none without use_bias. */
    private Parameter bias(String name, int... shape) {
        return spec.useBias() ? new Parameter(name, 0f, shape) : null;
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : new Parameter[] {wq, bq, wk, bk, wv, bv, wo, bo}) {
            if (p != null) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The weights of the last forward pass averaged over the heads, (B, Tq, Tk): row i holds ā_ij = (1/N) Σ_n a_nij,
     * the weights query step i gives the key steps j (summing to 1; zero after i under a causal mask), as PyTorch's
     * nn.MultiheadAttention returns them by default (average_attn_weights=True). Summed over the heads in order,
     * in double, so the same bits for any thread count. Null before any forward pass.
     */
    Tensor lastWeights() {
        if (a == null) {
            return null;
        }
        int N = N();
        int TT = lastTq * lastTk;
        float[] out = new float[lastB * TT];
        for (int b = 0; b < lastB; b++) {
            for (int ij = 0; ij < TT; ij++) {
                double sum = 0;
                for (int n = 0; n < N; n++) {
                    sum += a[(b * N + n) * TT + ij];                                  // a (B, N, Tq, Tk)
                }
                out[b * TT + ij] = (float) (sum / N);                                 // ā_ij = (1/N) Σ_n a_nij
            }
        }
        return Tensor.wrap(out, lastB, lastTq, lastTk);
    }

    // ---- forward ------------------------------------------------------------------------------------------

    /** Self-attention: query, key and value are x (T, B, I). */
    @Override
    public Tensor forward(Tensor x, Context ctx) {
        return forward(x, x, x, ctx);
    }

    /**
     * Keras's {@code layer(query, value, key)}: query (Tq, B, I), value and key (Tk, B, I), time-major; returns
     * (Tq, B, O). With the causal mask query step i attends to key steps j ≤ i.
     */
    public Tensor forward(Tensor query, Tensor value, Tensor key, Context ctx) {
        requireBuilt();
        checkInput("query", query, -1, -1);
        checkInput("value", value, -1, query.dim(1));
        checkInput("key", key, value.dim(0), query.dim(1));
        int Tq = query.dim(0);
        int Tk = key.dim(0);
        int B = query.dim(1);
        xq = query.data();
        xk = key.data();
        xv = value.data();
        Parallel par = ctx.parallel();
        q = project(toDouble(xq), Tq * B, wq, bq, N() * K(), par);                    // q = x W^q + b^q
        k = project(toDouble(xk), Tk * B, wk, bk, N() * K(), par);                    // k = x W^k + b^k
        v = project(toDouble(xv), Tk * B, wv, bv, N() * V(), par);                    // v = x W^v + b^v
        a = new double[B * N() * Tq * Tk];
        c = new double[Tq * B * N() * V()];
        par.forRange(B, 1, (from, to) -> {                                            // each sample on one thread
            for (int b = from; b < to; b++) {
                for (int n = 0; n < N(); n++) {
                    for (int i = 0; i < Tq; i++) {
                        attend(b, n, i, B, Tq, Tk);
                    }
                }
            }
        });
        lastTq = Tq;
        lastTk = Tk;
        lastB = B;
        double[] y = project(c, Tq * B, wo, bo, O, par);                              // y = Σ_n c_n W^o_n + b^o
        return Tensor.wrap(toFloat(y), Tq, B, O);
    }

    /** One query step i of head n: a_ij = softmax_j(s_ij), c_i = Σ_j a_ij v_j. */
    private void attend(int b, int n, int i, int B, int Tq, int Tk) {
        int NK = N() * K();
        int NV = N() * V();
        double scale = 1 / Math.sqrt(K());
        int row = ((b * N() + n) * Tq + i) * Tk;
        int qi = (i * B + b) * NK + n * K();
        int last = lastKey(i, Tk);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= last; j++) {
            int kj = (j * B + b) * NK + n * K();
            double s = 0;
            for (int d = 0; d < K(); d++) {
                s += q[qi + d] * k[kj + d];
            }
            a[row + j] = scale * s;                                                   // s_ij = q_i · k_j / √K
            max = Math.max(max, a[row + j]);
        }
        SoftmaxAttention.softmaxRow(a, row, last, max);                               // a_ij = softmax_j(s_ij)
        int ci = (i * B + b) * NV + n * V();
        for (int j = 0; j <= last; j++) {
            int vj = (j * B + b) * NV + n * V();
            for (int d = 0; d < V(); d++) {
                c[ci + d] += a[row + j] * v[vj + d];                                  // c_i = Σ_j a_ij v_j
            }
        }
    }

    /** The last key step j that query step i attends to. */
    private int lastKey(int i, int Tk) {
        return spec.causal() ? Math.min(i, Tk - 1) : Tk - 1;
    }

    /** out (R, D) = x (R, In) · W (In, D) + b (D), in double, rows split over threads; W is read as (In, D). */
    private static double[] project(double[] x, int R, Parameter w, Parameter bias, int D, Parallel par) {
        int in = x.length / R;
        float[] W = w.value();
        double[] out = new double[R * D];
        par.forRange(R, ROWS_PER_TASK, (from, to) -> {
            for (int r = from; r < to; r++) {
                for (int d = 0; d < D; d++) {
                    out[r * D + d] = bias == null ? 0 : bias.value()[d];
                }
                for (int i = 0; i < in; i++) {
                    double xi = x[r * in + i];
                    for (int d = 0; d < D; d++) {
                        out[r * D + d] += xi * W[i * D + d];
                    }
                }
            }
        });
        return out;
    }

    /** The fewest rows (or weight rows) a thread takes: below this a split costs more than it saves. */
    private static final int ROWS_PER_TASK = 32;

    // ---- backward -----------------------------------------------------------------------------------------

    /** Self-attention: dL/dx is the sum of the query's, key's and value's parts. */
    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        Tensor[] d = backwardAll(dy, ctx);
        float[] dx = d[0].data().clone();
        for (int part = 1; part < 3; part++) {
            float[] p = d[part].data();
            for (int r = 0; r < dx.length; r++) {
                dx[r] += p[r];
            }
        }
        return Tensor.wrap(dx, d[0].shape());
    }

    /**
     * Given dL/dy (Tq, B, O) of the last forward, accumulates the parameters' gradients and returns dL/d{query,
     * value, key}, side by side with the forward's equations:
     * <pre>
     *   dW^o += c^T dy       db^o += Σ_r dy_r       dc = dy W^o^T                        (y = c W^o + b^o)
     *   da_ij = dc_i · v_j   dv_j += Σ_i a_ij dc_i                                      (c_i = Σ_j a_ij v_j)
     *   ds_ij = a_ij (da_ij − Σ_l a_il da_il)                                           (softmax)
     *   dq_i += Σ_j ds_ij k_j / √K      dk_j += Σ_i ds_ij q_i / √K                      (s_ij = q_i · k_j / √K)
     *   dW += x^T dp   db += Σ_r dp_r   dx = dp W^T       for each projection p = x W + b
     * </pre>
     */
    public Tensor[] backwardAll(Tensor dy, Context ctx) {
        if (a == null) {
            throw new IllegalStateException("MultiHeadAttention: backward called before forward");
        }
        int Tq = lastTq;
        int Tk = lastTk;
        int B = lastB;
        if (!Arrays.equals(dy.shape(), new int[] {Tq, B, O})) {
            throw new IllegalArgumentException("MultiHeadAttention backward expects dy of shape "
                    + Arrays.toString(new int[] {Tq, B, O}) + "; got " + Arrays.toString(dy.shape()));
        }
        double[] d = new double[dy.size()];
        for (int r = 0; r < d.length; r++) {
            d[r] = dy.data()[r];
        }
        Parallel par = ctx.parallel();
        double[] dc = projectBackward(c, Tq * B, d, wo, bo, O, par);                  // dc = dy W^o^T
        double[] dq = new double[q.length];
        double[] dk = new double[k.length];
        double[] dv = new double[v.length];
        par.forRange(B, 1, (from, to) -> {                                            // each sample on one thread
            double[] da = new double[Tk];
            for (int b = from; b < to; b++) {
                for (int n = 0; n < N(); n++) {
                    for (int i = 0; i < Tq; i++) {
                        attendBackward(b, n, i, B, Tq, Tk, dc, da, dq, dk, dv);
                    }
                }
            }
        });
        double[] dxq = projectBackward(toDouble(xq), Tq * B, dq, wq, bq, N() * K(), par);
        double[] dxv = projectBackward(toDouble(xv), Tk * B, dv, wv, bv, N() * V(), par);
        double[] dxk = projectBackward(toDouble(xk), Tk * B, dk, wk, bk, N() * K(), par);
        return new Tensor[] {Tensor.wrap(toFloat(dxq), Tq, B, I), Tensor.wrap(toFloat(dxv), Tk, B, I),
            Tensor.wrap(toFloat(dxk), Tk, B, I)};
    }

    /** Query step i of head n, backward through c_i = Σ_j a_ij v_j, the softmax and the scores. */
    private void attendBackward(int b, int n, int i, int B, int Tq, int Tk, double[] dc, double[] da,
                                double[] dq, double[] dk, double[] dv) {
        int NK = N() * K();
        int NV = N() * V();
        double scale = 1 / Math.sqrt(K());
        int row = ((b * N() + n) * Tq + i) * Tk;
        int ci = (i * B + b) * NV + n * V();
        int qi = (i * B + b) * NK + n * K();
        int last = lastKey(i, Tk);
        double weighted = 0;
        for (int j = 0; j <= last; j++) {
            int vj = (j * B + b) * NV + n * V();
            double s = 0;
            for (int e = 0; e < V(); e++) {
                s += dc[ci + e] * v[vj + e];                                          // da_ij = dc_i · v_j
                dv[vj + e] += a[row + j] * dc[ci + e];                                // dv_j += a_ij dc_i
            }
            da[j] = s;
            weighted += a[row + j] * s;                                               // Σ_l a_il da_il
        }
        for (int j = 0; j <= last; j++) {
            double ds = a[row + j] * (da[j] - weighted) * scale;                      // ds_ij / √K
            int kj = (j * B + b) * NK + n * K();
            for (int e = 0; e < K(); e++) {
                dq[qi + e] += ds * k[kj + e];                                         // dq_i += ds_ij k_j / √K
                dk[kj + e] += ds * q[qi + e];                                         // dk_j += ds_ij q_i / √K
            }
        }
    }

    /**
     * Backward of p (R, D) = x (R, In) · W (In, D) + b: adds dW = x^T dp and db = Σ_r dp_r to the parameters'
     * gradients, returns dx = dp W^T (R, In). dx is split over threads by rows, dW by its rows i; every sum over r
     * runs in row order.
     */
    private static double[] projectBackward(double[] x, int R, double[] dp, Parameter w, Parameter bias, int D,
                                            Parallel par) {
        int in = x.length / R;
        float[] W = w.value();
        double[] dW = new double[in * D];
        double[] db = new double[D];
        double[] dx = new double[R * in];
        par.forRange(R, ROWS_PER_TASK, (from, to) -> {
            for (int r = from; r < to; r++) {
                for (int i = 0; i < in; i++) {
                    double s = 0;
                    for (int d = 0; d < D; d++) {
                        s += dp[r * D + d] * W[i * D + d];                            // dx = dp W^T
                    }
                    dx[r * in + i] = s;
                }
            }
        });
        par.forRange(in, 1, (from, to) -> {
            for (int r = 0; r < R; r++) {
                for (int i = from; i < to; i++) {
                    double xi = x[r * in + i];
                    for (int d = 0; d < D; d++) {
                        dW[i * D + d] += xi * dp[r * D + d];                          // dW = x^T dp
                    }
                }
            }
        });
        for (int r = 0; r < R; r++) {
            for (int d = 0; d < D; d++) {
                db[d] += dp[r * D + d];                                               // db = Σ_r dp_r
            }
        }
        addTo(w.grad(), dW);
        if (bias != null) {
            addTo(bias.grad(), db);
        }
        return dx;
    }

    private static void addTo(float[] grad, double[] g) {
        for (int m = 0; m < g.length; m++) {
            grad[m] += (float) g[m];
        }
    }

    private void checkInput(String role, Tensor t, int steps, int batch) {
        if (t.rank() != 3 || t.dim(2) != I || (steps != -1 && t.dim(0) != steps) || (batch != -1 && t.dim(1) != batch)) {
            throw new IllegalArgumentException("MultiHeadAttention expects " + role + " (timesteps, batch, " + I + ")"
                    + (steps != -1 ? " with " + steps + " steps (the value's)" : "")
                    + (batch != -1 ? " and batch " + batch + " (the query's)" : "") + "; got "
                    + Arrays.toString(t.shape()));
        }
    }

    private static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            out[r] = x[r];
        }
        return out;
    }

    private static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int r = 0; r < x.length; r++) {
            out[r] = (float) x[r];
        }
        return out;
    }

    @Override
    public String describe() {
        List<String> options = new ArrayList<>();
        options.add("num_heads=" + spec.numHeads());
        options.add("key_dim=" + spec.keyDim());
        if (spec.valueDim() != spec.keyDim()) {
            options.add("value_dim=" + spec.valueDim());
        }
        if (!spec.useBias()) {
            options.add("use_bias=false");
        }
        if (spec.outputDim() != null) {
            options.add("output_dim=" + spec.outputDim());
        }
        if (spec.causal()) {
            options.add("causal=true");
        }
        return String.join(", ", options);
    }
}
