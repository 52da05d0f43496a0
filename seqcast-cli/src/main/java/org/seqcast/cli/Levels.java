package org.seqcast.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqcast.forecast.ConformalConfig;
import org.seqcast.forecast.ForecastDistribution;

/**
 * The value of {@code --levels}: the central interval coverages in percent ({@code 80,95}), checked by
 * {@link ConformalConfig} (each in (0, 100), none twice) and kept increasing, or {@link #NONE} ({@code none}):
 * point forecasts only.
 *
 * @param coverages the coverages in percent, increasing; empty for none
 */
record Levels(double[] coverages) {
    /** What {@code --levels none} says, and what fit and backtest do without {@code --levels}. */
    static final String NONE_TEXT = "none";

    /** How the library's messages about levels begin (ConformalConfig, ConformalForecaster). */
    private static final String PARAMETER = "levels: ";

    /** No intervals. */
    static final Levels NONE = new Levels(new double[0]);

    Levels {
        coverages = coverages.length == 0 ? coverages : ConformalConfig.defaults().withLevels(coverages).levels();
    }

    /** The library's default coverages ({@link ConformalConfig#defaults()}): 80% and 95%. */
    static Levels defaults() {
        return new Levels(ConformalConfig.defaults().levels());
    }

    /**
     * Parses {@code 80,95} or {@code none}; a message for the user names what is wrong (a non-number, a level
     * outside (0, 100), a duplicate), without the option's name, which picocli adds.
     */
    static Levels parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase(NONE_TEXT)) {
            return NONE;
        }
        List<Double> values = new ArrayList<>();
        for (String item : t.split(",", -1)) {
            try {
                values.add(Double.parseDouble(item.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item.trim() + "' is not a number; give coverages in percent,"
                        + " comma-separated, e.g. 80,95 (or " + NONE_TEXT + ")");
            }
        }
        try {
            return new Levels(values.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            // the library's message names its parameter ("levels: ..."); picocli names the option
            throw new IllegalArgumentException(reason(e.getMessage()), e);
        }
    }

    /**
     * A library message about levels without the parameter name it starts with ("levels: "), so that the CLI can
     * name its option instead; any other message unchanged.
     */
    static String reason(String libraryMessage) {
        return libraryMessage.startsWith(PARAMETER) ? libraryMessage.substring(PARAMETER.length()) : libraryMessage;
    }

    boolean isNone() {
        return coverages.length == 0;
    }

    @Override
    public double[] coverages() {
        return coverages.clone();
    }

    /** As the option takes it: {@code 80,95} or {@code none}. */
    @Override
    public String toString() {
        return isNone() ? NONE_TEXT : String.join(",", percents(coverages));
    }

    /** Coverages as the user writes them: 80, 95, 97.5. */
    static List<String> percents(double[] coverages) {
        return Arrays.stream(coverages).mapToObj(ForecastDistribution::percent).toList();
    }

    /** "80%, 95%". */
    static String describe(double[] coverages) {
        return String.join(", ", percents(coverages).stream().map(p -> p + "%").toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Levels l && Arrays.equals(coverages, l.coverages);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coverages);
    }
}
