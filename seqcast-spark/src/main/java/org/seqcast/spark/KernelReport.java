package org.seqcast.spark;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.CollectionAccumulator;
import org.seqcast.nn.kernels.Kernels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which kernels each executor's networks run ({@link Kernels#current()}: the Vector API's, or the scalar
 * fallback when the executor's JVM lacks {@code --add-modules jdk.incubator.vector}): each executor JVM logs it
 * and tells the driver once per job, through the job's accumulator.
 */
final class KernelReport {
    private static final Logger LOG = LoggerFactory.getLogger(KernelReport.class);
    /** The accumulators this JVM has already told. */
    private static final Set<Long> TOLD = ConcurrentHashMap.newKeySet();

    private KernelReport() {
    }

    /** Tells {@code kernels} (once per job and JVM) which kernels this executor uses. */
    static void note(CollectionAccumulator<String> kernels) {
        if (TOLD.add(kernels.id())) {
            String line = "executor " + executorId() + " (" + host() + "): " + Kernels.current().name() + " kernels";
            LOG.info("seqcast: {}", line);
            kernels.add(line);
        }
    }

    private static String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "?" : env.executorId();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown host";
        }
    }
}
