package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqcast.cli.Cli.assertBadInput;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects found by trying the command as a hostile user would, on small files: each one's fix. */
class HostileInputTest {
    @TempDir
    Path dir;

    /** Options that make an LSTM's training on AirPassengers diverge in its second epoch. */
    private static final Object[] DIVERGING = {"--model", "lstm", "--preset", "none", "--scaling", "none",
        "--optimizer", "sgd", "--lr", "1000", "--epochs", "3", "--units", "4"};

    private static Object[] args(Object[] head, Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void aDivergedModelIsNotSavedUnlessAskedAndWarnsWhenForecasting() {
        Path model = dir.resolve("diverged.seqcast");
        Cli.Result refused = Cli.run(args(new Object[] {"fit", "--data", Cli.AIR, "-H", "6", "--out", model, "-q"},
                DIVERGING));
        assertBadInput(refused, "training diverged (lstm: non-finite", "was not saved", "--allow-diverged");
        assertFalse(Files.exists(model));

        Cli.Result kept = Cli.ok(args(new Object[] {"fit", "--data", Cli.AIR, "-H", "6", "--out", model,
            "--allow-diverged"}, DIVERGING));
        assertTrue(kept.err().contains("warning: training diverged (lstm: non-finite"), kept::toString);
        assertFalse(kept.err().contains("org.seqcast.train.Trainer"), "no java.util.logging line\n" + kept);
        Cli.Result quietFit = Cli.ok(args(new Object[] {"fit", "--data", Cli.AIR, "-H", "6", "--out", model,
            "--allow-diverged", "-q"}, DIVERGING));
        assertEquals("", quietFit.err(), quietFit::toString);

        Cli.Result forecast = Cli.ok("forecast", "--model", model, "--data", Cli.AIR);
        assertTrue(forecast.err().startsWith("warning: the model " + model + " was saved although its training"
                + " diverged (lstm: non-finite"), forecast::toString);
        assertEquals(7, forecast.outLines().size(), forecast::toString);
        Cli.Result quiet = Cli.ok("forecast", "--model", model, "--data", Cli.AIR, "--quiet");
        assertEquals("", quiet.err(), quiet::toString);
        assertEquals(forecast.out(), quiet.out());
    }
}
