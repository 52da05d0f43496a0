package org.seqcast.golden;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LayerNormalization and Attention against PyTorch (fixtures from tools/golden/generate_attention_torch.py:
 * nn.LayerNorm, and Keras's self-attention with dot and concat scores written with PyTorch's operators, float64 from float32
 * inputs), checked as {@link GoldenConvTorchTest} checks its fixtures: outputs to 1e-5 relative, every parameter
 * gradient and dL/dx to 1e-5 relative (to the tensor's largest magnitude), on 1 and 3 threads with the same bits,
 * and the losses of 10 full-batch Adam steps to 1e-4.
 */
class GoldenAttentionTorchTest {
    private static double worstOutput;
    private static double worstGradient;

    @AfterAll
    static void report() {
        System.out.printf("GoldenAttentionTorchTest: worst error relative to each tensor's largest value: outputs %.2e,"
                + " gradients and dL/dx %.2e (bounds 1e-5)%n", worstOutput, worstGradient);
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer_norm_sequences_and_vector", "attention_dot_lstm", "attention_scaled_causal_sequence",
        "attention_concat", "attention_concat_scaled_causal",
        // the real Keras 3.9 file testdata/keras/lstm_attn_gap_k3_legacy.h5 (a functional model whose Attention is
        // called on [lstm, lstm]) as the chain LSTM → Attention → GlobalAveragePooling1D → Dense → Dense, its weights
        "attention_real_keras_lstm_attn_gap"})
    void matchesPyTorch(String name) {
        double[] worst = GoldenConvTorchTest.check(name);
        worstOutput = Math.max(worstOutput, worst[0]);
        worstGradient = Math.max(worstGradient, worst[1]);
    }
}
