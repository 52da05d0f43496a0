package org.seqcast.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.Dense;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.TestData;
import org.seqcast.nn.loss.Loss;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Tensor;

class OptimizerTest {
    @Test
    void globalNormClippingScalesAllGradientsTogether() {
        Parameter a = new Parameter("a", 0f, 2);
        Parameter b = new Parameter("b", 0f, 1);
        a.grad()[0] = 3f;
        a.grad()[1] = 0f;
        b.grad()[0] = 4f;          // global norm 5
        SGD sgd = new SGD(1.0).globalClipNorm(1.0);
        double norm = sgd.step(List.of(a, b));
        assertEquals(5.0, norm, 1e-12);
        assertEquals(-0.6f, a.value()[0], 1e-7f);   // θ − lr · g · (1/5)
        assertEquals(-0.8f, b.value()[0], 1e-7f);
    }

    @Test
    void gradientsBelowTheClipNormAreUntouched() {
        Parameter a = new Parameter("a", 0f, 1);
        a.grad()[0] = 0.5f;
        new SGD(1.0).globalClipNorm(1.0).step(List.of(a));
        assertEquals(-0.5f, a.value()[0]);
    }

    @Test
    void nonFiniteGradientIsRefusedWithoutChangingWeights() {
        Parameter a = new Parameter("a", 0f, 2);
        a.value()[0] = 1f;
        a.markModified();
        a.grad()[0] = Float.NaN;
        String msg = assertThrows(IllegalStateException.class, () -> new Adam().step(List.of(a))).getMessage();
        assertTrue(msg.contains("NaN") && msg.contains("not applied"), msg);
        assertEquals(1f, a.value()[0]);
    }

    @Test
    void l2PenaltyIsAddedToLossAndGradient() {
        Sequential plain = new Sequential(new Dense(2).inputShape(3)).seed(1);
        Sequential reg = new Sequential(new Dense(2).l2(0.5).inputShape(3)).seed(1);
        plain.compile(Loss.mse(), new SGD());
        reg.compile(Loss.mse(), new SGD());
        Tensor x = TestData.normal(1, 4, 3);
        Tensor y = TestData.normal(2, 4, 2);
        double lossPlain = plain.computeGradients(x, y);
        double lossReg = reg.computeGradients(x, y);
        float[] w = reg.stateDict().get("0.weight").data();
        double sumSq = 0;
        for (float v : w) {
            sumSq += v * v;
        }
        assertEquals(lossPlain + 0.5 * sumSq, lossReg, 1e-6);
        float[] gPlain = plain.gradients().get("0.weight").data();
        float[] gReg = reg.gradients().get("0.weight").data();
        for (int k = 0; k < w.length; k++) {
            assertEquals(gPlain[k] + 2 * 0.5f * w[k], gReg[k], 1e-6f);
        }
        assertEquals(plain.gradients().get("0.bias").data()[0], reg.gradients().get("0.bias").data()[0],
                "biases are not regularised");
    }

    @Test
    void optimizersByKerasName() {
        assertTrue(Optimizer.of("adam") instanceof Adam);
        assertTrue(Optimizer.of("AdamW") instanceof AdamW);
        assertTrue(Optimizer.of("sgd") instanceof SGD);
        assertTrue(Optimizer.of("rmsprop") instanceof RMSprop);
        assertEquals(Adam.DEFAULT_LEARNING_RATE, Optimizer.of("adam").learningRate());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Optimizer.of("adagrad")).getMessage()
                .contains("expected sgd, adam, adamw or rmsprop"));
    }

    @Test
    void buffersAreLeftToTheirLayer() {
        // BatchNormalization's moving statistics: saved with the parameters, never moved by an optimizer (AdamW's
        // decoupled decay and SGD's momentum would otherwise shrink them at every step)
        for (Optimizer opt : List.of(new AdamW(0.1, 0.5), new SGD(0.1, 0.9, false), new RMSprop(), new Adam())) {
            Parameter weight = new Parameter("weight", 0f, 2);
            Parameter buffer = Parameter.buffer("running_var", 2);
            weight.value()[0] = 1f;
            buffer.value()[0] = 1f;
            weight.grad()[0] = 0.5f;
            int version = buffer.version();
            for (int k = 0; k < 3; k++) {
                opt.step(List.of(weight, buffer));
            }
            assertTrue(weight.value()[0] != 1f, opt + " moves a parameter");
            assertEquals(1f, buffer.value()[0], opt + " leaves a buffer alone");
            assertEquals(version, buffer.version(), opt + " does not mark a buffer modified");
            assertTrue(weight.trainable() && !buffer.trainable());
        }
    }
}
