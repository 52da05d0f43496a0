package org.seqcast.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seqcast.keras.KerasImport;
import org.seqcast.keras.KerasImportException;

/**
 * The Keras importer (HDF5 through jhdf, and .keras zip archives) under a coverage-guided fuzzer (Jazzer): every
 * file either imports or raises a {@link KerasImportException} with a message. The test suite replays the
 * corpus (src/test/resources/org/seqcast/fuzz/KerasFuzzTestInputs/&lt;method&gt;/); {@code bash tools/fuzz/fuzz.sh}
 * fuzzes.
 */
class KerasFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void kerasFileImportsOrSaysWhy(byte[] input) throws IOException {
        Path file = Files.createTempFile("fuzz", ".h5");
        try {
            Files.write(file, input);
            KerasImport.load(file);
        } catch (KerasImportException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("an exception without a message", e);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
