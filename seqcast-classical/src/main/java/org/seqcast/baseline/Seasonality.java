package org.seqcast.baseline;

/** How the seasonal state s enters an exponential smoothing model. */
public enum Seasonality {
    /** No seasonal state. */
    NONE,
    /** ŷ = level (+ trend) + s; fitted with additive errors (R's ETS(A,·,A)). */
    ADDITIVE,
    /** ŷ = (level (+ trend)) · s; fitted with multiplicative errors (R's ETS(M,·,M)); needs positive data. */
    MULTIPLICATIVE
}
