package org.seqcast.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqcast.data.TimeSeries;

/**
 * How one series' values become model units and back: z = (g(y) − center) / scale for the target, with g the
 * {@link TargetTransform}, and an affine scaler per covariate, every scaler fitted on the series' training
 * part only.
 *
 * @param transform  fixed transform g of the target
 * @param target     scaler of the transformed target
 * @param covariates scalers of the covariate columns, in the forecaster's covariate order
 */
public record SeriesScalers(TargetTransform transform, AffineScaler target, List<AffineScaler> covariates) {
    public SeriesScalers {
        covariates = List.copyOf(covariates);
    }

    /**
     * Fits every scaler on points [0, end) of {@code series}: the target's with {@code scaling}, the covariates'
     * with {@link #covariateScaling}.
     */
    public static SeriesScalers fit(TargetTransform transform, Scaling scaling, TimeSeries series,
                                    List<String> covariateNames, int end) {
        double[] g = transform.apply(Arrays.copyOf(series.values(), end), series.id(), series.index());
        List<AffineScaler> c = new ArrayList<>();
        for (String name : covariateNames) {
            c.add(covariateScaling(scaling).fit(Arrays.copyOf(series.column(name), end)));
        }
        return new SeriesScalers(transform, scaling.fit(g), c);
    }

    /** The target of {@code series} in model units. */
    public double[] targetToModel(TimeSeries series) {
        double[] z = transform.apply(series.values(), series.id(), series.index());
        for (int t = 0; t < z.length; t++) {
            z[t] = target.transform(z[t]);
        }
        return z;
    }

    /** A model-unit value back in the series' units. */
    public double targetFromModel(double z) {
        return transform.inverse(target.inverse(z));
    }

    /**
     * The scaling of covariates under the target's {@code scaling}: the same, except standard for none (a
     * covariate has no anchor or log transform that brings it near zero, so raw values in the tens or thousands
     * would reach the network).
     */
    public static Scaling covariateScaling(Scaling scaling) {
        return scaling == Scaling.NONE ? Scaling.STANDARD : scaling;
    }
}
