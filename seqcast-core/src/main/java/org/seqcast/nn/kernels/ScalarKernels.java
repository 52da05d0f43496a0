package org.seqcast.nn.kernels;

/**
 * The plain-Java reference for {@link Kernels}: three nested loops with the innermost over a contiguous row of
 * C (axpy form), separate multiply and add, summing k in order. Slow and obviously correct; the vector kernels
 * are tested against it.
 */
public final class ScalarKernels implements Kernels {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void mulAdd(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc, int M, int K, int N) {
        for (int i = 0; i < M; i++) {
            int ci = cOff + i * ldc;
            int ai = aOff + i * lda;
            for (int k = 0; k < K; k++) {
                float aik = a[ai + k];
                int bk = bOff + k * ldb;
                for (int j = 0; j < N; j++) {
                    c[ci + j] += aik * b[bk + j];
                }
            }
        }
    }

    @Override
    public void mulAddTransA(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, int i0, int i1, int K, int N) {
        for (int k = 0; k < K; k++) {
            int ak = aOff + k * lda;
            int bk = bOff + k * ldb;
            for (int i = i0; i < i1; i++) {
                float aki = a[ak + i];
                int ci = cOff + i * ldc;
                for (int j = 0; j < N; j++) {
                    c[ci + j] += aki * b[bk + j];
                }
            }
        }
    }

    @Override
    public void mulAddTransB(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, int M, int K, int N) {
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                float sum = 0f;
                for (int k = 0; k < K; k++) {
                    sum += a[aOff + i * lda + k] * b[bOff + j * ldb + k];
                }
                c[cOff + i * ldc + j] += sum;
            }
        }
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void sigmoid(float[] v, int off, int n) {
        for (int k = off; k < off + n; k++) {
            v[k] = Activation.sigmoid(v[k]);
        }
    }

    @Override
    public void tanh(float[] v, int off, int n) {
        for (int k = off; k < off + n; k++) {
            v[k] = Activation.tanh(v[k]);
        }
    }

    @Override
    public void lstmBackwardPointwise(float[] dz, int dzOff, float[] dh, int dhOff, float[] dc, int dcOff,
                                      float[] gates, int gOff, float[] cPrev, int cpOff, float[] tanhC, int tcOff,
                                      int R, int H) {
        LstmKernels.pointwiseBackward(dz, dzOff, dh, dhOff, dc, dcOff, gates, gOff, cPrev, cpOff, tanhC, tcOff,
                Activation.SIGMOID, Activation.TANH, R, H);
    }

    @Override
    public void gruForwardResetAfterPointwise(float[] gates, int gOff, float[] hh, int hhOff, float[] hPrev, int hpOff,
                                              float[] h, int hOff, int R, int H) {
        GruKernels.pointwiseForwardResetAfter(this, gates, gOff, hh, hhOff, hPrev, hpOff, h, hOff,
                Activation.SIGMOID, Activation.TANH, R, H);
    }

    @Override
    public void gruBackwardResetAfterPointwise(float[] dzx, int dzxOff, float[] dzh, int dzhOff, float[] dh, int dhOff,
                                               float[] gates, int gOff, float[] hh, int hhOff, float[] hPrev, int hpOff,
                                               int R, int H) {
        GruKernels.pointwiseBackwardResetAfter(dzx, dzxOff, dzh, dzhOff, dh, dhOff, gates, gOff, hh, hhOff,
                hPrev, hpOff, Activation.SIGMOID, Activation.TANH, R, H);
    }
}
