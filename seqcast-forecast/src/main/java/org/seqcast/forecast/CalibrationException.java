package org.seqcast.forecast;

/**
 * The training data cannot calibrate the intervals a {@link ConformalForecaster} was asked for: too few
 * calibration windows for the highest level, or an inner forecaster that cannot be fitted on the part of the
 * series before the calibration origins (which is shorter than the whole by at least H points). The message says
 * the minimum history or what the inner forecaster needed. Without intervals the same data may still fit.
 */
public final class CalibrationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public CalibrationException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public CalibrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
