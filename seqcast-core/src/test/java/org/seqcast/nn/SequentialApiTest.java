package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Tensor;

/** The Keras-shaped surface of {@link Sequential}. */
class SequentialApiTest {
    private static Sequential tutorial() {
        return new Sequential(new LSTM(50).returnSequences(true).inputShape(60, 1), new LSTM(50), new Dense(1));
    }

    @Test
    void compileBuildsFromTheDeclaredInputShape() {
        Sequential m = tutorial();
        m.compile(Loss.mse(), new Adam());
        assertTrue(m.isBuilt());
        assertArrayEquals(new int[] {60, 1}, m.inputShape());
        assertArrayEquals(new int[] {1}, m.outputShape());
        // PyTorch's count (two bias vectors per recurrent layer): 4·50·(1+50) + 2·200, 4·50·(50+50) + 2·200, 50 + 1.
        assertEquals(10600 + 20400 + 51, m.parameterCount());
        assertEquals(List.of("0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "1.weight_ih_l0",
                "1.weight_hh_l0", "1.bias_ih_l0", "1.bias_hh_l0", "2.weight", "2.bias"),
                List.copyOf(m.namedParameters().keySet()));
        String summary = m.summary();
        assertTrue(summary.contains("LSTM(50, returnSequences=true)") && summary.contains("(60, 50)")
                && summary.contains("10600") && summary.contains("Total params: 31051"), summary);
    }

    @Test
    void unbuiltModelBuildsOnFirstFitFromTheData() {
        Sequential m = new Sequential(new GRU(4), new Dense(2)).seed(3);
        m.compile("mse", "adam");
        m.fit(TestData.normal(1, 10, 7, 3), TestData.normal(2, 10, 2), 1, 5);
        assertArrayEquals(new int[] {7, 3}, m.inputShape());
    }

    @Test
    void arrayOverloadsMatchTensorOnes() {
        Sequential m = tutorial().seed(1);
        m.compile(Loss.mse(), new Adam());
        Tensor x = TestData.normal(1, 3, 60, 1);
        float[][] fromArrays = m.predict(x.toArray3d());
        assertArrayEquals(m.predict(x).data(), Tensor.of(fromArrays).data());
    }

    @Test
    void oneDimensionalTargetsAreAcceptedForASingleOutput() {
        Sequential m = new Sequential(new SimpleRNN(3).inputShape(4, 1), new Dense(1)).seed(2);
        m.compile(Loss.mae(), new Adam());
        Tensor x = TestData.normal(1, 6, 4, 1);
        Tensor y1 = TestData.normal(2, 6);
        assertEquals(m.evaluate(x, y1.reshape(6, 1)), m.evaluate(x, y1));
    }

    @Test
    void sequenceOutputsAreBatchFirst() {
        Sequential m = new Sequential(new LSTM(3).returnSequences(true).inputShape(5, 2), new Dense(4)).seed(5);
        m.build(5, 2);
        Tensor x = TestData.normal(1, 2, 5, 2);
        Tensor y = m.predict(x);
        assertArrayEquals(new int[] {2, 5, 4}, y.shape());
        // Row b of the output depends only on row b of the input, at every step.
        Tensor second = m.predict(x.slice(1, 2));
        assertArrayEquals(second.data(), y.slice(1, 2).data());
    }
}
