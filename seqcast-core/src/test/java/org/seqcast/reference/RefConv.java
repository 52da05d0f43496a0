package org.seqcast.reference;

import org.seqcast.nn.LayerSpec;

/**
 * A double-precision scalar reference of the convolutional layers on batch-first samples x (B, T, F), written
 * from Keras's definitions with plain loops (no gathered matrices, padding computed here and not taken from the
 * engine), with hand-derived backward passes; {@link RefConvGradientCheckTest} checks them by central
 * differences and the float layers against them.
 */
final class RefConv {
    /** The layer's spec; the parameters W (O, I, k) and b (O) for Conv1D (b null without bias). */
    final LayerSpec spec;
    final int B;
    final int T;
    final int F;
    final double[] w;
    final double[] b;
    /** dL/dW, dL/db after {@link #backward}. */
    double[] dw;
    double[] db;
    private double[] x;
    private double[] y;
    private int[] argmax;

    RefConv(LayerSpec spec, int B, int T, int F, double[] w, double[] b) {
        this.spec = spec;
        this.B = B;
        this.T = T;
        this.F = F;
        this.w = w;
        this.b = b;
    }

    /** Padded steps before step 0 and output length for a window of {@code span} steps, TensorFlow's rules. */
    static int[] beforeAndLength(String padding, int T, int span, int stride) {
        return switch (padding) {
            case "valid" -> new int[] {0, (T - span) / stride + 1};
            case "causal" -> new int[] {span - 1, (T - 1) / stride + 1};
            case "same" -> {
                int out = (T + stride - 1) / stride;
                yield new int[] {Math.max((out - 1) * stride + span - T, 0) / 2, out};
            }
            default -> throw new IllegalArgumentException(padding);
        };
    }

    /** The per-sample output shape (T', O) or (O). */
    int[] outputShape() {
        if (spec instanceof LayerSpec.Conv1d c) {
            return new int[] {beforeAndLength(c.padding().kerasName(), T, (c.kernelSize() - 1) * c.dilationRate() + 1,
                    c.strides())[1], c.filters()};
        }
        if (spec instanceof LayerSpec.MaxPooling1d p) {
            return new int[] {beforeAndLength(p.padding().kerasName(), T, p.poolSize(), p.strides())[1], F};
        }
        if (spec instanceof LayerSpec.AveragePooling1d p) {
            return new int[] {beforeAndLength(p.padding().kerasName(), T, p.poolSize(), p.strides())[1], F};
        }
        return spec instanceof LayerSpec.Flatten ? new int[] {T * F} : new int[] {F};
    }

    double[] forward(double[] xIn) {
        this.x = xIn.clone();
        if (spec instanceof LayerSpec.Conv1d c) {
            y = conv(c);
        } else if (spec instanceof LayerSpec.MaxPooling1d p) {
            y = pool(p.poolSize(), p.strides(), p.padding().kerasName(), true);
        } else if (spec instanceof LayerSpec.AveragePooling1d p) {
            y = pool(p.poolSize(), p.strides(), p.padding().kerasName(), false);
        } else if (spec instanceof LayerSpec.GlobalAveragePooling1d) {
            y = new double[B * F];
            for (int s = 0; s < B; s++) {
                for (int t = 0; t < T; t++) {
                    for (int f = 0; f < F; f++) {
                        y[s * F + f] += x[(s * T + t) * F + f] / T;
                    }
                }
            }
        } else {
            y = x.clone();                                      // Flatten: (B, T, F) and (B, T·F) share their order
        }
        return y.clone();
    }

    /** y[s, t', o] = act(b[o] + Σ_i Σ_j W[o, i, j] x[s, t'·st − before + j·d, i]). */
    private double[] conv(LayerSpec.Conv1d c) {
        int k = c.kernelSize();
        int d = c.dilationRate();
        int st = c.strides();
        int O = c.filters();
        int[] bl = beforeAndLength(c.padding().kerasName(), T, (k - 1) * d + 1, st);
        double[] out = new double[B * bl[1] * O];
        for (int s = 0; s < B; s++) {
            for (int to = 0; to < bl[1]; to++) {
                for (int o = 0; o < O; o++) {
                    double z = b == null ? 0 : b[o];
                    for (int i = 0; i < F; i++) {
                        for (int j = 0; j < k; j++) {
                            int t = to * st - bl[0] + j * d;
                            if (t >= 0 && t < T) {
                                z += w[(o * F + i) * k + j] * x[(s * T + t) * F + i];
                            }
                        }
                    }
                    out[(s * bl[1] + to) * O + o] = RefLayers.activate(c.activation().kerasName(), z);
                }
            }
        }
        return out;
    }

