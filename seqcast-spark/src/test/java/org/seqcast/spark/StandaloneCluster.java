package org.seqcast.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on the loopback interface: a master and {@code workers} one-core workers, Spark's
 * own classes ({@code org.apache.spark.deploy.master.Master}, {@code org.apache.spark.deploy.worker.Worker}) run
 * by {@link ClusterMain} in one JVM of their own with this JVM's class path (as Spark's own local-cluster mode
 * runs them); the workers start their executors as further JVMs. {@link #close()} stops them all (executors
 * first), waiting a bounded time.
 */
final class StandaloneCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final int port;
    private final Path home;

    /** Starts the master, then the workers (one core, 1 GiB each), logs in {@code dir}. */
    StandaloneCluster(Path dir, int workers) {
        this.home = dir.resolve("spark-home");
        try {
            // a worker builds its executors' class path from SPARK_HOME/jars (empty here: the executors get this
            // JVM's class path through spark.executor.extraClassPath)
            Files.createDirectories(home.resolve("jars"));
            port = freePort();
            List<String> args = new ArrayList<>(List.of(Integer.toString(port), Integer.toString(freePort())));
            for (int w = 0; w < workers; w++) {
                args.add(dir.resolve("work" + w).toString());
                args.add(Integer.toString(freePort()));
            }
            processes.add(start(dir, "cluster", ClusterMain.class.getName(), args.toArray(String[]::new)));
            awaitPort(port, 120);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /** The master's URL. */
    String master() {
        return "spark://127.0.0.1:" + port;
    }

    private Process start(Path dir, String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        command.addAll(List.of(System.getProperty("spark.java.options", "").split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command.stream().filter(s -> !s.isBlank()).toList())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the master", ie);
                }
            }
        }
        throw new IOException("the Spark master did not open port " + port + " within " + seconds + " s");
    }

    /** Stops the executors, the workers and the master (the processes this cluster started, and their children). */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).toHandle().descendants().forEach(all::add);
            all.add(processes.get(i).toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
