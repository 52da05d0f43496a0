/**
 * The {@code seqcast} command's {@code --spark} runs ({@code backtest}, {@code forecast}, {@code fit}): options,
 * reading CSV or Parquet, writing Parquet or CSV; the seqcast command hands a command line with {@code --spark}
 * to {@link org.seqcast.spark.cli.SparkCommand}.
 */
package org.seqcast.spark.cli;
