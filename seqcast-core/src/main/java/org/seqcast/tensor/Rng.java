package org.seqcast.tensor;

import java.util.SplittableRandom;

/**
 * The one source of randomness in Seqcast: a seeded {@link SplittableRandom}. Every random decision
 * (initialisation, shuffling, dropout masks) draws from an {@code Rng} derived from the user's seed, in a
 * fixed order, on one thread, so the same seed gives the same numbers whatever the thread count.
 */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream; splitting in the same order from the same seed gives the same streams. */
    public Rng split() {
        return new Rng(random.split());
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Standard normal, by the Box-Muller transform (deterministic, unlike a cached-pair generator). */
    public double gaussian() {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int tmp = p[k];
            p[k] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
