package org.seqcast.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Compares ONNX Runtime's outputs with Seqcast's: |onnx − seqcast| ≤ REL·|seqcast| + ABS for every element, and
 * keeps the largest absolute and relative differences seen per architecture for the summary printed at the end.
 */
final class Diff {
    static final double REL = 1e-5;
    static final double ABS = 1e-6;
    /** Relative differences are reported where |seqcast| is at least this (below it the absolute floor rules). */
    static final double REL_REPORT_FLOOR = 1e-2;

    private static final Map<String, double[]> WORST = new TreeMap<>();

    private Diff() {
    }

    static void check(String what, float[] onnx, double[] seqcast) {
        assertEquals(seqcast.length, onnx.length, what + ": output size");
        double maxAbs = 0;
        double maxRel = 0;
        for (int k = 0; k < onnx.length; k++) {
            double d = Math.abs(onnx[k] - seqcast[k]);
            if (!(d <= REL * Math.abs(seqcast[k]) + ABS)) {
                fail(what + ": element " + k + " is " + onnx[k] + " in ONNX Runtime but " + seqcast[k]
                        + " in Seqcast (difference " + d + ")");
            }
            maxAbs = Math.max(maxAbs, d);
            if (Math.abs(seqcast[k]) >= REL_REPORT_FLOOR) {
                maxRel = Math.max(maxRel, d / Math.abs(seqcast[k]));
            }
        }
        String key = what.contains(" ") ? what.substring(0, what.indexOf(' ')) : what;
        synchronized (WORST) {
            double[] w = WORST.computeIfAbsent(key, x -> new double[3]);
            w[0] = Math.max(w[0], maxAbs);
            w[1] = Math.max(w[1], maxRel);
            w[2] += onnx.length;
        }
    }

    static void check(String what, float[] onnx, float[] seqcast) {
        double[] d = new double[seqcast.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = seqcast[k];
        }
        check(what, onnx, d);
    }

    /** The table of worst differences per architecture, for the test log and docs/ONNX.md. */
    static String summary(Predicate<String> which) {
        StringBuilder sb = new StringBuilder(String.format("%-44s %10s %10s %7s%n", "architecture", "max abs", "max rel", "values"));
        synchronized (WORST) {
            WORST.forEach((k, w) -> {
                if (which.test(k)) {
                    sb.append(String.format("%-44s %10.2e %10.2e %7d%n", k, w[0], w[1], (long) w[2]));
                }
            });
        }
        return sb.toString();
    }
}
