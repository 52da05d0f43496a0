package org.seqcast.tensor;

import java.util.Arrays;

/**
 * A dense, row-major float32 array with a shape: the one storage type of Seqcast.
 *
 * <p>A tensor is a mutable buffer, like a NumPy array: {@link #data()} is the backing array itself, so
 * kernels can work on it without copying. Value semantics are the caller's choice: {@link #copy()} makes
 * an independent tensor. The factories that take Java arrays ({@link #of(float[][][])} and friends) copy
 * their argument and reject ragged arrays and non-finite values only where asked to ({@link #requireFinite}).
 *
 * <p>Shapes are written with the project's letters: B batch, T time steps, I input features, H hidden
 * units, O outputs. Models take and return batch-first tensors: (B, T, I) sequences and (B, O) or
 * (B, T, O) outputs.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /**
     * Wraps {@code data} (not copied) as a tensor of the given shape.
     *
     * @throws IllegalArgumentException if a dimension is not positive or the sizes disagree
     */
    public static Tensor wrap(float[] data, int... shape) {
        int[] s = shape.clone();
        long size = checkShape(s);
        if (data.length != size) {
            throw new IllegalArgumentException("tensor data has " + data.length + " values but shape "
                    + Arrays.toString(s) + " needs " + size);
        }
        return new Tensor(data, s);
    }

    /** A new tensor of zeros. */
    public static Tensor zeros(int... shape) {
        int[] s = shape.clone();
        long size = checkShape(s);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor shape " + Arrays.toString(s) + " has " + size
                    + " elements, more than a Java array can hold");
        }
        return new Tensor(new float[(int) size], s);
    }

    /** Copies a rank-1 array. */
    public static Tensor of(float[] values) {
        return wrap(values.clone(), values.length);
    }

    /** Copies a (rows, cols) array; every row must have the same length. */
    public static Tensor of(float[][] values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("cannot make a tensor of an empty array: got "
                    + values.length + " rows" + (values.length == 0 ? "" : " of length 0"));
        }
        int rows = values.length;
        int cols = values[0].length;
        float[] d = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("ragged array: row " + r + " has length " + values[r].length
                        + " but row 0 has " + cols);
            }
            System.arraycopy(values[r], 0, d, r * cols, cols);
        }
        return new Tensor(d, new int[] {rows, cols});
    }

    /** Copies a (B, T, I) array; every inner array must have the same length. */
    public static Tensor of(float[][][] values) {
        if (values.length == 0 || values[0].length == 0 || values[0][0].length == 0) {
            throw new IllegalArgumentException("cannot make a tensor of an empty (B, T, I) array");
        }
        int n0 = values.length;
        int n1 = values[0].length;
        int n2 = values[0][0].length;
        float[] d = new float[n0 * n1 * n2];
        for (int a = 0; a < n0; a++) {
            if (values[a].length != n1) {
                throw new IllegalArgumentException("ragged array: [" + a + "] has " + values[a].length
                        + " time steps but [0] has " + n1);
            }
            for (int b = 0; b < n1; b++) {
                if (values[a][b].length != n2) {
                    throw new IllegalArgumentException("ragged array: [" + a + "][" + b + "] has "
                            + values[a][b].length + " features but [0][0] has " + n2);
                }
                System.arraycopy(values[a][b], 0, d, (a * n1 + b) * n2, n2);
            }
        }
        return new Tensor(d, new int[] {n0, n1, n2});
    }

    private static long checkShape(int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("a tensor needs at least one dimension");
        }
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor dimensions must be positive; got shape "
                        + Arrays.toString(shape));
            }
            size *= d;
        }
        return size;
    }

    /** The backing array (not a copy). */
    public float[] data() {
        return data;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The element at a full index, e.g. {@code get(b, t, i)}. */
    public float get(int... index) {
        return data[flat(index)];
    }

    /** Sets the element at a full index. */
    public void set(float value, int... index) {
        data[flat(index)] = value;
    }

    private int flat(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " dimensions but the tensor has shape " + Arrays.toString(shape));
        }
        int f = 0;
        for (int k = 0; k < shape.length; k++) {
            if (index[k] < 0 || index[k] >= shape[k]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape "
                        + Arrays.toString(shape));
            }
            f = f * shape[k] + index[k];
        }
        return f;
    }

    /** The same data viewed under another shape of equal size (shares the array). */
    public Tensor reshape(int... newShape) {
        return wrap(data, newShape);
    }

    /** An independent copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /** The rows {@code [from, to)} of the first axis, copied. */
    public Tensor slice(int from, int to) {
        if (from < 0 || to > shape[0] || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside the first axis of length "
                    + shape[0]);
        }
        int row = data.length / shape[0];
        int[] s = shape.clone();
        s[0] = to - from;
        return new Tensor(Arrays.copyOfRange(data, from * row, to * row), s);
    }

    /** The rows listed in {@code rows}, in that order, copied (used to gather shuffled batches). */
    public Tensor gather(int[] rows, int from, int to) {
        int row = data.length / shape[0];
        int[] s = shape.clone();
        s[0] = to - from;
        float[] d = new float[(to - from) * row];
        for (int k = from; k < to; k++) {
            System.arraycopy(data, rows[k] * row, d, (k - from) * row, row);
        }
        return new Tensor(d, s);
    }

    /** As a (rows, cols) array; the tensor must have rank 2. */
    public float[][] toArray2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("toArray2d needs a rank-2 tensor; this one has shape "
                    + Arrays.toString(shape));
        }
        float[][] out = new float[shape[0]][];
        for (int r = 0; r < shape[0]; r++) {
            out[r] = Arrays.copyOfRange(data, r * shape[1], (r + 1) * shape[1]);
        }
        return out;
    }

    /** As a (B, T, F) array; the tensor must have rank 3. */
    public float[][][] toArray3d() {
        if (shape.length != 3) {
            throw new IllegalStateException("toArray3d needs a rank-3 tensor; this one has shape "
                    + Arrays.toString(shape));
        }
        float[][][] out = new float[shape[0]][shape[1]][];
        for (int a = 0; a < shape[0]; a++) {
            for (int b = 0; b < shape[1]; b++) {
                int off = (a * shape[1] + b) * shape[2];
                out[a][b] = Arrays.copyOfRange(data, off, off + shape[2]);
            }
        }
        return out;
    }

    /**
     * Throws unless every value is finite, naming the first bad element.
     *
     * @param what how the error message names this tensor, e.g. "x" or "validation y"
     */
    public Tensor requireFinite(String what) {
        for (int k = 0; k < data.length; k++) {
            if (!Float.isFinite(data[k])) {
                throw new IllegalArgumentException(what + " contains " + data[k] + " at index "
                        + Arrays.toString(unflat(k)) + " of shape " + Arrays.toString(shape)
                        + "; remove or impute missing values before training");
            }
        }
        return this;
    }

    private int[] unflat(int k) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = k % shape[a];
            k /= shape[a];
        }
        return idx;
    }

    /** Swaps the first two axes of a rank-3 tensor: (A, B, F) to (B, A, F). */
    public Tensor swapFirstAxes() {
        if (shape.length != 3) {
            throw new IllegalStateException("swapFirstAxes needs a rank-3 tensor; got " + Arrays.toString(shape));
        }
        int a = shape[0];
        int b = shape[1];
        int f = shape[2];
        float[] out = new float[data.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(data, (i * b + j) * f, out, (j * a + i) * f, f);
            }
        }
        return new Tensor(out, new int[] {b, a, f});
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
