package org.seqcast.nn;

import java.util.Arrays;
import java.util.Objects;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.kernels.Gates;
import org.seqcast.nn.kernels.LstmKernels;
import org.seqcast.tensor.Tensor;

/**
 * Long short-term memory layer, Keras's {@code LSTM(units)}; the equations are in {@link LstmKernels}.
 * Parameters in PyTorch's layout and gate order i, f, g, o: {@code weight_ih_l0} (4H, I),
 * {@code weight_hh_l0} (4H, H), {@code bias_ih_l0}, {@code bias_hh_l0} (4H). Initialised as Keras does:
 * Glorot-uniform input weights, orthogonal recurrent weights, zero biases except the forget gate's,
 * which starts at 1 (Keras's {@code unit_forget_bias}, after Jozefowicz et al. 2015; the 1 sits in
 * bias_ih, so b_ih + b_hh equals Keras's single bias).
 *
 * <p>As in Keras, {@link #recurrentActivation} (σ by default) drives the gates i, f, o and {@link #activation}
 * (tanh by default) the candidate g and the output h = o ⊙ act(c); PyTorch has only the defaults.
 *
 * <pre>{@code
 * new LSTM(50).returnSequences(true).inputShape(timesteps, features)
 * }</pre>
 */
public final class LSTM extends Recurrent {
    private Activation activation = LayerSpec.Recurrent.DEFAULT_ACTIVATION;
    private Activation recurrentActivation = LayerSpec.Recurrent.DEFAULT_RECURRENT_ACTIVATION;
    /** Cell states (T+1, B, H), block 0 initial; two blocks when streaming. */
    private float[] cs;
    /** act(c_t) (tanh(c_t) by default), (T, B, H); one block when streaming. */
    private float[] tanhC;
    /** dL/dc flowing backwards in time, (B, H). */
    private float[] dcNext;

    public LSTM(int units) {
        super(units);
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.LSTM.className();
    }

    /** Keras's {@code activation}: of the candidate g and of the cell state in h = o ⊙ act(c). Default tanh. */
    public LSTM activation(Activation act) {
        requireNotBuilt();
        this.activation = Activation.requireElementwise(Objects.requireNonNull(act, "activation"), kind() + " activation");
        return this;
    }

    public Activation activation() {
        return activation;
    }

    /** Keras's {@code recurrent_activation}: of the gates i, f and o. Default sigmoid. */
    public LSTM recurrentActivation(Activation act) {
        requireNotBuilt();
        this.recurrentActivation = Activation.requireElementwise(Objects.requireNonNull(act, "recurrentActivation"), kind() + " recurrentActivation");
        return this;
    }

    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    @Override
    public LayerSpec.Lstm spec() {
        return new LayerSpec.Lstm(units(), isReturnSequences(), activation, recurrentActivation, l2());
    }

    @Override
    public LSTM returnSequences(boolean value) {
        super.returnSequences(value);
        return this;
    }

    @Override
    public LSTM l2(double lambda) {
        super.l2(lambda);
        return this;
    }

    @Override
    public LSTM inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    protected boolean recurrentBiasIsAdditive() {
        return true;
    }

    @Override
    protected void initBiases(float[] bIh, float[] bHh) {
        Arrays.fill(bIh, Gates.LSTM_F * H, (Gates.LSTM_F + 1) * H, 1f);
    }

    @Override
    protected boolean hasCellState() {
        return true;
    }

    @Override
    protected void ensureCellBuffers() {
        cs = grow(cs, stateSlots() * B * H);
        tanhC = grow(tanhC, stepSlots() * B * H);
    }

    @Override
    protected void ensureCellBackwardBuffers() {
        dcNext = grow(dcNext, B * H);
    }

    @Override
    protected void loadInitialCellState(RecurrentState initial) {
        if (initial == null) {
            Arrays.fill(cs, 0, B * H, 0f);
        } else {
            System.arraycopy(initial.c().data(), 0, cs, 0, B * H);
        }
    }

    @Override
    protected void stepForward(int t, int b0, int R) {
        int hPrev = (t * B + b0) * H;                // h_{t-1}
        int hNext = ((t + 1) * B + b0) * H;          // h_t
        int cPrev = (stateSlot(t) * B + b0) * H;     // c_{t-1}
        int cNext = (stateSlot(t + 1) * B + b0) * H; // c_t
        int step = stepSlot(t) * B + b0;
        LstmKernels.stepForward(gates, step * GH, hs, hPrev, cs, cPrev, hs, hNext, cs, cNext,
                tanhC, step * H, weightHhT, recurrentActivation, activation, R, H);
    }

    @Override
    protected void stepBackward(int t, int b0, int R) {
        int g = (t * B + b0) * GH;
        LstmKernels.stepBackward(dzx, g, dhNext, b0 * H, dcNext, b0 * H, gates, g, cs, (t * B + b0) * H,
                tanhC, (t * B + b0) * H, weightHh.value(), recurrentActivation, activation, R, H);
    }

    @Override
    protected void carryCellState(int t, int b) {
        System.arraycopy(cs, (stateSlot(t) * B + b) * H, cs, (stateSlot(t + 1) * B + b) * H, H);   // c_t = c_{t−1}
    }

    @Override
    protected Tensor finalCellState() {
        int last = stateSlot(T) * B * H;
        return Tensor.wrap(Arrays.copyOfRange(cs, last, last + B * H), B, H);
    }

    @Override
    protected void clearCellGradient() {
        Arrays.fill(dcNext, 0, B * H, 0f);
    }

    @Override
    protected Tensor cellGradient() {
        return Tensor.wrap(Arrays.copyOf(dcNext, B * H), B, H);
    }

    @Override
    public String describe() {
        return super.describe() + Recurrent.describeActivations(activation, recurrentActivation);
    }
}
