package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.optim.SGD;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.EarlyStopping;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/** Bad input gets an exception that says what was expected and what was received. */
class BadInputTest {
    private static <T extends Throwable> String message(Class<T> type, Executable e) {
        return assertThrows(type, e).getMessage();
    }

    private static Sequential compiled() {
        Sequential m = new Sequential(new LSTM(4).inputShape(5, 2), new Dense(1));
        m.compile(Loss.mse(), new Adam());
        return m;
    }

    @Test
    void wrongFeatureCountNamesBothShapes() {
        Sequential m = compiled();
        String msg = message(IllegalArgumentException.class, () -> m.predict(TestData.normal(1, 3, 5, 4)));
        assertTrue(msg.contains("(batch, 5, 2)") && msg.contains("(3, 5, 4)"), msg);
    }

    @Test
    void twoDimensionalInputToRecurrentModelSuggestsReshape() {
        Sequential m = compiled();
        String msg = message(IllegalArgumentException.class, () -> m.predict(TestData.normal(1, 3, 5)));
        assertTrue(msg.contains("reshape it to (samples, timesteps, features)"), msg);
    }

    @Test
    void targetShapeMismatchNamesExpectedShape() {
        Sequential m = compiled();
        String msg = message(IllegalArgumentException.class,
                () -> m.fit(TestData.normal(1, 6, 5, 2), TestData.normal(2, 6, 3), 1, 2));
        assertTrue(msg.contains("(6, 1)") && msg.contains("(6, 3)"), msg);
        msg = message(IllegalArgumentException.class,
                () -> m.fit(TestData.normal(1, 6, 5, 2), TestData.normal(2, 5, 1), 1, 2));
        assertTrue(msg.contains("6 samples"), msg);
    }

    @Test
    void nonFiniteInputsAndTargetsAreRejectedWithTheirPosition() {
        Sequential m = compiled();
        Tensor x = TestData.normal(1, 6, 5, 2);
        x.set(Float.NaN, 4, 2, 1);
        String msg = message(IllegalArgumentException.class, () -> m.fit(x, TestData.normal(2, 6, 1), 1, 2));
        assertTrue(msg.contains("x contains NaN at index [4, 2, 1]"), msg);
        Tensor y = TestData.normal(2, 6, 1);
        y.set(Float.POSITIVE_INFINITY, 3, 0);
        msg = message(IllegalArgumentException.class, () -> m.fit(TestData.normal(1, 6, 5, 2), y, 1, 2));
        assertTrue(msg.contains("y contains Infinity at index [3, 0]"), msg);
    }

    @Test
    void nonPositiveSizesAreRejected() {
        assertTrue(message(IllegalArgumentException.class, () -> new LSTM(0)).contains("got 0"));
        assertTrue(message(IllegalArgumentException.class, () -> new GRU(-3)).contains("got -3"));
        assertTrue(message(IllegalArgumentException.class, () -> new Dense(0)).contains("positive"));
        assertTrue(message(IllegalArgumentException.class, () -> new Dropout(1.0)).contains("[0, 1)"));
        assertTrue(message(IllegalArgumentException.class, () -> new LSTM(3).inputShape(0, 2)).contains("positive"));
        assertTrue(message(IllegalArgumentException.class, () -> Tensor.zeros(2, 0)).contains("positive"));
        assertTrue(message(IllegalArgumentException.class,
                () -> FitOptions.builder().batchSize(0).build()).contains("batch size"));
        assertTrue(message(IllegalArgumentException.class,
                () -> FitOptions.builder().epochs(-1).build()).contains("epochs"));
        assertTrue(message(IllegalArgumentException.class, () -> new Adam(-0.1)).contains("learning rate"));
    }

    @Test
    void raggedArraysAreRejected() {
        float[][][] ragged = {{{1f}, {2f}}, {{3f}}};
        assertTrue(message(IllegalArgumentException.class, () -> Tensor.of(ragged)).contains("ragged"));
    }

