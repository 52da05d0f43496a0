/**
 * Time series data: {@link org.seqcast.data.Frequency} and {@link org.seqcast.data.TimeIndex} (a regular
 * calendar or integer index), {@link org.seqcast.data.TimeSeries} (target and covariate columns), reading CSV
 * files (wide and long layouts) and detecting and filling missing values and missing time stamps.
 * Everything here is an immutable value validated in its constructor; bad input throws
 * {@link java.lang.IllegalArgumentException} (or {@link org.seqcast.data.DataFormatException} for files) with
 * the file, line and column.
 */
package org.seqcast.data;
