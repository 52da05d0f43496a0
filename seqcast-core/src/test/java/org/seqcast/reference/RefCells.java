package org.seqcast.reference;

import static org.seqcast.reference.RefLayers.activate;
import static org.seqcast.reference.RefLayers.activateDerivative;

import org.seqcast.reference.RefNet.Spec;

/**
 * The recurrent cells of {@link RefNet}, written per sample and per time step with the gate equations in
 * PyTorch's gate order and layout: rows [k·H, (k+1)·H) of weight_ih / weight_hh belong to gate k.
 * <pre>
 *   SimpleRNN: h = act(W_ih x + b_ih + W_hh h_prev + b_hh)
 *   LSTM (i, f, g, o): i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o), with a = W_ih x + b_ih + W_hh h_prev + b_hh;
 *              c = f c_prev + i g,  h = o tanh(c)
 *   GRU (r, z, n): r = σ(a_r), z = σ(a_z);  h = (1 − z) n + z h_prev
 *              reset after:  n = tanh(W_in x + b_in + r ⊙ (W_hn h_prev + b_hn))
 *              reset before: n = tanh(W_in x + b_in + W_hn (r ⊙ h_prev) + b_hn)
 * </pre>
 * In LSTM and GRU, σ stands for the spec's gate activation and tanh for its cell activation (the defaults).
 * Derivatives are taken at the stored pre-activations.
 * Each backward pass is the chain rule applied to these lines in reverse order, with dh_next and dc_next
 * carrying dL/dh_t and dL/dc_t from step t+1.
 */
final class RefCells {
    private RefCells() {
    }

    static final class Rnn extends RefLayers.Recurrent {
        double[][][] pre;

        Rnn(RefNet net, int index, int in, Spec spec) {
            super(net, index, in, spec);
        }

        @Override
        void beginCell(int batchSize) {
            pre = new double[batchSize][][];
        }

        @Override
        double[][] forward(int b, double[][] x) {
            int steps = x.length;
            double[][] h = new double[steps][units];
            double[][] a = new double[steps][units];
            double[][] hPrev = new double[steps][];
            double[] h_prev = initial(false, b);
            for (int t = 0; t < steps; t++) {
                hPrev[t] = h_prev;
                for (int j = 0; j < units; j++) {
                    a[t][j] = inputPart(j, x[t]) + hiddenPart(j, h_prev);  // a = W_ih x + b_ih + W_hh h + b_hh
                    h[t][j] = activate(spec.activation(), a[t][j]);
                }
                h_prev = h[t];
            }
            xs[b] = x;
            hPrevs[b] = hPrev;
            pre[b] = a;
            return output(h);
        }

        @Override
        double[][] backward(int b, double[][] dy) {
            int steps = xs[b].length;
            double[][] dx = new double[steps][in];
            double[] dh_next = new double[units];
            for (int t = steps - 1; t >= 0; t--) {
                double[] da = new double[units];
                for (int j = 0; j < units; j++) {
                    double dh = dh_next[j] + outputGrad(dy, t, steps, j);
                    da[j] = dh * activateDerivative(spec.activation(), pre[b][t][j]);
                }
                backInput(da, xs[b][t], dx[t]);
                double[] dh_prev = new double[units];
                backHidden(0, units, da, hPrevs[b][t], dh_prev);
                dh_next = dh_prev;
            }
            storeInitialGrad(false, b, dh_next);
            return dx;
        }
    }

    static final class Lstm extends RefLayers.Recurrent {
        double[][][] gi;
        double[][][] gf;
        double[][][] gg;
        double[][][] go;
        double[][][] cs;
        double[][][] cPrevs;
        /** Pre-activations of i, f, g, o, (T, 4H) per sample. */
        double[][][] pres;

        Lstm(RefNet net, int index, int in, Spec spec) {
            super(net, index, in, spec);
        }

        @Override
        void beginCell(int batchSize) {
            gi = new double[batchSize][][];
            gf = new double[batchSize][][];
            gg = new double[batchSize][][];
            go = new double[batchSize][][];
            cs = new double[batchSize][][];
            cPrevs = new double[batchSize][][];
            pres = new double[batchSize][][];
        }

