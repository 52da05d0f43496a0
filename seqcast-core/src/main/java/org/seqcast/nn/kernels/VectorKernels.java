package org.seqcast.nn.kernels;

import static org.seqcast.nn.kernels.Gates.GRU_N;
import static org.seqcast.nn.kernels.Gates.GRU_R;
import static org.seqcast.nn.kernels.Gates.GRU_Z;
import static org.seqcast.nn.kernels.Gates.LSTM_F;
import static org.seqcast.nn.kernels.Gates.LSTM_G;
import static org.seqcast.nn.kernels.Gates.LSTM_I;
import static org.seqcast.nn.kernels.Gates.LSTM_O;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on {@code jdk.incubator.vector}: register-blocked products (tiles of 4 rows x 2 vectors, or
 * 1 row x 4 vectors for leftover rows), k innermost, the same tiles for A and Aᵀ. Each element is a chain of
 * fused multiply-adds over k = 0..K-1 starting from its old value, in the tiles, in the overlapping tail vector
 * and in the scalar loop for rows narrower than a vector ({@link Math#fma}), so every element gets the same
 * bits whichever tile or thread computes it.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector";
    }

    /**
     * Rows of B (k) per block: a block of B stays in L2 while every tile of C passes over it. Each element still
     * sums k in order (a tile resumes from the value the previous block stored), so blocking changes no bits.
     */
    private static final int KC = 256;

    @Override
    public void mulAdd(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc, int M, int K, int N) {
        for (int k0 = 0; k0 < K; k0 += KC) {
            mulAddBlock(a, aOff + k0, lda, b, bOff + k0 * ldb, ldb, c, cOff, ldc, M, Math.min(KC, K - k0), N);
        }
    }

    private static void mulAddBlock(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, int M, int K, int N) {
        int nv = N - N % L;
        int m4 = M - M % 4;
        // Column panels outside, row blocks inside: one panel of B (K x 2 vectors) stays in L1 while every block
        // of four rows passes over it, instead of all of B streaming once per block of rows.
        int j = 0;
        for (; j + 2 * L <= nv; j += 2 * L) {
            for (int i = 0; i < m4; i += 4) {
                tile4x2(a, aOff + i * lda, lda, 1, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, K);
            }
        }
        for (; j < nv; j += L) {
            for (int i = 0; i < m4; i += 4) {
                tile4x1(a, aOff + i * lda, lda, 1, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, K);
            }
        }
        for (int i = 0; i < m4; i += 4) {
            tailRows4(a, aOff + i * lda, lda, 1, b, bOff, ldb, c, cOff + i * ldc, ldc, K, nv, N);
        }
        for (int i = m4; i < M; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            int jj = 0;
            for (; jj + 4 * L <= nv; jj += 4 * L) {
                tile1x4(a, ai, 1, b, bOff + jj, ldb, c, ci + jj, K);
            }
            for (; jj < nv; jj += L) {
                tile1x1(a, ai, 1, b, bOff + jj, ldb, c, ci + jj, K);
            }
            tailRow(a, ai, 1, b, bOff, ldb, c, ci, K, nv, N);
        }
    }

    // The tiles: C's block at c[c0 ...] (rows ldc apart) += Σ_k A's factors · B's row k at b[b0 + k·ldb ...].
    // Row r's k-th factor of A is a[a0 + r·ra + k·ak]: (ra, ak) = (lda, 1) for A, (1, lda) for Aᵀ.
    // Small methods, so that C2 inlines every vector operation and keeps the vectors in registers.

    /** 4 rows x 2 vectors: eight independent fma chains sharing two loads of B per k. */
    private static void tile4x2(float[] a, int a0, int ra, int ak, float[] b, int b0, int ldb, float[] c, int c0, int ldc,
                                int K) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00 = FloatVector.fromArray(S, c, c0);
        FloatVector x01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector x10 = FloatVector.fromArray(S, c, c1);
        FloatVector x11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector x20 = FloatVector.fromArray(S, c, c2);
        FloatVector x21 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector x30 = FloatVector.fromArray(S, c, c3);
        FloatVector x31 = FloatVector.fromArray(S, c, c3 + L);
        for (int k = 0; k < K; k++) {
            int bk = b0 + k * ldb;
            int ar = a0 + k * ak;
            FloatVector v0 = FloatVector.fromArray(S, b, bk);
            FloatVector v1 = FloatVector.fromArray(S, b, bk + L);
            FloatVector f = FloatVector.broadcast(S, a[ar]);
            x00 = v0.fma(f, x00);
            x01 = v1.fma(f, x01);
            f = FloatVector.broadcast(S, a[ar + ra]);
            x10 = v0.fma(f, x10);
            x11 = v1.fma(f, x11);
            f = FloatVector.broadcast(S, a[ar + 2 * ra]);
            x20 = v0.fma(f, x20);
            x21 = v1.fma(f, x21);
            f = FloatVector.broadcast(S, a[ar + 3 * ra]);
            x30 = v0.fma(f, x30);
            x31 = v1.fma(f, x31);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + L);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + L);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + L);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + L);
    }

    /** 4 rows x 1 vector. */
    private static void tile4x1(float[] a, int a0, int ra, int ak, float[] b, int b0, int ldb, float[] c, int c0, int ldc,
                                int K) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x0 = FloatVector.fromArray(S, c, c0);
        FloatVector x1 = FloatVector.fromArray(S, c, c1);
        FloatVector x2 = FloatVector.fromArray(S, c, c2);
        FloatVector x3 = FloatVector.fromArray(S, c, c3);
        for (int k = 0; k < K; k++) {
            int ar = a0 + k * ak;
            FloatVector v = FloatVector.fromArray(S, b, b0 + k * ldb);
            x0 = v.fma(FloatVector.broadcast(S, a[ar]), x0);
            x1 = v.fma(FloatVector.broadcast(S, a[ar + ra]), x1);
            x2 = v.fma(FloatVector.broadcast(S, a[ar + 2 * ra]), x2);
            x3 = v.fma(FloatVector.broadcast(S, a[ar + 3 * ra]), x3);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c1);
        x2.intoArray(c, c2);
        x3.intoArray(c, c3);
    }

    /** 1 row x 4 vectors: four independent chains sharing one broadcast of A per k. */
    private static void tile1x4(float[] a, int a0, int ak, float[] b, int b0, int ldb, float[] c, int c0, int K) {
        FloatVector x0 = FloatVector.fromArray(S, c, c0);
        FloatVector x1 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector x2 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector x3 = FloatVector.fromArray(S, c, c0 + 3 * L);
        for (int k = 0; k < K; k++) {
            FloatVector f = FloatVector.broadcast(S, a[a0 + k * ak]);
            int bk = b0 + k * ldb;
            x0 = FloatVector.fromArray(S, b, bk).fma(f, x0);
            x1 = FloatVector.fromArray(S, b, bk + L).fma(f, x1);
            x2 = FloatVector.fromArray(S, b, bk + 2 * L).fma(f, x2);
            x3 = FloatVector.fromArray(S, b, bk + 3 * L).fma(f, x3);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
        x2.intoArray(c, c0 + 2 * L);
        x3.intoArray(c, c0 + 3 * L);
    }

    /** 1 row x 1 vector. */
    private static void tile1x1(float[] a, int a0, int ak, float[] b, int b0, int ldb, float[] c, int c0, int K) {
        FloatVector x = FloatVector.fromArray(S, c, c0);
        for (int k = 0; k < K; k++) {
            x = FloatVector.fromArray(S, b, b0 + k * ldb).fma(FloatVector.broadcast(S, a[a0 + k * ak]), x);
        }
        x.intoArray(c, c0);
    }

    /**
     * Columns [j0, N) of four rows of C (j0 = N rounded down to whole vectors), A's factors as in the tiles. When a
     * row is at least one vector wide, the vector of columns [N − L, N) is copied out, advanced by a 4 x 1 tile
     * (four independent fma chains), and only its columns from j0 on are copied back: the tail costs one tile,
     * not a latency-bound chain per row. (8- or 4-lane species would also do, but mixing species in one kernel was
     * measured to stop C2 from intrinsifying it, about 10x slower on JDK 17; masked stores fell back to Java code.)
     * Each tail element gets the same fma chain from its old value as everywhere else.
     */
    private static void tailRows4(float[] a, int a0, int ra, int ak, float[] b, int bOff, int ldb, float[] c, int c0,
                                  int ldc, int K, int j0, int N) {
        if (j0 == N) {
            return;
        }
        if (N < L) {
            for (int r = 0; r < 4; r++) {
                tailRow(a, a0 + r * ra, ak, b, bOff, ldb, c, c0 + r * ldc, K, j0, N);
            }
            return;
        }
        int last = N - L;
        float[] t = SCRATCH.get();
        for (int r = 0; r < 4; r++) {
            System.arraycopy(c, c0 + r * ldc + last, t, r * L, L);
        }
        tile4x1(a, a0, ra, ak, b, bOff + last, ldb, t, 0, L, K);
        int from = j0 - last;
        for (int r = 0; r < 4; r++) {
            System.arraycopy(t, r * L + from, c, c0 + r * ldc + j0, L - from);
        }
    }

    /** Columns [j0, N) of one row of C, as {@link #tailRows4} does for four. */
    private static void tailRow(float[] a, int ai, int ak, float[] b, int bOff, int ldb, float[] c, int ci,
                                int K, int j0, int N) {
        if (j0 == N) {
            return;
        }
        if (N < L) {
            for (int j = j0; j < N; j++) {
                float x = c[ci + j];
                for (int k = 0; k < K; k++) {
                    x = Math.fma(a[ai + k * ak], b[bOff + k * ldb + j], x);
                }
                c[ci + j] = x;
            }
            return;
        }
        int last = N - L;
        FloatVector x = FloatVector.fromArray(S, c, ci + last);
        for (int k = 0; k < K; k++) {
            x = FloatVector.fromArray(S, b, bOff + k * ldb + last).fma(FloatVector.broadcast(S, a[ai + k * ak]), x);
        }
        storeLanesFrom(x, j0 - last, c, ci + last);
    }

    @Override
    public void mulAddTransA(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, int i0, int i1, int K, int N) {
        for (int k0 = 0; k0 < K; k0 += KC) {
            mulAddTransABlock(a, aOff + k0 * lda, lda, b, bOff + k0 * ldb, ldb, c, cOff, ldc, i0, i1,
                    Math.min(KC, K - k0), N);
        }
    }

    private static void mulAddTransABlock(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                          float[] c, int cOff, int ldc, int i0, int i1, int K, int N) {
        int nv = N - N % L;
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 2 * L <= nv; j += 2 * L) {
                tile4x2(a, aOff + i, 1, lda, b, bOff + j, ldb, c, ci + j, ldc, K);
            }
            for (; j < nv; j += L) {
                tile4x1(a, aOff + i, 1, lda, b, bOff + j, ldb, c, ci + j, ldc, K);
            }
            tailRows4(a, aOff + i, 1, lda, b, bOff, ldb, c, ci, ldc, K, nv, N);
        }
        for (; i < i1; i++) {
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= nv; j += 4 * L) {
                tile1x4(a, aOff + i, lda, b, bOff + j, ldb, c, ci + j, K);
            }
            for (; j < nv; j += L) {
                tile1x1(a, aOff + i, lda, b, bOff + j, ldb, c, ci + j, K);
            }
            tailRow(a, aOff + i, lda, b, bOff, ldb, c, ci, K, nv, N);
        }
    }

    @Override
    public int lanes() {
        return L;
    }

    /**
     * Dot-product form: lane l of an accumulator sums the products with k ≡ l (mod L) in order (a fma chain), the
     * lanes are then added in lane order by plain Java (a vector reduction's order differs between the intrinsic and
     * its fallback), then the k tail by scalar fma, and the sum is added to C.
     */
    @Override
    public void mulAddTransB(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, int M, int K, int N) {
        int kv = K - K % L;
        float[] lanes = SCRATCH.get();
        for (int i = 0; i < M; i++) {
            int ai = aOff + i * lda;
            for (int j = 0; j < N; j++) {
                int bj = bOff + j * ldb;
                FloatVector acc = FloatVector.zero(S);
                for (int k = 0; k < kv; k += L) {
                    acc = FloatVector.fromArray(S, a, ai + k).fma(FloatVector.fromArray(S, b, bj + k), acc);
                }
                acc.intoArray(lanes, 0);
                float sum = 0f;
                for (int l = 0; l < L; l++) {
                    sum += lanes[l];
                }
                for (int k = kv; k < K; k++) {
                    sum = Math.fma(a[ai + k], b[bj + k], sum);
                }
                c[cOff + i * ldc + j] += sum;
            }
        }
    }

    /** σ(x) = 1 / (1 + e^(−x)) with {@link #exp}. */
    @Override
    public void sigmoid(float[] v, int off, int n) {
        if (n < L) {
            for (int k = off; k < off + n; k++) {
                v[k] = sigmoidScalar(v[k]);
            }
            return;
        }
        int nv = n - n % L;
        for (int k = off; k < off + nv; k += L) {
            sigmoid(FloatVector.fromArray(S, v, k)).intoArray(v, k);
        }
        if (nv < n) {                        // one vector ending at n; only its new lanes are stored
            int last = off + n - L;
            storeLanesFrom(sigmoid(FloatVector.fromArray(S, v, last)), nv - (n - L), v, last);
        }
    }

    /** tanh with {@link #tanh(FloatVector)}. */
    @Override
    public void tanh(float[] v, int off, int n) {
        if (n < L) {
            for (int k = off; k < off + n; k++) {
                v[k] = tanhScalar(v[k]);
            }
            return;
        }
        int nv = n - n % L;
        for (int k = off; k < off + nv; k += L) {
            tanh(FloatVector.fromArray(S, v, k)).intoArray(v, k);
        }
        if (nv < n) {
            int last = off + n - L;
            storeLanesFrom(tanh(FloatVector.fromArray(S, v, last)), nv - (n - L), v, last);
        }
    }

    // ---- The cells' point-wise steps (σ and tanh), fused: one pass per vector of L columns of a row, doing the
    // operations of the loops in LstmKernels and GruKernels in their order (plain multiply, add and subtract, no
    // fma; σ and tanh as in sigmoid() and tanh() above), so every element gets the bits the unfused steps gave.
    // A row narrower than a vector runs those loops as they are. A row's last H mod L columns are one vector
    // ending at H, overlapping the body: the inputs the body updates in place (the gates, dc, dh) are copied for
    // it before the body runs, so it recomputes the overlapped columns from the same inputs, with the same bits,
    // and stores whole vectors (no masked stores, no second species).

    @Override
    public void lstmBackwardPointwise(float[] dz, int dzOff, float[] dh, int dhOff, float[] dc, int dcOff,
                                      float[] gates, int gOff, float[] cPrev, int cpOff, float[] tanhC, int tcOff,
                                      int R, int H) {
        if (H < L) {
            LstmKernels.pointwiseBackward(dz, dzOff, dh, dhOff, dc, dcOff, gates, gOff, cPrev, cpOff, tanhC, tcOff,
                    Activation.SIGMOID, Activation.TANH, R, H);
            return;
        }
        int nv = H - H % L;
        int last = H - L;
        float[] t = SCRATCH.get();
        for (int r = 0; r < R; r++) {
            int z = gOff + r * 4 * H;
            int d = dzOff + r * 4 * H;
            int s = r * H;
            if (nv < H) {
                System.arraycopy(dc, dcOff + s + last, t, 0, L);
            }
            for (int j = 0; j < nv; j += L) {
                lstmBackwardVector(dz, d + j, dh, dhOff + s + j, dc, dcOff + s + j, dc, dcOff + s + j, gates, z + j,
                        cPrev, cpOff + s + j, tanhC, tcOff + s + j, H);
            }
            if (nv < H) {
                lstmBackwardVector(dz, d + last, dh, dhOff + s + last, t, 0, dc, dcOff + s + last, gates, z + last,
                        cPrev, cpOff + s + last, tanhC, tcOff + s + last, H);
            }
        }
    }

    /** L columns of {@link LstmKernels#pointwiseBackward} with σ and tanh; dc_t read at dcIn[dci], dc_{t-1} stored at dc[dco]. */
    private static void lstmBackwardVector(float[] dz, int d, float[] dh, int dho, float[] dcIn, int dci, float[] dc, int dco,
                                           float[] gates, int z, float[] cPrev, int cp, float[] tanhC, int tco, int H) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector it = FloatVector.fromArray(S, gates, z + LSTM_I * H);
        FloatVector ft = FloatVector.fromArray(S, gates, z + LSTM_F * H);
        FloatVector gt = FloatVector.fromArray(S, gates, z + LSTM_G * H);
        FloatVector ot = FloatVector.fromArray(S, gates, z + LSTM_O * H);
        FloatVector tc = FloatVector.fromArray(S, tanhC, tco);
        FloatVector dht = FloatVector.fromArray(S, dh, dho);
        FloatVector dct = FloatVector.fromArray(S, dcIn, dci)
                .add(dht.mul(ot).mul(one.sub(tc.mul(tc))));                  // dc_t += dh_t ⊙ o_t ⊙ (1 − tanh²(c_t))
        FloatVector dot = dht.mul(tc);                                       // do_t = dh_t ⊙ tanh(c_t)
        FloatVector dit = dct.mul(gt);                                       // di_t = dc_t ⊙ g_t
        FloatVector dft = dct.mul(FloatVector.fromArray(S, cPrev, cp));      // df_t = dc_t ⊙ c_{t-1}
        FloatVector dgt = dct.mul(it);                                       // dg_t = dc_t ⊙ i_t
        dct.mul(ft).intoArray(dc, dco);                                      // dc_{t-1} = dc_t ⊙ f_t
        dit.mul(it).mul(one.sub(it)).intoArray(dz, d + LSTM_I * H);          // dz_i = di_t ⊙ i_t(1 − i_t)
        dft.mul(ft).mul(one.sub(ft)).intoArray(dz, d + LSTM_F * H);          // dz_f = df_t ⊙ f_t(1 − f_t)
        dgt.mul(one.sub(gt.mul(gt))).intoArray(dz, d + LSTM_G * H);          // dz_g = dg_t ⊙ (1 − g_t²)
        dot.mul(ot).mul(one.sub(ot)).intoArray(dz, d + LSTM_O * H);          // dz_o = do_t ⊙ o_t(1 − o_t)
    }

    @Override
    public void gruForwardResetAfterPointwise(float[] gates, int gOff, float[] hh, int hhOff, float[] hPrev, int hpOff,
                                              float[] h, int hOff, int R, int H) {
        if (H < L) {
            GruKernels.pointwiseForwardResetAfter(this, gates, gOff, hh, hhOff, hPrev, hpOff, h, hOff,
                    Activation.SIGMOID, Activation.TANH, R, H);
            return;
        }
        int nv = H - H % L;
        int last = H - L;
        float[] t = SCRATCH.get();
        for (int r = 0; r < R; r++) {
            int x = gOff + r * 3 * H;
            int q = hhOff + r * 3 * H;
            int s = r * H;
            if (nv < H) {
                for (int k = 0; k < 3; k++) {
                    System.arraycopy(gates, x + k * H + last, t, k * L, L);
                }
            }
            for (int j = 0; j < nv; j += L) {
                gruForwardVector(gates, x + j, H, gates, x + j, H, hh, q + j, hPrev, hpOff + s + j, h, hOff + s + j);
            }
            if (nv < H) {
                gruForwardVector(t, 0, L, gates, x + last, H, hh, q + last, hPrev, hpOff + s + last, h, hOff + s + last);
            }
        }
    }

    /** L columns of {@link GruKernels#pointwiseForwardResetAfter}: gate k's input part at xIn[xi + k·xs], result to g[go + k·H]. */
    private static void gruForwardVector(float[] xIn, int xi, int xs, float[] g, int go, int H, float[] hh, int q,
                                         float[] hPrev, int hp, float[] h, int ho) {
        FloatVector rt = sigmoid(FloatVector.fromArray(S, xIn, xi + GRU_R * xs)
                .add(FloatVector.fromArray(S, hh, q + GRU_R * H)));                         // r_t
        FloatVector zt = sigmoid(FloatVector.fromArray(S, xIn, xi + GRU_Z * xs)
                .add(FloatVector.fromArray(S, hh, q + GRU_Z * H)));                         // z_t
        FloatVector nt = tanh(FloatVector.fromArray(S, xIn, xi + GRU_N * xs)
                .add(rt.mul(FloatVector.fromArray(S, hh, q + GRU_N * H))));                 // n_t = tanh(W_in x + b_in + r_t ⊙ (W_hn h + b_hn))
        rt.intoArray(g, go + GRU_R * H);
        zt.intoArray(g, go + GRU_Z * H);
        nt.intoArray(g, go + GRU_N * H);
        FloatVector.broadcast(S, 1f).sub(zt).mul(nt)
                .add(zt.mul(FloatVector.fromArray(S, hPrev, hp))).intoArray(h, ho);         // h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
    }

    @Override
    public void gruBackwardResetAfterPointwise(float[] dzx, int dzxOff, float[] dzh, int dzhOff, float[] dh, int dhOff,
                                               float[] gates, int gOff, float[] hh, int hhOff, float[] hPrev, int hpOff,
                                               int R, int H) {
        if (H < L) {
            GruKernels.pointwiseBackwardResetAfter(dzx, dzxOff, dzh, dzhOff, dh, dhOff, gates, gOff, hh, hhOff,
                    hPrev, hpOff, Activation.SIGMOID, Activation.TANH, R, H);
            return;
        }
        int nv = H - H % L;
        int last = H - L;
        float[] t = SCRATCH.get();
        for (int r = 0; r < R; r++) {
            int g = gOff + r * 3 * H;
            int q = hhOff + r * 3 * H;
            int dx = dzxOff + r * 3 * H;
            int dq = dzhOff + r * 3 * H;
            int s = r * H;
            if (nv < H) {
                System.arraycopy(dh, dhOff + s + last, t, 0, L);
            }
            for (int j = 0; j < nv; j += L) {
                gruBackwardVector(dzx, dx + j, dzh, dq + j, dh, dhOff + s + j, dh, dhOff + s + j, gates, g + j, hh, q + j,
                        hPrev, hpOff + s + j, H);
            }
            if (nv < H) {
                gruBackwardVector(dzx, dx + last, dzh, dq + last, t, 0, dh, dhOff + s + last, gates, g + last, hh, q + last,
                        hPrev, hpOff + s + last, H);
            }
        }
    }

    /** L columns of {@link GruKernels#pointwiseBackwardResetAfter} with σ and tanh; dh_t read at dhIn[dhi], dh_t ⊙ z stored at dh[dho]. */
    private static void gruBackwardVector(float[] dzx, int dx, float[] dzh, int dq, float[] dhIn, int dhi, float[] dh, int dho,
                                          float[] gates, int g, float[] hh, int q, float[] hPrev, int hp, int H) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector rt = FloatVector.fromArray(S, gates, g + GRU_R * H);
        FloatVector zt = FloatVector.fromArray(S, gates, g + GRU_Z * H);
        FloatVector nt = FloatVector.fromArray(S, gates, g + GRU_N * H);
        FloatVector dht = FloatVector.fromArray(S, dhIn, dhi);
        FloatVector dn = dht.mul(one.sub(zt));                                        // dn = dh_t ⊙ (1 − z)
        FloatVector dz = dht.mul(FloatVector.fromArray(S, hPrev, hp).sub(nt));       // dz = dh_t ⊙ (h_{t-1} − n)
        FloatVector dan = dn.mul(one.sub(nt.mul(nt)));                               // da_n = dn ⊙ (1 − n²)
        FloatVector dr = dan.mul(FloatVector.fromArray(S, hh, q + GRU_N * H));       // dr = da_n ⊙ (W_hn h_{t-1} + b_hn)
        FloatVector dar = dr.mul(rt).mul(one.sub(rt));                               // da_r = dr ⊙ r(1 − r)
        FloatVector daz = dz.mul(zt).mul(one.sub(zt));                               // da_z = dz ⊙ z(1 − z)
        dar.intoArray(dzx, dx + GRU_R * H);
        daz.intoArray(dzx, dx + GRU_Z * H);
        dan.intoArray(dzx, dx + GRU_N * H);
        dar.intoArray(dzh, dq + GRU_R * H);
        daz.intoArray(dzh, dq + GRU_Z * H);
        dan.mul(rt).intoArray(dzh, dq + GRU_N * H);                                  // the r_t ⊙ (W_hn h + b_hn) product
        dht.mul(zt).intoArray(dh, dho);                                              // dh_{t-1} = dh_t ⊙ z ...
    }

    /** Per-thread room for four vectors, so that a tail can store only its new lanes. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[4 * L]);

    /** Stores lanes {@code from .. L−1} of x at {@code dst[off + from ..]}, leaving lanes below {@code from} as they are. */
    private static void storeLanesFrom(FloatVector x, int from, float[] dst, int off) {
        float[] tmp = SCRATCH.get();
        x.intoArray(tmp, 0);
        System.arraycopy(tmp, from, dst, off + from, L - from);
    }

    private static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(exp(x.neg()).add(one));
    }

    /** Segments shorter than a vector: the same formula on one lane, so that the bits match the vector path's. */
    private static float sigmoidScalar(float x) {
        return sigmoid(FloatVector.broadcast(S, x)).lane(0);
    }

    private static float tanhScalar(float x) {
        return tanh(FloatVector.broadcast(S, x)).lane(0);
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

    // tanh(x) ≈ x · p(x²) / q(x²) on x clamped to ±7.90531 (beyond which tanh rounds to ±1 in float): the
    // rational approximation Eigen uses for float tanh. No branches or blends (a masked blend was measured to
    // fall back to slow Java code on JDK 17), odd by construction, accurate to a few ulps including near 0.
    private static final float TANH_CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    static FloatVector tanh(FloatVector x) {
        x = x.max(-TANH_CLAMP).min(TANH_CLAMP);
        FloatVector x2 = x.mul(x);
        FloatVector p = x2.fma(FloatVector.broadcast(S, A13), FloatVector.broadcast(S, A11));
        p = p.fma(x2, FloatVector.broadcast(S, A9));
        p = p.fma(x2, FloatVector.broadcast(S, A7));
        p = p.fma(x2, FloatVector.broadcast(S, A5));
        p = p.fma(x2, FloatVector.broadcast(S, A3));
        p = p.fma(x2, FloatVector.broadcast(S, A1));
        FloatVector q = x2.fma(FloatVector.broadcast(S, B6), FloatVector.broadcast(S, B4));
        q = q.fma(x2, FloatVector.broadcast(S, B2));
        q = q.fma(x2, FloatVector.broadcast(S, B0));
        return x.mul(p).div(q);
    }
}
