package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.reference.GradientChecks;
import org.seqcast.reference.RefBidirectional;
import org.seqcast.reference.RefLoss;
import org.seqcast.reference.RefNet.Spec;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Tensor;

/**
 * The float32 {@link Bidirectional} against the double-precision {@link RefBidirectional} (itself checked by
 * central differences in {@code BidirectionalGradientCheckTest}): predictions to 1e-5 relative + 1e-6, the loss
 * to 1e-5, every parameter gradient of both directions and dL/dx to 1e-4 of the tensor's largest element; and
 * the same bits for 1 and 3 threads.
 */
class BidirectionalTest {
    private static final int B = 3;
    private static final int T = 4;
    private static final int I = 3;
    private static final int H = 4;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (LayerSpec.Bidirectional.Merge merge : LayerSpec.Bidirectional.Merge.values()) {
            for (boolean seq : new boolean[] {false, true}) {
                for (Spec cell : new Spec[] {Spec.lstm(H), Spec.gru(H), Spec.rnn(H, "relu"), Spec.gru(H).resetBefore()}) {
                    Spec s = seq ? cell.returnSequences() : cell;
                    out.add(Arguments.of(s + " " + merge.kerasName(), s, merge));
                }
            }
        }
        return out.build();
    }

    private static Sequential model(long seed, Spec spec, LayerSpec.Bidirectional.Merge merge, int threads) {
        LayerSpec.Recurrent inner = (LayerSpec.Recurrent) FloatVsReferenceTest.toLayer(spec).spec();
        Sequential m = new Sequential(new Bidirectional(inner, merge)).seed(seed).threads(threads);
        m.build(T, I);
        Random rnd = new Random(seed);
        Map<String, Tensor> state = m.stateDict();
        state.forEach((name, t) -> {
            if (name.contains("bias")) {
                float[] d = t.data();
                for (int k = 0; k < d.length; k++) {
                    d[k] = (float) (rnd.nextDouble() - 0.3);
                }
            }
        });
        m.loadStateDict(state);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheDoubleReference(String name, Spec spec, LayerSpec.Bidirectional.Merge merge) {
        long seed = Math.abs((long) name.hashCode());
        Sequential m = model(seed, spec, merge, 1);
        m.compile(Loss.mse(), new Adam());
        RefBidirectional ref = new RefBidirectional(I, spec, merge.kerasName());
        ref.loadStateDict(m.stateDict());

        Random rnd = new Random(seed);
        float[] xf = GradientChecks.uniform(rnd, B * T * I);
        double[] x = GradientChecks.toDouble(xf);
        Tensor xt = Tensor.wrap(xf, B, T, I);
        double[] refPred = ref.forward(x, B);
        Tensor pred = m.predict(xt);
        assertArrayEquals(spec.isReturnSequences() ? new int[] {B, T, merge == LayerSpec.Bidirectional.Merge.CONCAT ? 2 * H : H}
                : new int[] {B, merge == LayerSpec.Bidirectional.Merge.CONCAT ? 2 * H : H}, pred.shape());
        FloatVsReferenceTest.assertClose(name + " prediction", refPred, pred.data(), 1e-5, 1e-6);

        float[] yf = GradientChecks.uniform(rnd, refPred.length);
        double refLoss = ref.lossAndGradients(x, GradientChecks.toDouble(yf), RefLoss.mse(), B);
        double loss = m.computeGradients(xt, Tensor.wrap(yf, pred.shape()));
        assertEquals(refLoss, loss, 1e-5 * Math.abs(refLoss), name + " loss");
        Map<String, Tensor> grads = m.gradients();
        assertEquals(ref.grads().keySet(), grads.keySet());
        grads.forEach((p, g) -> FloatVsReferenceTest.assertTensorClose(name + " " + p, ref.grads().get(p), g.data()));

        Context ctx = Context.inference(Parallel.serial());
        Tensor again = m.forward(xt, ctx);
        Tensor dx = m.backward(m.loss().gradient(again, Tensor.wrap(yf, again.shape())), ctx);
        FloatVsReferenceTest.assertTensorClose(name + " dx", ref.inputGradient(), dx.data());
    }

    @Test
    void sameBitsForAnyThreadCount() {
        Spec spec = Spec.lstm(H).returnSequences();
        Random rnd = new Random(7);
        int batch = 9;
        Tensor x = Tensor.wrap(GradientChecks.uniform(rnd, batch * T * I), batch, T, I);
        Tensor y = Tensor.wrap(GradientChecks.uniform(rnd, batch * T * 2 * H), batch, T, 2 * H);
        Sequential one = model(3, spec, LayerSpec.Bidirectional.Merge.CONCAT, 1).compile(Loss.mse(), new Adam());
        Sequential three = model(3, spec, LayerSpec.Bidirectional.Merge.CONCAT, 3).compile(Loss.mse(), new Adam());
        assertArrayEquals(one.predict(x).data(), three.predict(x).data());
        assertEquals(one.computeGradients(x, y), three.computeGradients(x, y));
        one.gradients().forEach((k, g) -> assertArrayEquals(g.data(), three.gradients().get(k).data(), k));
    }

    @Test
    void theBackwardDirectionReadsTheSequenceReversed() {
        // With the forward direction's weights zeroed, sum's output is the backward layer's alone: a plain
        // LSTM with the _reverse weights run on the reversed sequence, whose output sequence is reversed back.
        LayerSpec.Lstm inner = new LayerSpec.Lstm(H).returnSequences(true);
        Sequential bi = Sequential.of(java.util.List.of(new LayerSpec.Bidirectional(inner, LayerSpec.Bidirectional.Merge.SUM)))
                .seed(11).build(T, I);
        Map<String, Tensor> state = bi.stateDict();
        state.forEach((k, t) -> {
            if (!k.endsWith("_reverse")) {
                java.util.Arrays.fill(t.data(), 0f);
            }
        });
        bi.loadStateDict(state);
        Sequential plain = Sequential.of(java.util.List.of(inner)).seed(1).build(T, I);
        Map<String, Tensor> own = plain.stateDict();
        own.replaceAll((k, t) -> state.get(k + "_reverse"));
        plain.loadStateDict(own);
        Tensor x = Tensor.wrap(GradientChecks.uniform(new Random(5), 2 * T * I), 2, T, I);
        float[] reversed = reverseSteps(x.data(), 2, T, I);
        float[] expected = reverseSteps(plain.predict(Tensor.wrap(reversed, 2, T, I)).data(), 2, T, H);
        // The zeroed forward LSTM outputs o ⊙ tanh(c) with o = σ(0) = 1/2, c = 0: exactly 0.
        assertArrayEquals(expected, bi.predict(x).data());
    }

    private static float[] reverseSteps(float[] v, int batch, int steps, int features) {
        float[] out = new float[v.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(v, (b * steps + t) * features, out, (b * steps + steps - 1 - t) * features, features);
            }
        }
        return out;
    }

    @Test
    void aStepperRefusesIt() {
        Sequential m = Sequential.of(java.util.List.of(new LayerSpec.Bidirectional(new LayerSpec.Gru(2)))).build(T, I);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.stepper(1));
        assertTrue(e.getMessage().contains("layer 0 (Bidirectional)") && e.getMessage().contains("predict"), e.getMessage());
    }
}
