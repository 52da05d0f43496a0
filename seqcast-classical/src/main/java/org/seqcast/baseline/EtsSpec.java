package org.seqcast.baseline;

/**
 * The form of an exponential smoothing model: additive trend or none, damped or not, and the seasonality with its
 * period m. Additive and non-seasonal forms have additive errors, the multiplicative seasonal form multiplicative
 * errors: R's ETS(A,N,N), ETS(A,A,N), ETS(A,Ad,N), ETS(A,N,A), ETS(A,A,A), ETS(A,Ad,A), ETS(M,N,M) and ETS(M,A,M).
 *
 * @param trend       whether there is a trend state b
 * @param damped      whether the trend is damped by φ (needs a trend)
 * @param seasonality how the seasonal states enter
 * @param period      the season length m: 1 without seasonality, 2..24 with it (R's ets does not fit longer seasons)
 */
public record EtsSpec(boolean trend, boolean damped, Seasonality seasonality, int period) {
    /** The longest season R's ets fits. */
    public static final int MAX_PERIOD = 24;

    public EtsSpec {
        if (seasonality == null) {
            throw new IllegalArgumentException("seasonality must not be null; use Seasonality.NONE");
        }
        if (damped && !trend) {
            throw new IllegalArgumentException("a damped model needs a trend");
        }
        if (seasonality == Seasonality.NONE) {
            if (period != 1) {
                throw new IllegalArgumentException("a non-seasonal model has period 1; got " + period);
            }
        } else {
            if (period < 2) {
                throw new IllegalArgumentException("seasonal period must be at least 2; got " + period);
            }
            if (period > MAX_PERIOD) {
                throw new IllegalArgumentException("seasonal period must be at most " + MAX_PERIOD
                        + " (R's ets limit); got " + period);
            }
        }
        if (seasonality == Seasonality.MULTIPLICATIVE && damped) {
            throw new IllegalArgumentException("damped multiplicative seasonality ETS(M,Ad,M) is not supported "
                    + "(R forecast 8.20's point forecasts for it ignore the damping)");
        }
    }

    /** Simple exponential smoothing, ETS(A,N,N). */
    public static EtsSpec simple() {
        return new EtsSpec(false, false, Seasonality.NONE, 1);
    }

    /** Holt's linear trend, ETS(A,A,N), or ETS(A,Ad,N) when damped. */
    public static EtsSpec holt(boolean damped) {
        return new EtsSpec(true, damped, Seasonality.NONE, 1);
    }

    /** Holt-Winters, ETS(A,A,A) / ETS(A,Ad,A) or ETS(M,A,M). */
    public static EtsSpec holtWinters(int period, Seasonality seasonality, boolean damped) {
        if (seasonality == Seasonality.NONE) {
            throw new IllegalArgumentException("Holt-Winters needs ADDITIVE or MULTIPLICATIVE seasonality");
        }
        return new EtsSpec(true, damped, seasonality, period);
    }

    /** Whether there are seasonal states. */
    public boolean seasonal() {
        return seasonality != Seasonality.NONE;
    }

    /** Whether errors are multiplicative (only with multiplicative seasonality). */
    public boolean multiplicativeError() {
        return seasonality == Seasonality.MULTIPLICATIVE;
    }

    /** The number of states: level, trend if any, m seasonal states if seasonal. */
    public int stateCount() {
        return 1 + (trend ? 1 : 0) + (seasonal() ? period : 0);
    }

    /**
     * The number of estimated quantities: the smoothing parameters (α, β, γ, φ as present) and the free initial
     * states (one seasonal state fewer than m, since the seasonal states are normalised); R's length(fit$par).
     */
    public int parameterCount() {
        int smoothing = 1 + (trend ? 1 : 0) + (seasonal() ? 1 : 0) + (damped ? 1 : 0);
        return smoothing + stateCount() - (seasonal() ? 1 : 0);
    }

    /**
     * The shortest history that can be fitted: R's ets needs more than npar + 4 values, npar = 2 + 2·trend +
     * m·seasonal + damped (it falls back to HoltWinters() below that).
     */
    public int minLength() {
        return 2 + (trend ? 2 : 0) + (seasonal() ? period : 0) + (damped ? 1 : 0) + 5;
    }

    /** A readable name for messages, e.g. "damped Holt's linear trend ETS(A,Ad,N)" or "Holt-Winters ETS(M,A,M) with period 12". */
    public String description() {
        String name;
        if (seasonal()) {
            name = (trend ? (damped ? "damped Holt-Winters " : "Holt-Winters ") : "seasonal exponential smoothing ")
                    + rName() + " with period " + period;
        } else {
            name = trend ? (damped ? "damped Holt's linear trend " : "Holt's linear trend ") + rName()
                    : "simple exponential smoothing " + rName();
        }
        return name;
    }

    /** R's name of the model, e.g. "ETS(A,Ad,N)". */
    public String rName() {
        String s = switch (seasonality) {
            case NONE -> "N";
            case ADDITIVE -> "A";
            case MULTIPLICATIVE -> "M";
        };
        return "ETS(" + (multiplicativeError() ? "M" : "A") + "," + (trend ? (damped ? "Ad" : "A") : "N") + "," + s
                + ")";
    }
}
