package org.seqcast.baseline;

/**
 * The two quantile functions R's prediction intervals use, to double precision:
 * <ul>
 *   <li>{@link #normal(double)}: Φ⁻¹(p), Wichura's algorithm AS 241 (PPND16), the algorithm of R's {@code qnorm}
 *       (about 1e-16 relative);</li>
 *   <li>{@link #student(double, int)}: the quantile of Student's t with an integer number of degrees of freedom ν,
 *       R's {@code qt}, found by bisection on the exact finite-series distribution function (Abramowitz and Stegun
 *       26.7.3–4) down to adjacent doubles.</li>
 * </ul>
 */
final class Quantiles {
    private Quantiles() {
    }

    /** Φ⁻¹(p), p in (0, 1), by AS 241: rational in p − ½ near the middle, in √(−log min(p, 1 − p)) outside. */
    static double normal(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1); got " + p);
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
                    / (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1.0);
        }
        double r = Math.sqrt(-StrictMath.log(q < 0 ? p : 1 - p));
        double val;
        if (r <= 5) {
            r -= 1.6;
            val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r
                    + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r
                    + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
        } else {
            r -= 5;
            val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r
                    + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r
                    + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
                    + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r
                    + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
        }
        return q < 0 ? -val : val;
    }

    /**
     * The p-quantile of Student's t with ν degrees of freedom (R's {@code qt(p, ν)}), p in (0, 1), ν ≥ 1: by
     * symmetry ±t with t &gt; 0 solving A(t | ν) = |2p − 1|, where A(t | ν) = P(|T| ≤ t) is
     * {@link #centralT(double, int)}.
     */
    static double student(double p, int df) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1); got " + p);
        }
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1; got " + df);
        }
        if (p == 0.5) {
            return 0;
        }
        double target = Math.abs(2 * p - 1);
        double lo = 0;
        double hi = 1;
        while (centralT(hi, df) < target) {
            lo = hi;
            hi *= 2;
            if (Double.isInfinite(hi)) {
                throw new IllegalArgumentException("the t quantile at " + p + " with " + df
                        + " degrees of freedom is beyond double range");
            }
        }
        // Bisection until the bracket is two adjacent doubles: A is increasing, so the root stays inside.
        while (true) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (centralT(mid, df) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = centralT(hi, df) - target <= target - centralT(lo, df) ? hi : lo;
        return p < 0.5 ? -t : t;
    }

    /**
     * A(t | ν) = P(|T| ≤ t) for t ≥ 0 (Abramowitz and Stegun 26.7.3–4), with θ = atan(t/√ν),
     * c² = cos²θ = ν/(ν + t²), s = sinθ = t/√(ν + t²):
     * <pre>
     *   ν odd:   (2/π) [θ + s c (1 + (2/3) c² + (2·4)/(3·5) c⁴ + … + (2·4⋯(ν−3))/(3·5⋯(ν−2)) c^{ν−3})]
     *            (ν = 1: (2/π) θ)
     *   ν even:  s [1 + (1/2) c² + (1·3)/(2·4) c⁴ + … + (1·3⋯(ν−3))/(2·4⋯(ν−2)) c^{ν−2}]
     * </pre>
     */
    static double centralT(double t, int df) {
        double nu = df;
        double c2 = nu / (nu + t * t);
        double s = t / Math.sqrt(nu + t * t);
        if (df % 2 == 0) {
            double term = 1;
            double sum = 1;
            for (int k = 2; k <= df - 2; k += 2) {
                term *= c2 * (k - 1) / k;
                sum += term;
            }
            return s * sum;
        }
        double theta = StrictMath.atan(t / Math.sqrt(nu));
        if (df == 1) {
            return 2 / Math.PI * theta;
        }
        double c = Math.sqrt(c2);
        double term = 1;
        double sum = 1;
        for (int k = 3; k <= df - 2; k += 2) {
            term *= c2 * (k - 1) / k;
            sum += term;
        }
        return 2 / Math.PI * (theta + s * c * sum);
    }
}
