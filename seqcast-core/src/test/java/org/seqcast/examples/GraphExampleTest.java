package org.seqcast.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqcast.tensor.Tensor;

/** The README's graph example runs as written and both of its heads learn. */
class GraphExampleTest {
    @Test
    void bothHeadsLearn() {
        GraphExample.Result r = GraphExample.run(256, 8, 7);
        double[] loss = r.history().loss();
        // premise: the untrained graph is far from the targets (noisy sines of amplitude 1 around levels of sd 0.5)
        assertTrue(loss[0] > 0.3, "first epoch loss " + loss[0]);
        assertTrue(loss[loss.length - 1] < 0.5 * loss[0], "loss " + loss[0] + " -> " + loss[loss.length - 1]);
        Map<String, Tensor> out = r.graph().predict(r.inputs());
        assertArrayEquals(new int[] {256, GraphExample.HORIZON}, out.get("point").shape());
        assertArrayEquals(new int[] {256, 3}, out.get("q").shape());
    }
}
