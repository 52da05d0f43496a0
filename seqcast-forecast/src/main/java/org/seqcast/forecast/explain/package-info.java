/**
 * Explanations of a network's forecast: {@link org.seqcast.forecast.explain.IntegratedGradients} attributes each
 * forecast step of a {@link org.seqcast.forecast.FittedRnn}, in model units, to the (time step × input feature)
 * cells of the window it reads (Sundararajan, Taly and Yan 2017, "Axiomatic Attribution for Deep Networks"), and
 * reports the completeness check: the attributions of a step sum to the network's output at the window minus its
 * output at the baseline window, up to the error of the Riemann sum, which
 * {@link org.seqcast.forecast.explain.Attribution} states. The gradients come from the engine
 * ({@link org.seqcast.nn.Sequential#inputGradient}, {@link org.seqcast.nn.Graph#inputGradients}).
 */
package org.seqcast.forecast.explain;
