package org.seqcast.nn.kernels;

import org.seqcast.tensor.Parallel;

/**
 * Dense matrix kernels on row-major float arrays, BLAS-style: every matrix is (array, offset, leading
 * dimension). All products accumulate into C ({@code C += ...}); callers zero C when they want
 * {@code C = ...}.
 *
 * <p>The two products delegate to {@link Kernels#current()} ({@link ScalarKernels}, the reference, or the SIMD
 * {@code VectorKernels}); every element of C is computed by the same sequence of operations however the rows
 * are split across threads: the parallel variants split C's rows, never a sum, so results are bit-identical
 * for any thread count.
 */
public final class MatOps {
    /** Below this many multiply-adds a product runs on the calling thread (handing work to another thread costs
     * tens of microseconds, the time of a few hundred thousand multiply-adds). */
    private static final long PARALLEL_MIN_WORK = 1 << 20;
    /** The products' implementation, fixed for the life of the JVM (see {@link Kernels}). */
    private static final Kernels K_IMPL = Kernels.current();

    private MatOps() {
    }

    /**
     * {@code C[M,N] += A[M,K] · B[K,N]}, i.e. c_ij += Σ_k a_ik b_kj.
     * Modified: c. Not modified: a, b.
     */
    public static void mulAdd(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, int M, int K, int N) {
        K_IMPL.mulAdd(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, M, K, N);
    }

    /** {@link #mulAdd} with the rows of C split over threads. */
    public static void mulAdd(Parallel p, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, int M, int K, int N) {
        p.forRange(M, minRows(K, N), (from, to) ->
                mulAdd(a, aOff + from * lda, lda, b, bOff, ldb, c, cOff + from * ldc, ldc, to - from, K, N));
    }

    /**
     * {@code C[M,N] += A[K,M]ᵀ · B[K,N]}, i.e. c_ij += Σ_k a_ki b_kj, for rows {@code [i0, i1)} of C only.
     * The sum runs over k in order 0..K-1 for every element. Used for weight gradients,
     * {@code dW += dZᵀ · X}, where k runs over the (time, batch) rows.
     * Modified: c. Not modified: a, b.
     */
    public static void mulAddTransA(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, int i0, int i1, int K, int N) {
        K_IMPL.mulAddTransA(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, i0, i1, K, N);
    }

    /** {@link #mulAddTransA} over all M rows of C, split over threads. */
    public static void mulAddTransA(Parallel p, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, int M, int K, int N) {
        p.forRange(M, minRows(K, N), (from, to) ->
                mulAddTransA(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, from, to, K, N));
    }

    /** {@code C[M,N] += A[M,K] · B[N,K]ᵀ} (dot-product form), rows of C split over threads. */
    public static void mulAddTransB(Parallel p, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, int M, int K, int N) {
        p.forRange(M, minRows(K, N), (from, to) -> K_IMPL.mulAddTransB(a, aOff + from * lda, lda, b, bOff, ldb,
                c, cOff + from * ldc, ldc, to - from, K, N));
    }

    /** The kernels in use (for the cells' fused point-wise steps). */
    static Kernels kernels() {
        return K_IMPL;
    }

    /** Lanes per vector of the kernels in use; a product whose C is narrower than this is better done another way. */
    public static int lanes() {
        return K_IMPL.lanes();
    }

    /** σ applied in place to {@code v[off .. off+n)}; apply per row (see {@link Kernels}). */
    public static void sigmoid(float[] v, int off, int n) {
        K_IMPL.sigmoid(v, off, n);
    }

    /** tanh applied in place to {@code v[off .. off+n)}; apply per row (see {@link Kernels}). */
    public static void tanh(float[] v, int off, int n) {
        K_IMPL.tanh(v, off, n);
    }

    /**
     * {@code act} applied in place to {@code v[off .. off+n)}: sigmoid and tanh through the kernels in use (vector
     * or scalar, as {@link #sigmoid} and {@link #tanh}), the others element by element. Apply per row.
     */
    public static void activate(Activation act, float[] v, int off, int n) {
        // identity tests, not an enum switch: the switch's lookup table and the larger method cost the
        // tutorial model about 10% of its training speed (measured with seqcast bench)
        if (act == Activation.SIGMOID) {
            K_IMPL.sigmoid(v, off, n);
        } else if (act == Activation.TANH) {
            K_IMPL.tanh(v, off, n);
        } else {
            act.applyInPlace(v, off, n);
        }
    }

    /** {@code dst[cols, rows] = src[rows, cols]ᵀ}. */
    public static void transpose(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * cols;
            for (int c = 0; c < cols; c++) {
                dst[dstOff + c * rows + r] = src[s + c];
            }
        }
    }

    /** Adds {@code bias[N]} to each of the M rows of C. */
    public static void addRowVector(float[] c, int cOff, int ldc, int M, int N, float[] bias) {
        for (int i = 0; i < M; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < N; j++) {
                c[ci + j] += bias[j];
            }
        }
    }

    /** {@code out[j] += Σ_i a[i, j]} over columns {@code [j0, j1)}, summing rows in order 0..M-1. */
    public static void sumRows(float[] a, int aOff, int lda, int M, float[] out, int j0, int j1) {
        for (int i = 0; i < M; i++) {
            int ai = aOff + i * lda;
            for (int j = j0; j < j1; j++) {
                out[j] += a[ai + j];
            }
        }
    }

    /** {@link #sumRows} over all N columns, split over threads. */
    public static void sumRows(Parallel p, float[] a, int aOff, int lda, int M, int N, float[] out) {
        p.forRange(N, Math.max(1, (int) (PARALLEL_MIN_WORK / Math.max(1, M))),
                (from, to) -> sumRows(a, aOff, lda, M, out, from, to));
    }

    private static int minRows(int K, int N) {
        long perRow = Math.max(1L, (long) K * N);
        return (int) Math.max(1, PARALLEL_MIN_WORK / perRow);
    }
}
