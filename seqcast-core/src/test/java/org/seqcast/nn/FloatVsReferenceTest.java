package org.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.reference.GradientChecks;
import org.seqcast.reference.RefLoss;
import org.seqcast.reference.RefNet.Spec;
import org.seqcast.reference.RefNet;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;

/**
 * The float32 production model against the double-precision {@link RefNet} oracle, loaded from the model's own
 * state dict: predictions, loss, every parameter gradient, dL/dx, and the initial-state gradient through the
 * layer API. Also determinism: bit-identical results for any thread count and for any batching of predict.
 */
class FloatVsReferenceTest {
    private static final int B = 2;
    private static final int T = 3;
    private static final int I = 3;
    private static final int H = 4;
    private static final double PRED_REL = 1e-5;
    private static final double PRED_ABS = 1e-6;
    private static final double GRAD_REL = 1e-4;
    private static final Map<String, Double> MAX_OBSERVED = new LinkedHashMap<>();

    @AfterAll
    static void report() {
        System.out.println("FloatVsReferenceTest: max observed errors " + MAX_OBSERVED);
    }

    private static void observe(String what, double err) {
        MAX_OBSERVED.merge(what, err, Math::max);
    }

    // ------------------------------------------------------------------ building both sides

    static Layer toLayer(Spec s) {
        return switch (s.kind()) {
            case LSTM -> new LSTM(s.units()).activation(Activation.of(s.cellActivation()))
                    .recurrentActivation(Activation.of(s.gateActivation()))
                    .returnSequences(s.isReturnSequences()).l2(s.l2());
            case GRU -> new GRU(s.units()).resetAfter(s.isResetAfter()).activation(Activation.of(s.cellActivation()))
                    .recurrentActivation(Activation.of(s.gateActivation()))
                    .returnSequences(s.isReturnSequences()).l2(s.l2());
            case RNN -> new SimpleRNN(s.units()).activation(Activation.of(s.activation()))
                    .returnSequences(s.isReturnSequences()).l2(s.l2());
            case DENSE -> new Dense(s.units(), s.activation()).l2(s.l2());
        };
    }

    /** The production model for {@code specs}, seeded, with its zero-initialised biases replaced by
     * random ones, so that every bias path (b_hn inside r ⊙ (·) included) carries a value. */
    static Sequential model(long seed, int features, int steps, Spec... specs) {
        Layer[] layers = Arrays.stream(specs).map(FloatVsReferenceTest::toLayer).toArray(Layer[]::new);
        layers[0].inputShape(steps, features);
        Sequential m = new Sequential(layers).seed(seed);
        m.build(steps, features);
        Random rnd = new Random(seed);
        Map<String, Tensor> state = m.stateDict();
        state.forEach((name, t) -> {
            if (name.contains("bias")) {
                float[] d = t.data();
                for (int k = 0; k < d.length; k++) {
                    d[k] = (float) (rnd.nextDouble() - 0.3);   // in [-0.3, 0.7): keeps relu units alive
                }
            }
        });
        m.loadStateDict(state);
        return m;
    }

    static Loss toLoss(RefLoss fn) {
        return switch (fn.name()) {
            case "mse" -> Loss.mse();
            case "mae" -> Loss.mae();
            default -> Loss.huber(fn.delta());
        };
    }

    // ------------------------------------------------------------------ comparisons

    /** Element-wise |float − ref| ≤ rel·|ref| + abs. */
    static void assertClose(String what, double[] ref, float[] actual, double rel, double abs) {
        assertEquals(ref.length, actual.length, what + " length");
        for (int k = 0; k < ref.length; k++) {
            double err = Math.abs(actual[k] - ref[k]);
            observe("outputs (fraction of bound)", err / (rel * Math.abs(ref[k]) + abs));
            assertTrue(err <= rel * Math.abs(ref[k]) + abs, what + "[" + k + "]: float " + actual[k] + " vs reference " + ref[k]);
        }
    }

