/** Forecast accuracy measures (MSE, RMSE, MAE, MAPE, sMAPE, MASE) with R forecast::accuracy's definitions. */
package org.seqcast.metrics;
