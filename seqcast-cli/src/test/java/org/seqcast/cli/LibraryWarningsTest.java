package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library's warnings reach the user as the command's own {@code warning:} lines and honour {@code --quiet}: the
 * kernels' warning that the Vector API module is missing, in a child JVM started without the module and with the
 * kernels' automatic choice.
 */
class LibraryWarningsTest {
    private static final String[] BENCH = {"bench", "--cell", "lstm", "--window", "4", "--units", "3", "--layers",
        "1", "--samples", "16", "--batch", "8", "--threads", "1", "--epochs", "1", "--warmup-epochs", "0",
        "--infer-calls", "1", "--infer-warmup", "0", "--infer-batch", "4", "--b256-min-calls", "1",
        "--b256-min-time", "0", "--b256-max-calls", "1"};

    /** stderr of {@code seqcast bench} (tiny) in a child JVM without the Vector API module. */
    private static String stderrWithoutVectorModule(String... extra) throws Exception {
        List<Object> args = new ArrayList<>(List.of((Object[]) BENCH));
        args.addAll(List.of((Object[]) extra));
        ProcessBuilder pb = ChildJvm.seqcast(args.toArray());
        List<String> cmd = new ArrayList<>(pb.command());
        cmd.add(cmd.indexOf("-Dseqcast.kernels=scalar") + 1, "-Dseqcast.kernels=auto");   // the last -D wins
        pb.command(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not end");
        assertEquals(0, p.exitValue(), err);
        return err;
    }

    @Test
    void theKernelsWarningIsACommandWarningAndQuietSilencesIt() throws Exception {
        String loud = stderrWithoutVectorModule();
        String warning = "warning: Seqcast: the Java module jdk.incubator.vector is not present, so Seqcast uses its"
                + " scalar kernels";
        assertTrue(loud.contains(warning), loud);
        assertEquals(loud.indexOf(warning), loud.lastIndexOf(warning), "once per JVM: " + loud);
        assertFalse(loud.contains("KernelChoice") || loud.contains("WARNING:"), "no java.util.logging format: " + loud);

        String quiet = stderrWithoutVectorModule("--quiet");
        assertEquals("", quiet, "--quiet: nothing on stderr");
    }
}
