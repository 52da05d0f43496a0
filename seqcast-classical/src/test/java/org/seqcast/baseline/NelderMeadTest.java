package org.seqcast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The optimiser and the admissibility test under the exponential smoothing fits. */
class NelderMeadTest {
    @Test
    void rosenbrockGivesRsOptimResultExactly() {
        // R 4.2.2: fr <- function(x) 100 * (x[2] - x[1]^2)^2 + (1 - x[1])^2; optim(c(-1.2, 1), fr)
        // par 1.0002601387256695 1.0005059993037650, value 8.8252410967227472e-08, 195 function evaluations.
        NelderMead.Result r = NelderMead.minimize(
                x -> 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]),
                new double[] {-1.2, 1}, Math.sqrt(Math.ulp(1.0)), 500);
        assertEquals(1.0002601387256695, r.x()[0], 1e-15);
        assertEquals(1.0005059993037650, r.x()[1], 1e-15);
        assertEquals(8.8252410967227472e-08, r.value(), 1e-20);
        assertEquals(195, r.evaluations());
        assertTrue(r.converged());
    }

    @Test
    void infeasiblePointsAreNeverAccepted() {
        // Minimum of (x − 3)² + (y + 1)² restricted to x ≤ 2: the objective is +∞ beyond, so the answer is x ≈ 2.
        NelderMead.Result r = NelderMead.minimize(
                x -> x[0] > 2 ? Double.POSITIVE_INFINITY : (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1),
                new double[] {0, 0}, 1e-12, 5000);
        assertTrue(r.x()[0] <= 2);
        assertEquals(2, r.x()[0], 1e-4);
        assertEquals(-1, r.x()[1], 1e-4);
    }

    @Test
    void schurCohnFindsRootsOutsideTheRadius() {
        // (z − 0.5)(z + 0.9)(z − 0.2) = z³ + 0.2 z² − 0.53 z + 0.09: all inside the unit disc.
        assertTrue(EtsBounds.rootsWithin(new double[] {0.09, -0.53, 0.2, 1}, 1));
        // (z − 0.5)(z + 1.1) = z² + 0.6 z − 0.55: one root outside.
        assertFalse(EtsBounds.rootsWithin(new double[] {-0.55, 0.6, 1}, 1));
        // but inside radius 1.2
        assertTrue(EtsBounds.rootsWithin(new double[] {-0.55, 0.6, 1}, 1.2));
        // z² + 1 (roots ±i on the circle) is inside any radius above 1 only.
        assertFalse(EtsBounds.rootsWithin(new double[] {1, 0, 1}, 1));
        assertTrue(EtsBounds.rootsWithin(new double[] {1, 0, 1}, 1 + 1e-10));
        // complex pair 0.95·e^{±iπ/3} times (z − 0.99): z³ − 1.94 z² + 1.8430 z − 0.893475 … inside.
        double a = 0.95;
        double c = 2 * a * Math.cos(Math.PI / 3);
        assertTrue(EtsBounds.rootsWithin(new double[] {-0.99 * a * a, a * a + 0.99 * c, -(c + 0.99), 1}, 1));
    }

    @Test
    void admissibleRegionOfSeasonalModels() {
        EtsSpec hw = EtsSpec.holtWinters(4, Seasonality.ADDITIVE, false);
        assertTrue(EtsBounds.inside(hw, 0.5, 0.1, 0.1, 1));
        assertFalse(EtsBounds.inside(hw, 0.5, 0.6, 0.1, 1), "beta above alpha");
        assertFalse(EtsBounds.inside(hw, 0.5, 0.1, 0.6, 1), "gamma above 1 − alpha");
        assertFalse(EtsBounds.inside(hw, 0.00005, 0.00001, 0.1, 1), "alpha below 1e-4");
        // Outside the usual box the admissible region still bounds the parameters: γ > 1 + 1/φ − α.
        assertFalse(EtsBounds.admissible(hw, 0.5, 0.1, 1.6, 1));
        assertTrue(EtsBounds.admissible(hw, 0.5, 0.1, 0.3, 1));
    }
}
