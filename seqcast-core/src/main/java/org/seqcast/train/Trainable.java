package org.seqcast.train;

import java.util.List;
import org.seqcast.optim.Optimizer;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;

/**
 * What {@link Trainer} needs from a model: its parameters, its optimizer, its seeded shuffling stream, and the
 * loss and gradients on a batch of named inputs and targets. {@code Sequential} and {@code Graph} implement it,
 * so both are trained by the same loop. The model checks its data's names and shapes itself.
 */
public interface Trainable {
    /** The trainable parameters in a fixed order (the optimizer's state follows it). */
    List<Parameter> parameters();

    /** The optimizer that updates {@link #parameters()}. */
    Optimizer optimizer();

    /** The seeded stream that shuffles training samples. */
    Rng shuffleRng();

    /**
     * Zeroes the gradients, runs forward (dropout active) and backward on one batch and adds the L2 penalty's
     * gradient; the gradients are then in {@link #parameters()}.
     *
     * @return the loss on this batch, L2 penalty included
     */
    double computeGradients(Samples x, Samples y);

    /** The loss on (x, y), L2 penalty included, in inference mode (no dropout); checks names and shapes. */
    double evaluate(Samples x, Samples y);

    /** The parameter values, copied, for restoring later (early stopping's best weights). */
    default float[][] snapshotWeights() {
        List<Parameter> ps = parameters();
        float[][] out = new float[ps.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = new float[ps.get(k).size()];
        }
        return snapshotWeightsInto(out);
    }

    /** Copies the parameter values into {@code into} (from {@link #snapshotWeights()}), reusing its arrays. */
    default float[][] snapshotWeightsInto(float[][] into) {
        List<Parameter> ps = parameters();
        if (into.length != ps.size()) {
            throw new IllegalArgumentException("snapshot has " + into.length + " parameters, model has " + ps.size());
        }
        for (int k = 0; k < into.length; k++) {
            System.arraycopy(ps.get(k).value(), 0, into[k], 0, into[k].length);
        }
        return into;
    }

    /** Restores values taken by {@link #snapshotWeights()}. */
    default void restoreWeights(float[][] snapshot) {
        List<Parameter> ps = parameters();
        if (snapshot.length != ps.size()) {
            throw new IllegalArgumentException("snapshot has " + snapshot.length + " parameters, model has " + ps.size());
        }
        for (int k = 0; k < snapshot.length; k++) {
            System.arraycopy(snapshot[k], 0, ps.get(k).value(), 0, snapshot[k].length);
            ps.get(k).markModified();
        }
    }
}
