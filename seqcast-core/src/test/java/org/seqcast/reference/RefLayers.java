package org.seqcast.reference;

import org.seqcast.reference.RefNet.Spec;

/**
 * The scalar helpers and the layer skeletons of {@link RefNet}: a layer maps one sample's rows (T time steps, or
 * the single row of a non-sequence) to its output rows, and back. Dense is here; the recurrent cells, which
 * share {@link Recurrent}'s affine maps and their adjoints, are in {@link RefCells}.
 */
final class RefLayers {
    private RefLayers() {
    }

    /** Σ_c W[row][c] v[c] for a row-major matrix with {@code cols} columns. */
    static double dotRow(double[] w, int row, int cols, double[] v) {
        double s = 0;
        for (int c = 0; c < cols; c++) {
            s += w[row * cols + c] * v[c];
        }
        return s;
    }

    static double sigmoid(double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }

    /**
     * act(a) by name: linear, relu, tanh, sigmoid, hard_sigmoid (Keras 3: clip(a/6 + 1/2, 0, 1)) and
     * hard_sigmoid_keras2 (Keras 2: clip(0.2a + 0.5, 0, 1)).
     */
    static double activate(String act, double a) {
        return switch (act) {
            case "linear" -> a;
            case "relu" -> a > 0 ? a : 0;
            case "tanh" -> Math.tanh(a);
            case "sigmoid" -> sigmoid(a);
            case "hard_sigmoid" -> Math.min(1, Math.max(0, a / 6 + 0.5));
            case "hard_sigmoid_keras2" -> Math.min(1, Math.max(0, 0.2 * a + 0.5));
            default -> throw new IllegalArgumentException(act);
        };
    }

    /** act'(a), from the pre-activation a (the hard sigmoids: their slope strictly inside the linear part). */
    static double activateDerivative(String act, double a) {
        return switch (act) {
            case "linear" -> 1;
            case "relu" -> a > 0 ? 1 : 0;
            case "tanh" -> 1 - Math.tanh(a) * Math.tanh(a);
            case "sigmoid" -> sigmoid(a) * (1 - sigmoid(a));
            case "hard_sigmoid" -> a > -3 && a < 3 ? 1.0 / 6 : 0;
            case "hard_sigmoid_keras2" -> a > -2.5 && a < 2.5 ? 0.2 : 0;
            default -> throw new IllegalArgumentException(act);
        };
    }

    /** A layer that maps one sample's rows (T or 1 of them) to output rows. */
    abstract static class Layer {
        final RefNet net;
        final int index;
        final int in;
        final int units;
        final Spec spec;
        int outRows;

        Layer(RefNet net, int index, int in, Spec spec) {
            this.net = net;
            this.index = index;
            this.in = in;
            this.units = spec.units();
            this.spec = spec;
        }

        double[] p(String name) {
            return net.params().get(index + "." + name);
        }

        double[] g(String name) {
            return net.grads().get(index + "." + name);
        }

        abstract void begin(int batchSize);

        abstract double[][] forward(int b, double[][] x);

        abstract double[][] backward(int b, double[][] dy);
    }

    static final class Dense extends Layer {
        double[][][] xs;
        double[][][] pre;

        Dense(RefNet net, int index, int in, Spec spec) {
            super(net, index, in, spec);
        }

        @Override
        void begin(int batchSize) {
            xs = new double[batchSize][][];
            pre = new double[batchSize][][];
        }

        @Override
        double[][] forward(int b, double[][] x) {
            double[] w = p("weight");
            double[] bias = p("bias");
            double[][] a = new double[x.length][units];
            double[][] y = new double[x.length][units];
            for (int r = 0; r < x.length; r++) {              // each time step (or the single row) alone
                for (int o = 0; o < units; o++) {
                    a[r][o] = bias[o] + dotRow(w, o, in, x[r]);  // a = W x + b
                    y[r][o] = activate(spec.activation(), a[r][o]);
                }
            }
            xs[b] = x;
            pre[b] = a;
            outRows = x.length;
            return y;
        }

