package org.seqcast.nn;

import org.seqcast.tensor.Rng;

/**
 * Keras's default initialisers, the one home of how parameters start: Glorot-uniform input kernels,
 * orthogonal recurrent kernels, zero biases (the LSTM's forget-gate bias is set to 1 by {@link LSTM}).
 * Fan-in and fan-out are counted as Keras counts them on its (I, G·H) kernel.
 */
final class Initializers {
    private Initializers() {
    }

    /** U(−l, l) with l = √(6 / (fanIn + fanOut)). */
    static void glorotUniform(float[] w, int fanIn, int fanOut, Rng rng) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) rng.uniform(-limit, limit);
        }
    }

    /**
     * A (rows, cols) matrix with orthonormal columns (rows ≥ cols) or orthonormal rows (rows < cols): the
     * Q of a QR decomposition of a standard normal matrix, with signs fixed so that R has a positive
     * diagonal (Keras's {@code Orthogonal}; Saxe et al. 2014). Computed by modified Gram-Schmidt in double.
     */
    static void orthogonal(float[] w, int rows, int cols, Rng rng) {
        boolean transpose = rows < cols;
        int n = transpose ? cols : rows; // long side
        int m = transpose ? rows : cols; // short side: number of orthonormal vectors
        double[][] v = new double[m][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < m; b++) {
                v[b][a] = rng.gaussian();
            }
        }
        for (int b = 0; b < m; b++) {
            for (int prev = 0; prev < b; prev++) {
                double dot = 0;
                for (int a = 0; a < n; a++) {
                    dot += v[b][a] * v[prev][a];
                }
                for (int a = 0; a < n; a++) {
                    v[b][a] -= dot * v[prev][a];
                }
            }
            double norm = 0;
            for (int a = 0; a < n; a++) {
                norm += v[b][a] * v[b][a];
            }
            norm = Math.sqrt(norm);
            for (int a = 0; a < n; a++) {
                v[b][a] /= norm;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] = (float) (transpose ? v[r][c] : v[c][r]);
            }
        }
    }
}
