/**
 * Seqcast on Apache Spark: forecasts, backtests and fits of many series held in a {@code Dataset<Row>} in long
 * format (one row per series and time stamp), each series read, checked and modelled by the library's own code
 * paths on the executors, so that the results equal one machine's to the bit whatever the partitioning and the
 * number of executors. {@link org.seqcast.spark.SeqcastSpark} is the entry point.
 */
package org.seqcast.spark;
