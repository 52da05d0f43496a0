package org.seqcast.nn;

import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/** Seeded random tensors for tests. */
public final class TestData {
    private TestData() {
    }

    /** Standard normal values of the given shape. */
    public static Tensor normal(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        Rng rng = new Rng(seed);
        float[] d = t.data();
        for (int k = 0; k < d.length; k++) {
            d[k] = (float) rng.gaussian();
        }
        return t;
    }
}