    /** max|float − ref| ≤ GRAD_REL · max|ref| over the tensor, which must not be all zero. */
    static void assertTensorClose(String what, double[] ref, float[] actual) {
        assertEquals(ref.length, actual.length, what + " length");
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < ref.length; k++) {
            diff = Math.max(diff, Math.abs(actual[k] - ref[k]));
            scale = Math.max(scale, Math.abs(ref[k]));
        }
        assertTrue(scale > 1e-6, what + ": reference gradient is all zero; the comparison would prove nothing");
        observe("gradient", diff / scale);
        assertTrue(diff <= GRAD_REL * scale, what + ": relative error " + diff / scale + "\n float     "
                + Arrays.toString(actual) + "\n reference " + Arrays.toString(ref));
    }

    // ------------------------------------------------------------------ cases

    static Stream<Arguments> cases() {
        Stream<Spec[]> singles = Stream.of(false, true).flatMap(seq -> Stream.of(
                Spec.lstm(H), Spec.gru(H), Spec.gru(H).resetBefore(), Spec.rnn(H, "tanh"), Spec.rnn(H, "relu"))
                .map(s -> new Spec[] {seq ? s.returnSequences() : s}));
        Stream<Spec[]> dense = Stream.of("linear", "relu", "tanh", "sigmoid", "hard_sigmoid", "hard_sigmoid_keras2")
                .map(a -> new Spec[] {Spec.dense(5, a), Spec.gru(H), Spec.dense(3, a)});
        Stream<Arguments> mse = Stream.concat(singles, dense).map(s -> Arguments.of(Arrays.toString(s), RefLoss.mse(), s));
        List<Spec[]> stacks = List.of(
                new Spec[] {Spec.lstm(H).returnSequences(), Spec.gru(H), Spec.dense(2, "linear")},
                new Spec[] {Spec.gru(H).resetBefore().returnSequences(), Spec.rnn(H, "relu"), Spec.dense(2, "tanh")},
                new Spec[] {Spec.lstm(H).returnSequences(), Spec.dense(2, "sigmoid")},
                new Spec[] {Spec.rnn(H, "tanh").returnSequences(), Spec.gru(H).returnSequences(),
                        Spec.lstm(H).returnSequences(), Spec.dense(2, "linear")},
                new Spec[] {Spec.lstm(H).returnSequences().l2(0.03), Spec.gru(H).resetBefore().returnSequences().l2(0.02),
                        Spec.rnn(H, "relu").l2(0.05), Spec.dense(2, "tanh").l2(0.1)});
        Stream<Arguments> stacked = stacks.stream().flatMap(s -> Stream.of(RefLoss.mse(), RefLoss.mae(), RefLoss.huber(0.4))
                .map(l -> Arguments.of(Arrays.toString(s), l, s)));
        return Stream.concat(mse, stacked);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void predictionsLossGradientsAndInputGradientMatchReference(String name, RefLoss lossFn, Spec[] specs) {
        checkAgainstReference(name, lossFn, specs, 1f);
    }

    /**
     * Keras's activation and recurrent_activation options (hard sigmoid in both definitions, sigmoid, relu,
     * linear) on every cell, with inputs in [-4, 4] so that hard-sigmoid gates reach their clipped parts too.
     */
    static Stream<Arguments> activationCases() {
        return Stream.of(false, true).flatMap(seq -> Stream.of(
                Spec.lstm(H).activations("tanh", "hard_sigmoid_keras2"), Spec.lstm(H).activations("relu", "hard_sigmoid"),
                Spec.lstm(H).activations("linear", "sigmoid"), Spec.gru(H).activations("tanh", "hard_sigmoid_keras2"),
                Spec.gru(H).activations("relu", "hard_sigmoid"), Spec.gru(H).resetBefore().activations("tanh", "hard_sigmoid_keras2"),
                Spec.gru(H).resetBefore().activations("linear", "hard_sigmoid"), Spec.rnn(H, "hard_sigmoid"),
                Spec.rnn(H, "hard_sigmoid_keras2"), Spec.rnn(H, "sigmoid"), Spec.rnn(H, "linear"))
                .map(s -> new Spec[] {seq ? s.returnSequences() : s, Spec.dense(2, "linear")}))
                .map(s -> Arguments.of(Arrays.toString(s), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activationCases")
    void gateAndCellActivationsMatchReference(String name, Spec[] specs) {
        checkAgainstReference(name, RefLoss.mse(), specs, 4f);
    }

    private void checkAgainstReference(String name, RefLoss lossFn, Spec[] specs, float xScale) {
        long seed = Math.abs(name.hashCode() + 31L * lossFn.name().hashCode());
        Sequential m = model(seed, I, T, specs).threads(1);
        m.compile(toLoss(lossFn), new Adam());
        RefNet ref = new RefNet(I, specs);
        ref.loadStateDict(m.stateDict());

        Random rnd = new Random(seed);
        float[] xf = GradientChecks.uniform(rnd, B * T * I);
        for (int k = 0; k < xf.length; k++) {
            xf[k] *= xScale;
        }
        double[] x = GradientChecks.toDouble(xf);
        Tensor xt = Tensor.wrap(xf, B, T, I);
        double[] refPred = ref.forward(x, B);
        Tensor pred = m.predict(xt);
        assertClose("prediction", refPred, pred.data(), PRED_REL, PRED_ABS);

        // Targets 0.1..0.8 from the prediction, two in three on one side: clear of the MAE and Huber(0.4) kinks.
        float[] yf = new float[refPred.length];
        for (int k = 0; k < yf.length; k++) {
            double d = k % 2 == 0 ? 0.1 + 0.2 * rnd.nextDouble() : 0.5 + 0.3 * rnd.nextDouble();
            yf[k] = (float) (refPred[k] - (k % 3 != 2 ? d : -d));
        }
        double refLoss = ref.lossAndGradients(x, B, GradientChecks.toDouble(yf), lossFn);
        double loss = m.computeGradients(xt, Tensor.wrap(yf, pred.shape()));
        observe("loss", Math.abs(loss - refLoss) / Math.abs(refLoss));
        assertEquals(refLoss, loss, 1e-5 * Math.abs(refLoss), "loss");

        Map<String, Tensor> grads = m.gradients();
        assertEquals(ref.grads().keySet(), grads.keySet());
        grads.forEach((p, g) -> assertTensorClose(name + " " + p, ref.grads().get(p), g.data()));

        // dL/dx through the package-private batch-first backward, from the same dL/dŷ.
        Context ctx = Context.inference(Parallel.serial());
        Tensor again = m.forward(xt, ctx);
        Tensor dPred = m.loss().gradient(again, Tensor.wrap(yf, again.shape()));
        Tensor dx = m.backward(dPred, ctx);
        assertArrayEquals(new int[] {B, T, I}, dx.shape());
        assertTensorClose(name + " dx", ref.inputGradient(), dx.data());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recurrentVariants")
    void initialStateGradientThroughLayerApi(Spec spec) {
        long seed = 100 + spec.toString().hashCode();
        Recurrent layer = (Recurrent) toLayer(spec);
        layer.build(new int[] {T, I}, new Rng(seed), "layer 0");
        RefNet ref = new RefNet(I, spec);
        ref.randomize(new Random(seed), 0.7);
        for (Parameter p : layer.parameters()) {
            double[] w = ref.params().get("0." + p.name());
            float[] f = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                f[k] = (float) w[k];
                w[k] = f[k];                                   // both sides hold the same float values
            }
            p.set(p.shape(), f);
        }
        Random rnd = new Random(seed);
        boolean lstm = spec.kind() == RefNet.Kind.LSTM;
        float[] h0 = GradientChecks.uniform(rnd, B * H);
        float[] c0 = lstm ? GradientChecks.uniform(rnd, B * H) : null;
        ref.setInitialState(0, rows(h0), lstm ? rows(c0) : null);
        float[] xTimeMajor = GradientChecks.uniform(rnd, T * B * I);
        int outSteps = spec.isReturnSequences() ? T : 1;
        float[] dyTimeMajor = GradientChecks.uniform(rnd, outSteps * B * H);

        Context ctx = Context.inference(Parallel.serial());
        // A larger, longer pass first: buffers are reused, and backward must follow the latest forward only.
        layer.forward(Tensor.wrap(GradientChecks.uniform(rnd, (T + 2) * (B + 3) * I), T + 2, B + 3, I), ctx);
        RecurrentState initial = new RecurrentState(Tensor.wrap(h0.clone(), B, H),
                lstm ? Tensor.wrap(c0.clone(), B, H) : null);
        Tensor y = layer.forward(Tensor.wrap(xTimeMajor, T, B, I), ctx, initial);
        Tensor dx = layer.backward(spec.isReturnSequences() ? Tensor.wrap(dyTimeMajor, T, B, H)
                : Tensor.wrap(dyTimeMajor, B, H), ctx);

        double[] refY = ref.forward(batchFirst(xTimeMajor, T, B, I), B);
        double[] refDx = ref.backward(batchFirst(dyTimeMajor, outSteps, B, H));
        assertClose(spec + " y", refY, batchFirstF(y.data(), outSteps, B, H), PRED_REL, PRED_ABS);
        assertTensorClose(spec + " dx", refDx, batchFirstF(dx.data(), T, B, I));
        for (Parameter p : layer.parameters()) {
            assertTensorClose(spec + " " + p.name(), ref.grads().get("0." + p.name()), p.grad());
        }
        RecurrentState dInitial = layer.initialStateGradient();
        assertTensorClose(spec + " dh0", flat(ref.initialHGrad(0)), dInitial.h().data());
        if (lstm) {
            assertTensorClose(spec + " dc0", flat(ref.initialCGrad(0)), dInitial.c().data());
        } else {
            assertNull(dInitial.c(), "no cell state gradient for " + spec);
        }
    }

    static Stream<Spec> recurrentVariants() {
        return Stream.of(false, true).flatMap(seq -> Stream.of(
                Spec.lstm(H), Spec.gru(H), Spec.gru(H).resetBefore(), Spec.rnn(H, "tanh"), Spec.rnn(H, "relu"))
                .map(s -> seq ? s.returnSequences() : s));
    }

    private static double[][] rows(float[] v) {
        double[][] out = new double[B][H];
        for (int b = 0; b < B; b++) {
            for (int j = 0; j < H; j++) {
                out[b][j] = v[b * H + j];
            }
        }
        return out;
    }

    private static double[] flat(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    /** (T, B, F) time-major to (B, T, F) batch-first. */
    private static float[] batchFirstF(float[] timeMajor, int steps, int batch, int f) {
        float[] out = new float[timeMajor.length];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(timeMajor, (t * batch + b) * f, out, (b * steps + t) * f, f);
            }
        }
        return out;
    }

    private static double[] batchFirst(float[] timeMajor, int steps, int batch, int f) {
        return GradientChecks.toDouble(batchFirstF(timeMajor, steps, batch, f));
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void oneAndThreeThreadsAreBitIdentical() {
        int batch = 24;
        int steps = 6;
        int features = 8;
        // Large enough that every MatOps product and row sum, and the batch-row time loops, split over 3 threads.
        Spec[] specs = {Spec.lstm(128).returnSequences(), Spec.gru(32).resetBefore().returnSequences(),
                Spec.rnn(16, "relu").returnSequences(), Spec.gru(16), Spec.dense(3, "tanh")};
        Sequential one = model(5, features, steps, specs).threads(1);
        Sequential three = model(5, features, steps, specs).threads(3);
        assertEquals(3, three.threads());
        one.compile(Loss.huber(0.5), new Adam());
        three.compile(Loss.huber(0.5), new Adam());
        Random rnd = new Random(6);
        Tensor x = Tensor.wrap(GradientChecks.uniform(rnd, batch * steps * features), batch, steps, features);
        Tensor y = Tensor.wrap(GradientChecks.uniform(rnd, batch * 3), batch, 3);

        assertArrayEquals(one.predict(x).data(), three.predict(x).data());
        double lossOne = one.computeGradients(x, y);
        double lossThree = three.computeGradients(x, y);
        assertEquals(Double.doubleToLongBits(lossOne), Double.doubleToLongBits(lossThree));
        Map<String, Tensor> gOne = one.gradients();
        Map<String, Tensor> gThree = three.gradients();
        gOne.forEach((name, g) -> assertArrayEquals(g.data(), gThree.get(name).data(), name));
        assertTrue(Arrays.stream(GradientChecks.toDouble(gOne.get("0.weight_hh_l0").data())).anyMatch(v -> v != 0));
    }

    @Test
    void batchOfNEqualsNBatchesOfOne() {
        // 300 rows also crosses Sequential.PREDICT_BATCH (256), predict's own chunking.
        int n = Sequential.PREDICT_BATCH + 44;
        for (Spec[] specs : List.of(
                new Spec[] {Spec.lstm(H).returnSequences(), Spec.gru(H).resetBefore(), Spec.dense(2, "linear")},
                new Spec[] {Spec.gru(H).returnSequences(), Spec.rnn(H, "relu").returnSequences(), Spec.dense(2, "sigmoid")})) {
            Sequential m = model(9, I, T, specs).threads(2);
            Tensor x = Tensor.wrap(GradientChecks.uniform(new Random(10), n * T * I), n, T, I);
            Tensor all = m.predict(x);
            int row = all.size() / n;
            assertEquals(n, all.dim(0));
            for (int b = 0; b < n; b++) {
                float[] single = m.predict(x.slice(b, b + 1)).data();
                assertArrayEquals(single, Arrays.copyOfRange(all.data(), b * row, (b + 1) * row),
                        Arrays.toString(specs) + " row " + b);
            }
        }
    }
}