    @Test
    void lifecycleMisuseIsAnIllegalState() {
        Sequential unbuilt = new Sequential(new LSTM(3), new Dense(1));
        assertTrue(message(IllegalStateException.class, () -> unbuilt.predict(TestData.normal(1, 2, 4, 1)))
                .contains("not built"));
        Sequential uncompiled = new Sequential(new LSTM(3).inputShape(4, 1), new Dense(1));
        assertTrue(message(IllegalStateException.class,
                () -> uncompiled.fit(TestData.normal(1, 2, 4, 1), TestData.normal(2, 2, 1), 1, 1))
                .contains("compiled"));
        Sequential built = compiled();
        assertTrue(message(IllegalStateException.class, () -> built.seed(3)).contains("before the model is built"));
        assertTrue(message(IllegalStateException.class, () -> built.add(new Dense(1))).contains("already built"));
        assertTrue(message(IllegalStateException.class, () -> new Sequential().build(3)).contains("empty"));
    }

    @Test
    void recurrentLayerAfterNonSequenceOutputExplainsReturnSequences() {
        Sequential m = new Sequential(new LSTM(4).inputShape(5, 2), new LSTM(3), new Dense(1));
        String msg = message(IllegalArgumentException.class, () -> m.build(5, 2));
        assertTrue(msg.contains("layer 1 (LSTM)") && msg.contains("returnSequences(true)"), msg);
    }

    @Test
    void valLossMonitorWithoutValidationDataIsRejected() {
        Sequential m = compiled();
        String msg = message(IllegalArgumentException.class, () -> m.fit(TestData.normal(1, 6, 5, 2),
                TestData.normal(2, 6, 1), FitOptions.builder().earlyStopping(EarlyStopping.patience(2)).build()));
        assertTrue(msg.contains("no validation data"), msg);
    }

    @Test
    void stateDictWithWrongNameOrShapeIsRejected() {
        Sequential m = compiled();
        Map<String, Tensor> state = m.stateDict();
        state.put("0.weight_ih_l0", Tensor.zeros(3, 2));
        String msg = message(IllegalArgumentException.class, () -> m.loadStateDict(state));
        assertTrue(msg.contains("0.weight_ih_l0") && msg.contains("[16, 2]") && msg.contains("[3, 2]"), msg);
        Map<String, Tensor> extra = m.stateDict();
        extra.put("0.weight_ih_l1", Tensor.zeros(1));
        assertTrue(message(IllegalArgumentException.class, () -> m.loadStateDict(extra)).contains("0.weight_ih_l1"));
    }

    @Test
    void divergingTrainingStopsWithEpochAndBatchAndKeepsFiniteWeights() {
        Sequential m = new Sequential(new SimpleRNN(8).activation(org.seqcast.nn.kernels.Activation.RELU)
                .inputShape(6, 1), new Dense(1)).seed(3);
        m.compile(Loss.mse(), new SGD(1e4));
        Tensor x = TestData.normal(1, 40, 6, 1);
        Tensor y = TestData.normal(2, 40, 1);
        History h = m.fit(x, y, FitOptions.builder().epochs(20).batchSize(8).build());
        assertTrue(h.diverged(), "an SGD learning rate of 1e4 must diverge: " + h.stopReason());
        assertTrue(h.stopReason().matches("non-finite (loss|gradient).* at epoch \\d+, batch \\d+ of 5.*"), h.stopReason());
        for (Tensor w : m.stateDict().values()) {
            w.requireFinite("weights after divergence");
        }
        Tensor p = m.predict(x);
        assertEquals(40, p.dim(0));
    }

    @Test
    void tensorIndexOutsideShapeIsRejected() {
        Tensor t = Tensor.zeros(2, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertTrue(message(IllegalArgumentException.class, () -> t.get(1)).contains("[2, 3]"));
        assertArrayEquals(new int[] {3, 2}, t.reshape(3, 2).shape());
    }
}
