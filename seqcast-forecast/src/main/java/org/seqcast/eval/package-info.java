/**
 * Evaluation: rolling-origin {@link org.seqcast.eval.Backtest}s of any forecasters on one or many series,
 * scored with {@link org.seqcast.metrics.Metrics} overall, per horizon step, per series and over series, and
 * compared with the seasonal naive forecast ({@link org.seqcast.eval.ModelSummary#skill()}); forecasts that carry
 * intervals or quantiles are also scored with {@link org.seqcast.metrics.IntervalMetrics} (coverage, width, MSIS,
 * scaled pinball; {@link org.seqcast.eval.IntervalSummary}).
 */
package org.seqcast.eval;