        @Override
        double[][] backward(int b, double[][] dy) {
            double[] w = p("weight");
            double[] dW = g("weight");
            double[] dBias = g("bias");
            double[][] x = xs[b];
            double[][] dx = new double[x.length][in];
            for (int r = 0; r < x.length; r++) {
                for (int o = 0; o < units; o++) {
                    double da = dy[r][o] * activateDerivative(spec.activation(), pre[b][r][o]);
                    dBias[o] += da;
                    for (int f = 0; f < in; f++) {
                        dW[o * in + f] += da * x[r][f];          // dW = da xᵀ
                        dx[r][f] += w[o * in + f] * da;          // dx = Wᵀ da
                    }
                }
            }
            return dx;
        }
    }

    /** What every recurrent cell shares: the input and recurrent affine maps and their adjoints. */
    abstract static class Recurrent extends Layer {
        double[][][] xs;
        double[][][] hPrevs;

        Recurrent(RefNet net, int index, int in, Spec spec) {
            super(net, index, in, spec);
        }

        @Override
        void begin(int batchSize) {
            xs = new double[batchSize][][];
            hPrevs = new double[batchSize][][];
            beginCell(batchSize);
        }

        abstract void beginCell(int batchSize);

        /** h_0 (or c_0) of sample b: the one set on the net, else zeros. */
        double[] initial(boolean cell, int b) {
            double[][] s = net.initialState(index, cell);
            return s == null ? new double[units] : s[b].clone();
        }

        /** Row {@code row} of W_ih x + b_ih. */
        double inputPart(int row, double[] x) {
            return p("bias_ih_l0")[row] + dotRow(p("weight_ih_l0"), row, in, x);
        }

        /** Row {@code row} of W_hh v + b_hh. */
        double hiddenPart(int row, double[] v) {
            return p("bias_hh_l0")[row] + dotRow(p("weight_hh_l0"), row, units, v);
        }

        /** Adjoint of W_ih x + b_ih given its gradient daX (all G·H rows): dW_ih, db_ih, and dx += W_ihᵀ daX. */
        void backInput(double[] daX, double[] x, double[] dx) {
            double[] w = p("weight_ih_l0");
            double[] dW = g("weight_ih_l0");
            double[] dBias = g("bias_ih_l0");
            for (int row = 0; row < daX.length; row++) {
                dBias[row] += daX[row];
                for (int c = 0; c < in; c++) {
                    dW[row * in + c] += daX[row] * x[c];
                    dx[c] += w[row * in + c] * daX[row];
                }
            }
        }

        /** Adjoint of rows [from, to) of W_hh v + b_hh given daH: dW_hh, db_hh, and dv += W_hhᵀ daH. */
        void backHidden(int from, int to, double[] daH, double[] v, double[] dv) {
            double[] w = p("weight_hh_l0");
            double[] dW = g("weight_hh_l0");
            double[] dBias = g("bias_hh_l0");
            for (int row = from; row < to; row++) {
                dBias[row] += daH[row];
                for (int m = 0; m < units; m++) {
                    dW[row * units + m] += daH[row] * v[m];
                    dv[m] += w[row * units + m] * daH[row];
                }
            }
        }

        double[][] output(double[][] h) {
            outRows = spec.isReturnSequences() ? h.length : 1;
            return spec.isReturnSequences() ? h : new double[][] {h[h.length - 1]};
        }

        /** dL/dh_t from the layer's output: every step with returnSequences, else only the last. */
        double outputGrad(double[][] dy, int t, int steps, int j) {
            if (spec.isReturnSequences()) {
                return dy[t][j];
            }
            return t == steps - 1 ? dy[0][j] : 0;
        }

        void storeInitialGrad(boolean cell, int b, double[] grad) {
            net.initialStateGrad(index, cell)[b] = grad;
        }
    }
}
