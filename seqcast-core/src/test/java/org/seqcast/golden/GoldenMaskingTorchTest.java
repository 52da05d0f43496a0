package org.seqcast.golden;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Masking before recurrent layers against PyTorch (fixtures from tools/golden/generate_masking_torch.py: Keras's
 * masked steps written as a per-step loop, states carried over masked steps, on inputs padded at the end, at the
 * start, in the middle, not at all and entirely), checked as {@link GoldenConvTorchTest} checks its fixtures: outputs
 * to 1e-5 relative, every parameter gradient and dL/dx to 1e-5 relative, on 1 and 3 threads with the same bits, and
 * the losses of 10 full-batch Adam steps to 1e-4.
 */
class GoldenMaskingTorchTest {
    private static double worstOutput;
    private static double worstGradient;

    @AfterAll
    static void report() {
        System.out.printf("GoldenMaskingTorchTest: worst error relative to each tensor's largest value: outputs %.2e,"
                + " gradients and dL/dx %.2e (bounds 1e-5)%n", worstOutput, worstGradient);
    }

    @ParameterizedTest
    @ValueSource(strings = {"masking_lstm_gru", "masking_value_dense_rnn_sequences"})
    void matchesPyTorch(String name) {
        double[] worst = GoldenConvTorchTest.check(name);
        worstOutput = Math.max(worstOutput, worst[0]);
        worstGradient = Math.max(worstGradient, worst[1]);
    }
}
