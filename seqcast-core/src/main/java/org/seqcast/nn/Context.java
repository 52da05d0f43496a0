package org.seqcast.nn;

import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Rng;

/**
 * What a forward pass needs besides its input: the threads to run on, whether this is training (dropout
 * active), and the seeded stream dropout masks are drawn from (consumed on the calling thread only).
 */
public record Context(Parallel parallel, boolean training, Rng rng) {
    public Context {
        if (parallel == null) {
            throw new IllegalArgumentException("parallel must not be null; use Parallel.serial()");
        }
        if (training && rng == null) {
            throw new IllegalArgumentException("a training context needs an Rng for dropout masks");
        }
    }

    /** Inference on the given threads. */
    public static Context inference(Parallel parallel) {
        return new Context(parallel, false, null);
    }
}
