package org.seqcast.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.seqcast.format.ModelFileException;
import org.seqcast.format.Npy;
import org.seqcast.format.Safetensors;

/**
 * The binary tensor readers under a coverage-guided fuzzer (Jazzer): every input either reads or raises the
 * documented exception with a message. The test suite replays the corpus
 * (src/test/resources/org/seqcast/fuzz/FormatsFuzzTestInputs/&lt;method&gt;/); {@code bash tools/fuzz/fuzz.sh} fuzzes.
 */
class FormatsFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void npyReadsOrSaysWhy(byte[] input) {
        try {
            Npy.read(input, "fuzz.npy");
        } catch (IllegalArgumentException e) {
            requireMessage(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void safetensorsReadsOrSaysWhy(byte[] input) {
        try {
            Safetensors.read(input, "fuzz.safetensors");
        } catch (ModelFileException e) {
            requireMessage(e);
        }
    }

    private static void requireMessage(RuntimeException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("an exception without a message", e);
        }
    }
}
