package org.seqcast.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void roundTripsJavaArrays() {
        float[][][] a = {{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12}}};
        Tensor t = Tensor.of(a);
        assertArrayEquals(new int[] {2, 3, 2}, t.shape());
        assertEquals(10f, t.get(1, 1, 1));
        assertArrayEquals(a[1][2], t.toArray3d()[1][2]);
        Tensor swapped = t.swapFirstAxes();
        assertArrayEquals(new int[] {3, 2, 2}, swapped.shape());
        assertEquals(t.get(1, 2, 0), swapped.get(2, 1, 0));
        assertArrayEquals(t.data(), swapped.swapFirstAxes().data());
    }

    @Test
    void gatherAndSliceCopyRows() {
        Tensor t = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor g = t.gather(new int[] {2, 0, 1}, 0, 2);
        assertArrayEquals(new float[] {5, 6, 1, 2}, g.data());
        Tensor s = t.slice(1, 3);
        s.data()[0] = 99;
        assertEquals(3f, t.get(1, 0), "slice must copy");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.slice(2, 4)).getMessage().contains("[2, 4)"));
    }

    @Test
    void wrapChecksTheSize() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[5], 2, 3)).getMessage()
                .contains("needs 6"));
    }

    @Test
    void rngIsReproducibleAndSplitsIndependently() {
        Rng a = new Rng(7);
        Rng b = new Rng(7);
        for (int k = 0; k < 10; k++) {
            assertEquals(a.gaussian(), b.gaussian());
        }
        int[] p = new Rng(3).permutation(10);
        int[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    }
}
