package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.data.TimeSeries;

/**
 * The scalers of one series: its target and each covariate, fitted on the series' training part only.
 *
 * @param target     scaler of the target column
 * @param covariates scalers of the covariate columns, in the forecaster's covariate order
 */
public record SeriesScalers(AffineScaler target, List<AffineScaler> covariates) {
    public SeriesScalers {
        covariates = List.copyOf(covariates);
    }

    /** Fits every scaler on points [0, end) of {@code series}. */
    public static SeriesScalers fit(Scaling scaling, TimeSeries series, List<String> covariateNames, int end) {
        AffineScaler t = scaling.fit(java.util.Arrays.copyOf(series.values(), end));
        List<AffineScaler> c = new ArrayList<>();
        for (String name : covariateNames) {
            c.add(scaling.fit(java.util.Arrays.copyOf(series.column(name), end)));
        }
        return new SeriesScalers(t, c);
    }
}
