package org.seqcast.data;

import java.util.Locale;

/**
 * What to do with missing values (empty cells, NA, NaN, and time stamps absent from the file) before a
 * series reaches a model, which needs complete series.
 * <ul>
 *   <li>{@link #ERROR} (the default): refuse, saying how many values are missing and where the first is.</li>
 *   <li>{@link #INTERPOLATE}: a straight line between the neighbouring observed values. A gap at the very
 *       start or end has only one neighbour and is refused (use {@link #DROP_LEADING} or
 *       {@link #FORWARD_FILL}).</li>
 *   <li>{@link #FORWARD_FILL}: repeat the last observed value. A gap at the very start has no earlier value and
 *       is refused (use {@link #DROP_LEADING}).</li>
 *   <li>{@link #DROP_LEADING}: the series starts at its first complete time point (every column observed); the
 *       points before it are dropped. Gaps left inside the series are then interpolated and a gap at its end
 *       repeats the last value, so this is the lenient choice: it fails only for a column with no value at all.
 *       This suits series that start late (the usual cause of a leading gap) and want the rest filled.</li>
 * </ul>
 */
public enum MissingPolicy {
    ERROR("error"),
    INTERPOLATE("interpolate"),
    FORWARD_FILL("ffill"),
    DROP_LEADING("drop-leading");

    private final String label;

    MissingPolicy(String label) {
        this.label = label;
    }

    /** The name users write: error, interpolate, ffill, drop-leading. */
    public String label() {
        return label;
    }

    /**
     * Parses a policy name, case-insensitive, '_' and '-' alike: error, interpolate, ffill (also forward-fill),
     * drop-leading.
     */
    public static MissingPolicy parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing-value policy must not be null; use one of " + names());
        }
        String s = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (s) {
            case "error", "fail" -> ERROR;
            case "interpolate", "linear" -> INTERPOLATE;
            case "ffill", "forward-fill", "forwardfill", "locf" -> FORWARD_FILL;
            case "drop-leading", "dropleading" -> DROP_LEADING;
            default -> throw new IllegalArgumentException("unknown missing-value policy '" + text + "'; use one of "
                    + names());
        };
    }

    private static String names() {
        return "error, interpolate, ffill (forward-fill), drop-leading";
    }

    @Override
    public String toString() {
        return label;
    }
}
