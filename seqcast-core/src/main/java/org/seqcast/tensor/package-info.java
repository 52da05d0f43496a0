/**
 * Storage and execution primitives, the bottom of seqcast-core's package graph: {@link org.seqcast.tensor.Tensor}
 * (row-major float32 arrays), {@link org.seqcast.tensor.Parameter} (a trainable tensor and its gradient, shared by
 * layers, optimizers and the trainer), {@link org.seqcast.tensor.Rng} (the only source of randomness, always
 * seeded) and {@link org.seqcast.tensor.Parallel} (deterministic splitting of work over threads).
 */
package org.seqcast.tensor;
