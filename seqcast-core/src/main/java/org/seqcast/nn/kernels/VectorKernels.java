package org.seqcast.nn.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on {@code jdk.incubator.vector}: register-blocked products, four rows of C at a time, one
 * vector of columns per accumulator, k innermost. Each element is a chain of fused multiply-adds over
 * k = 0..K-1 starting from its old value; the column tail that does not fill a vector runs the same chain with
 * {@link Math#fma}, so every element gets the same bits whether it sits in a vector or in the tail, and
 * whatever rows a thread is given.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void mulAdd(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc, int M, int K, int N) {
        int nv = N - N % L;
        int i = 0;
        for (; i + 4 <= M; i += 4) {
            int a0 = aOff + i * lda;
            int a1 = a0 + lda;
            int a2 = a1 + lda;
            int a3 = a2 + lda;
            int c0 = cOff + i * ldc;
            int c1 = c0 + ldc;
            int c2 = c1 + ldc;
            int c3 = c2 + ldc;
            for (int j = 0; j < nv; j += L) {
                FloatVector acc0 = FloatVector.fromArray(S, c, c0 + j);
                FloatVector acc1 = FloatVector.fromArray(S, c, c1 + j);
                FloatVector acc2 = FloatVector.fromArray(S, c, c2 + j);
                FloatVector acc3 = FloatVector.fromArray(S, c, c3 + j);
                for (int k = 0; k < K; k++) {
                    FloatVector bk = FloatVector.fromArray(S, b, bOff + k * ldb + j);
                    acc0 = bk.fma(FloatVector.broadcast(S, a[a0 + k]), acc0);
                    acc1 = bk.fma(FloatVector.broadcast(S, a[a1 + k]), acc1);
                    acc2 = bk.fma(FloatVector.broadcast(S, a[a2 + k]), acc2);
                    acc3 = bk.fma(FloatVector.broadcast(S, a[a3 + k]), acc3);
                }
                acc0.intoArray(c, c0 + j);
                acc1.intoArray(c, c1 + j);
                acc2.intoArray(c, c2 + j);
                acc3.intoArray(c, c3 + j);
            }
            for (int r = 0; r < 4; r++) {
                tailRow(a, aOff + (i + r) * lda, b, bOff, ldb, c, cOff + (i + r) * ldc, K, nv, N);
            }
        }
        for (; i < M; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            for (int j = 0; j < nv; j += L) {
                FloatVector acc = FloatVector.fromArray(S, c, ci + j);
                for (int k = 0; k < K; k++) {
                    acc = FloatVector.fromArray(S, b, bOff + k * ldb + j).fma(FloatVector.broadcast(S, a[ai + k]), acc);
                }
                acc.intoArray(c, ci + j);
            }
            tailRow(a, ai, b, bOff, ldb, c, ci, K, nv, N);
        }
    }

    /** Columns [j0, N) of one row of C, by scalar fused multiply-adds in k order. */
    private static void tailRow(float[] a, int ai, float[] b, int bOff, int ldb, float[] c, int ci, int K, int j0, int N) {
        for (int j = j0; j < N; j++) {
            float acc = c[ci + j];
            for (int k = 0; k < K; k++) {
                acc = Math.fma(a[ai + k], b[bOff + k * ldb + j], acc);
            }
            c[ci + j] = acc;
        }
    }

    @Override
    public void mulAddTransA(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, int i0, int i1, int K, int N) {
        int nv = N - N % L;
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            int c0 = cOff + i * ldc;
            int c1 = c0 + ldc;
            int c2 = c1 + ldc;
            int c3 = c2 + ldc;
            for (int j = 0; j < nv; j += L) {
                FloatVector acc0 = FloatVector.fromArray(S, c, c0 + j);
                FloatVector acc1 = FloatVector.fromArray(S, c, c1 + j);
                FloatVector acc2 = FloatVector.fromArray(S, c, c2 + j);
                FloatVector acc3 = FloatVector.fromArray(S, c, c3 + j);
                for (int k = 0; k < K; k++) {
                    int ak = aOff + k * lda + i;
                    FloatVector bk = FloatVector.fromArray(S, b, bOff + k * ldb + j);
                    acc0 = bk.fma(FloatVector.broadcast(S, a[ak]), acc0);
                    acc1 = bk.fma(FloatVector.broadcast(S, a[ak + 1]), acc1);
                    acc2 = bk.fma(FloatVector.broadcast(S, a[ak + 2]), acc2);
                    acc3 = bk.fma(FloatVector.broadcast(S, a[ak + 3]), acc3);
                }
                acc0.intoArray(c, c0 + j);
                acc1.intoArray(c, c1 + j);
                acc2.intoArray(c, c2 + j);
                acc3.intoArray(c, c3 + j);
            }
            for (int r = 0; r < 4; r++) {
                tailRowTransA(a, aOff + i + r, lda, b, bOff, ldb, c, cOff + (i + r) * ldc, K, nv, N);
            }
        }
        for (; i < i1; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < nv; j += L) {
                FloatVector acc = FloatVector.fromArray(S, c, ci + j);
                for (int k = 0; k < K; k++) {
                    acc = FloatVector.fromArray(S, b, bOff + k * ldb + j).fma(FloatVector.broadcast(S, a[aOff + k * lda + i]), acc);
                }
                acc.intoArray(c, ci + j);
            }
            tailRowTransA(a, aOff + i, lda, b, bOff, ldb, c, ci, K, nv, N);
        }
    }

    private static void tailRowTransA(float[] a, int ai, int lda, float[] b, int bOff, int ldb, float[] c, int ci,
                                      int K, int j0, int N) {
        for (int j = j0; j < N; j++) {
            float acc = c[ci + j];
            for (int k = 0; k < K; k++) {
                acc = Math.fma(a[ai + k * lda], b[bOff + k * ldb + j], acc);
            }
            c[ci + j] = acc;
        }
    }

    /** σ(x) = 1 / (1 + e^(−x)) with {@link #exp}; the scalar tail as {@link Activation#sigmoid}. */
    @Override
    public void sigmoid(float[] v, int off, int n) {
        int nv = n - n % L;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int k = off; k < off + nv; k += L) {
            FloatVector x = FloatVector.fromArray(S, v, k);
            one.div(exp(x.neg()).add(one)).intoArray(v, k);
        }
        for (int k = off + nv; k < off + n; k++) {
            v[k] = Activation.sigmoid(v[k]);
        }
    }

    /** tanh with {@link #tanh(FloatVector)}; the scalar tail as {@link Activation#tanh}. */
    @Override
    public void tanh(float[] v, int off, int n) {
        int nv = n - n % L;
        for (int k = off; k < off + nv; k += L) {
            tanh(FloatVector.fromArray(S, v, k)).intoArray(v, k);
        }
        for (int k = off + nv; k < off + n; k++) {
            v[k] = Activation.tanh(v[k]);
        }
    }

    // e^x in float (Cephes' expf): x = n ln 2 + r with |r| ≤ ln 2 / 2 (Cody-Waite split of ln 2), e^r by a
    // degree-7 polynomial, 2^n built in the exponent bits. Relative error below 1e-7 over the clamped range.
    // Only IEEE add, multiply, fma and bit moves: the Vector API's Java fallback (before C2 compiles this)
    // gives the same bits as the compiled code, unlike VectorOperators.EXP, whose intrinsic (SVML) and
    // fallback (Math.exp) differ, which would make results depend on JIT timing.
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5 · 2^23: x + ROUND rounds x to an integer held in the low mantissa bits
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    static FloatVector exp(FloatVector x) {
        x = x.max(-87.3f).min(88.3f);
        FloatVector t = x.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND));
        FloatVector n = t.sub(ROUND);                                   // n = round(x · log2 e)
        FloatVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));       // r = x − n ln 2
        FloatVector p = r.fma(FloatVector.broadcast(S, P0), FloatVector.broadcast(S, P1));
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector er = p.fma(r.mul(r), r).add(1f);                   // e^r = 1 + r + r² p(r)
        FloatVector twoN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(0x3F800000).reinterpretAsFloats();
        return er.mul(twoN);                                            // e^x = e^r · 2^n
    }

    // tanh: for |x| ≥ 0.3, (1 − e^(−2|x|)) / (1 + e^(−2|x|)) with the sign of x; below, the odd Taylor series to
    // x^11 (truncation error under 1e-9 relative there), which avoids the cancellation in 1 − e^(−2|x|).
    private static final float T3 = -1f / 3;
    private static final float T5 = 2f / 15;
    private static final float T7 = -17f / 315;
    private static final float T9 = 62f / 2835;
    private static final float T11 = -1382f / 155925;

    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector e = exp(ax.mul(-2f));
        FloatVector large = FloatVector.broadcast(S, 1f).sub(e).div(e.add(1f));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        FloatVector x2 = x.mul(x);
        FloatVector p = x2.fma(FloatVector.broadcast(S, T11), FloatVector.broadcast(S, T9));
        p = p.fma(x2, FloatVector.broadcast(S, T7));
        p = p.fma(x2, FloatVector.broadcast(S, T5));
        p = p.fma(x2, FloatVector.broadcast(S, T3));
        FloatVector small = p.mul(x2).fma(x, x);                        // x + x³ (T3 + T5 x² + ...)
        return large.blend(small, ax.compare(VectorOperators.LT, 0.3f));
    }
}
