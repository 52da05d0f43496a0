package org.seqcast.tensor;

import java.util.Arrays;

/**
 * A trainable tensor and its gradient, both flat row-major float arrays of the same size.
 *
 * <p>{@link #name()} is the PyTorch state-dict key within its layer ({@code weight_ih_l0},
 * {@code bias}); {@code Sequential} prefixes the layer index ({@code 0.weight_ih_l0}). Gradients
 * accumulate ({@code +=}) in backward passes and are zeroed by {@link #zeroGrad()} only.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final float[] value;
    private final float[] grad;
    private final float l2;
    private int version;
    /** False for a buffer: state a layer updates itself (BatchNormalization's moving statistics). */
    private boolean trainable = true;

    /**
     * @param l2 the L2 penalty coefficient: the loss gains {@code l2 · Σ w²} (Keras's {@code l2(λ)}), 0 for none
     */
    public Parameter(String name, float l2, int... shape) {
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("parameter " + name + " needs positive dimensions; got "
                        + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("parameter " + name + " of shape " + Arrays.toString(shape)
                        + " has more values than one Java array holds (" + (Integer.MAX_VALUE - 8) + "); use fewer"
                        + " units or features");
            }
        }
        if (!(l2 >= 0f) || !Float.isFinite(l2)) {
            throw new IllegalArgumentException("L2 coefficient of " + name + " must be finite and >= 0; got " + l2);
        }
        this.name = name;
        this.shape = shape.clone();
        this.value = new float[(int) size];
        this.grad = new float[(int) size];
        this.l2 = l2;
    }

    /**
     * A buffer: a tensor a layer keeps and updates itself (BatchNormalization's moving mean and variance, PyTorch's
     * buffers running_mean and running_var), saved and loaded with the parameters but left alone by optimizers
     * (its gradient stays zero).
     */
    public static Parameter buffer(String name, int... shape) {
        Parameter p = new Parameter(name, 0f, shape);
        p.trainable = false;
        return p;
    }

    /** Whether optimizers update this tensor; false for a {@link #buffer}. */
    public boolean trainable() {
        return trainable;
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return value.length;
    }

    /**
     * The live value array. Code that writes into it must call {@link #markModified()} afterwards, so that
     * layers refresh what they derive from it (transposed copies used by the kernels); optimizers, {@link #set}
     * and {@code loadStateDict} do so.
     */
    public float[] value() {
        return value;
    }

    /** Records that {@link #value()} was changed in place. */
    public void markModified() {
        version++;
    }

    /** Counts the changes to the value; a derived copy is current while this has not moved. */
    public int version() {
        return version;
    }

    /** The live gradient array. */
    public float[] grad() {
        return grad;
    }

    /** The L2 penalty coefficient (0 for biases and unregularised weights). */
    public float l2() {
        return l2;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    /**
     * Copies {@code values} into this parameter after checking the shape.
     *
     * @throws IllegalArgumentException naming this parameter, the expected and the received shape
     */
    public void set(int[] valueShape, float[] values) {
        if (!Arrays.equals(valueShape, shape)) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(shape)
                    + " but the given tensor has shape " + Arrays.toString(valueShape));
        }
        System.arraycopy(values, 0, value, 0, value.length);
        markModified();
    }
}
