package org.seqcast.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.seqcast.data.CsvOptions;
import org.seqcast.data.DataFormatException;
import org.seqcast.data.SeriesCsv;
import org.seqcast.format.ModelFileException;
import org.seqcast.io.ModelFile;

/**
 * The readers of outside bytes under a coverage-guided fuzzer (Jazzer): every input either reads or raises the
 * documented exception with a message; anything else (a NullPointerException, an ArrayIndexOutOfBoundsException,
 * an OutOfMemoryError from a tiny file, a hang) is a finding. In the test suite each fuzz test replays its corpus
 * (src/test/resources/org/seqcast/fuzz/ReadersFuzzTestInputs/&lt;method&gt;/, the inputs that found bugs kept there);
 * {@code bash tools/fuzz/fuzz.sh} fuzzes each for a while.
 */
class ReadersFuzzTest {
    /** The option sets the CSV reader is fuzzed under: the default wide file, and a long file with every role. */
    private static final CsvOptions[] OPTIONS = {
        CsvOptions.defaults(),
        CsvOptions.builder().idColumn("id").target("y").futureCovariates("f").statics("s").build(),
    };

    @FuzzTest(maxDuration = "5m")
    void csvReadsOrSaysWhy(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (CsvOptions o : OPTIONS) {
            try {
                SeriesCsv.read(new StringReader(text), "fuzz.csv", o);
            } catch (DataFormatException e) {
                requireMessage(e);
            } catch (IllegalArgumentException e) {
                requireMessage(e);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void modelFileLoadsOrSaysWhy(byte[] input) {
        try {
            ModelFile.load(input);
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
