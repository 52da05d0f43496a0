/**
 * Classical benchmark forecasts as pure functions of a history y_1..y_n (no time index), each checked against R's
 * forecast package 8.20:
 * <ul>
 *   <li>{@link org.seqcast.baseline.SimpleBaselines}: mean, naive, seasonal naive, drift
 *       (tools/golden/accuracy_r.R);</li>
 *   <li>{@link org.seqcast.baseline.ExponentialSmoothing}: simple exponential smoothing, Holt's linear trend
 *       (optionally damped) and Holt-Winters additive / multiplicative, fitted by maximum likelihood or least
 *       squares exactly as R's ets() (its initial states, bounds and Nelder–Mead), giving an
 *       {@link org.seqcast.baseline.EtsFit};</li>
 *   <li>{@link org.seqcast.baseline.Theta}: R's thetaf() (SES with drift, multiplicative decomposition when the
 *       lag-m autocorrelation is significant), giving a {@link org.seqcast.baseline.ThetaFit};</li>
 *   <li>{@link org.seqcast.baseline.AutoRegression}: R's ar() (Yule–Walker, order by AIC) and predict(), giving an
 *       {@link org.seqcast.baseline.ArFit};</li>
 *   <li>{@link org.seqcast.baseline.LinearRegression}: R's tslm() on named regressors with an intercept and
 *       optionally a trend and seasonal dummies ({@link org.seqcast.baseline.RegressionTerms}), and
 *       forecast(fit, newdata) with predict.lm's prediction intervals, giving a
 *       {@link org.seqcast.baseline.RegressionFit}; it is not a BaselineFit, since it forecasts from the
 *       regressors' future values (tools/golden/regression_r.R).</li>
 * </ul>
 * Every method's fit is a {@link org.seqcast.baseline.BaselineFit} (sealed: also
 * {@link org.seqcast.baseline.MeanFit}, {@link org.seqcast.baseline.NaiveFit},
 * {@link org.seqcast.baseline.SeasonalNaiveFit}, {@link org.seqcast.baseline.DriftFit}) that keeps its estimates and
 * R's σ² of the one-step errors and forecasts any horizon, with R's prediction intervals at any levels
 * ({@link org.seqcast.baseline.PredictionIntervals}, checked against tools/golden/intervals_r.R);
 * {@link org.seqcast.baseline.SeasonalAdjustment} is thetaf's
 * seasonality test and multiplicative adjustment, shared with other methods.
 * The fitted methods are checked against tools/golden/smoothing_r.R. Everything here is self-contained: the
 * optimiser, decomposition, least squares and the normal and t quantiles are small package-private classes, with
 * no numerical library.
 */
package org.seqcast.baseline;
