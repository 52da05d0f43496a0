package org.seqcast.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * {@code seqcast backtest|forecast|fit --spark MASTER ...}: runs the command on Apache Spark through the
 * seqcast-spark module when it and Spark are on the class path (its jar, run with spark-submit or with Spark's
 * jars), found by name so that this tool needs neither; without them the option is refused with how to get them.
 */
final class SparkDelegate {
    /** The seqcast-spark class that runs a command line on Spark ({@code static int run(String...)}). */
    static final String COMMAND = "org.seqcast.spark.cli.SparkCommand";

    private SparkDelegate() {
    }

    /** Whether {@code args} ask for Spark. */
    static boolean wanted(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--spark") || a.startsWith("--spark="));
    }

    /** Runs {@code args} on Spark and returns the exit code; 2 when Spark or seqcast-spark is missing. */
    static int run(String[] args, PrintStream err) {
        Class<?> command;
        try {
            command = Class.forName(COMMAND);
            Class.forName("org.apache.spark.sql.SparkSession");
        } catch (ClassNotFoundException | LinkageError e) {
            err.println("error: --spark runs the command on Apache Spark, which needs the seqcast-spark jar and"
                    + " Spark's jars: run it with spark-submit (spark-submit --class org.seqcast.cli.Main"
                    + " seqcast-spark.jar ...) or through ./seqcast, which adds them; see docs/SPARK.md ("
                    + e.getMessage() + " is not on the class path)");
            return 2;
        }
        try {
            return (Integer) command.getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(COMMAND + " cannot be run: " + e, e);
        }
    }
}
