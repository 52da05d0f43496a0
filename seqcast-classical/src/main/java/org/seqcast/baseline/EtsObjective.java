package org.seqcast.baseline;

import java.util.function.ToDoubleFunction;

/**
 * The function forecast's ets hands to Nelder–Mead: parameters (α, β, γ, φ as present, then the free initial
 * states) to the criterion, +∞ outside the bounds or with a negative multiplicative seasonal state.
 */
final class EtsObjective implements ToDoubleFunction<double[]> {
    private final double[] y;
    private final EtsSpec spec;
    private final EtsCriterion criterion;

    EtsObjective(double[] y, EtsSpec spec, EtsCriterion criterion) {
        this.y = y;
        this.spec = spec;
        this.criterion = criterion;
    }

    @Override
    public double applyAsDouble(double[] par) {
        double[] p = smoothing(par);
        if (!EtsBounds.inside(spec, p[0], p[1], p[2], p[3])) {
            return Double.POSITIVE_INFINITY;
        }
        double[] x0 = fullState(par);
        if (spec.multiplicativeError()) {
            for (int j = spec.trend() ? 2 : 1; j < x0.length; j++) {
                if (x0[j] < 0) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        EtsRecursion.Pass pass = EtsRecursion.run(y, spec, p[0], p[1], p[2], p[3], x0, false);
        double lik = pass.lik();
        if (lik < -1e10) {
            lik = -1e10; // as R: avoid rewarding perfect fits without bound
        }
        if (Double.isNaN(lik)) {
            return Double.POSITIVE_INFINITY;
        }
        return criterion == EtsCriterion.LIKELIHOOD ? lik : pass.mse();
    }

    /** The fitted model at the optimiser's answer. */
    EtsFit fitAt(double[] par) {
        double[] p = smoothing(par);
        double[] x0 = fullState(par);
        EtsRecursion.Pass pass = EtsRecursion.run(y, spec, p[0], p[1], p[2], p[3], x0, false);
        int np = spec.parameterCount();
        double loglik = -0.5 * pass.lik();
        double aic = pass.lik() + 2 * (np + 1);
        double sigma2 = pass.sse() / (y.length - np);
        return new EtsFit(spec, criterion, p[0], p[1], p[2], p[3], x0, pass.finalState(), y.length, loglik, aic,
                pass.mse(), sigma2);
    }

    /** (α, β, γ, φ) with β = 0, γ = 0, φ = 1 for absent ones. */
    private double[] smoothing(double[] par) {
        int k = 0;
        double alpha = par[k++];
        double beta = spec.trend() ? par[k++] : 0;
        double gamma = spec.seasonal() ? par[k++] : 0;
        double phi = spec.damped() ? par[k] : 1;
        return new double[] {alpha, beta, gamma, phi};
    }

    /** The free states followed by the implied last seasonal state m·[multiplicative] − Σ s_1..s_{m−1}. */
    private double[] fullState(double[] par) {
        int smoothing = 1 + (spec.trend() ? 1 : 0) + (spec.seasonal() ? 1 : 0) + (spec.damped() ? 1 : 0);
        int free = par.length - smoothing;
        double[] x0 = new double[spec.stateCount()];
        System.arraycopy(par, smoothing, x0, 0, free);
        if (spec.seasonal()) {
            double sum = 0;
            for (int j = spec.trend() ? 2 : 1; j < free; j++) {
                sum += x0[j];
            }
            x0[free] = (spec.multiplicativeError() ? spec.period() : 0) - sum;
        }
        return x0;
    }
}
