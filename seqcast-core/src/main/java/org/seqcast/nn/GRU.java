package org.seqcast.nn;

import java.util.Objects;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.kernels.Gates;
import org.seqcast.nn.kernels.GruKernels;
import org.seqcast.nn.kernels.MatOps;
import org.seqcast.tensor.Parallel;

/**
 * Gated recurrent unit layer, Keras's {@code GRU(units)}; the equations, both reset conventions and the
 * update-gate convention are in {@link GruKernels}. Parameters in PyTorch's layout and gate order r, z, n:
 * {@code weight_ih_l0} (3H, I), {@code weight_hh_l0} (3H, H), {@code bias_ih_l0}, {@code bias_hh_l0} (3H).
 *
 * <p>{@link #resetAfter(boolean)} selects where the reset gate applies: after the recurrent product
 * (true, the default, as in PyTorch, cuDNN and Keras 2+) or before it (false, the original 2014 GRU).
 *
 * <p>As in Keras, {@link #recurrentActivation} (σ by default) drives the gates r and z and {@link #activation}
 * (tanh by default) the candidate n; PyTorch has only the defaults.
 */
public final class GRU extends Recurrent {
    private boolean resetAfter = LayerSpec.Gru.DEFAULT_RESET_AFTER;
    private Activation activation = LayerSpec.Recurrent.DEFAULT_ACTIVATION;
    private Activation recurrentActivation = LayerSpec.Recurrent.DEFAULT_RECURRENT_ACTIVATION;
    /** Recurrent pre-activations (T, B, 3H); one block when streaming. */
    private float[] hh;
    /** r_t ⊙ h_{t-1}, (T, B, H), reset-before only; one block when streaming. */
    private float[] rh;
    /** Gradient of the recurrent pre-activations (T, B, 3H), reset-after only. */
    private float[] dzh;
    /** Scratch d(r ⊙ h), (B, H), reset-before only. */
    private float[] drh;

    public GRU(int units) {
        super(units);
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.GRU.className();
    }

    /** True (default): n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); false: n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn). */
    public GRU resetAfter(boolean value) {
        requireNotBuilt();
        this.resetAfter = value;
        return this;
    }

    public boolean isResetAfter() {
        return resetAfter;
    }

    /** Keras's {@code activation}: of the candidate n. Default tanh. */
    public GRU activation(Activation act) {
        requireNotBuilt();
        this.activation = Activation.requireElementwise(Objects.requireNonNull(act, "activation"), kind() + " activation");
        return this;
    }

    public Activation activation() {
        return activation;
    }

    /** Keras's {@code recurrent_activation}: of the gates r and z. Default sigmoid. */
    public GRU recurrentActivation(Activation act) {
        requireNotBuilt();
        this.recurrentActivation = Activation.requireElementwise(Objects.requireNonNull(act, "recurrentActivation"), kind() + " recurrentActivation");
        return this;
    }

    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    @Override
    public LayerSpec.Gru spec() {
        return new LayerSpec.Gru(units(), isReturnSequences(), resetAfter, activation, recurrentActivation, l2());
    }

    @Override
    public GRU returnSequences(boolean value) {
        super.returnSequences(value);
        return this;
    }

    @Override
    public GRU l2(double lambda) {
        super.l2(lambda);
        return this;
    }

    @Override
    public GRU inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    protected boolean recurrentBiasIsAdditive() {
        return false;
    }

    @Override
    protected void ensureCellBuffers() {
        hh = grow(hh, stepSlots() * B * GH);
        if (!resetAfter) {
            rh = grow(rh, stepSlots() * B * H);
        }
    }

    @Override
    protected void ensureCellBackwardBuffers() {
        if (resetAfter) {
            dzh = grow(dzh, T * B * GH);
        } else {
            drh = grow(drh, B * H);
        }
    }

    @Override
    protected void stepForward(int t, int b0, int R) {
        int step = stepSlot(t) * B + b0;
        int g = step * GH;
        int prev = (t * B + b0) * H;
        int next = ((t + 1) * B + b0) * H;
        if (resetAfter) {
            GruKernels.stepForwardResetAfter(gates, g, hh, g, hs, prev, hs, next, weightHhT, biasHh.value(),
                    recurrentActivation, activation, R, H);
        } else {
            GruKernels.stepForwardResetBefore(gates, g, hh, g, rh, step * H, hs, prev, hs, next,
                    weightHhT, biasHh.value(), recurrentActivation, activation, R, H);
        }
    }

    @Override
    protected void stepBackward(int t, int b0, int R) {
        int g = (t * B + b0) * GH;
        int prev = (t * B + b0) * H;
        if (resetAfter) {
            GruKernels.stepBackwardResetAfter(dzx, g, dzh, g, dhNext, b0 * H, gates, g, hh, g, hs, prev,
                    weightHh.value(), recurrentActivation, activation, R, H);
        } else {
            GruKernels.stepBackwardResetBefore(dzx, g, dhNext, b0 * H, drh, b0 * H, gates, g, hs, prev,
                    weightHh.value(), recurrentActivation, activation, R, H);
        }
    }

    @Override
    protected float[] recurrentGradient() {
        return resetAfter ? dzh : dzx;
    }

    @Override
    protected void accumulateWeightHhGrad(Parallel p, float[] dz) {
        if (resetAfter) {
            super.accumulateWeightHhGrad(p, dz);
            return;
        }
        int rows = T * B;
        float[] dW = weightHh.grad();
        // rows r, z: dW_h{r,z} += dz{r,z}ᵀ · h_{t-1}
        p.forRange(2 * H, 1, (i0, i1) -> MatOps.mulAddTransA(dz, 0, GH, hs, 0, H, dW, 0, H, i0, i1, rows, H));
        // rows n: dW_hn += da_nᵀ · (r_t ⊙ h_{t-1})
        p.forRange(H, 1, (i0, i1) -> MatOps.mulAddTransA(dz, Gates.GRU_N * H, GH, rh, 0, H,
                dW, Gates.GRU_N * H * H, H, i0, i1, rows, H));
    }

    @Override
    public String describe() {
        return super.describe() + (resetAfter == LayerSpec.Gru.DEFAULT_RESET_AFTER ? "" : ", resetAfter=" + resetAfter)
                + Recurrent.describeActivations(activation, recurrentActivation);
    }
}
