/**
 * Training losses, value and gradient with respect to the predictions, on whole tensors: the element-wise
 * {@link org.seqcast.nn.loss.Mse}, {@link org.seqcast.nn.loss.Mae} and {@link org.seqcast.nn.loss.Huber}
 * and {@link org.seqcast.nn.loss.LogSmape} (sMAPE of log-valued outputs) ({@link org.seqcast.nn.loss.Elementwise}) and the quantile loss {@link org.seqcast.nn.loss.Pinball}, whose
 * outputs carry one more axis than their targets; {@link org.seqcast.nn.loss.NonCrossingPinball} is the pinball
 * loss after {@link org.seqcast.nn.loss.NonCrossingQuantiles}, the map that keeps quantiles from crossing. {@link org.seqcast.nn.loss.Loss} is open to new losses; every built-in loss takes per-sample weights.
 */
package org.seqcast.nn.loss;
