package org.seqcast.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqcast.reference.RefNet.Spec;

/**
 * Central finite differences of {@link RefNet}'s loss against its hand-derived gradients, for every parameter
 * element, every input element and the initial states. Double precision, eps = 1e-6: the truncation error is
 * O(eps²) and the rounding error about 1e-16·|L|/eps, both far below the 1e-6 bound on
 * max|analytic − numeric| / max(|analytic|, |numeric|) per tensor.
 */
class RefNetGradientCheckTest {
    private static final int B = 2;
    private static final int T = 3;
    private static final int I = 3;
    private static final int H = 4;
    private static final double EPS = 1e-5;
    private static final double TOL = 1e-6;
    private static final double HUBER_DELTA = 0.4;
    private static double maxObserved;

    @AfterAll
    static void report() {
        System.out.printf("RefNetGradientCheckTest: max relative error %.3e (bound %.0e)%n", maxObserved, TOL);
    }

    // ------------------------------------------------------------------ the check itself

    /** max|a − n| / max(max|a|, max|n|, 1e-8): scale-free, and a wrong element of typical size gives O(1). */
    static double relError(double[] analytic, double[] numeric) {
        double diff = 0;
        double scale = 1e-8;
        for (int k = 0; k < analytic.length; k++) {
            diff = Math.max(diff, Math.abs(analytic[k] - numeric[k]));
            scale = Math.max(scale, Math.max(Math.abs(analytic[k]), Math.abs(numeric[k])));
        }
        return diff / scale;
    }

