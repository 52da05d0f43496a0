package org.seqcast.forecast.explain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqcast.data.TimeSeries;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.RnnNetwork;
import org.seqcast.tensor.Tensor;

/**
 * Integrated gradients (Sundararajan, Taly and Yan 2017) of a {@link FittedRnn}'s forecast of a history: for each
 * forecast step k of the network, with f_k its point output in model units, x the window (W × F) it reads for
 * the last window of the history ({@link FittedRnn#lastWindow}) and x' a baseline window,
 * <pre>
 *   A_k[t, j] = (x − x')[t, j] · ∫₀¹ ∂f_k/∂x[t, j] (x' + α (x − x')) dα
 *             ≈ (x − x')[t, j] · Σ_{i=0..m} w_i ∂f_k/∂x[t, j] (x' + (i/m)(x − x'))   w_0 = w_m = 1/(2m), else 1/m
 * </pre>
 * (the trapezoidal rule with m intervals, error O(1/m²) for smooth f; O(1/m) when the gradient jumps along the path,
 * as it does where a ReLU unit switches, in the decoder of a network with future-known or static covariates).
 * Completeness: Σ A_k = f_k(x) − f_k(x') for
 * the integral; {@link Attribution#completenessError} is how far the sum misses it. The other inputs of a network
 * with a decoder (future-known values, static attributes) are held at their values, so they get no attribution
 * and do not enter the difference.
 * <p>
 * The default baseline is the zero window in model units: the target equal to the window's last value (the level
 * each window is measured from; with anchor NONE, the scaled centre), every covariate at its scaled centre, the
 * calendar features 0. A user baseline is any W × F window in the same units.
 * <p>
 * The recursive strategy's network forecasts one step, so only the first step is explained (later steps feed
 * predictions back); a quantile network's point forecast is its median, which is explained. Thread-safety: an
 * instance holds no state of its own; it runs the network under the same lock as {@link FittedRnn#forecast}, so it
 * may be used while other threads forecast with the same model.
 */
public final class IntegratedGradients {
    /** m unless {@link #steps(int)} says otherwise. */
    public static final int DEFAULT_STEPS = 64;

    private final FittedRnn model;
    private final int steps;

