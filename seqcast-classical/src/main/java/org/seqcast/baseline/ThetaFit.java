package org.seqcast.baseline;

import java.util.Arrays;

/**
 * A fitted Theta method (see {@link Theta}).
 *
 * @param ses             simple exponential smoothing of the (seasonally adjusted) history, fitted as R's ses()
 * @param drift           half the least-squares slope of the (seasonally adjusted) history against t = 0..n−1
 * @param seasonalIndices the multiplicative indices of the last m positions of the history, oldest first, which
 *                        repeat over the horizon; empty when the history was not found seasonal
 */
public record ThetaFit(EtsFit ses, double drift, double[] seasonalIndices) implements BaselineFit {
    public ThetaFit {
        if (ses == null || ses.spec().trend() || ses.spec().seasonal()) {
            throw new IllegalArgumentException("the Theta method needs a simple exponential smoothing fit");
        }
        if (!Double.isFinite(drift)) {
            throw new IllegalArgumentException("drift must be finite; got " + drift);
        }
        seasonalIndices = seasonalIndices == null ? new double[0] : seasonalIndices.clone();
        for (double s : seasonalIndices) {
            if (!(Math.abs(s) >= 1e-4) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("seasonal indices must be finite and at least 1e-4 in absolute "
                        + "value: " + Arrays.toString(seasonalIndices));
            }
        }
    }

    @Override
    public double[] seasonalIndices() {
        return seasonalIndices.clone();
    }

    /** Whether the history was found seasonal and the forecasts are reseasonalised. */
    public boolean seasonal() {
        return seasonalIndices.length > 0;
    }

    /**
     * σ² of the SES fit on the (seasonally adjusted) history, Σ e_t² / (n − 2): the variance R's thetaf builds its
     * intervals from.
     */
    @Override
    public double sigma2() {
        return ses.sigma2();
    }

    /** The SES smoothing parameter as thetaf uses it: max(α, 1e-10). */
    public double alpha() {
        return Math.max(1e-10, ses.alpha());
    }

    /**
     * ŷ_{n+k} = [ℓ_n + drift · ((k − 1) + (1 − (1 − α)^n)/α)] · s_{((k−1) mod m)}, k = 1..h, with ℓ_n the SES level
     * and s the seasonal indices (1 when not seasonal): R's {@code thetaf(y, h)$mean}.
     */
    @Override
    public double[] forecast(int h) {
        double[] f = ses.forecast(h);
        double a = alpha();
        double tail = (1 - StrictMath.pow(1 - a, ses.n())) / a;
        int m = seasonalIndices.length;
        for (int k = 0; k < h; k++) {
            f[k] = f[k] + drift * (k + tail);
            if (m > 0) {
                f[k] *= seasonalIndices[k % m];
            }
        }
        return f;
    }

    /**
     * se_k = σ_ses √(1 + (k − 1) α²), SES's k-step error on the (seasonally adjusted) history; thetaf puts these,
     * not reseasonalised, around its reseasonalised forecasts.
     */
    @Override
    public double[] standardErrors(int h) {
        Series.requireHorizon(h);
        double a = alpha();
        double[] se = new double[h];
        for (int k = 0; k < h; k++) {
            se[k] = Math.sqrt(ses.sigma2()) * Math.sqrt(k * a * a + 1);
        }
        return se;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThetaFit t && ses.equals(t.ses) && Double.compare(drift, t.drift) == 0
                && Arrays.equals(seasonalIndices, t.seasonalIndices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * ses.hashCode() + Double.hashCode(drift)) + Arrays.hashCode(seasonalIndices);
    }

    @Override
    public String toString() {
        return "Theta: alpha=" + alpha() + ", drift=" + drift + ", seasonal indices "
                + Arrays.toString(seasonalIndices) + ", level " + ses.finalState()[0];
    }
}
