package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.seqcast.Seqcast;

class MainTest {
    private String out;
    private String err;

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void versionPrintsTheLibraryVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.startsWith("seqcast " + Seqcast.version()), out);
        assertTrue(!Seqcast.version().equals("unknown") && Seqcast.version().matches("\\d+\\.\\d+\\.\\d+.*"),
                "version resource was not filtered: " + Seqcast.version());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("--no-such-option"));
        assertTrue(err.contains("--no-such-option"), err);
    }

    @Test
    void demoRejectsNonPositiveEpochs() {
        assertEquals(2, run("demo", "--epochs", "0"));
        assertTrue(err.contains("--epochs must be positive"), err);
    }

    @Test
    void demoTrainsAndReportsAgainstNaive() {
        assertEquals(0, run("demo", "--epochs", "2", "--threads", "2", "--quiet"));
        assertTrue(out.contains("held-out one-step MSE: LSTM"), out);
        assertTrue(out.contains("naive (last value)"), out);
        assertEquals("", err, "--quiet prints no progress");
    }
}