    /** (L(v + eps e_k) − L(v − eps e_k)) / 2eps for every k; v is perturbed in place and restored. */
    static double[] numericGradient(double[] v, DoubleSupplier loss) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            double saved = v[k];
            v[k] = saved + EPS;
            double plus = loss.getAsDouble();
            v[k] = saved - EPS;
            double minus = loss.getAsDouble();
            v[k] = saved;
            out[k] = (plus - minus) / (2 * EPS);
        }
        return out;
    }

    /** Analytic and numeric gradients, by tensor name ("0.weight_ih_l0", "x", "h0[1]", "c0[0]"). */
    record Comparison(Map<String, double[]> analytic, Map<String, double[]> numeric) {
        Map<String, Double> errors() {
            Map<String, Double> out = new LinkedHashMap<>();
            analytic.forEach((name, a) -> out.put(name, relError(a, numeric.get(name))));
            return out;
        }
    }

    static Comparison compare(RefNet net, double[] x, double[] y, RefLoss loss, Map<Integer, double[][]> h0,
                              Map<Integer, double[][]> c0) {
        net.lossAndGradients(x, B, y, loss);
        Map<String, double[]> analytic = new LinkedHashMap<>();
        net.grads().forEach((name, g) -> analytic.put(name, g.clone()));
        analytic.put("x", net.inputGradient().clone());
        h0.forEach((layer, s) -> analytic.put("h0[" + layer + "]", flat(net.initialHGrad(layer))));
        c0.forEach((layer, s) -> analytic.put("c0[" + layer + "]", flat(net.initialCGrad(layer))));

        DoubleSupplier lossAt = () -> net.loss(x, B, y, loss);
        Map<String, double[]> numeric = new LinkedHashMap<>();
        net.params().forEach((name, w) -> numeric.put(name, numericGradient(w, lossAt)));
        numeric.put("x", numericGradient(x, lossAt));
        h0.forEach((layer, s) -> numeric.put("h0[" + layer + "]", numericRows(s, lossAt)));
        c0.forEach((layer, s) -> numeric.put("c0[" + layer + "]", numericRows(s, lossAt)));
        return new Comparison(analytic, numeric);
    }

    private static double[] numericRows(double[][] rows, DoubleSupplier lossAt) {
        List<double[]> parts = new ArrayList<>();
        for (double[] row : rows) {
            parts.add(numericGradient(row, lossAt));
        }
        return flat(parts.toArray(new double[0][]));
    }

    private static double[] flat(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    static void assertGradientsMatch(String what, Comparison c) {
        c.errors().forEach((name, err) -> {
            maxObserved = Math.max(maxObserved, err);
            assertTrue(err <= TOL, what + ": " + name + " relative error " + err + "\n analytic "
                    + Arrays.toString(c.analytic().get(name)) + "\n numeric  " + Arrays.toString(c.numeric().get(name)));
            double size = Arrays.stream(c.numeric().get(name)).map(Math::abs).max().orElse(0);
            assertTrue(size > 1e-7, what + ": " + name + " has an all-zero gradient; the check would prove nothing");
        });
    }

    // ------------------------------------------------------------------ fixtures

    static RefNet randomNet(long seed, Spec... specs) {
        RefNet net = new RefNet(I, specs);
        net.randomize(new Random(seed), 0.6);
        return net;
    }

    static double[] uniform(Random rnd, int n, double scale) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = scale * (2 * rnd.nextDouble() - 1);
        }
        return v;
    }

    /**
     * Targets y = ŷ − d with |d| in [0.1, 0.3] or [0.5, 0.8]: clear of MAE's kink at 0 and of Huber's at ±0.4 by
     * far more than any eps-perturbation moves ŷ, and exercising both Huber branches. Two in three d are
     * positive, so MAE's sign sums (the bias gradients) do not cancel to exactly zero.
     */
    static double[] targetsAwayFromKinks(double[] pred, Random rnd) {
        double[] y = new double[pred.length];
        for (int k = 0; k < pred.length; k++) {
            double magnitude = k % 2 == 0 ? 0.1 + 0.2 * rnd.nextDouble() : 0.5 + 0.3 * rnd.nextDouble();
            y[k] = pred[k] - (k % 3 != 2 ? magnitude : -magnitude);
        }
        return y;
    }

    /** Runs the full check on a random net with random x and kink-free targets. */
    static Comparison check(long seed, RefLoss loss, Spec... specs) {
        RefNet net = randomNet(seed, specs);
        Random rnd = new Random(seed + 1000);
        double[] x = uniform(rnd, B * T * I, 1.0);
        double[] y = targetsAwayFromKinks(net.forward(x, B), rnd);
        return compare(net, x, y, loss, Map.of(), Map.of());
    }

    static Stream<Spec> recurrentVariants() {
        return Stream.of(false, true).flatMap(seq -> Stream.of(
                Spec.lstm(H), Spec.gru(H), Spec.gru(H).resetBefore(), Spec.rnn(H, "tanh"), Spec.rnn(H, "relu"))
                .map(s -> seq ? s.returnSequences() : s));
    }

    static Stream<Arguments> stacksAndLosses() {
        List<Spec[]> stacks = List.of(
                new Spec[] {Spec.lstm(H).returnSequences(), Spec.gru(H), Spec.dense(2, "linear")},
                new Spec[] {Spec.gru(H).resetBefore().returnSequences(), Spec.rnn(H, "relu"), Spec.dense(2, "tanh")},
                new Spec[] {Spec.lstm(H).returnSequences(), Spec.dense(2, "sigmoid")},
                new Spec[] {Spec.rnn(H, "tanh").returnSequences(), Spec.gru(H).returnSequences(),
                        Spec.lstm(H).returnSequences(), Spec.dense(2, "linear")},
                new Spec[] {Spec.dense(5, "tanh"), Spec.lstm(H).returnSequences(),
                        Spec.gru(H).resetBefore().returnSequences(), Spec.dense(1, "linear")});
        List<RefLoss> losses = List.of(RefLoss.mse(), RefLoss.mae(), RefLoss.huber(HUBER_DELTA));
        return stacks.stream().flatMap(s -> losses.stream().map(l -> Arguments.of(Arrays.toString(s), l, s)));
    }

    // ------------------------------------------------------------------ tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("recurrentVariants")
    void singleRecurrentLayer(Spec spec) {
        assertGradientsMatch(spec.toString(), check(11, RefLoss.mse(), spec));
    }

    /**
     * Keras's activation options on LSTM and GRU, hard sigmoid in both definitions. Weights in [-1.2, 1.2] and
     * inputs in [-2, 2] put some pre-activations beyond the clipping points ±2.5 and ±3 (zero derivative) and
     * most inside (slope 0.2 or 1/6); none lands within eps of a kink for these seeds.
     */
    static Stream<Spec> activationVariants() {
        return Stream.of(Spec.lstm(H).activations("tanh", "hard_sigmoid_keras2"), Spec.lstm(H).activations("relu", "hard_sigmoid"),
                Spec.gru(H).activations("tanh", "hard_sigmoid_keras2").returnSequences(),
                Spec.gru(H).resetBefore().activations("linear", "hard_sigmoid"), Spec.rnn(H, "hard_sigmoid_keras2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activationVariants")
    void gateAndCellActivations(Spec spec) {
        RefNet net = new RefNet(I, spec, Spec.dense(2, "hard_sigmoid"));
        net.randomize(new Random(13), 1.2);
        Random rnd = new Random(14);
        double[] x = uniform(rnd, B * T * I, 2.0);
        double[] y = targetsAwayFromKinks(net.forward(x, B), rnd);
        assertGradientsMatch(spec.toString(), compare(net, x, y, RefLoss.mse(), Map.of(), Map.of()));
    }

    @ParameterizedTest(name = "Dense({0}) per step -> GRU -> Dense({0})")
    @ValueSource(strings = {"linear", "relu", "tanh", "sigmoid", "hard_sigmoid", "hard_sigmoid_keras2"})
    void denseActivations(String act) {
        assertGradientsMatch(act, check(23, RefLoss.mse(), Spec.dense(5, act), Spec.gru(H), Spec.dense(3, act)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stacksAndLosses")
    void stackedLayers(String name, RefLoss loss, Spec[] specs) {
        assertGradientsMatch(name + " " + loss, check(37, loss, specs));
    }

    @Test
    void l2PenaltyOnEveryLayerKind() {
        Spec[] specs = {Spec.lstm(H).returnSequences().l2(0.03), Spec.gru(H).resetBefore().returnSequences().l2(0.02),
                Spec.rnn(H, "relu").l2(0.05), Spec.dense(2, "tanh").l2(0.1)};
        assertGradientsMatch("l2", check(41, RefLoss.huber(HUBER_DELTA), specs));

        // The penalty is λ Σ w² over the weights only, and its gradient 2λw.
        RefNet withL2 = randomNet(41, specs);
        RefNet without = randomNet(41, Spec.lstm(H).returnSequences(), Spec.gru(H).resetBefore().returnSequences(),
                Spec.rnn(H, "relu"), Spec.dense(2, "tanh"));
        double[] x = uniform(new Random(5), B * T * I, 1.0);
        double[] y = new double[B * 2];
        double expected = 0;
        String[][] weights = {{"0.weight_ih_l0", "0.weight_hh_l0"}, {"1.weight_ih_l0", "1.weight_hh_l0"},
                {"2.weight_ih_l0", "2.weight_hh_l0"}, {"3.weight"}};
        for (int k = 0; k < weights.length; k++) {
            for (String name : weights[k]) {
                expected += specs[k].l2() * Arrays.stream(withL2.params().get(name)).map(w -> w * w).sum();
            }
        }
        double lossWith = withL2.lossAndGradients(x, B, y, RefLoss.mse());
        double lossWithout = without.lossAndGradients(x, B, y, RefLoss.mse());
        assertEquals(expected, lossWith - lossWithout, 1e-12);
        assertEquals(withL2.grads().get("3.bias")[0], without.grads().get("3.bias")[0], 0.0, "biases carry no penalty");
        double w = withL2.params().get("1.weight_hh_l0")[5];
        assertEquals(without.grads().get("1.weight_hh_l0")[5] + 2 * 0.02 * w, withL2.grads().get("1.weight_hh_l0")[5], 1e-15);
    }

    @Test
    void initialStateGradients() {
        Random rnd = new Random(3);
        RefNet net = randomNet(51, Spec.lstm(H).returnSequences(), Spec.gru(H).resetBefore().returnSequences(),
                Spec.rnn(H, "relu").returnSequences(), Spec.gru(H), Spec.dense(2, "linear"));
        Map<Integer, double[][]> h0 = new LinkedHashMap<>();
        Map<Integer, double[][]> c0 = new LinkedHashMap<>();
        for (int layer = 0; layer < 4; layer++) {
            h0.put(layer, new double[][] {uniform(rnd, H, 0.8), uniform(rnd, H, 0.8)});
        }
        c0.put(0, new double[][] {uniform(rnd, H, 0.8), uniform(rnd, H, 0.8)});
        for (int layer = 0; layer < 4; layer++) {
            net.setInitialState(layer, h0.get(layer), c0.get(layer));
        }
        double[] x = uniform(rnd, B * T * I, 1.0);
        double[] y = targetsAwayFromKinks(net.forward(x, B), rnd);
        Comparison c = compare(net, x, y, RefLoss.mse(), h0, c0);
        assertNotNull(c.analytic().get("c0[0]"));
        assertEquals(c.analytic().size(), net.params().size() + 1 + 4 + 1);
        assertGradientsMatch("initial states", c);
    }

    @Test
    void forwardMatchesHandWrittenEquationsForOneUnit() {
        // One unit, one feature, two steps: every cell written out as its defining equation.
        double[] x = {0.7, -0.4};
        double wi = 0.5;
        double wh = -0.8;
        double bi = 0.1;
        double bh = 0.2;
        RefNet rnn = scalarNet(Spec.rnn(1, "tanh"), wi, wh, bi, bh);
        double h1 = Math.tanh(wi * x[0] + bi + bh);
        assertEquals(Math.tanh(wi * x[1] + bi + wh * h1 + bh), rnn.forward(x, 1)[0], 1e-15);

        RefNet gruAfter = scalarNet(Spec.gru(1), wi, wh, bi, bh);
        RefNet gruBefore = scalarNet(Spec.gru(1).resetBefore(), wi, wh, bi, bh);
        double hA = 0;
        double hB = 0;
        for (double xt : x) {
            double rA = sig(wi * xt + bi + wh * hA + bh);
            double zA = sig(wi * xt + bi + wh * hA + bh);
            double nA = Math.tanh(wi * xt + bi + rA * (wh * hA + bh));
            hA = (1 - zA) * nA + zA * hA;
            double rB = sig(wi * xt + bi + wh * hB + bh);
            double nB = Math.tanh(wi * xt + bi + wh * (rB * hB) + bh);
            hB = (1 - rB) * nB + rB * hB;
        }
        assertEquals(hA, gruAfter.forward(x, 1)[0], 1e-15);
        assertEquals(hB, gruBefore.forward(x, 1)[0], 1e-15);
        assertTrue(Math.abs(hA - hB) > 1e-3, "the two reset conventions must differ here");

        RefNet lstm = scalarNet(Spec.lstm(1), wi, wh, bi, bh);
        double h = 0;
        double c = 0;
        for (double xt : x) {
            double gate = sig(wi * xt + bi + wh * h + bh);        // i = f = o with shared weights
            c = gate * c + gate * Math.tanh(wi * xt + bi + wh * h + bh);
            h = gate * Math.tanh(c);
        }
        assertEquals(h, lstm.forward(x, 1)[0], 1e-15);

        RefNet dense = new RefNet(2, Spec.dense(1, "sigmoid"));
        dense.params().get("0.weight")[0] = 0.3;
        dense.params().get("0.weight")[1] = -0.6;
        dense.params().get("0.bias")[0] = 0.05;
        double[] out = dense.forward(new double[] {1.0, 2.0, -1.0, 0.5}, 1);   // (1, T=2, F=2): per step
        assertEquals(sig(0.3 - 1.2 + 0.05), out[0], 1e-15);
        assertEquals(sig(-0.3 - 0.3 + 0.05), out[1], 1e-15);
    }

    @Test
    void hardSigmoidsFollowTheirKerasDefinitions() {
        assertEquals(0.5 + 0.2 * 1.5, RefLayers.activate("hard_sigmoid_keras2", 1.5), 1e-15);   // Keras 2: 0.2x + 0.5
        assertEquals(0.5 + 1.5 / 6, RefLayers.activate("hard_sigmoid", 1.5), 1e-15);             // Keras 3: x/6 + 0.5
        assertEquals(1.0, RefLayers.activate("hard_sigmoid_keras2", 2.6), 0.0);
        assertEquals(0.9333333333333333, RefLayers.activate("hard_sigmoid", 2.6), 1e-15);
        assertEquals(0.0, RefLayers.activate("hard_sigmoid", -3.1), 0.0);
        assertEquals(0.0, RefLayers.activateDerivative("hard_sigmoid_keras2", 2.6), 0.0);
        assertEquals(1.0 / 6, RefLayers.activateDerivative("hard_sigmoid", 2.6), 0.0);
    }

    private static double sig(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    /** A one-unit, one-feature net whose every gate row has the same weights. */
    private static RefNet scalarNet(Spec spec, double wi, double wh, double bi, double bh) {
        RefNet net = new RefNet(1, spec);
        Arrays.fill(net.params().get("0.weight_ih_l0"), wi);
        Arrays.fill(net.params().get("0.weight_hh_l0"), wh);
        Arrays.fill(net.params().get("0.bias_ih_l0"), bi);
        Arrays.fill(net.params().get("0.bias_hh_l0"), bh);
        return net;
    }

    // ------------------------------------------------------------------ negative controls

    @Test
    void checkDetectsAPerturbedGradientElement() {
        Comparison c = check(61, RefLoss.mse(), Spec.lstm(H).returnSequences(), Spec.gru(H), Spec.dense(2, "linear"));
        assertTrue(c.errors().values().stream().allMatch(e -> e <= TOL), "unperturbed gradients pass");
        for (String name : List.of("0.weight_hh_l0", "1.bias_hh_l0", "x")) {
            double[] a = c.analytic().get(name);
            double scale = Arrays.stream(a).map(Math::abs).max().orElseThrow();
            a[a.length / 2] += 1e-4 * scale;                      // a 0.01% slip in one element
            double err = c.errors().get(name);
            assertTrue(err > 10 * TOL, name + ": a perturbed element must fail the check, error " + err);
        }
    }

    @Test
    void checkDetectsTheWrongGruVariant() {
        // The gradients of reset-after, measured against finite differences of reset-before with the same weights.
        RefNet after = randomNet(71, Spec.gru(H));
        RefNet before = randomNet(71, Spec.gru(H).resetBefore());
        Random rnd = new Random(72);
        double[] x = uniform(rnd, B * T * I, 1.0);
        double[] y = uniform(rnd, B * H, 0.5);
        Comparison right = compare(before, x, y, RefLoss.mse(), Map.of(), Map.of());
        after.lossAndGradients(x, B, y, RefLoss.mse());
        double err = relError(after.grads().get("0.weight_hh_l0"), right.numeric().get("0.weight_hh_l0"));
        assertTrue(err > 1e-2, "reset-after gradients must not pass for a reset-before model: " + err);
        assertTrue(right.errors().get("0.weight_hh_l0") <= TOL);
    }
}
