package org.seqcast.nn;

import java.util.Arrays;
import java.util.List;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * A layer of a {@link Sequential} or {@link Graph} model. Configured by fluent setters before it is built, built once
 * when its input shape is known ({@link #build}), then run by {@link #forward} and {@link #backward}.
 *
 * <p>Layout between layers: sequences are <b>time-major</b>, (T, B, F), so that one time step of a batch
 * is contiguous; non-sequence activations are (B, F). The models convert from and to the
 * batch-first layout users see. Per-sample shapes (without the batch axis) are (T, F) or (F); T is -1
 * when any length is accepted.
 *
 * <p>Layers keep the activations of their last forward pass for backward; a layer is not thread-safe.
 */
public abstract class Layer {
    private int[] declaredInputShape;
    private int[] inputShape;
    private int[] outputShape;

    /** The Keras class name of this layer, e.g. {@code LSTM}, {@code Dense}. */
    public abstract String kind();

    /**
     * Declares the per-sample input shape, Keras's {@code input_shape}: (timesteps, features) for a
     * recurrent layer (timesteps -1 for any length), (features) for Dense. Only the first layer needs it.
     */
    public Layer inputShape(int... shape) {
        requireNotBuilt();
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] <= 0 && !(k == 0 && shape.length == 2 && shape[k] == -1)) {
                throw new IllegalArgumentException(kind() + " input shape must have positive sizes (timesteps may be -1"
                        + " for any length); got " + Arrays.toString(shape));
            }
        }
        this.declaredInputShape = shape.clone();
        return this;
    }

    /** The shape declared by {@link #inputShape}, or null. */
    public int[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    public boolean isBuilt() {
        return outputShape != null;
    }

    /**
     * Creates the parameters for this per-sample input shape and initialises them from {@code rng}.
     *
     * @param position how error messages name this layer, e.g. "layer 1 (LSTM)"
     * @return the per-sample output shape
     */
    public final int[] build(int[] inShape, Rng rng, String position) {
        requireNotBuilt();
        if (declaredInputShape != null && !shapesAgree(declaredInputShape, inShape)) {
            throw new IllegalArgumentException(position + " declares input shape " + Arrays.toString(declaredInputShape)
                    + " but receives " + Arrays.toString(inShape));
        }
        int[] out = doBuild(inShape.clone(), rng, position);
        this.inputShape = inShape.clone();
        this.outputShape = out.clone();
        return out;
    }

    static boolean shapesAgree(int[] declared, int[] actual) {
        if (declared.length != actual.length) {
            return false;
        }
        for (int k = 0; k < declared.length; k++) {
            if (declared[k] != actual[k] && declared[k] != -1 && actual[k] != -1) {
                return false;
            }
        }
        return true;
    }

    protected abstract int[] doBuild(int[] inShape, Rng rng, String position);

    /** Per-sample input shape; the layer must be built. */
    public int[] inputShapeBuilt() {
        requireBuilt();
        return inputShape.clone();
    }

    /** Per-sample output shape; the layer must be built. */
    public int[] outputShape() {
        requireBuilt();
        return outputShape.clone();
    }

    /** The trainable parameters, in PyTorch state-dict order. */
    public List<Parameter> parameters() {
        return List.of();
    }

    /** Runs the layer on a batch (time-major for sequences) and keeps what backward needs. */
    public abstract Tensor forward(Tensor x, Context ctx);

    /**
     * Given dL/dy for the output of the last {@link #forward}, accumulates dL/dθ into the parameters'
     * gradients and returns dL/dx.
     */
    public abstract Tensor backward(Tensor dy, Context ctx);

    /**
     * This layer's configuration as data: for every built-in layer, a {@link LayerSpec} whose
     * {@link LayerSpec#build()} makes an equal layer. A layer outside the vocabulary (a user subclass) has none:
     * it can run in a {@link Sequential} but cannot be saved, imported or exported.
     *
     * @throws UnsupportedOperationException for a layer that is not one of {@link LayerSpec.Kind}
     */
    public LayerSpec spec() {
        throw new UnsupportedOperationException(kind() + " (" + getClass().getName() + ") is not one of the layer"
                + " kinds " + LayerSpec.Kind.classNames() + ", so it has no spec");
    }

    /** The constructor arguments that differ from the defaults, for {@link Sequential#summary()}. */
    public abstract String describe();

    /** Checks an L2 coefficient (finite, ≥ 0). */
    protected static double checkL2(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0; got " + lambda);
        }
        return lambda;
    }

    protected final void requireNotBuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(kind() + " is already built; configure layers before the model is built");
        }
    }

    protected final void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException(kind() + " is not built yet: call Sequential.build(inputShape) or fit first");
        }
    }

    @Override
    public String toString() {
        return kind() + "(" + describe() + ")";
    }
}
