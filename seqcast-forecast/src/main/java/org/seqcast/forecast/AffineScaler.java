package org.seqcast.forecast;

/**
 * A fitted {@link Scaling}: x' = (x − center) / scale and back.
 *
 * @param center subtracted first
 * @param scale  divided by next; positive and finite
 */
public record AffineScaler(double center, double scale) {
    public AffineScaler {
        if (!Double.isFinite(center) || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scaler needs a finite center and a positive finite scale; got "
                    + center + ", " + scale);
        }
    }

    public double transform(double x) {
        return (x - center) / scale;
    }

    public double inverse(double z) {
        return z * scale + center;
    }
}
