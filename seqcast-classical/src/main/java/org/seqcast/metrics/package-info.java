/**
 * Forecast accuracy measures as pure functions: of point forecasts ({@link org.seqcast.metrics.Metrics}: MSE, RMSE,
 * MAE, MAPE, sMAPE, MASE with R forecast::accuracy's definitions) and of intervals and quantiles
 * ({@link org.seqcast.metrics.IntervalMetrics}: coverage, width, MSIS and the scaled pinball loss, as M4 defines them).
 */
package org.seqcast.metrics;
