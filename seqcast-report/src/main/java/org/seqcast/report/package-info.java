/**
 * A self-contained HTML report of a backtest ({@link org.seqcast.report.HtmlReport}): settings, the model
 * comparison against the seasonal naive reference, charts of the history and final forecast, of every fold,
 * of the error by horizon step and of the training losses (drawn headless with JFreeChart and embedded as
 * base64 PNG data URIs), and the scores of every fold. One file, no external resources.
 */
package org.seqcast.report;
