package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code seqcast} launcher script, run by bash in a copy of the repository layout with a stand-in {@code java}
 * on the PATH (so that no jar is built): it drops the JVM's incubator notice from stderr and nothing else.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherTest {
    private static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    @TempDir
    Path root;

    @Test
    void stderrWithANulByteIsPassedOnAsItIs() throws Exception {
        Path launcher = Files.copy(Path.of("../seqcast"), root.resolve("seqcast"));
        // the sources the launcher compares the jar with, all older than the jar
        Files.writeString(root.resolve("pom.xml"), "");
        for (String m : launcherModules(launcher)) {
            Files.createDirectories(root.resolve(m).resolve("src/main"));
            Files.writeString(root.resolve(m).resolve("pom.xml"), "");
        }
        Path jar = Files.createDirectories(root.resolve("seqcast-cli/target")).resolve("seqcast.jar");
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '" + NOTICE.replace("\n", "\\n") + "' >&2\n"
                + "printf 'error: cell \\000 and \\033[2J escape\\n' >&2\nprintf 'out\\n'\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "fit");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        // stderr goes to a file: the launcher's filter (grep in a process substitution) is its child and may
        // write after the launcher has exited, when Java has already drained and closed a stderr pipe
        Path errFile = root.resolve("stderr.txt");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(1, p.exitValue(), "the launcher exits with java's code");
        assertEquals("out\n", new String(out, StandardCharsets.UTF_8));
        assertEquals("error: cell \0 and \033[2J escape\n", new String(awaitLine(errFile), StandardCharsets.UTF_8),
                "stderr less the notice, byte for byte (grep once said 'binary file matches' here)");
    }

    /** The bytes of {@code file} once they end a line (the filter flushes at its end), or whatever is there after 20 s. */
    private static byte[] awaitLine(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        byte[] b = Files.readAllBytes(file);
        while ((b.length == 0 || b[b.length - 1] != '\n') && System.nanoTime() < deadline) {
            Thread.sleep(20);
            b = Files.readAllBytes(file);
        }
        return b;
    }

    /** The modules whose sources the launcher compares with the jar: its own {@code modules=(...)} line. */
    private static String[] launcherModules(Path launcher) throws java.io.IOException {
        String line = Files.readAllLines(launcher).stream().filter(l -> l.startsWith("modules=("))
                .findFirst().orElseThrow(() -> new AssertionError("the launcher has no modules=(...) line"));
        String[] modules = line.substring("modules=(".length(), line.indexOf(')')).trim().split("\\s+");
        org.junit.jupiter.api.Assertions.assertTrue(modules.length > 1, line);
        return modules;
    }
}
