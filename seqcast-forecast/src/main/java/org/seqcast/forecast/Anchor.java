package org.seqcast.forecast;

import java.util.Locale;

/**
 * What a network's inputs and outputs are measured from, in scaled units. Inputs are always taken relative
 * to the window's last value ℓ = z_n (except with NONE); the targets are relative to:
 * <ul>
 *   <li>LAST: ℓ, so the network predicts the change from the last value (an all-zero output is the naive
 *       forecast);</li>
 *   <li>SEASON: the seasonal naive forecast z_{n − m + (k mod m)} for step k = 0..H−1, so the network predicts a
 *       correction to the value one season earlier (an all-zero output is the seasonal naive forecast);
 *       with m = 1 this is LAST;</li>
 *   <li>NONE: nothing, the network predicts scaled levels directly (the textbook set-up, which cannot follow a
 *       trend beyond the training range).</li>
 * </ul>
 */
public enum Anchor {
    NONE, LAST, SEASON;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Anchor parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown anchor '" + text + "'; use last, season or none");
        }
    }
}
