package org.seqcast.forecast;

/**
 * {@link Forecast#withLevels} was asked for an interval the forecast does not carry: {@link #level()} is the first
 * such coverage, {@link #available()} those it carries (none when its model holds no calibration of intervals), so
 * that a caller can say how to get them.
 */
public final class MissingLevelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final double level;
    private final double[] available;

    /** The forecast of {@code seriesId} by {@code model} has no interval at {@code level}; it has {@code available}. */
    public MissingLevelException(String model, String seriesId, double level, double[] available) {
        super("levels: " + model + "'s forecast of series '" + seriesId + "' has "
                + (available.length == 0 ? "no intervals" : "intervals at " + percents(available) + " only")
                + ", not at " + ForecastDistribution.percent(level) + "%");
        this.level = level;
        this.available = available.clone();
    }

    /** The coverage asked for, in percent. */
    public double level() {
        return level;
    }

    /** The coverages the forecast carries, in percent, increasing; empty for none. */
    public double[] available() {
        return available.clone();
    }

    private static String percents(double[] coverages) {
        return String.join(", ", java.util.Arrays.stream(coverages)
                .mapToObj(c -> ForecastDistribution.percent(c) + "%").toList());
    }
}
