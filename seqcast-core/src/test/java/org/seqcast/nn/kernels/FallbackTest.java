package org.seqcast.nn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.Dense;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;

/** Without {@code --add-modules jdk.incubator.vector} a JVM gets the scalar kernels, and the same answers. */
class FallbackTest {
    /** Run in a child JVM: prints the kernel name and one prediction of a seeded model. */
    public static void main(String[] args) {
        System.out.println(Kernels.current().name() + " " + predictOnce());
    }

    static float predictOnce() {
        Sequential m = new Sequential(new LSTM(20).inputShape(30, 2), new Dense(1)).seed(3).threads(1);
        m.build(30, 2);
        Tensor x = Tensor.zeros(1, 30, 2);
        for (int k = 0; k < x.size(); k++) {
            x.data()[k] = (float) Math.sin(k * 0.1);
        }
        return m.predict(x).data()[0];
    }

    @Test
    void aJvmWithoutTheVectorModuleUsesScalarKernels() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FallbackTest.class.getName())
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        String[] parts = out.split("\\s+");
        assertEquals("scalar", parts[parts.length - 2], out);
        assertEquals(predictOnce(), Float.parseFloat(parts[parts.length - 1]), 1e-5f, "scalar vs this JVM's kernels");
        // the missing module is reported at WARNING, once, however many times the kernels are used
        assertEquals(1, out.split(Pattern.quote("is not present, so Seqcast uses its scalar kernels"), -1)
                .length - 1, out);
        assertTrue(out.contains("WARNING"), out);
    }
}
