package org.seqcast.golden;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The softmax activation and AdditiveAttention against PyTorch (fixtures from
 * tools/golden/generate_additive_batchnorm_torch.py: torch.softmax over the last axis after nn.Linear, and Keras's
 * additive self-attention written from its equations with PyTorch's operators, float64 from float32 inputs), checked
 * as {@link GoldenConvTorchTest} checks its fixtures: outputs to 1e-5 relative, every parameter gradient and dL/dx to
 * 1e-5 relative (to the tensor's largest magnitude), on 1 and 3 threads with the same bits, and the losses of 10
 * full-batch Adam steps to 1e-4.
 */
class GoldenAdditiveTorchTest {
    private static double worstOutput;
    private static double worstGradient;

    @AfterAll
    static void report() {
        System.out.printf("GoldenAdditiveTorchTest: worst error relative to each tensor's largest value: outputs %.2e,"
                + " gradients and dL/dx %.2e (bounds 1e-5)%n", worstOutput, worstGradient);
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax_dense_vector_and_sequence", "additive_attention_scaled_lstm",
        "additive_attention_unscaled_causal_sequence", "additive_attention_scaled_causal_gap"})
    void matchesPyTorch(String name) {
        double[] worst = GoldenConvTorchTest.check(name);
        worstOutput = Math.max(worstOutput, worst[0]);
        worstGradient = Math.max(worstGradient, worst[1]);
    }
}
