/**
 * Forecasters: the {@link org.seqcast.forecast.Forecaster} interface shared by the recurrent networks
 * ({@link org.seqcast.forecast.RnnForecaster}, configured by {@link org.seqcast.forecast.RnnConfig}), the
 * classical baselines ({@link org.seqcast.forecast.BaselineForecaster}, fitted into a
 * {@link org.seqcast.forecast.FittedBaseline} that keeps each series' fit) and networks on seasonally adjusted
 * series ({@link org.seqcast.forecast.DecomposedForecaster}); {@link org.seqcast.forecast.Forecasters}, the registry
 * of every forecaster name; per-series scaling fitted on training data only ({@link org.seqcast.forecast.Scaling});
 * windows and calendar features; chronological splits.
 */
package org.seqcast.forecast;