        @Override
        double[][] forward(int b, double[][] x) {
            int steps = x.length;
            int H = units;
            double[][] i = new double[steps][H];
            double[][] f = new double[steps][H];
            double[][] g = new double[steps][H];
            double[][] o = new double[steps][H];
            double[][] c = new double[steps][H];
            double[][] h = new double[steps][H];
            double[][] a = new double[steps][4 * H];
            double[][] hPrev = new double[steps][];
            double[][] cPrev = new double[steps][];
            String gate = spec.gateActivation();
            String cell = spec.cellActivation();
            double[] h_prev = initial(false, b);
            double[] c_prev = initial(true, b);
            for (int t = 0; t < steps; t++) {
                hPrev[t] = h_prev;
                cPrev[t] = c_prev;
                for (int j = 0; j < H; j++) {
                    for (int k = 0; k < 4; k++) {
                        a[t][k * H + j] = inputPart(k * H + j, x[t]) + hiddenPart(k * H + j, h_prev);
                    }
                    i[t][j] = activate(gate, a[t][j]);
                    f[t][j] = activate(gate, a[t][H + j]);
                    g[t][j] = activate(cell, a[t][2 * H + j]);
                    o[t][j] = activate(gate, a[t][3 * H + j]);
                    c[t][j] = f[t][j] * c_prev[j] + i[t][j] * g[t][j];
                    h[t][j] = o[t][j] * activate(cell, c[t][j]);
                }
                h_prev = h[t];
                c_prev = c[t];
            }
            xs[b] = x;
            hPrevs[b] = hPrev;
            cPrevs[b] = cPrev;
            gi[b] = i;
            gf[b] = f;
            gg[b] = g;
            go[b] = o;
            cs[b] = c;
            pres[b] = a;
            return output(h);
        }

        @Override
        double[][] backward(int b, double[][] dy) {
            int steps = xs[b].length;
            int H = units;
            double[][] dx = new double[steps][in];
            double[] dh_next = new double[H];
            double[] dc_next = new double[H];
            String gate = spec.gateActivation();
            String cell = spec.cellActivation();
            for (int t = steps - 1; t >= 0; t--) {
                double[] da = new double[4 * H];                   // gradients of the four pre-activations
                double[] dc_prev = new double[H];
                double[] a = pres[b][t];
                for (int j = 0; j < H; j++) {
                    double i = gi[b][t][j];
                    double f = gf[b][t][j];
                    double g = gg[b][t][j];
                    double o = go[b][t][j];
                    double c = cs[b][t][j];
                    double dh = dh_next[j] + outputGrad(dy, t, steps, j);
                    double dO = dh * activate(cell, c);                // h = o act(c)
                    double dC = dc_next[j] + dh * o * activateDerivative(cell, c);
                    double dI = dC * g;                                // c = f c_prev + i g
                    double dF = dC * cPrevs[b][t][j];
                    double dG = dC * i;
                    dc_prev[j] = dC * f;
                    da[j] = dI * activateDerivative(gate, a[j]);
                    da[H + j] = dF * activateDerivative(gate, a[H + j]);
                    da[2 * H + j] = dG * activateDerivative(cell, a[2 * H + j]);
                    da[3 * H + j] = dO * activateDerivative(gate, a[3 * H + j]);
                }
                backInput(da, xs[b][t], dx[t]);
                double[] dh_prev = new double[H];
                backHidden(0, 4 * H, da, hPrevs[b][t], dh_prev);
                dh_next = dh_prev;
                dc_next = dc_prev;
            }
            storeInitialGrad(false, b, dh_next);
            storeInitialGrad(true, b, dc_next);
            return dx;
        }
    }

    static final class Gru extends RefLayers.Recurrent {
        double[][][] rs;
        double[][][] zs;
        double[][][] ns;
        /** Reset after: W_hn h_prev + b_hn. Reset before: r ⊙ h_prev. */
        double[][][] aux;
        /** Pre-activations of r, z, n, (T, 3H) per sample. */
        double[][][] pres;

        Gru(RefNet net, int index, int in, Spec spec) {
            super(net, index, in, spec);
        }

        @Override
        void beginCell(int batchSize) {
            rs = new double[batchSize][][];
            zs = new double[batchSize][][];
            ns = new double[batchSize][][];
            aux = new double[batchSize][][];
            pres = new double[batchSize][][];
        }

