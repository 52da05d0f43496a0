package org.seqcast.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.reference.RefNet.Spec;

/**
 * Central finite differences (double precision, eps 1e-5) of {@link RefBidirectional}'s MSE loss against its
 * hand-derived gradients, for every parameter of both directions and every input element, for each cell,
 * merge mode and return_sequences: max|analytic − numeric| / max|·| ≤ 1e-6 per tensor, as for {@link RefNet}.
 */
class BidirectionalGradientCheckTest {
    private static final int B = 2;
    private static final int T = 3;
    private static final int I = 3;
    private static final int H = 3;
    private static final double TOL = 1e-6;
    private static double maxObserved;

    @AfterAll
    static void report() {
        System.out.printf("BidirectionalGradientCheckTest: max relative error %.3e (bound %.0e)%n", maxObserved, TOL);
    }

    /** Every cell × merge mode × return_sequences. */
    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (String merge : new String[] {"concat", "sum", "mul", "ave"}) {
            for (boolean seq : new boolean[] {false, true}) {
                Spec[] cells = {Spec.lstm(H), Spec.gru(H), Spec.rnn(H, "tanh"), Spec.gru(H).resetBefore()};
                for (Spec cell : cells) {
                    Spec s = seq ? cell.returnSequences() : cell;
                    out.add(Arguments.of(s + " " + merge, s, merge));
                }
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(String name, Spec spec, String merge) {
        RefBidirectional net = new RefBidirectional(I, spec, merge);
        Random rnd = new Random(name.hashCode());
        for (double[] w : net.params().values()) {
            for (int k = 0; k < w.length; k++) {
                w[k] = 0.6 * (2 * rnd.nextDouble() - 1);
            }
        }
        double[] x = RefNetGradientCheckTest.uniform(rnd, B * T * I, 1.0);
        double[] y = RefNetGradientCheckTest.uniform(rnd, net.forward(x, B).length, 1.0);
        RefLoss mse = RefLoss.mse();
        net.lossAndGradients(x, y, mse, B);
        Map<String, double[]> analytic = new LinkedHashMap<>();
        net.grads().forEach((k, g) -> analytic.put(k, g.clone()));
        analytic.put("x", net.inputGradient().clone());

        Map<String, double[]> numeric = new LinkedHashMap<>();
        net.params().forEach((k, w) -> numeric.put(k, RefNetGradientCheckTest.numericGradient(w, () -> net.loss(x, y, mse, B))));
        numeric.put("x", RefNetGradientCheckTest.numericGradient(x, () -> net.loss(x, y, mse, B)));

        assertTrue(analytic.keySet().stream().anyMatch(k -> k.endsWith("_reverse")), "both directions are checked");
        analytic.forEach((k, a) -> {
            double err = RefNetGradientCheckTest.relError(a, numeric.get(k));
            maxObserved = Math.max(maxObserved, err);
            assertTrue(err <= TOL, name + ": " + k + " relative error " + err + "\n analytic " + Arrays.toString(a)
                    + "\n numeric  " + Arrays.toString(numeric.get(k)));
            double size = Arrays.stream(numeric.get(k)).map(Math::abs).max().orElse(0);
            assertTrue(size > 1e-7, name + ": " + k + " has an all-zero gradient; the check would prove nothing");
        });
    }
}
