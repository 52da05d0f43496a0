package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Tensor;

/** Initial states, final states and the step-wise API agree with whole-sequence forward passes. */
class StatefulTest {
    private static final float TOL = 1e-6f;

    private static Recurrent layer(String kind) {
        return switch (kind) {
            case "lstm" -> new LSTM(5);
            case "gru" -> new GRU(5);
            case "gru-before" -> new GRU(5).resetAfter(false);
            case "rnn" -> new SimpleRNN(5);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Recurrent built(String kind, boolean sequences) {
        Recurrent r = layer(kind).returnSequences(sequences);
        r.build(new int[] {-1, 3}, new org.seqcast.tensor.Rng(11), "test");
        return r;
    }

    /** x (T, B, I) time-major, steps [from, to). */
    private static Tensor steps(Tensor x, int from, int to) {
        return x.slice(from, to);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "gru-before", "rnn"})
    void continuingFromTheFinalStateEqualsOneLongSequence(String kind) {
        Context ctx = Context.inference(Parallel.serial());
        Recurrent r = built(kind, true);
        Tensor x = TestData.normal(3, 8, 2, 3);
        Tensor whole = r.forward(x, ctx, null);
        RecurrentState finalWhole = r.finalState();
        r.forward(steps(x, 0, 5), ctx, null);
        RecurrentState mid = r.finalState();
        Tensor rest = r.forward(steps(x, 5, 8), ctx, mid);
        assertArrayEquals(whole.slice(5, 8).data(), rest.data(), TOL);
        assertArrayEquals(finalWhole.h().data(), r.finalState().h().data(), TOL);
        if (kind.equals("lstm")) {
            assertArrayEquals(finalWhole.c().data(), r.finalState().c().data(), TOL);
        } else {
            assertNull(r.finalState().c());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "gru-before", "rnn"})
    void steppingEqualsTheWholeSequence(String kind) {
        Context ctx = Context.inference(Parallel.serial());
        Recurrent r = built(kind, true);
        Tensor x = TestData.normal(4, 6, 2, 3);
        Tensor whole = r.forward(x, ctx, null);
        RecurrentState state = r.zeroState(2);
        for (int t = 0; t < 6; t++) {
            Tensor ht = r.step(x.slice(t, t + 1).reshape(2, 3), state, ctx);
            assertArrayEquals(whole.slice(t, t + 1).data(), ht.data(), TOL, "step " + t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "gru-before", "rnn"})
    void predictOnlyPassGivesTheSameBitsAndRefusesBackward(String kind) {
        Recurrent r = built(kind, true);
        Tensor x = TestData.normal(12, 9, 3, 3);
        RecurrentState s0 = r.zeroState(3);
        Tensor kept = r.forward(x, Context.inference(Parallel.shared(2)), s0);
        RecurrentState keptFinal = r.finalState();
        Tensor streamed = r.forward(x, Context.prediction(Parallel.shared(2)), s0);
        assertArrayEquals(kept.data(), streamed.data(), 0f);
        assertArrayEquals(keptFinal.h().data(), r.finalState().h().data(), 0f);
        if (keptFinal.c() != null) {
            assertArrayEquals(keptFinal.c().data(), r.finalState().c().data(), 0f);
        }
        String msg = assertThrows(IllegalStateException.class,
                () -> r.backward(Tensor.zeros(9, 3, 5), Context.inference(Parallel.serial()))).getMessage();
        assertTrue(msg.contains("predict-only"), msg);
    }

    @Test
    void nonZeroInitialStateChangesTheOutput() {
        Context ctx = Context.inference(Parallel.serial());
        Recurrent r = built("lstm", false);
        Tensor x = TestData.normal(5, 4, 2, 3);
        Tensor fromZero = r.forward(x, ctx, null);
        RecurrentState s = new RecurrentState(TestData.normal(6, 2, 5), TestData.normal(7, 2, 5));
        Tensor fromS = r.forward(x, ctx, s);
        assertTrue(!Arrays.equals(fromZero.data(), fromS.data()));
    }

    @Test
    void initialStateOfTheWrongShapeIsRejected() {
        Context ctx = Context.inference(Parallel.serial());
        Recurrent lstm = built("lstm", false);
        Tensor x = TestData.normal(5, 4, 2, 3);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(x, ctx, new RecurrentState(Tensor.zeros(2, 5), null))).getMessage();
        assertTrue(msg.contains("for both h and c"), msg);
        Recurrent gru = built("gru", false);
        msg = assertThrows(IllegalArgumentException.class,
                () -> gru.forward(x, ctx, new RecurrentState(Tensor.zeros(3, 5), null))).getMessage();
        assertTrue(msg.contains("(2, 5)") && msg.contains("[3, 5]"), msg);
    }

    @Test
    void modelStepperReproducesPredictAtEveryPrefix() {
        Sequential m = new Sequential(new LSTM(6).returnSequences(true).inputShape(-1, 2), new GRU(4),
                new Dense(3, "tanh")).seed(9).threads(1);
        m.build(-1, 2);
        Tensor x = TestData.normal(8, 3, 7, 2); // (B, T, I)
        Stepper stepper = m.stepper(3);
        for (int t = 0; t < 7; t++) {
            Tensor xt = Tensor.zeros(3, 2);
            for (int b = 0; b < 3; b++) {
                for (int i = 0; i < 2; i++) {
                    xt.set(x.get(b, t, i), b, i);
                }
            }
            Tensor out = stepper.step(xt);
            Tensor prefix = Tensor.zeros(3, t + 1, 2);
            for (int b = 0; b < 3; b++) {
                System.arraycopy(x.data(), b * 14, prefix.data(), b * (t + 1) * 2, (t + 1) * 2);
            }
            assertArrayEquals(m.predict(prefix).data(), out.data(), TOL, "prefix of " + (t + 1) + " steps");
        }
        stepper.reset();
        assertEquals(0f, stepper.state(0).h().data()[0]);
        assertThrows(IllegalArgumentException.class, () -> stepper.state(2));
        assertThrows(IllegalArgumentException.class, () -> stepper.step(Tensor.zeros(2, 2)));
    }
}
