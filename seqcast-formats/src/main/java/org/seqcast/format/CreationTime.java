package org.seqcast.format;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The time stamp Seqcast writes into files (a model file's {@code created}, its zip entries' times, a report's
 * date): the clock, or, when the environment variable {@value #VARIABLE} is set (seconds since 1970-01-01 UTC,
 * the reproducible-builds convention), that time, so that the same inputs give the same bytes on every run;
 * measured durations (a model file's time per epoch) are then recorded as 0.
 */
public final class CreationTime {
    /** The environment variable that fixes the time stamp. */
    public static final String VARIABLE = "SOURCE_DATE_EPOCH";

    private CreationTime() {
    }

    /** The fixed time {@value #VARIABLE} gives, if set. */
    public static Optional<Instant> fixed() {
        return parse(System.getenv(VARIABLE));
    }

    /** The time to write now: the fixed time, else the clock to the millisecond. */
    public static Instant now() {
        return fixed().orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * A measured duration as a file records it: {@code measured}, or 0 when {@value #VARIABLE} is set, since
     * no wall time repeats from run to run (the reproducible-builds convention drops them too).
     */
    public static long duration(long measured) {
        return fixed().isPresent() ? 0 : measured;
    }

    /** The instant of a {@value #VARIABLE} value; empty for {@code null} or blank. */
    static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(Instant.ofEpochSecond(seconds));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("the environment variable " + VARIABLE + " must be a whole number of"
                    + " seconds since 1970-01-01 UTC, e.g. 1700000000; got '" + value + "' (unset it to use the clock)");
        }
    }
}
