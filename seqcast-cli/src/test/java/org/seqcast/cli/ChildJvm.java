package org.seqcast.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Child processes for tests that need what one JVM cannot do to itself: a stdout that is a full device, an
 * environment variable, a {@code kill -9}, a file system mounted for the test.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * A child JVM running {@code main} with the tests' class path; scalar kernels (no Vector API module, whose
     * compilation costs a short run more than it saves on the tests' tiny networks).
     */
    static ProcessBuilder java(Class<?> main, Object... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dseqcast.kernels=scalar", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        for (Object a : args) {
            cmd.add(String.valueOf(a));
        }
        return new ProcessBuilder(cmd);
    }

    /** {@code seqcast args...} in a child JVM. */
    static ProcessBuilder seqcast(Object... args) {
        return java(Main.class, args);
    }

    /** Runs {@code pb} to its end (at most {@code seconds}) and returns its exit code. */
    static int exitCode(ProcessBuilder pb, int seconds) throws IOException, InterruptedException {
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child did not end within " + seconds + " s: " + pb.command());
        }
        return p.exitValue();
    }

    /**
     * Mounts a tmpfs of {@code options} (e.g. {@code size=64k}, {@code ro}) on {@code dir}; true when it worked,
     * which needs Linux and the right to mount (root in most containers). Unmount with {@link #unmount}.
     */
    static boolean mountTmpfs(Path dir, String options) {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        try {
            return exitCode(new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD), 20) == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Remounts a tmpfs {@link #mountTmpfs} mounted with {@code options}. */
    static boolean remount(Path dir, String options) throws IOException, InterruptedException {
        return exitCode(new ProcessBuilder("mount", "-o", "remount," + options, dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD), 20) == 0;
    }

    static void unmount(Path dir) throws IOException, InterruptedException {
        exitCode(new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD), 20);
    }
}
