/** Training losses (MSE, MAE, Huber): value and gradient with respect to the predictions. */
package org.seqcast.nn.loss;