        @Override
        double[][] forward(int b, double[][] x) {
            int steps = x.length;
            int H = units;
            double[][] r = new double[steps][H];
            double[][] z = new double[steps][H];
            double[][] n = new double[steps][H];
            double[][] h = new double[steps][H];
            double[][] hAux = new double[steps][H];
            double[][] a = new double[steps][3 * H];
            double[][] hPrev = new double[steps][];
            double[] h_prev = initial(false, b);
            String gate = spec.gateActivation();
            for (int t = 0; t < steps; t++) {
                hPrev[t] = h_prev;
                for (int j = 0; j < H; j++) {
                    a[t][j] = inputPart(j, x[t]) + hiddenPart(j, h_prev);
                    a[t][H + j] = inputPart(H + j, x[t]) + hiddenPart(H + j, h_prev);
                    r[t][j] = activate(gate, a[t][j]);
                    z[t][j] = activate(gate, a[t][H + j]);
                    hAux[t][j] = spec.isResetAfter() ? hiddenPart(2 * H + j, h_prev) : r[t][j] * h_prev[j];
                }
                for (int j = 0; j < H; j++) {
                    double recurrent = spec.isResetAfter()
                            ? r[t][j] * hAux[t][j]                    // r ⊙ (W_hn h_prev + b_hn)
                            : hiddenPart(2 * H + j, hAux[t]);         // W_hn (r ⊙ h_prev) + b_hn
                    a[t][2 * H + j] = inputPart(2 * H + j, x[t]) + recurrent;
                    n[t][j] = activate(spec.cellActivation(), a[t][2 * H + j]);
                    h[t][j] = (1 - z[t][j]) * n[t][j] + z[t][j] * h_prev[j];
                }
                h_prev = h[t];
            }
            xs[b] = x;
            hPrevs[b] = hPrev;
            rs[b] = r;
            zs[b] = z;
            ns[b] = n;
            aux[b] = hAux;
            pres[b] = a;
            return output(h);
        }

        @Override
        double[][] backward(int b, double[][] dy) {
            int steps = xs[b].length;
            int H = units;
            double[][] dx = new double[steps][in];
            double[] dh_next = new double[H];
            String gate = spec.gateActivation();
            String cell = spec.cellActivation();
            for (int t = steps - 1; t >= 0; t--) {
                double[] h_prev = hPrevs[b][t];
                double[] a = pres[b][t];
                double[] daX = new double[3 * H];   // gradient of W_ih x + b_ih
                double[] daH = new double[3 * H];   // gradient of W_hh (·) + b_hh
                double[] dh_prev = new double[H];
                double[] dr = new double[H];
                for (int j = 0; j < H; j++) {
                    double z = zs[b][t][j];
                    double n = ns[b][t][j];
                    double dh = dh_next[j] + outputGrad(dy, t, steps, j);
                    dh_prev[j] += dh * z;                              // h = (1 − z) n + z h_prev
                    double dn = dh * (1 - z);
                    double dz = dh * (h_prev[j] - n);
                    double dnPre = dn * activateDerivative(cell, a[2 * H + j]); // n = act(nPre)
                    daX[2 * H + j] = dnPre;
                    daX[H + j] = dz * activateDerivative(gate, a[H + j]);
                    daH[H + j] = daX[H + j];
                    if (spec.isResetAfter()) {
                        daH[2 * H + j] = dnPre * rs[b][t][j];          // nPre ∋ r (W_hn h_prev + b_hn)
                        dr[j] = dnPre * aux[b][t][j];
                    } else {
                        daH[2 * H + j] = dnPre;                        // nPre ∋ W_hn (r ⊙ h_prev) + b_hn
                    }
                }
                if (!spec.isResetAfter()) {
                    double[] d_rh = new double[H];
                    backHidden(2 * H, 3 * H, daH, aux[b][t], d_rh); // adjoint of W_hn (r ⊙ h_prev)
                    for (int j = 0; j < H; j++) {
                        dr[j] = d_rh[j] * h_prev[j];
                        dh_prev[j] += d_rh[j] * rs[b][t][j];
                    }
                }
                for (int j = 0; j < H; j++) {
                    daX[j] = dr[j] * activateDerivative(gate, a[j]);
                    daH[j] = daX[j];
                }
                backInput(daX, xs[b][t], dx[t]);
                backHidden(0, spec.isResetAfter() ? 3 * H : 2 * H, daH, h_prev, dh_prev);
                dh_next = dh_prev;
            }
            storeInitialGrad(false, b, dh_next);
            return dx;
        }
    }
}
