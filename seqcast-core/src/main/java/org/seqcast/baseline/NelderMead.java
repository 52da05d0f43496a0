package org.seqcast.baseline;

import java.util.function.ToDoubleFunction;

/**
 * The Nelder–Mead simplex minimiser exactly as R's {@code optim(method = "Nelder-Mead")} (nmmin in
 * src/appl/optim.c), which forecast's ets calls with reflection 1, contraction 0.5, expansion 2, relative
 * tolerance √ε and no absolute tolerance. The first simplex puts one vertex at the start and moves one
 * coordinate per further vertex by 10% of the largest |start coordinate|; each step reflects the worst vertex
 * through the centroid of the others, then expands, contracts or shrinks towards the best. It stops when
 * f_worst ≤ f_best + tol·(|f_start| + tol), when a shrink no longer reduces the simplex, or after maxEvaluations.
 * Non-finite values count as 1e35, so infeasible points (the objective returns +∞) are simply never accepted.
 */
final class NelderMead {
    private static final double BIG = 1.0e35;

    record Result(double[] x, double value, int evaluations, boolean converged) {
    }

    private NelderMead() {
    }

    static Result minimize(ToDoubleFunction<double[]> f, double[] start, double relTol, int maxEvaluations) {
        final double alpha = 1;
        final double beta = 0.5;
        final double gamma = 2;
        int n = start.length;
        double[] b = start.clone();
        double fv = f.applyAsDouble(b.clone());
        if (!Double.isFinite(fv)) {
            throw new IllegalArgumentException("objective cannot be evaluated at the starting point");
        }
        int funcount = 1;
        double convtol = relTol * (Math.abs(fv) + relTol);
        int n1 = n + 1;
        int c = n + 2;
        // p[i][j]: coordinate i of vertex j (column c−1 is the centroid); p[n1−1][j] is the value at vertex j.
        double[][] p = new double[n + 1][n + 2];
        p[n1 - 1][0] = fv;
        for (int i = 0; i < n; i++) {
            p[i][0] = b[i];
        }
        int l = 1;
        double size = 0;
        double step = 0;
        for (int i = 0; i < n; i++) {
            if (0.1 * Math.abs(b[i]) > step) {
                step = 0.1 * Math.abs(b[i]);
            }
        }
        if (step == 0) {
            step = 0.1;
        }
        for (int j = 2; j <= n1; j++) {
            for (int i = 0; i < n; i++) {
                p[i][j - 1] = b[i];
            }
            double trystep = step;
            while (p[j - 2][j - 1] == b[j - 2]) {
                p[j - 2][j - 1] = b[j - 2] + trystep;
                trystep *= 10;
            }
            size += trystep;
        }
        double oldsize = size;
        boolean calcvert = true;
        boolean shrinkFailed = false;
        do {
            if (calcvert) {
                for (int j = 0; j < n1; j++) {
                    if (j + 1 != l) {
                        for (int i = 0; i < n; i++) {
                            b[i] = p[i][j];
                        }
                        p[n1 - 1][j] = value(f, b);
                        funcount++;
                    }
                }
                calcvert = false;
            }
            double vl = p[n1 - 1][l - 1];
            double vh = vl;
            int h = l;
            for (int j = 1; j <= n1; j++) {
                if (j != l) {
                    double v = p[n1 - 1][j - 1];
                    if (v < vl) {
                        l = j;
                        vl = v;
                    }
                    if (v > vh) {
                        h = j;
                        vh = v;
                    }
                }
            }
            if (vh <= vl + convtol) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double temp = -p[i][h - 1];
                for (int j = 0; j < n1; j++) {
                    temp += p[i][j];
                }
                p[i][c - 1] = temp / n;
            }
            for (int i = 0; i < n; i++) {
                b[i] = (1.0 + alpha) * p[i][c - 1] - alpha * p[i][h - 1];
            }
            double vr = value(f, b);
            funcount++;
            if (vr < vl) {
                p[n1 - 1][c - 1] = vr;
                for (int i = 0; i < n; i++) {
                    double e = gamma * b[i] + (1 - gamma) * p[i][c - 1];
                    p[i][c - 1] = b[i];
                    b[i] = e;
                }
                double ve = value(f, b);
                funcount++;
                if (ve < vr) {
                    for (int i = 0; i < n; i++) {
                        p[i][h - 1] = b[i];
                    }
                    p[n1 - 1][h - 1] = ve;
                } else {
                    for (int i = 0; i < n; i++) {
                        p[i][h - 1] = p[i][c - 1];
                    }
                    p[n1 - 1][h - 1] = vr;
                }
            } else {
                if (vr < vh) {
                    for (int i = 0; i < n; i++) {
                        p[i][h - 1] = b[i];
                    }
                    p[n1 - 1][h - 1] = vr;
                }
                for (int i = 0; i < n; i++) {
                    b[i] = (1 - beta) * p[i][h - 1] + beta * p[i][c - 1];
                }
                double vc = value(f, b);
                funcount++;
                if (vc < p[n1 - 1][h - 1]) {
                    for (int i = 0; i < n; i++) {
                        p[i][h - 1] = b[i];
                    }
                    p[n1 - 1][h - 1] = vc;
                } else if (vr >= vh) {
                    calcvert = true;
                    size = 0;
                    for (int j = 0; j < n1; j++) {
                        if (j + 1 != l) {
                            for (int i = 0; i < n; i++) {
                                p[i][j] = beta * (p[i][j] - p[i][l - 1]) + p[i][l - 1];
                                size += Math.abs(p[i][j] - p[i][l - 1]);
                            }
                        }
                    }
                    if (size < oldsize) {
                        oldsize = size;
                    } else {
                        shrinkFailed = true;
                        break;
                    }
                }
            }
        } while (funcount <= maxEvaluations);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = p[i][l - 1];
        }
        return new Result(x, p[n1 - 1][l - 1], funcount, !shrinkFailed && funcount <= maxEvaluations);
    }

    private static double value(ToDoubleFunction<double[]> f, double[] x) {
        double v = f.applyAsDouble(x.clone());
        return Double.isFinite(v) ? v : BIG;
    }
}
