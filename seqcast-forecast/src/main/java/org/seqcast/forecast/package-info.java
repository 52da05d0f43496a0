/**
 * Forecasters: the {@link org.seqcast.forecast.Forecaster} interface shared by the recurrent networks
 * ({@link org.seqcast.forecast.RnnForecaster}, configured by {@link org.seqcast.forecast.RnnConfig}) and the
 * classical baselines ({@link org.seqcast.forecast.BaselineForecaster}); per-series scaling fitted on training
 * data only ({@link org.seqcast.forecast.Scaling}); windows and calendar features; chronological splits;
 * conformal prediction intervals for any forecaster ({@link org.seqcast.forecast.ConformalForecaster}).
 */
package org.seqcast.forecast;
