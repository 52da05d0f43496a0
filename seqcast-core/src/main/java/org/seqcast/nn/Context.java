package org.seqcast.nn;

import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Rng;

/**
 * What a forward pass needs besides its input: the threads to run on, whether this is training (dropout
 * active), the seeded stream dropout masks are drawn from (consumed on the calling thread only), and whether
 * the pass only predicts ({@code predictOnly}: recurrent layers then keep one time step of gate buffers instead
 * of all T, and no backward pass may follow).
 */
public record Context(Parallel parallel, boolean training, Rng rng, boolean predictOnly) {
    public Context {
        if (parallel == null) {
            throw new IllegalArgumentException("parallel must not be null; use Parallel.serial()");
        }
        if (training && rng == null) {
            throw new IllegalArgumentException("a training context needs an Rng for dropout masks");
        }
        if (training && predictOnly) {
            throw new IllegalArgumentException("a training pass cannot be predict-only: backward needs its activations");
        }
    }

    /** Training (dropout on), keeping every activation for backward. */
    public static Context training(Parallel parallel, Rng rng) {
        return new Context(parallel, true, rng, false);
    }

    /** Inference (no dropout) that keeps every activation, so that backward can follow (gradient checks). */
    public static Context inference(Parallel parallel) {
        return new Context(parallel, false, null, false);
    }

    /** Prediction only: no dropout, per-step buffers, no backward. */
    public static Context prediction(Parallel parallel) {
        return new Context(parallel, false, null, true);
    }
}
