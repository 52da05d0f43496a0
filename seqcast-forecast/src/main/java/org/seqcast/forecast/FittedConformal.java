package org.seqcast.forecast;

import org.seqcast.data.TimeSeries;
import org.seqcast.train.History;

/**
 * A fitted {@link ConformalForecaster}: the inner forecaster fitted on the whole training part and the
 * calibration made before it; every forecast is the inner one carrying the calibrated intervals. The calibration
 * is stored in a model file, so a loaded forecaster gives the same intervals without the training data.
 * <p>
 * Thread-safety: as safe as its inner forecaster (the calibration is immutable).
 */
public final class FittedConformal implements FittedForecaster {
    private final String name;
    private final FittedForecaster inner;
    private final ConformalCalibration calibration;

    /** {@code inner}'s forecasts, called {@code name}, with {@code calibration}'s intervals. */
    public FittedConformal(String name, FittedForecaster inner, ConformalCalibration calibration) {
        if (name == null || name.isBlank() || inner == null || calibration == null) {
            throw new IllegalArgumentException("a conformal forecaster needs a name, its inner forecaster and its"
                    + " calibration");
        }
        if (inner.horizon() != calibration.horizon()) {
            throw new IllegalArgumentException("the calibration covers " + calibration.horizon()
                    + " steps but the forecaster " + inner.name() + " forecasts " + inner.horizon());
        }
        this.name = name;
        this.inner = inner;
        this.calibration = calibration;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int horizon() {
        return inner.horizon();
    }

    /** The inner forecaster, fitted on the whole training part. */
    public FittedForecaster inner() {
        return inner;
    }

    public ConformalCalibration calibration() {
        return calibration;
    }

    @Override
    public java.util.List<String> futureCovariates() {
        return inner.futureCovariates();
    }

    @Override
    public java.util.List<String> staticCovariates() {
        return inner.staticCovariates();
    }

    @Override
    public Forecast forecast(TimeSeries history) {
        Forecast point = inner.forecast(history);
        Forecast named = new Forecast(point.seriesId(), name, point.index(), point.values(), point.note());
        return calibration.apply(named, history);
    }

    @Override
    public History trainingHistory() {
        return inner.trainingHistory();
    }

    @Override
    public java.util.List<String> seriesWithoutWindows() {
        return inner.seriesWithoutWindows();
    }
}
