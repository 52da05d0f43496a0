/**
 * Forecasters: the {@link org.seqcast.forecast.Forecaster} interface shared by the recurrent networks
 * ({@link org.seqcast.forecast.RnnForecaster}, configured by {@link org.seqcast.forecast.RnnConfig}) and the
 * classical baselines ({@link org.seqcast.forecast.BaselineForecaster}, fitted into a
 * {@link org.seqcast.forecast.FittedBaseline} that keeps each series' fit), networks on seasonally adjusted series
 * ({@link org.seqcast.forecast.DecomposedForecaster}), and ensembles of any of them combined per
 * step by the median or mean ({@link org.seqcast.forecast.EnsembleForecaster}); the fitted forecasters
 * ({@link org.seqcast.forecast.FittedRnn}, {@link org.seqcast.forecast.FittedBaseline},
 * {@link org.seqcast.forecast.FittedEnsemble}) may be shared between threads (see
 * {@link org.seqcast.forecast.FittedForecaster}) and saved by {@code org.seqcast.io.ModelFile}; {@link org.seqcast.forecast.Forecasters}, the registry of every
 * forecaster name; per-series scaling fitted on training
 * data only ({@link org.seqcast.forecast.Scaling}); windows and calendar features; chronological splits;
 * conformal prediction intervals for any forecaster ({@link org.seqcast.forecast.ConformalForecaster}); the roles
 * of covariates ({@link org.seqcast.forecast.CovariateRoles}: past, future-known, static), which make a network with
 * a decoder ({@link org.seqcast.forecast.RnnNetwork.Conditioned}), and the classical regression on the future-known
 * ones ({@link org.seqcast.forecast.RegressionForecaster}).
 */
package org.seqcast.forecast;
