package org.seqcast.nn.kernels;

/**
 * The matrix products every layer's time loop spends its time in, behind one interface so that a SIMD
 * implementation can replace the scalar one. {@link ScalarKernels} is the plain-Java reference, always
 * available and always correct; {@code VectorKernels} uses {@code jdk.incubator.vector} and is chosen when
 * that module is present (the launcher adds it with {@code --add-modules jdk.incubator.vector}).
 *
 * <p>Element-wise activations are here too ({@link #sigmoid}, {@link #tanh}): in the vector implementation
 * the first {@code n − n mod lanes} elements of a segment take the vector path and the rest the scalar one, a
 * split that depends only on the segment's length, so callers apply them per row, never across rows whose
 * number depends on the thread split.
 *
 * <p>The choice is made once per JVM: system property {@code seqcast.kernels=scalar|vector} forces one
 * (vector falls back to scalar, with a logged warning, when the module is missing); by default vector when
 * available. Every implementation computes each element of C by a fixed sequence of operations that does
 * not depend on how rows are split over threads, so results are bit-identical for any thread count; the
 * scalar and vector implementations may differ from each other in the last bits (the vector one fuses
 * multiply and add).
 */
public interface Kernels {
    /** "scalar" or "vector". */
    String name();

    /** {@code C[M,N] += A[M,K] · B[K,N]}, each c_ij summing k = 0..K-1 in order. */
    void mulAdd(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                float[] c, int cOff, int ldc, int M, int K, int N);

    /** {@code C[i,N] += Σ_k A[k,i] · B[k,N]} for rows i in {@code [i0, i1)}, k = 0..K-1 in order. */
    void mulAddTransA(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, int i0, int i1, int K, int N);

    /**
     * {@code C[M,N] += A[M,K] · B[N,K]ᵀ}, c_ij += Σ_k a_ik b_jk: the dot-product form, for narrow C (N smaller
     * than a vector) where the axpy form of {@link #mulAdd} cannot use vectors.
     */
    void mulAddTransB(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, int M, int K, int N);

    /** Lanes per vector of this implementation (1 for scalar): products narrower than this use other forms. */
    int lanes();

    /** {@code v[off .. off+n) = σ(v[off .. off+n))}, σ(x) = 1 / (1 + e^(−x)). */
    void sigmoid(float[] v, int off, int n);

    /** {@code v[off .. off+n) = tanh(v[off .. off+n))}. */
    void tanh(float[] v, int off, int n);

    // The point-wise part of a cell's time step with the default activations (σ gates, tanh), for R rows at once.
    // The equations live in LstmKernels and GruKernels; ScalarKernels runs their loops as they are (the reference)
    // and VectorKernels fuses them into one pass per vector of columns, with the same operations in the same order.

    /** LSTM backward, everything before dz · W_hh ({@link LstmKernels#stepBackward}): dz (R, 4H), dc updated in place. */
    void lstmBackwardPointwise(float[] dz, int dzOff, float[] dh, int dhOff, float[] dc, int dcOff,
                               float[] gates, int gOff, float[] cPrev, int cpOff, float[] tanhC, int tcOff, int R, int H);

    /**
     * GRU forward with the reset after the product, everything after it ({@link GruKernels#stepForwardResetAfter}):
     * gates (R, 3H) holds x_t·W_ihᵀ + b_ih on entry and r, z, n on return; hh (R, 3H) the recurrent
     * pre-activations; h (R, H) receives h_t.
     */
    void gruForwardResetAfterPointwise(float[] gates, int gOff, float[] hh, int hhOff, float[] hPrev, int hpOff,
                                       float[] h, int hOff, int R, int H);

    /**
     * GRU backward with the reset after the product, everything before dzh · W_hh
     * ({@link GruKernels#stepBackwardResetAfter}): dzx, dzh (R, 3H); dh (R, H) becomes dh_t ⊙ z.
     */
    void gruBackwardResetAfterPointwise(float[] dzx, int dzxOff, float[] dzh, int dzhOff, float[] dh, int dhOff,
                                        float[] gates, int gOff, float[] hh, int hhOff, float[] hPrev, int hpOff,
                                        int R, int H);

    /** The implementation in use in this JVM. */
    static Kernels current() {
        return KernelChoice.CURRENT;
    }
}
