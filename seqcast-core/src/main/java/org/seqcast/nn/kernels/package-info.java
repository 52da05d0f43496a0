/**
 * The numerical kernels: the only place in Seqcast with gate math. One file per cell
 * ({@link org.seqcast.nn.kernels.LstmKernels}, {@link org.seqcast.nn.kernels.GruKernels},
 * {@link org.seqcast.nn.kernels.RnnKernels}) holds forward and backward side by side, each with its
 * shapes and equations in javadoc; {@link org.seqcast.nn.kernels.Gates} is the one home of gate order and
 * {@link org.seqcast.nn.kernels.MatOps} of matrix products. Kernels allocate nothing and print nothing.
 */
package org.seqcast.nn.kernels;
