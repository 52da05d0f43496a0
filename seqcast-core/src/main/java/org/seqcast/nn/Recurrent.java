package org.seqcast.nn;

import java.util.Arrays;
import java.util.List;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.kernels.MatOps;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * The time loop shared by {@link LSTM}, {@link GRU} and {@link SimpleRNN} (Keras's {@code RNN}): parameters in
 * PyTorch's layout, activation buffers, the input projection, backpropagation through time and the
 * weight-gradient products. The cell math lives in the kernels; subclasses connect buffers to them.
 *
 * <p>Parameters (G = gates per cell): {@code weight_ih_l0} (G·H, I), {@code weight_hh_l0} (G·H, H),
 * {@code bias_ih_l0} (G·H), {@code bias_hh_l0} (G·H).
 *
 * <p>Forward over x (T, B, I):
 * <ol>
 *   <li>gates (T·B, G·H) = X · W_ihᵀ + b_ih (+ b_hh where it only adds): one GEMM for all time steps;</li>
 *   <li>the batch rows are split over threads, and each block runs its own time loop (rows of a batch are
 *       independent), calling the cell's step kernel, which adds h_{t-1}·W_hhᵀ;</li>
 * </ol>
 * Backward mirrors it: each block runs its time loop from T−1 down to 0 and leaves the pre-activation
 * gradients dz (T·B, G·H); then dW_ih += dzᵀ·X, dW_hh += dzᵀ·H_prev, db += Σ dz and dx = dz·W_ih are one GEMM
 * each, split over output rows. No sum is ever split, so results do not depend on the thread count.
 * Buffers grow to the largest (T, B) seen and are reused; nothing is allocated inside the time loop.
 */
public abstract class Recurrent extends Layer {
    /** Hidden units H. */
    protected final int H;
    private boolean returnSequences;
    /** As given; the parameters hold it rounded to float. */
    private double l2;
    /** Input features I and gate rows G·H, known after build. */
    protected int I;
    protected int GH;
    protected Parameter weightIh;
    protected Parameter weightHh;
    protected Parameter biasIh;
    protected Parameter biasHh;

    /** Time steps and batch rows of the last forward pass. */
    protected int T;
    protected int B;
    /** The last input, (T, B, I). */
    protected float[] x;
    /** Hidden states (T+1, B, H); block 0 is the initial state. */
    protected float[] hs;
    /** Pre-activations, then activated gates, (T, B, G·H). */
    protected float[] gates;
    /** Pre-activation gradients of the input projection, (T, B, G·H). */
    protected float[] dzx;
    /** W_ihᵀ (I, G·H) and W_hhᵀ (H, G·H), refreshed when the weights change (see {@link Parameter#version()}). */
    protected float[] weightIhT;
    protected float[] weightHhT;
    /** b_ih + b_hh (G·H), for cells whose recurrent bias only adds. */
    private float[] combinedBias;
    /** Scratch for dW_ihᵀ (I, G·H) when I is narrower than a vector. */
    private float[] dWeightIhT;
    /** dL/dh flowing backwards in time, (B, H). */
    protected float[] dhNext;
    private RecurrentState initialStateGradient;
    /** Whether any forward pass ran; with {@link #streaming} it says whether backward has what it needs. */
    private boolean forwardRan;
    /**
     * True during a predict-only forward pass: the per-step buffers (gates and the cell's own) hold a chunk of
     * time steps (about 1 MiB of gates) instead of T, see {@link #stepSlot} and {@link #stateSlot}.
     */
    protected boolean streaming;

    /** The Masking whose mask this layer follows ({@link Masking#passedOn}), or null; and its mask of the last pass. */
    private Masking maskSource;
    private boolean[] keep;

    /** Appended to the parameter names: "" or, for the backward direction of a {@link Bidirectional}, "_reverse". */
    private String parameterSuffix = "";

    protected Recurrent(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("units must be a positive integer; got " + units);
        }
        this.H = units;
    }

    /** Keras's {@code return_sequences}: output every step (T, H) instead of the last (H). Default false. */
    public Recurrent returnSequences(boolean value) {
        requireNotBuilt();
        this.returnSequences = value;
        return this;
    }

    /** L2 penalty {@code λ Σ w²} on weight_ih and weight_hh (Keras's kernel and recurrent regularizers). */
    public Recurrent l2(double lambda) {
        requireNotBuilt();
        this.l2 = checkL2(lambda);
        return this;
    }

    /** Names the parameters {@code weight_ih_l0} + suffix, ...: PyTorch's names of a bidirectional layer's reverse. */
    Recurrent parameterSuffix(String suffix) {
        requireNotBuilt();
        this.parameterSuffix = suffix;
        return this;
    }

    /** Follows the mask of {@code masking}: masked steps are skipped (see {@link LayerSpec.Masking}). */
    void maskedBy(Masking masking) {
        this.maskSource = masking;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public int units() {
        return H;
    }

    public double l2() {
        return l2;
    }

    @Override
    public abstract LayerSpec.Recurrent spec();

    @Override
    protected int[] doBuild(int[] inShape, Rng rng, String position) {
        if (inShape.length != 2) {
            throw new IllegalArgumentException(position + " expects a sequence input (timesteps, features) but receives "
                    + Arrays.toString(inShape) + "; if the previous layer is recurrent, set returnSequences(true) on it");
        }
        I = inShape[1];
        GH = spec().gates() * H;                        // G: 4 for LSTM, 3 for GRU, 1 for SimpleRNN
        weightIh = new Parameter(LayerSpec.Recurrent.WEIGHT_IH + parameterSuffix, (float) l2, GH, I);
        weightHh = new Parameter(LayerSpec.Recurrent.WEIGHT_HH + parameterSuffix, (float) l2, GH, H);
        biasIh = new Parameter(LayerSpec.Recurrent.BIAS_IH + parameterSuffix, 0f, GH);
        biasHh = new Parameter(LayerSpec.Recurrent.BIAS_HH + parameterSuffix, 0f, GH);
        Initializers.glorotUniform(weightIh.value(), I, GH, rng);
        Initializers.orthogonal(weightHh.value(), GH, H, rng);
        initBiases(biasIh.value(), biasHh.value());
        weightIhT = new float[I * GH];
        dWeightIhT = new float[I * GH];
        combinedBias = new float[GH];
        weightHhT = new float[H * GH];
        return returnSequences ? new int[] {inShape[0], H} : new int[] {H};
    }

    /**
     * Whether b_hh only adds to the pre-activations (LSTM, SimpleRNN), so that it can join b_ih in the input
     * projection instead of being added at every step; false for the GRU, whose b_hn sits inside r ⊙ (...).
     */
    protected abstract boolean recurrentBiasIsAdditive();

    /** Sets the initial biases; zero unless a cell says otherwise. */
    protected void initBiases(float[] bIh, float[] bHh) {
    }

    @Override
    public List<Parameter> parameters() {
        requireBuilt();
        return List.of(weightIh, weightHh, biasIh, biasHh);
    }

    /** A zero state for {@code batch} rows. */
    public RecurrentState zeroState(int batch) {
        requireBuilt();
        return new RecurrentState(Tensor.zeros(batch, H), hasCellState() ? Tensor.zeros(batch, H) : null);
    }

    /** Whether the cell carries a cell state besides h (LSTM). */
    protected boolean hasCellState() {
        return false;
    }

    @Override
    public Tensor forward(Tensor x, Context ctx) {
        return forward(x, ctx, null);
    }

    /**
     * Forward over x (T, B, I), time-major, starting from {@code initial} (zeros when null).
     *
     * @return (T, B, H) with returnSequences, else (B, H)
     */
    public Tensor forward(Tensor input, Context ctx, RecurrentState initial) {
        requireBuilt();
        if (input.rank() != 3 || input.dim(2) != I) {
            throw new IllegalArgumentException(kind() + " expects input (timesteps, batch, " + I
                    + ") in time-major layout; got " + Arrays.toString(input.shape()));
        }
        T = input.dim(0);
        B = input.dim(1);
        if (initial != null && (initial.batchSize() != B || initial.h().dim(1) != H
                || hasCellState() != (initial.c() != null))) {
            throw new IllegalArgumentException(kind() + " initial state must be (" + B + ", " + H + ")"
                    + (hasCellState() ? " for both h and c" : " for h only") + "; got h "
                    + Arrays.toString(initial.h().shape()) + (initial.c() == null ? "" : ", c " + Arrays.toString(initial.c().shape())));
        }
        streaming = ctx.predictOnly();
        ensureBuffers();
        x = input.data();
        refreshTransposes();
        loadInitialState(initial);
        keep = maskSource == null ? null : maskSource.keep(T, B);
        Parallel p = ctx.parallel();
        float[] bias = inputBias();
        // Steps in chunks of TC (all T when activations are kept): the input projection of a chunk is one GEMM,
        // then the batch rows are split over threads, each running the chunk's time steps.
        int tc = chunkSteps();
        for (int start = 0; start < T; start += tc) {
            int t0 = start;
            int t1 = Math.min(T, t0 + tc);
            int g0 = stepSlot(t0) * B * GH;
            for (int row = 0; row < (t1 - t0) * B; row++) {
                System.arraycopy(bias, 0, gates, g0 + row * GH, GH);               // b_ih (+ b_hh)
            }
            MatOps.mulAdd(p, x, t0 * B * I, I, weightIhT, 0, GH, gates, g0, GH, (t1 - t0) * B, I, GH); // + X · W_ihᵀ
            p.forRange(B, 1, (b0, b1) -> {
                for (int t = t0; t < t1; t++) {
                    stepForward(t, b0, b1 - b0);
                    if (keep != null) {
                        carryMasked(t, b0, b1);
                    }
                }
            });
        }
        forwardRan = true;
        return returnSequences
                ? Tensor.wrap(Arrays.copyOfRange(hs, B * H, (T + 1) * B * H), T, B, H)
                : Tensor.wrap(Arrays.copyOfRange(hs, T * B * H, (T + 1) * B * H), B, H);
    }

    /**
     * Keras's masked step: for the rows of [b0, b1) whose step t is masked, the state after t is the state before it
     * (h_t = h_{t−1}, c_t = c_{t−1}), so that the output there repeats the previous one.
     */
    private void carryMasked(int t, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            if (!keep[t * B + b]) {
                System.arraycopy(hs, (t * B + b) * H, hs, ((t + 1) * B + b) * H, H);   // h_t = h_{t−1}
                carryCellState(t, b);
            }
        }
    }

    /** c_t = c_{t−1} for row b, for cells that have one. */
    protected void carryCellState(int t, int b) {
    }

    /**
     * Backward step t over [b0, b1) with a mask: the kept rows by the cell's step, in runs; a masked row passes dh
     * (and dc) back unchanged and has no pre-activation gradient: dh_{t−1} = dh_t, dz_t = 0.
     */
    private void stepBackwardMasked(int t, int b0, int b1) {
        float[] dzh = recurrentGradient();
        int b = b0;
        while (b < b1) {
            int run = b;
            while (run < b1 && keep[t * B + run]) {
                run++;
            }
            if (run > b) {
                stepBackward(t, b, run - b);
                b = run;
                continue;
            }
            Arrays.fill(dzx, (t * B + b) * GH, (t * B + b + 1) * GH, 0f);                  // dz_t = 0
            if (dzh != dzx) {
                Arrays.fill(dzh, (t * B + b) * GH, (t * B + b + 1) * GH, 0f);
            }
            b++;                                                                            // dh_{t−1} = dh_t
        }
    }

    /** Floats of gate buffer a predict-only pass aims to stay within (about 1 MiB, a core's L2 here). */
    private static final int STREAM_GATE_FLOATS = 1 << 18;

    /** Time steps per chunk: T when activations are kept, else as many as fit the streaming budget (at least 1). */
    private int chunkSteps() {
        return streaming ? Math.max(1, Math.min(T, STREAM_GATE_FLOATS / (B * GH))) : T;
    }

    /** Which block of a per-step buffer (gates, ...) holds step t: t, or t mod chunk when streaming. */
    protected final int stepSlot(int t) {
        return streaming ? t % chunkSteps() : t;
    }

    /**
     * Which block of a state buffer with T+1 blocks (block 0 the initial state) holds the state after step t−1:
     * t, or t mod 2 when streaming (two blocks, previous and current).
     */
    protected final int stateSlot(int t) {
        return streaming ? t & 1 : t;
    }

    /** The state after the last forward pass (h_T, and c_T for an LSTM), copied. */
    public RecurrentState finalState() {
        if (!forwardRan) {
            throw new IllegalStateException(kind() + ": finalState called before any forward pass");
        }
        Tensor h = Tensor.wrap(Arrays.copyOfRange(hs, T * B * H, (T + 1) * B * H), B, H);
        return new RecurrentState(h, finalCellState());
    }

    /** c_T for cells that have one. */
    protected Tensor finalCellState() {
        return null;
    }

    /**
     * Advances {@code state} by one observation x_t (B, I) and returns h_t (B, H): the streaming API. The
     * result equals step t of a forward pass over the whole sequence. Discards the cached activations of
     * the last forward pass.
     */
    public Tensor step(Tensor xt, RecurrentState state, Context ctx) {
        requireBuilt();
        if (xt.rank() != 2 || xt.dim(1) != I) {
            throw new IllegalArgumentException(kind() + " step expects one observation per row, (batch, " + I
                    + "); got " + Arrays.toString(xt.shape()));
        }
        Tensor out = forward(xt.reshape(1, xt.dim(0), I), ctx, state);
        RecurrentState next = finalState();
        System.arraycopy(next.h().data(), 0, state.h().data(), 0, B * H);
        if (next.c() != null) {
            System.arraycopy(next.c().data(), 0, state.c().data(), 0, B * H);
        }
        return returnSequences ? out.reshape(B, H) : out;
    }

    /** b_ih, plus b_hh where the recurrent bias only adds (then it is added once for all steps, not per step). */
    private float[] inputBias() {
        if (!recurrentBiasIsAdditive()) {
            return biasIh.value();
        }
        float[] bIh = biasIh.value();
        float[] bHh = biasHh.value();
        for (int k = 0; k < GH; k++) {
            combinedBias[k] = bIh[k] + bHh[k];
        }
        return combinedBias;
    }

    private int weightIhTVersion = -1;
    private int weightHhTVersion = -1;

    /** Re-transposes W_ih and W_hh only when they changed since the last forward pass. */
    private void refreshTransposes() {
        if (weightIhTVersion != weightIh.version()) {
            MatOps.transpose(weightIh.value(), 0, GH, I, weightIhT, 0);
            weightIhTVersion = weightIh.version();
        }
        if (weightHhTVersion != weightHh.version()) {
            MatOps.transpose(weightHh.value(), 0, GH, H, weightHhT, 0);
            weightHhTVersion = weightHh.version();
        }
    }

    private void loadInitialState(RecurrentState initial) {
        if (initial == null) {
            Arrays.fill(hs, 0, B * H, 0f);
        } else {
            System.arraycopy(initial.h().data(), 0, hs, 0, B * H);
        }
        loadInitialCellState(initial);
    }

    /** Copies c_0 from {@code initial} (zeros when null) for cells that have one. */
    protected void loadInitialCellState(RecurrentState initial) {
    }

    /** Runs one time step t for rows [b0, b0 + R). */
    protected abstract void stepForward(int t, int b0, int R);

    /**
     * Runs one backward step t for rows [b0, b0 + R): reads dhNext (as dh_t), writes the step's
     * pre-activation gradients, leaves dh_{t-1} in dhNext.
     */
    protected abstract void stepBackward(int t, int b0, int R);

    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        requireForward();
        int[] expected = returnSequences ? new int[] {T, B, H} : new int[] {B, H};
        if (!Arrays.equals(dy.shape(), expected)) {
            throw new IllegalArgumentException(kind() + " backward expects dy of shape " + Arrays.toString(expected)
                    + "; got " + Arrays.toString(dy.shape()));
        }
        float[] d = dy.data();
        ensureBackwardBuffers();
        Arrays.fill(dhNext, 0, B * H, 0f);
        clearCellGradient();
        Parallel p = ctx.parallel();
        p.forRange(B, 1, (b0, b1) -> {
            for (int t = T - 1; t >= 0; t--) {
                if (returnSequences || t == T - 1) {
                    int off = (returnSequences ? t * B : 0) * H;
                    for (int k = b0 * H; k < b1 * H; k++) {
                        dhNext[k] += d[off + k];            // dh_t = dL/dy_t + (dL/dh_t from step t+1)
                    }
                }
                if (keep == null) {
                    stepBackward(t, b0, b1 - b0);
                } else {
                    stepBackwardMasked(t, b0, b1);
                }
            }
        });
        int rows = T * B;
        float[] dzh = recurrentGradient();
        if (I < MatOps.lanes()) {
            // Narrow input (few features): dW_ihᵀ (I, G·H) = Xᵀ · dzx is wide enough for vectors; add it transposed.
            Arrays.fill(dWeightIhT, 0f);
            MatOps.mulAddTransA(p, x, 0, I, dzx, 0, GH, dWeightIhT, 0, GH, I, rows, GH);
            addTransposed(dWeightIhT, weightIh.grad(), I, GH);                         // dW_ih += (Xᵀ · dzx)ᵀ
        } else {
            MatOps.mulAddTransA(p, dzx, 0, GH, x, 0, I, weightIh.grad(), 0, I, GH, rows, I); // dW_ih += dzxᵀ · X
        }
        accumulateWeightHhGrad(p, dzh);                                                  // dW_hh += dzhᵀ · H_prev
        MatOps.sumRows(p, dzx, 0, GH, rows, GH, biasIh.grad());                          // db_ih += Σ dzx
        MatOps.sumRows(p, dzh, 0, GH, rows, GH, biasHh.grad());                          // db_hh += Σ dzh
        float[] dx = new float[rows * I];
        if (I < MatOps.lanes()) {
            MatOps.mulAddTransB(p, dzx, 0, GH, weightIhT, 0, GH, dx, 0, I, rows, GH, I);  // dx = dzx · (W_ihᵀ)ᵀ, dot form
        } else {
            MatOps.mulAdd(p, dzx, 0, GH, weightIh.value(), 0, I, dx, 0, I, rows, GH, I);  // dx = dzx · W_ih
        }
        initialStateGradient = new RecurrentState(Tensor.wrap(Arrays.copyOf(dhNext, B * H), B, H), cellGradient());
        return Tensor.wrap(dx, T, B, I);
    }

    /** {@code into[r, c] += src[c, r]} for src (rows, cols). */
    private static void addTransposed(float[] src, float[] into, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                into[c * rows + r] += src[r * cols + c];
            }
        }
    }

    /** The pre-activation gradient of h_{t-1}·W_hhᵀ + b_hh, (T, B, G·H); the same as dzx unless a cell differs. */
    protected float[] recurrentGradient() {
        return dzx;
    }

    /** dW_hh += dzhᵀ · H_prev, where H_prev (T·B, H) is hs without its last block. */
    protected void accumulateWeightHhGrad(Parallel p, float[] dzh) {
        MatOps.mulAddTransA(p, dzh, 0, GH, hs, 0, H, weightHh.grad(), 0, H, GH, T * B, H);
    }

    /** Zeroes the cell-state gradient carried backwards in time, for cells that have one. */
    protected void clearCellGradient() {
    }

    /** dL/dc_0 after backward, for cells that have one. */
    protected Tensor cellGradient() {
        return null;
    }

    /** dL/dh_0 (and dL/dc_0) of the last backward pass: the gradient with respect to the initial state. */
    public RecurrentState initialStateGradient() {
        if (initialStateGradient == null) {
            throw new IllegalStateException(kind() + ": no backward pass has run yet");
        }
        return initialStateGradient;
    }

    private void ensureBuffers() {
        hs = grow(hs, (T + 1) * B * H);
        gates = grow(gates, stepSlots() * B * GH);
        ensureCellBuffers();
    }

    /** Buffers only backward needs, allocated on the first backward pass, so that inference never holds them. */
    private void ensureBackwardBuffers() {
        dzx = grow(dzx, T * B * GH);
        dhNext = grow(dhNext, B * H);
        ensureCellBackwardBuffers();
    }

    /** Blocks of the per-step buffers: T, or one chunk of steps when streaming. */
    protected final int stepSlots() {
        return chunkSteps();
    }

    /** Blocks of the state buffers: T+1, or 2 when streaming. */
    protected final int stateSlots() {
        return streaming ? 2 : T + 1;
    }

    /** Grows the cell's own forward buffers for the current T and B. */
    protected abstract void ensureCellBuffers();

    /** Grows the cell's own backward buffers for the current T and B. */
    protected void ensureCellBackwardBuffers() {
    }

    /** {@code buf} if it holds {@code size} floats, else a new array. */
    protected static float[] grow(float[] buf, int size) {
        return buf != null && buf.length >= size ? buf : new float[size];
    }

    private void requireForward() {
        if (!forwardRan || streaming) {
            throw new IllegalStateException(kind() + ": backward needs a forward pass that kept its activations"
                    + (streaming ? " (the last one was predict-only; use Context.inference or training)" : ""));
        }
    }

    @Override
    public String describe() {
        return H + (returnSequences ? ", returnSequences=true" : "") + (l2 > 0 ? ", l2=" + (float) l2 : "");
    }

    /** ", activation=..., recurrentActivation=..." for the ones that differ from tanh and sigmoid. */
    static String describeActivations(Activation act, Activation rec) {
        return (act == LayerSpec.Recurrent.DEFAULT_ACTIVATION ? "" : ", activation=" + act.kerasName())
                + (rec == LayerSpec.Recurrent.DEFAULT_RECURRENT_ACTIVATION ? "" : ", recurrentActivation=" + rec.kerasName());
    }
}
