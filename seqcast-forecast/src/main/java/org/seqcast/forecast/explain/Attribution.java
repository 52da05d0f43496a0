package org.seqcast.forecast.explain;

import java.util.List;

/**
 * The integrated-gradients attributions of one forecast ({@link IntegratedGradients}): for each of the H' forecast
 * steps k of the network, A_k (W × F), the share of the network's output f_k (in model units: the scaled target at
 * that step relative to the anchor) owed to each window cell, measured from the baseline window x'. Completeness:
 * Σ A_k = f_k(x) − f_k(x') exactly for the path integral; the Riemann sum misses it by
 * {@link #completenessError(int)}. Immutable: arrays are copied in and out, and compared by value.
 *
 * @param seriesId       the series explained
 * @param features       the F feature names of the window (the scaled target relative to the level first)
 * @param steps          the W window steps' time stamps, oldest first
 * @param targets        the H' forecast steps' time stamps
 * @param input          the window x (W × F), model units
 * @param baseline       the baseline window x' (W × F), model units
 * @param values         A (H' × W × F)
 * @param output         f_k(x), k = 0..H'−1
 * @param baselineOutput f_k(x')
 * @param riemannSteps   m, the intervals of the trapezoidal rule along the straight path from x' to x
 */
public record Attribution(String seriesId, List<String> features, List<String> steps, List<String> targets,
                          double[][] input, double[][] baseline, double[][][] values, double[] output,
                          double[] baselineOutput, int riemannSteps) {
    public Attribution {
        features = List.copyOf(features);
        steps = List.copyOf(steps);
        targets = List.copyOf(targets);
        int w = steps.size();
        int f = features.size();
        int h = targets.size();
        input = copy(input, w, f, "input");
        baseline = copy(baseline, w, f, "baseline");
        if (values.length != h) {
            throw new IllegalArgumentException("values must hold one W × F matrix per forecast step (" + h + "); got "
                    + values.length);
        }
        double[][][] v = new double[h][][];
        for (int k = 0; k < h; k++) {
            v[k] = copy(values[k], w, f, "values[" + k + "]");
        }
        values = v;
        output = vector(output, h, "output");
        baselineOutput = vector(baselineOutput, h, "baselineOutput");
        if (riemannSteps < 1) {
            throw new IllegalArgumentException("riemannSteps must be at least 1; got " + riemannSteps);
        }
    }

    /** H', the forecast steps explained. */
    public int horizon() {
        return targets.size();
    }

    /** A_k (W × F), copied. */
    public double[][] of(int k) {
        return copy(values[k], steps.size(), features.size(), "values");
    }

    /** Σ_k A_k (W × F): the attributions of the sum of the forecast steps. */
    public double[][] total() {
        double[][] sum = new double[steps.size()][features.size()];
        for (double[][] a : values) {
            for (int t = 0; t < sum.length; t++) {
                for (int j = 0; j < sum[t].length; j++) {
                    sum[t][j] += a[t][j];
                }
            }
        }
        return sum;
    }

    /** Σ A_k over every cell. */
    public double sum(int k) {
        return sum(values[k]);
    }

    /** f_k(x) − f_k(x'), what the attributions of step k should sum to. */
    public double difference(int k) {
        return output[k] - baselineOutput[k];
    }

    /** |Σ A_k − (f_k(x) − f_k(x'))|. */
    public double completenessError(int k) {
        return Math.abs(sum(k) - difference(k));
    }

    /** {@link #completenessError(int)} / |f_k(x) − f_k(x')| (0 when both are 0, infinite when only the difference is). */
    public double relativeError(int k) {
        return relative(completenessError(k), difference(k));
    }

    /** |Σ_k Σ A_k − Σ_k (f_k(x) − f_k(x'))|, the completeness error of the sum over the horizon. */
    public double totalCompletenessError() {
        return Math.abs(sum(total()) - totalDifference());
    }

    /** {@link #totalCompletenessError()} relative to |Σ_k (f_k(x) − f_k(x'))|. */
    public double totalRelativeError() {
        return relative(totalCompletenessError(), totalDifference());
    }

    /** Σ_k (f_k(x) − f_k(x')). */
    public double totalDifference() {
        double d = 0;
        for (int k = 0; k < horizon(); k++) {
            d += difference(k);
        }
        return d;
    }

    /** The largest {@link #completenessError(int)} over the steps. */
    public double maxCompletenessError() {
        double m = 0;
        for (int k = 0; k < horizon(); k++) {
            m = Math.max(m, completenessError(k));
        }
        return m;
    }

    /** The largest {@link #relativeError(int)} over the steps. */
    public double maxRelativeError() {
        double m = 0;
        for (int k = 0; k < horizon(); k++) {
            m = Math.max(m, relativeError(k));
        }
        return m;
    }

    @Override
    public double[][] input() {
        return copy(input, steps.size(), features.size(), "input");
    }

    @Override
    public double[][] baseline() {
        return copy(baseline, steps.size(), features.size(), "baseline");
    }

    @Override
    public double[][][] values() {
        double[][][] v = new double[horizon()][][];
        for (int k = 0; k < v.length; k++) {
            v[k] = of(k);
        }
        return v;
    }

    @Override
    public double[] output() {
        return output.clone();
    }

    @Override
    public double[] baselineOutput() {
        return baselineOutput.clone();
    }

    /** Equal when every component is, arrays by their values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Attribution a && seriesId.equals(a.seriesId) && features.equals(a.features)
                && steps.equals(a.steps) && targets.equals(a.targets) && riemannSteps == a.riemannSteps
                && java.util.Arrays.deepEquals(input, a.input) && java.util.Arrays.deepEquals(baseline, a.baseline)
                && java.util.Arrays.deepEquals(values, a.values) && java.util.Arrays.equals(output, a.output)
                && java.util.Arrays.equals(baselineOutput, a.baselineOutput);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(seriesId, features, steps, targets, riemannSteps,
                java.util.Arrays.deepHashCode(values), java.util.Arrays.hashCode(output));
    }

    @Override
    public String toString() {
        return "Attribution[" + seriesId + ", " + horizon() + " step(s) of a " + steps.size() + " × " + features.size()
                + " window, m = " + riemannSteps + ", completeness error " + maxCompletenessError() + "]";
    }

    private static double relative(double error, double difference) {
        if (error == 0) {
            return 0;
        }
        return error / Math.abs(difference);
    }

    private static double sum(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v;
            }
        }
        return s;
    }

    private static double[] vector(double[] v, int n, String name) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException(name + " must have one value per forecast step (" + n + "); got "
                    + (v == null ? "null" : v.length));
        }
        return v.clone();
    }

    /** A copy of a (rows × cols) matrix, its shape checked. */
    static double[][] copy(double[][] a, int rows, int cols, String name) {
        if (a == null || a.length != rows) {
            throw new IllegalArgumentException(name + " must have " + rows + " rows (window steps); got "
                    + (a == null ? "null" : a.length));
        }
        double[][] out = new double[rows][];
        for (int t = 0; t < rows; t++) {
            if (a[t] == null || a[t].length != cols) {
                throw new IllegalArgumentException(name + " row " + t + " must have " + cols + " values (features); got "
                        + (a[t] == null ? "null" : a[t].length));
            }
            out[t] = a[t].clone();
        }
        return out;
    }
}
