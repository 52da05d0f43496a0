package org.seqcast.reference;

import java.util.Random;

/**
 * Small pieces the gradient checks share: a dot product, seeded uniform inputs, float-to-double copies (the layer
 * checks here and the float-against-reference checks of {@code org.seqcast.nn}).
 */
public final class GradientChecks {
    private GradientChecks() {
    }

    /** Σ_k a_k·b_k, in double precision (the loss L = Σ y·r whose gradient the checks compare). */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** n values uniform in [−1, 1) from {@code rnd}, as floats. */
    public static float[] uniform(Random rnd, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (2 * rnd.nextDouble() - 1);
        }
        return v;
    }

    /** {@code v} widened to doubles. */
    public static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            d[k] = v[k];
        }
        return d;
    }
}