    private double[] pool(int p, int st, String padding, boolean max) {
        int[] bl = beforeAndLength(padding, T, p, st);
        double[] out = new double[B * bl[1] * F];
        argmax = new int[out.length];
        for (int s = 0; s < B; s++) {
            for (int to = 0; to < bl[1]; to++) {
                for (int f = 0; f < F; f++) {
                    int o = (s * bl[1] + to) * F + f;
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int n = 0;
                    for (int j = 0; j < p; j++) {
                        int t = to * st - bl[0] + j;
                        if (t < 0 || t >= T) {
                            continue;
                        }
                        int q = (s * T + t) * F + f;
                        n++;
                        if (max && x[q] > acc) {
                            acc = x[q];
                            argmax[o] = q;
                        } else if (!max) {
                            acc += x[q];
                        }
                    }
                    out[o] = max ? acc : acc / n;
                }
            }
        }
        return out;
    }

    /** dL/dx for dL/dy of the last forward; fills {@link #dw} and {@link #db} for Conv1D. */
    double[] backward(double[] dy) {
        double[] dx = new double[x.length];
        if (spec instanceof LayerSpec.Conv1d c) {
            int k = c.kernelSize();
            int d = c.dilationRate();
            int st = c.strides();
            int O = c.filters();
            int[] bl = beforeAndLength(c.padding().kerasName(), T, (k - 1) * d + 1, st);
            dw = new double[w.length];
            db = b == null ? null : new double[O];
            String act = c.activation().kerasName();
            for (int s = 0; s < B; s++) {
                for (int to = 0; to < bl[1]; to++) {
                    for (int o = 0; o < O; o++) {
                        int q = (s * bl[1] + to) * O + o;
                        double dz = dy[q] * derivativeFromOutput(act, y[q]);     // dz = dy ⊙ act'(z)
                        if (db != null) {
                            db[o] += dz;                                          // db[o] = Σ dz
                        }
                        for (int i = 0; i < F; i++) {
                            for (int j = 0; j < k; j++) {
                                int t = to * st - bl[0] + j * d;
                                if (t >= 0 && t < T) {
                                    dw[(o * F + i) * k + j] += dz * x[(s * T + t) * F + i];   // dW = Σ dz x
                                    dx[(s * T + t) * F + i] += dz * w[(o * F + i) * k + j];   // dx = Σ dz W
                                }
                            }
                        }
                    }
                }
            }
        } else if (spec instanceof LayerSpec.MaxPooling1d) {
            for (int o = 0; o < dy.length; o++) {
                dx[argmax[o]] += dy[o];
            }
        } else if (spec instanceof LayerSpec.AveragePooling1d p) {
            int[] bl = beforeAndLength(p.padding().kerasName(), T, p.poolSize(), p.strides());
            for (int s = 0; s < B; s++) {
                for (int to = 0; to < bl[1]; to++) {
                    int t0 = Math.max(to * p.strides() - bl[0], 0);
                    int t1 = Math.min(to * p.strides() - bl[0] + p.poolSize(), T);
                    for (int t = t0; t < t1; t++) {
                        for (int f = 0; f < F; f++) {
                            dx[(s * T + t) * F + f] += dy[(s * bl[1] + to) * F + f] / (t1 - t0);
                        }
                    }
                }
            }
        } else if (spec instanceof LayerSpec.GlobalAveragePooling1d) {
            for (int s = 0; s < B; s++) {
                for (int t = 0; t < T; t++) {
                    for (int f = 0; f < F; f++) {
                        dx[(s * T + t) * F + f] = dy[s * F + f] / T;
                    }
                }
            }
        } else {
            System.arraycopy(dy, 0, dx, 0, dx.length);
        }
        return dx;
    }

    private static double derivativeFromOutput(String act, double y) {
        return switch (act) {
            case "linear" -> 1;
            case "relu" -> y > 0 ? 1 : 0;
            case "tanh" -> 1 - y * y;
            case "sigmoid" -> y * (1 - y);
            default -> throw new IllegalArgumentException(act);
        };
    }
}
