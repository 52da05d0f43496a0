package org.seqcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Runs {@link Main#run} in-process with stdout and stderr captured, and checks what a failed run prints. */
final class Cli {
    /** The datasets of seqcast-forecast's tests (the working directory of these tests is seqcast-cli). */
    static final Path DATA = Path.of("../testdata/data");
    static final Path AIR = DATA.resolve("airpassengers.csv");
    static final Path TOURISM = Path.of("../testdata/tourism");

    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b");

    private Cli() {
    }

    /** The exit code and everything the run printed. */
    record Result(int code, String out, String err) {
        /** stdout's non-empty lines. */
        List<String> outLines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /** Runs {@code seqcast args...}; every argument is turned into a string (paths, numbers). */
    static Result run(Object... args) {
        String[] argv = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            argv[i] = String.valueOf(args[i]);
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = Main.run(argv);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Runs and asserts exit 0. */
    static Result ok(Object... args) {
        Result r = run(args);
        assertEquals(0, r.code(), () -> "seqcast " + List.of(args) + " failed:\n" + r);
        return r;
    }

    /**
     * Bad input or a failed run: exit 1, exactly one line {@code error: ...} on stderr that contains every
     * fragment, nothing on stdout, no stack trace and no exception class name.
     */
    static void assertBadInput(Result r, String... fragments) {
        assertEquals(1, r.code(), r::toString);
        assertEquals("", r.out(), () -> "a failed run prints nothing on stdout\n" + r);
        assertEquals(1, r.err().lines().count(), () -> "one error line\n" + r);
        assertClean(r, fragments);
    }

    /**
     * A usage error: exit 2, the error line(s) with every fragment, then {@code Try 'seqcast <command> --help'}
     * ({@code command} empty for the top level).
     */
    static void assertUsageError(Result r, String command, String... fragments) {
        assertEquals(2, r.code(), r::toString);
        String name = command.isEmpty() ? "seqcast" : "seqcast " + command;
        assertTrue(r.err().contains("Try '" + name + " --help'"), r::toString);
        assertClean(r, fragments);
    }

    private static void assertClean(Result r, String... fragments) {
        assertTrue(r.err().startsWith("error: "), r::toString);
        for (String f : fragments) {
            assertTrue(r.err().contains(f), () -> "stderr lacks '" + f + "'\n" + r);
        }
        assertFalse(r.err().contains("\tat "), () -> "stack trace on stderr\n" + r);
        assertFalse(EXCEPTION_NAME.matcher(r.err()).find(), () -> "exception class name on stderr\n" + r);
    }
}
