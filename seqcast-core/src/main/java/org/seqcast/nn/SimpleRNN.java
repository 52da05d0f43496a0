package org.seqcast.nn;

import java.util.Objects;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.kernels.RnnKernels;

/**
 * Fully connected (Elman) recurrent layer, Keras's {@code SimpleRNN(units)}: h_t = act(W_ih x_t + b_ih +
 * W_hh h_{t-1} + b_hh) with act tanh (default), relu (both as PyTorch's {@code nonlinearity}) or, as Keras
 * allows, any other {@link Activation}; see {@link RnnKernels}. Parameters as PyTorch's
 * {@code nn.RNN}: {@code weight_ih_l0} (H, I), {@code weight_hh_l0} (H, H), {@code bias_ih_l0},
 * {@code bias_hh_l0} (H).
 */
public final class SimpleRNN extends Recurrent {
    private Activation activation = LayerSpec.Recurrent.DEFAULT_ACTIVATION;

    public SimpleRNN(int units) {
        super(units);
    }

    @Override
    public String kind() {
        return LayerSpec.Kind.SIMPLE_RNN.className();
    }

    /** Keras's {@code activation}: tanh (default) or relu (PyTorch's {@code nonlinearity}), or any other. */
    public SimpleRNN activation(Activation act) {
        requireNotBuilt();
        this.activation = Activation.requireElementwise(Objects.requireNonNull(act, "activation"), kind() + " activation");
        return this;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public LayerSpec.SimpleRnn spec() {
        return new LayerSpec.SimpleRnn(units(), isReturnSequences(), activation, l2());
    }

    @Override
    public SimpleRNN returnSequences(boolean value) {
        super.returnSequences(value);
        return this;
    }

    @Override
    public SimpleRNN l2(double lambda) {
        super.l2(lambda);
        return this;
    }

    @Override
    public SimpleRNN inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    protected boolean recurrentBiasIsAdditive() {
        return true;
    }

    @Override
    protected void ensureCellBuffers() {
    }

    @Override
    protected void stepForward(int t, int b0, int R) {
        RnnKernels.stepForward(gates, (stepSlot(t) * B + b0) * GH, hs, (t * B + b0) * H, hs, ((t + 1) * B + b0) * H,
                weightHhT, activation, R, H);
    }

    @Override
    protected void stepBackward(int t, int b0, int R) {
        RnnKernels.stepBackward(dzx, (t * B + b0) * GH, dhNext, b0 * H, hs, ((t + 1) * B + b0) * H,
                weightHh.value(), activation, R, H);
    }

    @Override
    public String describe() {
        return super.describe() + (activation == LayerSpec.Recurrent.DEFAULT_ACTIVATION ? "" : ", activation=" + activation.kerasName());
    }
}
