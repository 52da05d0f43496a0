package org.seqcast.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqcast.tensor.Tensor;

/**
 * The non-crossing map and the pinball loss after it: the map's definition, its backward and the composite loss's
 * gradient against central differences in double precision, and ordered quantiles for any raw values.
 */
class NonCrossingQuantilesTest {
    private static final double[] LEVELS = {0.025, 0.1, 0.5, 0.9, 0.975};

    @Test
    void theAnchorIsItsRawValueAndTheOthersAddSoftplusSteps() {
        NonCrossingQuantiles map = new NonCrossingQuantiles(LEVELS);
        assertEquals(2, map.anchor());
        double[] r = {0.3, -1.0, 2.0, 0.0, 4.0};
        double[] q = map.quantiles(r);
        double sp0 = Math.log(2);
        assertEquals(2.0, q[2], 0);
        assertEquals(2.0 + sp0, q[3], 1e-15);
        assertEquals(2.0 + sp0 + Math.log1p(Math.exp(4.0)), q[4], 1e-14);
        assertEquals(2.0 - Math.log1p(Math.exp(-1.0)), q[1], 1e-15);
        assertEquals(2.0 - Math.log1p(Math.exp(-1.0)) - Math.log1p(Math.exp(0.3)), q[0], 1e-14);
        assertEquals(1, new NonCrossingQuantiles(0.1, 0.4, 0.7, 0.9).anchor(), "0.4 is nearest 0.5");
        assertEquals(0, new NonCrossingQuantiles(0.4, 0.6).anchor(), "a tie takes the lower level");
        assertEquals(0, new NonCrossingQuantiles(0.9).anchor());
    }