    private IntegratedGradients(FittedRnn model, int steps) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps (m, the intervals of the Riemann sum) must be at least 1; got "
                    + steps);
        }
        this.model = model;
        this.steps = steps;
    }

    /** Integrated gradients of {@code model} with m = {@value #DEFAULT_STEPS}. */
    public static IntegratedGradients of(FittedRnn model) {
        return new IntegratedGradients(model, DEFAULT_STEPS);
    }

    /** The same with m intervals of the trapezoidal rule (m + 1 gradient evaluations per forecast step). */
    public IntegratedGradients steps(int m) {
        return new IntegratedGradients(model, m);
    }

    public int steps() {
        return steps;
    }

    /** The attributions of the forecast of {@code history} from the zero baseline. */
    public Attribution explain(TimeSeries history) {
        FittedRnn.ModelWindow mw = model.lastWindow(history);
        return explain(history, mw, new double[mw.steps().size()][mw.features().size()]);
    }

    /**
     * The attributions of the forecast of {@code history} from {@code baseline}, a W × F window in model units.
     *
     * @throws IllegalArgumentException when the baseline's shape is not the window's or a value is not finite
     */
    public Attribution explain(TimeSeries history, double[][] baseline) {
        FittedRnn.ModelWindow mw = model.lastWindow(history);
        double[][] b = Attribution.copy(baseline, mw.steps().size(), mw.features().size(), "baseline");
        for (int t = 0; t < b.length; t++) {
            for (int j = 0; j < b[t].length; j++) {
                if (!Double.isFinite(b[t][j])) {
                    throw new IllegalArgumentException("baseline[" + t + "][" + j + "] (" + mw.features().get(j)
                            + " at " + mw.steps().get(t) + ") must be finite; got " + b[t][j]);
                }
            }
        }
        return explain(history, mw, b);
    }

    private Attribution explain(TimeSeries history, FittedRnn.ModelWindow mw, double[][] baseline) {
        double[][] x = mw.window();
        int w = x.length;
        int f = x[0].length;
        int[] point = mw.pointOutputs();
        int h = point.length;
        RnnNetwork net = model.network();
        int outputs = net.outputShape()[0];
        Map<String, Tensor> path = rows(mw, pathWindows(x, baseline));
        Map<String, Tensor> ends = rows(mw, new double[][][] {x, baseline});
        double[][][] values = new double[h][w][f];
        double[] out = new double[h];
        double[] base = new double[h];
        synchronized (net) {
            float[] y = net.predict(ends);                           // f(x) in row 0, f(x') in row 1
            for (int k = 0; k < h; k++) {
                out[k] = y[point[k]];
                base[k] = y[outputs + point[k]];
                float[] dy = new float[(steps + 1) * outputs];
                for (int i = 0; i <= steps; i++) {
                    dy[i * outputs + point[k]] = 1f;                   // L = Σ_i f_k(x_i)
                }
                Tensor g = net.windowGradient(path, Tensor.wrap(dy, steps + 1, outputs));
                integrate(g.data(), x, baseline, values[k]);
            }
        }
        return new Attribution(history.id(), mw.features(), mw.steps(), mw.targets(), x, baseline, values, out, base,
                steps);
    }

    /** x_i = x' + (i/m)(x − x'), i = 0..m. */
    private double[][][] pathWindows(double[][] x, double[][] baseline) {
        double[][][] out = new double[steps + 1][x.length][x[0].length];
        for (int i = 0; i <= steps; i++) {
            double alpha = (double) i / steps;
            for (int t = 0; t < x.length; t++) {
                for (int j = 0; j < x[t].length; j++) {
                    out[i][t][j] = baseline[t][j] + alpha * (x[t][j] - baseline[t][j]);
                }
            }
        }
        return out;
    }

    /** A[t, j] = (x − x')[t, j] · Σ_i w_i g_i[t, j], the trapezoidal weights w; g is (m + 1, W, F) flat. */
    private void integrate(float[] g, double[][] x, double[][] baseline, double[][] a) {
        int w = x.length;
        int f = x[0].length;
        for (int t = 0; t < w; t++) {
            for (int j = 0; j < f; j++) {
                double sum = 0;
                for (int i = 0; i <= steps; i++) {
                    double weight = i == 0 || i == steps ? 0.5 / steps : 1.0 / steps;
                    sum += weight * g[(i * w + t) * f + j];
                }
                a[t][j] = (x[t][j] - baseline[t][j]) * sum;
            }
        }
    }

    /** The network's inputs for the given windows, one row each; the other inputs repeat the window's row. */
    private static Map<String, Tensor> rows(FittedRnn.ModelWindow mw, double[][][] windows) {
        int n = windows.length;
        Map<String, Tensor> in = new LinkedHashMap<>();
        mw.inputs().forEach((name, t) -> {
            if (name.equals(RnnForecaster.INPUT)) {
                int w = windows[0].length;
                int f = windows[0][0].length;
                float[] data = new float[n * w * f];
                for (int i = 0; i < n; i++) {
                    for (int s = 0; s < w; s++) {
                        for (int j = 0; j < f; j++) {
                            data[(i * w + s) * f + j] = (float) windows[i][s][j];
                        }
                    }
                }
                in.put(name, Tensor.wrap(data, n, w, f));
            } else {
                int[] shape = t.shape();
                shape[0] = n;
                float[] data = new float[n * t.size()];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(t.data(), 0, data, i * t.size(), t.size());
                }
                in.put(name, Tensor.wrap(data, shape));
            }
        });
        return in;
    }
}
