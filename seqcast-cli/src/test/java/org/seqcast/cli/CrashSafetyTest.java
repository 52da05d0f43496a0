package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqcast.io.ModelFile;

/**
 * Saves survive {@code kill -9}: a child JVM saving a model over an existing file, or fitting with
 * {@code --out} an existing file, is killed at seeded random points, and the file is always a complete model,
 * byte for byte the old or the new one. The children run with SOURCE_DATE_EPOCH, so a model saved twice (or fitted
 * twice) in two JVMs gives the same bytes, which the test checks too. A longer run: tools/crash/crash.sh.
 */
class CrashSafetyTest {
    /** The children's fixed creation time (SOURCE_DATE_EPOCH). */
    private static final String EPOCH = "1700000000";
    /** Kills of the save loop (each starts a JVM: about a second; tools/crash/crash.sh does many more). */
    private static final int KILLS = 4;

    @TempDir
    static Path dir;

    private static ProcessBuilder child(ProcessBuilder pb) {
        pb.environment().put("SOURCE_DATE_EPOCH", EPOCH);
        return pb.redirectError(dir.resolve("child-stderr.txt").toFile());
    }

    /** Kills {@code p} as {@code kill -9} does and waits for it. */
    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }

    /** The target is a complete model with the bytes of one of {@code allowed}; returns which. */
    private static int completeModel(Path target, List<byte[]> allowed) throws IOException {
        byte[] now = Files.readAllBytes(target);
        for (int k = 0; k < allowed.size(); k++) {
            if (Arrays.equals(now, allowed.get(k))) {
                ModelFile.load(target);
                return k;
            }
        }
        throw new AssertionError(target + " is neither the old nor a new model after a kill (" + now.length + " bytes)");
    }

    /** Only the target and the temporary files of killed writes (".<name>.<pid>.<n>.tmp") are left. */
    private static void onlyTemporaryFilesBeside(Path target) throws IOException {
        try (Stream<Path> s = Files.list(target.getParent())) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + target.getFileName() + "."))
                    .forEach(n -> assertTrue(n.endsWith(".tmp"), n));
        }
    }

    @Test
    void aSaveKilledAtRandomPointsLeavesTheOldOrTheNewModel() throws Exception {
        Path sourceA = dir.resolve("a.seqcast");
        Path sourceB = dir.resolve("b.seqcast");
        // two quick models: the loop's time goes to encoding, writing and forcing the file to the device (the
        // window between the write and the rename that a kill must not damage), not to fitting
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "naive", "-q", "--out", sourceA);
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "theta", "-q", "--out", sourceB);
        Path saves = Files.createDirectories(dir.resolve("saves"));
        Path refA = dir.resolve("ref-a.seqcast");
        Path refB = dir.resolve("ref-b.seqcast");
        Path target = saves.resolve("model.seqcast");
        Files.copy(sourceA, target);
        byte[] old = Files.readAllBytes(target);
        List<byte[]> allowed = null;
        SplittableRandom random = new SplittableRandom(20261204L);
        int[] seen = new int[3];
        for (int kill = 0; kill < KILLS; kill++) {
            Process p = child(ChildJvm.java(SaveLoop.class, sourceA, sourceB, refA, refB, target)).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertEquals("ready", out.readLine(), () -> "the child failed: " + Files.exists(refA));
                List<byte[]> refs = List.of(old, Files.readAllBytes(refA), Files.readAllBytes(refB));
                if (allowed == null) {
                    allowed = refs;
                } else { // the same models saved again in another JVM: the same bytes
                    assertArrayEquals(allowed.get(1), refs.get(1));
                    assertArrayEquals(allowed.get(2), refs.get(2));
                }
                Thread.sleep(random.nextInt(300));
                kill(p);
            }
            seen[completeModel(target, allowed)]++;
        }
        assertTrue(seen[1] + seen[2] > 0, "no save finished before a kill: " + Arrays.toString(seen));
        onlyTemporaryFilesBeside(target);
    }

    @Test
    void aFitKilledAtARandomPointLeavesTheOldOrTheNewModelAndTwoFitsAreEqual() throws Exception {
        Path target = Files.createDirectories(dir.resolve("fit")).resolve("model.seqcast");
        Cli.ok("fit", "--data", Cli.AIR, "-H", "12", "--model", "naive", "-q", "--out", target);
        byte[] old = Files.readAllBytes(target);
        Path complete = dir.resolve("complete.seqcast");
        Object[] fit = {"fit", "--data", Cli.AIR, "-H", "12", "--cell", "gru", "--units", "8", "--epochs", "2",
            "--seed", "3", "-q", "--out"};
        long start = System.nanoTime();
        assertEquals(0, ChildJvm.exitCode(child(ChildJvm.seqcast(append(fit, complete))), 120));
        long millis = (System.nanoTime() - start) / 1_000_000;
        byte[] fresh = Files.readAllBytes(complete);

        Process p = child(ChildJvm.seqcast(append(fit, target))).start();
        Thread.sleep(new SplittableRandom(4L).nextLong(millis));
        kill(p);
        completeModel(target, List.of(old, fresh));

        assertEquals(0, ChildJvm.exitCode(child(ChildJvm.seqcast(append(fit, target))), 120));
        assertArrayEquals(fresh, Files.readAllBytes(target), "two fits in two JVMs give the same model file");
        onlyTemporaryFilesBeside(target);
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] out = Arrays.copyOf(args, args.length + 1);
        out[args.length] = last;
        return out;
    }
}