    /** d(Σ_j c_j q_j)/dr against central differences of the map in double (step 1e-6). */
    @Test
    void backwardMatchesCentralDifferencesOfTheMap() {
        Random rnd = new Random(3);
        for (double[] levels : new double[][] {LEVELS, {0.5}, {0.1, 0.9}, {0.05, 0.2, 0.3, 0.5}, {0.5, 0.6, 0.99}}) {
            NonCrossingQuantiles map = new NonCrossingQuantiles(levels);
            int n = 3 * levels.length;
            double[] r = new double[n];
            double[] c = new double[n];
            for (int k = 0; k < n; k++) {
                r[k] = 3 * rnd.nextGaussian();
                c[k] = rnd.nextGaussian();
            }
            double[] dr = map.rawGradient(r, c);
            for (int k = 0; k < n; k++) {
                double keep = r[k];
                double h = 1e-6;
                r[k] = keep + h;
                double up = dot(c, map.quantiles(r));
                r[k] = keep - h;
                double down = dot(c, map.quantiles(r));
                r[k] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, dr[k], 1e-8 * Math.max(1, Math.abs(fd)), "levels " + java.util.Arrays.toString(levels)
                        + ", raw value " + k);
            }
        }
    }

    /**
     * The composite loss's gradient against central differences of its value: the value is computed in double from
     * the float outputs, so the differences use the float-rounded steps and reach 1e-6; every quantile is kept at
     * least 0.05 from its target (the pinball kink) for the step of 1e-3 taken. Weighted and unweighted.
     */
    @Test
    void lossGradientMatchesCentralDifferences() {
        Random rnd = new Random(5);
        for (boolean weighted : new boolean[] {false, true}) {
            for (double[] levels : new double[][] {LEVELS, {0.1, 0.5, 0.9}, {0.5}}) {
                Loss loss = Loss.nonCrossingPinball(levels);
                int b = 3;
                int t = 2;
                int nq = levels.length;
                Tensor pred = Tensor.zeros(b, t * nq);
                Tensor target = Tensor.zeros(loss.targetShape(pred.shape()));
                Tensor w = weighted ? Tensor.zeros(b) : null;
                for (int s = 0; weighted && s < b; s++) {
                    w.data()[s] = (float) (0.2 + 3 * rnd.nextDouble());
                }
                fillAwayFromKinks(rnd, new NonCrossingQuantiles(levels), pred.data(), target.data());
                float[] grad = loss.gradient(pred, target, w).data();
                float[] p = pred.data();
                for (int k = 0; k < p.length; k++) {
                    float keep = p[k];
                    p[k] = (float) (keep + 1e-3);
                    double up = loss.value(pred, target, w);
                    float hi = p[k];
                    p[k] = (float) (keep - 1e-3);
                    double down = loss.value(pred, target, w);
                    float lo = p[k];
                    p[k] = keep;
                    double fd = (up - down) / ((double) hi - lo);
                    assertEquals(fd, grad[k], 1e-6 * Math.max(1e-2, Math.abs(fd)), loss + (weighted ? " weighted" : "")
                            + ", output " + k);
                }
            }
        }
    }

    /** Raw values whose quantiles all lie at least 0.05 (plus the steps' reach) from their targets. */
    private static void fillAwayFromKinks(Random rnd, NonCrossingQuantiles map, float[] r, float[] y) {
        int nq = map.size();
        for (int i = 0; i < y.length; i++) {
            while (true) {
                y[i] = (float) rnd.nextGaussian();
                float[] group = new float[nq];
                for (int j = 0; j < nq; j++) {
                    group[j] = (float) (1.5 * rnd.nextGaussian());
                }
                double[] q = map.quantiles(group);
                boolean clear = true;
                for (double v : q) {
                    clear &= Math.abs(v - y[i]) > 0.05 + nq * 2e-3;
                }
                if (clear) {
                    System.arraycopy(group, 0, r, i * nq, nq);
                    break;
                }
            }
        }
    }

    /** With one level the map is the identity, so the loss is Pinball's to the bit. */
    @Test
    void oneLevelIsThePinballLoss() {
        Random rnd = new Random(9);
        Tensor pred = Tensor.zeros(4, 3);
        Tensor target = Tensor.zeros(4, 3);
        for (int k = 0; k < 12; k++) {
            pred.data()[k] = (float) rnd.nextGaussian();
            target.data()[k] = (float) rnd.nextGaussian();
        }
        Tensor asPinball = Tensor.wrap(pred.data().clone(), 4, 3, 1);
        assertEquals(Loss.pinball(0.3).value(asPinball, target), Loss.nonCrossingPinball(0.3).value(pred, target), 0);
        assertArrayEquals(Loss.pinball(0.3).gradient(asPinball, target).data(),
                Loss.nonCrossingPinball(0.3).gradient(pred, target).data());
    }

    /** Random raw values of every size, including ones whose softplus underflows or is huge: never crossing. */
    @Test
    void quantilesNeverCross() {
        Random rnd = new Random(21);
        for (int trial = 0; trial < 2000; trial++) {
            int nq = 1 + rnd.nextInt(9);
            double[] levels = new double[nq];
            for (int j = 0; j < nq; j++) {
                levels[j] = (j + 1 + rnd.nextDouble() * 0.5) / (nq + 1.5);
            }
            NonCrossingQuantiles map = new NonCrossingQuantiles(levels);
            double scale = switch (trial % 4) {
                case 0 -> 1;
                case 1 -> 30;
                case 2 -> 800;
                default -> 1e30;
            };
            float[] r = new float[2 * nq];
            for (int k = 0; k < r.length; k++) {
                r[k] = (float) (scale * rnd.nextGaussian());
            }
            double[] q = map.quantiles(r);
            for (int g = 0; g < 2; g++) {
                for (int j = 1; j < nq; j++) {
                    double lo = q[g * nq + j - 1];
                    double hi = q[g * nq + j];
                    assertTrue(lo <= hi && (float) lo <= (float) hi, "crossed at trial " + trial + ", level " + j
                            + ": " + lo + " > " + hi);
                }
            }
        }
    }

    @Test
    void badInputIsRefused() {
        Loss loss = Loss.nonCrossingPinball(0.1, 0.5, 0.9);
        assertArrayEquals(new int[] {8, 4}, loss.targetShape(new int[] {8, 12}));
        assertArrayEquals(new int[] {8, 2, 1}, loss.targetShape(new int[] {8, 2, 3}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.targetShape(new int[] {8, 7}));
        assertTrue(e.getMessage().contains("(8, 7)") && e.getMessage().contains("multiple of 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NonCrossingQuantiles(0.5, 0.1));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NonCrossingQuantiles(0.5).rawGradient(new double[2],
                new double[3]));
        assertTrue(e.getMessage().contains("3 values for 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NonCrossingQuantiles(0.1, 0.5).quantiles(new double[3]));
        assertTrue(e.getMessage().contains("multiple of 2"), e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
