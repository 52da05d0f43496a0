/**
 * Optimizers (SGD with momentum and Nesterov, Adam, AdamW, RMSprop) with Keras's default hyperparameters
 * and PyTorch's update formulas, and gradient clipping by global norm. Each owns its state.
 */
package org.seqcast.optim;
