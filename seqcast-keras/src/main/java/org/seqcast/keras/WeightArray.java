package org.seqcast.keras;

import java.util.Arrays;

/**
 * One stored weight as read from the file, in Keras's layout, converted to float32.
 *
 * @param data   the values, row-major
 * @param shape  the stored shape, e.g. (I, G·H) for a kernel
 * @param source where it was read from, for messages: an HDF5 path such as
 *               {@code model_weights/gru/gru/gru_cell/kernel:0}, or {@code model.weights.h5:layers/gru/cell/vars/0}
 */
record WeightArray(float[] data, int[] shape, String source) {
    /** The shape as Keras and numpy print it, e.g. (3, 24). */
    String shapeText() {
        return shapeText(shape);
    }

    static String shapeText(int... shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightArray w && Arrays.equals(data, w.data) && Arrays.equals(shape, w.shape)
                && source.equals(w.source);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return source + " " + shapeText();
    }
}
