package org.seqcast.baseline;

import java.util.Arrays;

/**
 * The seasonal naive method fitted to y_1..y_n with period m: ŷ_{n+k} = y_{n − m + ((k − 1) mod m) + 1}
 * (R's snaive).
 *
 * @param lastSeason the last m values y_{n−m+1}..y_n, oldest first (m = its length)
 * @param n          the number of values
 * @param sigma2     Σ_{t=m+1}^{n} (y_t − y_{t−m})² / (n − m), R's lagwalk sd² for lag m; NaN for n = m
 */
public record SeasonalNaiveFit(double[] lastSeason, int n, double sigma2) implements BaselineFit {
    public SeasonalNaiveFit {
        if (lastSeason == null || lastSeason.length < 1) {
            throw new IllegalArgumentException("the last season must hold at least one value");
        }
        lastSeason = lastSeason.clone();
        Series.requireFitted(n, lastSeason.length, sigma2, "seasonal naive");
        Series.require(lastSeason, 1, "seasonal naive");
    }

    /** The seasonal period m. */
    public int period() {
        return lastSeason.length;
    }

    @Override
    public double[] lastSeason() {
        return lastSeason.clone();
    }

    @Override
    public double[] forecast(int h) {
        Series.requireHorizon(h);
        int m = lastSeason.length;
        double[] f = new double[h];
        for (int k = 1; k <= h; k++) {
            f[k - 1] = lastSeason[(k - 1) % m];
        }
        return f;
    }

    /** se_k = σ √j with j = ⌊(k − 1)/m⌋ + 1, the number of seasons step k lies ahead (R's snaive). */
    @Override
    public double[] standardErrors(int h) {
        Series.requireHorizon(h);
        int m = lastSeason.length;
        double[] se = new double[h];
        for (int k = 1; k <= h; k++) {
            se[k - 1] = Math.sqrt(sigma2 * ((k - 1) / m + 1));
        }
        return se;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeasonalNaiveFit s && Arrays.equals(lastSeason, s.lastSeason) && n == s.n
                && Double.compare(sigma2, s.sigma2) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(lastSeason) + n) + Double.hashCode(sigma2);
    }

    @Override
    public String toString() {
        return "seasonal naive: last season " + Arrays.toString(lastSeason) + ", n=" + n + ", sigma2=" + sigma2;
    }
}
