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

    @Test
    void benchRejectsNonPositiveSizes() {
        assertEquals(2, run("bench", "--units", "0"));
        assertTrue(err.contains("must be positive") && err.contains("got 0"), err);
        assertEquals(2, run("bench", "--cell", "transformer"));
        assertTrue(err.contains("--cell must be lstm or gru"), err);
    }

    @Test
    void benchPrintsOneJsonRecordWithTheReferenceFields() throws Exception {
        assertEquals(0, run("bench", "--label", "tiny", "--cell", "gru", "--features", "2", "--window", "6",
                "--units", "5", "--horizon", "3", "--batch", "8", "--samples", "40", "--threads", "2", "--epochs", "1",
                "--warmup-epochs", "0", "--infer-calls", "3", "--infer-warmup", "1", "--infer-batch", "16",
                "--b256-min-calls", "1", "--b256-min-time", "0", "--b256-max-calls", "2", "--quiet"));
        com.fasterxml.jackson.databind.JsonNode rec = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        assertEquals("seqcast_rnn", rec.get("bench").asText());
        assertEquals("gru", rec.get("config").get("cell").asText());
        assertEquals(2, rec.get("threads").asInt());
        // 2 layers of GRU(5) on I=2: 6 steps x 3 x 5 x (2+5) + 6 x 3 x 5 x (5+5), plus the Dense 5 x 3
        assertEquals(6 * 15 * 7 + 6 * 15 * 10 + 15, rec.get("fwd_macs_per_sample").asLong());
        for (String field : new String[] {"train_samples_per_s", "train_gflops", "infer_b1_us", "infer_b256_samples_per_s",
            "peak_heap_mb", "kernels", "params"}) {
            assertTrue(rec.has(field), "missing field " + field + " in " + out);
        }
        assertTrue(rec.get("train_samples_per_s").asDouble() > 0);
        assertEquals("", err, "--quiet prints no progress");
    }
}
