package org.seqcast.eval;

import java.util.List;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.Forecast;
import org.seqcast.forecast.Forecaster;

/** A test forecaster: another one's point forecasts with intervals of fixed half-widths around them. */
final class FixedIntervals {
    private FixedIntervals() {
    }

    /** {@code inner}, its forecasts carrying intervals ± radius[c] around the point forecast at levels[c]. */
    static Forecaster around(Forecaster inner, double[] levels, double[] radius) {
        return new Forecaster() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public int horizon() {
                return inner.horizon();
            }

            @Override
            public FittedForecaster fit(List<TimeSeries> training) {
                FittedForecaster fitted = inner.fit(training);
                return new FittedForecaster() {
                    @Override
                    public String name() {
                        return fitted.name();
                    }

                    @Override
                    public int horizon() {
                        return fitted.horizon();
                    }

                    @Override
                    public Forecast forecast(TimeSeries history) {
                        Forecast f = fitted.forecast(history);
                        double[] y = f.values();
                        double[][] lo = new double[y.length][levels.length];
                        double[][] hi = new double[y.length][levels.length];
                        for (int k = 0; k < y.length; k++) {
                            for (int c = 0; c < levels.length; c++) {
                                lo[k][c] = y[k] - radius[c];
                                hi[k][c] = y[k] + radius[c];
                            }
                        }
                        return f.withIntervals(levels, lo, hi);
                    }
                };
            }
        };
    }
}
