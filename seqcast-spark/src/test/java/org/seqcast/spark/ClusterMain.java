package org.seqcast.spark;

import java.io.IOException;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.worker.Worker;

/**
 * The JVM of a test's standalone cluster: a Spark master on 127.0.0.1 and its workers (one core, 1 GiB each),
 * each on a thread of its own as Spark's {@code main} methods run them; ends when its standard input closes or it
 * is told to stop ({@link StandaloneCluster#close()}).
 * <p>
 * Arguments: master port, master UI port, then per worker its work directory and UI port.
 */
public final class ClusterMain {
    private ClusterMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String master = "spark://127.0.0.1:" + args[0];
        daemon("master", () -> Master.main(new String[] {"--host", "127.0.0.1", "--port", args[0], "--webui-port",
            args[1]}));
        Thread.sleep(500); // the workers retry their registration anyway
        for (int w = 2; w + 1 < args.length; w += 2) {
            String dir = args[w];
            String ui = args[w + 1];
            daemon("worker" + w / 2, () -> Worker.main(new String[] {"--host", "127.0.0.1", "--cores", "1",
                "--memory", "1g", "--webui-port", ui, "--work-dir", dir, master}));
        }
        while (System.in.read() >= 0) {
            // runs until the test closes this process's input or stops it
        }
        System.exit(0);
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
