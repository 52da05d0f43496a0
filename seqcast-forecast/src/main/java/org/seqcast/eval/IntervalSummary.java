package org.seqcast.eval;

import java.util.Arrays;
import org.seqcast.forecast.ForecastDistribution;

/**
 * One model's interval and quantile scores in a backtest ({@link IntervalScores} per forecast), aggregated as
 * the point measures are: each fold's score averaged per series, then over series (NaN values left out); per
 * horizon step, averaged over every series and fold. {@link #NONE} for a model whose forecasts carry no
 * distribution.
 *
 * @param levels         the coverages scored, percent, increasing
 * @param coverage       per level, the mean observed coverage in percent
 * @param width          per level, the mean width in the series' units
 * @param msis           mean MSIS of the 95% interval (NaN without one, or when no series has a defined scale)
 * @param scaledPinball  mean scaled pinball loss over the distribution's quantile levels
 * @param coverageByStep [level][k]: the percentage of step k's actual values inside the interval, over every
 *                       series and fold
 * @param widthByStep    [level][k]: the mean width of step k
 * @param msisByStep     step k's interval score of the 95% interval divided by the series' scale, averaged
 * @param pinballByStep  step k's pinball loss over the levels divided by the series' scale, averaged
 */
public record IntervalSummary(double[] levels, double[] coverage, double[] width, double msis, double scaledPinball,
                              double[][] coverageByStep, double[][] widthByStep, double[] msisByStep,
                              double[] pinballByStep) {
    /** The verdict's tolerance: "calibrated" when the 95% coverage is within this many points of 95. */
    public static final double CALIBRATION_TOLERANCE = 2;

    /** A model without intervals or quantiles. */
    public static final IntervalSummary NONE = new IntervalSummary(new double[0], new double[0], new double[0],
            Double.NaN, Double.NaN, new double[0][], new double[0][], new double[0], new double[0]);

    public IntervalSummary {
        levels = levels.clone();
        coverage = coverage.clone();
        width = width.clone();
        coverageByStep = copy(coverageByStep);
        widthByStep = copy(widthByStep);
        msisByStep = msisByStep.clone();
        pinballByStep = pinballByStep.clone();
        if (coverage.length != levels.length || width.length != levels.length
                || coverageByStep.length != levels.length || widthByStep.length != levels.length) {
            throw new IllegalArgumentException("coverage and width need one entry per level (" + levels.length + ")");
        }
    }

    /** True when the model's forecasts carry no distribution. */
    public boolean isEmpty() {
        return levels.length == 0;
    }

    /** The mean observed coverage at {@code level} percent, NaN when the model has no such interval. */
    public double coverage(double level) {
        int c = ForecastDistribution.position(levels, level);
        return c < 0 ? Double.NaN : coverage[c];
    }

    /**
     * The intervals in words, the one wording of the table: "calibrated" when the 95% coverage is within
     * {@value #CALIBRATION_TOLERANCE} points of 95, else "over-covers" or "under-covers"; "no 95% interval" for
     * a model with other intervals only; "" for a model without intervals.
     */
    public String verdict() {
        if (isEmpty()) {
            return "";
        }
        double c = coverage(IntervalScores.MSIS_LEVEL);
        if (Double.isNaN(c)) {
            return "no " + ForecastDistribution.percent(IntervalScores.MSIS_LEVEL) + "% interval";
        }
        double off = c - IntervalScores.MSIS_LEVEL;
        return Math.abs(off) <= CALIBRATION_TOLERANCE ? "calibrated" : off > 0 ? "over-covers" : "under-covers";
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[] coverage() {
        return coverage.clone();
    }

    @Override
    public double[] width() {
        return width.clone();
    }

    @Override
    public double[][] coverageByStep() {
        return copy(coverageByStep);
    }

    @Override
    public double[][] widthByStep() {
        return copy(widthByStep);
    }

    @Override
    public double[] msisByStep() {
        return msisByStep.clone();
    }

    @Override
    public double[] pinballByStep() {
        return pinballByStep.clone();
    }

    private static double[][] copy(double[][] m) {
        return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
    }
}
