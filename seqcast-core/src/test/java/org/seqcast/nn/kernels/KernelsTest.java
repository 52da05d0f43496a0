package org.seqcast.nn.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The vector kernels against the scalar reference, on sizes that exercise every vector tail. */
class KernelsTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();
    private static final int[] SIZES = {1, 3, L - 1, L, L + 1, 2 * L + 3, 50, 200};
    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = KernelChoice.loadVector();

    @Test
    void testsRunWithTheKernelsTheBuildAskedFor() {
        assertTrue(KernelChoice.vectorModulePresent(), "surefire must pass --add-modules jdk.incubator.vector");
        assertEquals("vector", vector.name());
        boolean forcedScalar = "scalar".equals(System.getProperty(KernelChoice.PROPERTY));
        assertEquals(forcedScalar ? "scalar" : "vector", Kernels.current().name());
    }

    @Test
    void mulAddTransBMatchesScalar() {
        Random r = new Random(5);
        for (int M : new int[] {1, 5}) {
            for (int K : SIZES) {
                for (int N : new int[] {1, 3, 8}) {
                    float[] a = random(r, M * K);
                    float[] b = random(r, N * K);
                    float[] c = random(r, M * N);
                    float[] cs = c.clone();
                    float[] cv = c.clone();
                    scalar.mulAddTransB(a, 0, K, b, 0, K, cs, 0, N, M, K, N);
                    vector.mulAddTransB(a, 0, K, b, 0, K, cv, 0, N, M, K, N);
                    float[] scale = new float[c.length];
                    for (int i = 0; i < M; i++) {
                        for (int j = 0; j < N; j++) {
                            float s = Math.abs(c[i * N + j]);
                            for (int k = 0; k < K; k++) {
                                s += Math.abs(a[i * K + k] * b[j * K + k]);
                            }
                            scale[i * N + j] = s;
                        }
                    }
                    assertCloseScaled(cs, cv, scale, "mulAddTransB M=" + M + " K=" + K + " N=" + N);
                }
            }
        }
    }

    @Test
    void longSumsAcrossCacheBlocksMatchScalar() {
        Random r = new Random(6);
        int M = 9;
        int K = 700;   // several k blocks
        int N = 37;
        float[] a = random(r, K * M);
        float[] b = random(r, K * N);
        float[] cs = new float[M * N];
        float[] cv = new float[M * N];
        scalar.mulAddTransA(a, 0, M, b, 0, N, cs, 0, N, 0, M, K, N);
        vector.mulAddTransA(a, 0, M, b, 0, N, cv, 0, N, 0, M, K, N);
        float[] scale = new float[M * N];
        java.util.Arrays.fill(scale, K);
        assertCloseScaled(cs, cv, scale, "mulAddTransA K=700");
        float[] a2 = random(r, M * K);
        float[] ms = new float[M * N];
        float[] mv = new float[M * N];
        scalar.mulAdd(a2, 0, K, b, 0, N, ms, 0, N, M, K, N);
        vector.mulAdd(a2, 0, K, b, 0, N, mv, 0, N, M, K, N);
        assertCloseScaled(ms, mv, scale, "mulAdd K=700");
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) r.nextGaussian();
        }
        return v;
    }

    /** |a − b| ≤ 1e-5 · (Σ_k |a_ik b_kj| + |c_ij|): the bound of a float dot product's rounding. */
    private static void assertCloseScaled(float[] expected, float[] actual, float[] scale, String what) {
        for (int k = 0; k < expected.length; k++) {
            double tol = 1e-5 * (scale[k] + 1e-6);
            assertTrue(Math.abs(expected[k] - actual[k]) <= tol, what + " element " + k + ": scalar " + expected[k]
                    + ", vector " + actual[k]);
        }
    }

    @Test
    void mulAddMatchesScalarOnAllTails() {
        Random r = new Random(1);
        for (int M : new int[] {1, 3, 4, 5, 9}) {
            for (int K : SIZES) {
                for (int N : SIZES) {
                    int lda = K + 2;
                    int ldb = N + 1;
                    int ldc = N + 3;
                    float[] a = random(r, 2 + M * lda);
                    float[] b = random(r, 1 + K * ldb);
                    float[] c = random(r, 3 + M * ldc);
                    float[] cs = c.clone();
                    float[] cv = c.clone();
                    scalar.mulAdd(a, 2, lda, b, 1, ldb, cs, 3, ldc, M, K, N);
                    vector.mulAdd(a, 2, lda, b, 1, ldb, cv, 3, ldc, M, K, N);
                    float[] scale = new float[c.length];
                    for (int i = 0; i < M; i++) {
                        for (int j = 0; j < N; j++) {
                            float s = Math.abs(c[3 + i * ldc + j]);
                            for (int k = 0; k < K; k++) {
                                s += Math.abs(a[2 + i * lda + k] * b[1 + k * ldb + j]);
                            }
                            scale[3 + i * ldc + j] = s;
                        }
                    }
                    assertCloseScaled(cs, cv, scale, "mulAdd M=" + M + " K=" + K + " N=" + N);
                    // Elements outside C's M x N block (padding) are untouched.
                    for (int i = 0; i < M; i++) {
                        for (int j = N; j < ldc && 3 + i * ldc + j < c.length; j++) {
                            assertEquals(c[3 + i * ldc + j], cv[3 + i * ldc + j]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void mulAddTransAMatchesScalarOnAllTailsAndRowRanges() {
        Random r = new Random(2);
        for (int M : new int[] {1, 4, 7, 13}) {
            for (int K : SIZES) {
                for (int N : SIZES) {
                    int lda = M + 1;
                    float[] a = random(r, K * lda);
                    float[] b = random(r, K * N);
                    float[] c = random(r, M * N);
                    float[] cs = c.clone();
                    float[] cv = c.clone();
                    scalar.mulAddTransA(a, 0, lda, b, 0, N, cs, 0, N, 0, M, K, N);
                    vector.mulAddTransA(a, 0, lda, b, 0, N, cv, 0, N, 0, M, K, N);
                    float[] scale = new float[c.length];
                    for (int i = 0; i < M; i++) {
                        for (int j = 0; j < N; j++) {
                            float s = Math.abs(c[i * N + j]);
                            for (int k = 0; k < K; k++) {
                                s += Math.abs(a[k * lda + i] * b[k * N + j]);
                            }
                            scale[i * N + j] = s;
                        }
                    }
                    assertCloseScaled(cs, cv, scale, "mulAddTransA M=" + M + " K=" + K + " N=" + N);
                    // Any split of the rows gives the same bits as one call.
                    float[] split = c.clone();
                    int mid = M / 3;
                    vector.mulAddTransA(a, 0, lda, b, 0, N, split, 0, N, 0, mid, K, N);
                    vector.mulAddTransA(a, 0, lda, b, 0, N, split, 0, N, mid, M, K, N);
                    assertArrayEquals(cv, split, 0f, "row split M=" + M + " K=" + K + " N=" + N);
                }
            }
        }
    }

    @Test
    void mulAddRowBlocksDoNotChangeBits() {
        Random r = new Random(3);
        int M = 11;
        int K = 50;
        int N = 200;
        float[] a = random(r, M * K);
        float[] b = random(r, K * N);
        float[] whole = new float[M * N];
        vector.mulAdd(a, 0, K, b, 0, N, whole, 0, N, M, K, N);
        for (int from = 0; from < M; from++) {     // one row at a time, as a thread with a single batch row would
            float[] one = new float[N];
            vector.mulAdd(a, from * K, K, b, 0, N, one, 0, N, 1, K, N);
            for (int j = 0; j < N; j++) {
                assertEquals(whole[from * N + j], one[j], 0f, "row " + from + " column " + j);
            }
        }
    }

    private static float[] activationInputs() {
        Random r = new Random(4);
        float[] x = new float[4099];
        for (int k = 0; k < x.length; k++) {
            double scale = switch (k % 4) {
                case 0 -> 1e-3;
                case 1 -> 0.3;
                case 2 -> 3;
                default -> 40;
            };
            x[k] = (float) (r.nextGaussian() * scale);
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = 100f;
        x[3] = -100f;
        x[4] = 0.3f;
        x[5] = -0.29999998f;
        return x;
    }

    @Test
    void vectorActivationsMatchTheScalarOnes() {
        float[] x = activationInputs();
        float[] sig = x.clone();
        float[] th = x.clone();
        vector.sigmoid(sig, 0, x.length);
        vector.tanh(th, 0, x.length);
        for (int k = 0; k < x.length; k++) {
            float s = Activation.sigmoid(x[k]);
            float t = Activation.tanh(x[k]);
            assertTrue(Math.abs(sig[k] - s) <= 3e-7 * s + 1e-38, "sigmoid(" + x[k] + "): " + sig[k] + " vs " + s);
            assertTrue(Math.abs(th[k] - t) <= 3e-7 * Math.abs(t), "tanh(" + x[k] + "): " + th[k] + " vs " + t);
        }
    }

    /**
     * The first calls run in the interpreter (the Vector API's Java fallback), later ones compiled by C2: the
     * bits must not change, or results would depend on JIT timing.
     */
    @Test
    void activationsGiveTheSameBitsBeforeAndAfterCompilation() {
        float[] x = activationInputs();
        float[] firstSig = x.clone();
        float[] firstTanh = x.clone();
        vector.sigmoid(firstSig, 0, x.length);
        vector.tanh(firstTanh, 0, x.length);
        float[] s = null;
        float[] t = null;
        for (int rep = 0; rep < 3000; rep++) {
            s = x.clone();
            t = x.clone();
            vector.sigmoid(s, 0, x.length);
            vector.tanh(t, 0, x.length);
        }
        assertArrayEquals(firstSig, s, 0f);
        assertArrayEquals(firstTanh, t, 0f);
    }

    // ---- The cells' fused point-wise steps: vector against the scalar reference (the loops of LstmKernels and
    // GruKernels), against those loops run with the vector σ and tanh (the unfused vector path: same bits), on
    // every tail size and on several rows, and the same bits before and after JIT compilation.

    private static final int[] CELL_SIZES = {1, 3, L - 1, L, L + 1, 2 * L + 3, 50, 64};

    /** Inputs and outputs of one point-wise call, with a few floats of padding before each block. */
    private static final class Cell {
        static final int PAD = 3;
        final float[][] a;

        Cell(Random r, int... sizes) {
            a = new float[sizes.length][];
            for (int k = 0; k < sizes.length; k++) {
                a[k] = random(r, PAD + sizes[k] + PAD);
                for (int i = 0; i < a[k].length; i++) {
                    a[k][i] *= 2f;
                }
            }
        }

        private Cell(float[][] a) {
            this.a = a;
        }

        Cell copy() {
            float[][] b = new float[a.length][];
            for (int k = 0; k < a.length; k++) {
                b[k] = a[k].clone();
            }
            return new Cell(b);
        }
    }

    private interface CellOp {
        void run(Kernels k, Cell c, int R, int H);
    }

    private static final CellOp LSTM_BWD = (k, c, R, H) -> k.lstmBackwardPointwise(c.a[0], Cell.PAD, c.a[1], Cell.PAD,
            c.a[2], Cell.PAD, c.a[3], Cell.PAD, c.a[4], Cell.PAD, c.a[5], Cell.PAD, R, H);
    private static final CellOp GRU_FWD = (k, c, R, H) -> k.gruForwardResetAfterPointwise(c.a[0], Cell.PAD, c.a[1],
            Cell.PAD, c.a[2], Cell.PAD, c.a[3], Cell.PAD, R, H);
    private static final CellOp GRU_FWD_UNFUSED = (k, c, R, H) -> GruKernels.pointwiseForwardResetAfter(k, c.a[0],
            Cell.PAD, c.a[1], Cell.PAD, c.a[2], Cell.PAD, c.a[3], Cell.PAD, Activation.SIGMOID, Activation.TANH, R, H);
    private static final CellOp GRU_BWD = (k, c, R, H) -> k.gruBackwardResetAfterPointwise(c.a[0], Cell.PAD, c.a[1],
            Cell.PAD, c.a[2], Cell.PAD, c.a[3], Cell.PAD, c.a[4], Cell.PAD, c.a[5], Cell.PAD, R, H);

    /** Array sizes per op, in the order of its arguments. */
    private static int[] lstmBackwardSizes(int R, int H) {
        return new int[] {R * 4 * H, R * H, R * H, R * 4 * H, R * H, R * H}; // dz, dh, dc, gates (activated), cPrev, tanhC
    }

    private static int[] gruForwardSizes(int R, int H) {
        return new int[] {R * 3 * H, R * 3 * H, R * H, R * H};              // gates, hh, hPrev, h
    }

    private static int[] gruBackwardSizes(int R, int H) {
        return new int[] {R * 3 * H, R * 3 * H, R * H, R * 3 * H, R * 3 * H, R * H}; // dzx, dzh, dh, gates (activated), hh, hPrev
    }

    /** Backward inputs as the forward leaves them: gates in (0, 1) (σ) or (−1, 1) (tanh), tanh(c) in (−1, 1). */
    private static Cell squash(Cell c, int gatesIdx, int tanhIdx) {
        for (float[] v : new float[][] {c.a[gatesIdx], tanhIdx < 0 ? new float[0] : c.a[tanhIdx]}) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.tanh(v[i]);
            }
        }
        return c;
    }

    private static void assertCellsEqual(Cell expected, Cell actual, String what) {
        for (int k = 0; k < expected.a.length; k++) {
            assertArrayEquals(expected.a[k], actual.a[k], 0f, what + ", array " + k);
        }
    }

    private static void assertCellsClose(Cell expected, Cell actual, double rel, String what) {
        for (int k = 0; k < expected.a.length; k++) {
            for (int i = 0; i < expected.a[k].length; i++) {
                float e = expected.a[k][i];
                float v = actual.a[k][i];
                assertTrue(Math.abs(e - v) <= rel * (1 + Math.abs(e)), what + ", array " + k + " element " + i
                        + ": scalar " + e + ", vector " + v);
            }
        }
    }

    @Test
    void fusedCellStepsMatchTheReferenceOnAllTails() {
        Random r = new Random(7);
        for (int R : new int[] {1, 3}) {
            for (int H : CELL_SIZES) {
                String at = " R=" + R + " H=" + H;
                Cell in = squash(new Cell(r, lstmBackwardSizes(R, H)), 3, 5);
                Cell s = in.copy();
                Cell v = in.copy();
                LSTM_BWD.run(scalar, s, R, H);
                LSTM_BWD.run(vector, v, R, H);
                assertCellsEqual(s, v, "lstm backward" + at);

                in = new Cell(r, gruForwardSizes(R, H));
                s = in.copy();
                v = in.copy();
                Cell u = in.copy();
                GRU_FWD.run(scalar, s, R, H);
                GRU_FWD.run(vector, v, R, H);
                GRU_FWD_UNFUSED.run(vector, u, R, H);
                assertCellsClose(s, v, 2e-6, "gru forward" + at);
                assertCellsEqual(u, v, "gru forward, fused vs unfused vector" + at);

                in = squash(new Cell(r, gruBackwardSizes(R, H)), 3, -1);
                s = in.copy();
                v = in.copy();
                GRU_BWD.run(scalar, s, R, H);
                GRU_BWD.run(vector, v, R, H);
                assertCellsEqual(s, v, "gru backward" + at);
            }
        }
    }

    /** As {@link #activationsGiveTheSameBitsBeforeAndAfterCompilation}, for the fused cell steps. */
    @Test
    void fusedCellStepsGiveTheSameBitsBeforeAndAfterCompilation() {
        Random r = new Random(8);
        int R = 3;
        int H = 2 * L + 3;
        CellOp[] ops = {LSTM_BWD, GRU_FWD, GRU_BWD};
        Cell[] inputs = {squash(new Cell(r, lstmBackwardSizes(R, H)), 3, 5),
                new Cell(r, gruForwardSizes(R, H)), squash(new Cell(r, gruBackwardSizes(R, H)), 3, -1)};
        Cell[] first = new Cell[ops.length];
        for (int k = 0; k < ops.length; k++) {
            first[k] = inputs[k].copy();
            ops[k].run(vector, first[k], R, H);
        }
        Cell[] later = new Cell[ops.length];
        for (int rep = 0; rep < 5000; rep++) {
            for (int k = 0; k < ops.length; k++) {
                later[k] = inputs[k].copy();
                ops[k].run(vector, later[k], R, H);
            }
        }
        for (int k = 0; k < ops.length; k++) {
            assertCellsEqual(first[k], later[k], "op " + k);
        }
    }
}
