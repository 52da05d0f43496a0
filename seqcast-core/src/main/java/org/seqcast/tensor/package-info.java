/**
 * Storage and execution primitives: {@link org.seqcast.tensor.Tensor} (row-major float32 arrays),
 * {@link org.seqcast.tensor.Rng} (the only source of randomness, always seeded) and
 * {@link org.seqcast.tensor.Parallel} (deterministic splitting of work over threads).
 */
package org.seqcast.tensor;
