/**
 * Time series data: {@link org.seqcast.data.Frequency} and {@link org.seqcast.data.TimeIndex} (a regular
 * calendar or integer index, month ends included), {@link org.seqcast.data.TimeSeries} (target and covariate
 * columns), reading CSV files ({@link org.seqcast.data.SeriesCsv} with {@link org.seqcast.data.CsvOptions}: wide
 * and long layouts, frequency inferred by {@link org.seqcast.data.FrequencyInference}) and detecting and filling
 * missing values and missing time stamps ({@link org.seqcast.data.MissingValues},
 * {@link org.seqcast.data.MissingReport}, {@link org.seqcast.data.MissingPolicy}).
 * <p>
 * Everything here is an immutable value validated in its constructor; bad input throws
 * {@link java.lang.IllegalArgumentException}, and for files {@link org.seqcast.data.DataFormatException}, whose
 * message says where (file, line, column), what is wrong, what was expected and how to fix it.
 */
package org.seqcast.data;
