package org.seqcast.forecast;

import java.util.Locale;

/**
 * How a network produces H steps.
 * <ul>
 *   <li>DIRECT (default): one network with a Dense(H) head maps a window to all H steps at once; errors do not
 *       compound and every step is trained for directly.</li>
 *   <li>RECURSIVE: a Dense(1) head forecasts one step; the forecast is appended to the window and fed back H
 *       times. Past covariates cannot be used (their future values are unknown).</li>
 * </ul>
 */
public enum Strategy {
    DIRECT, RECURSIVE;

    public static Strategy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown strategy '" + text + "'; use direct or recursive");
        }
    }
}
