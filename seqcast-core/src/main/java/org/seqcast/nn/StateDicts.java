package org.seqcast.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Tensor;

/**
 * What {@link Sequential} and {@link Graph} do alike with their parameters by state-dict name: copies of values
 * and gradients, loading a state dict (all or nothing), and the L2 penalty λ Σ w² with its gradient.
 */
final class StateDicts {
    private StateDicts() {
    }

    /** A copy of every parameter value by name. */
    static Map<String, Tensor> values(Map<String, Parameter> params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((name, p) -> out.put(name, Tensor.wrap(p.value().clone(), p.shape())));
        return out;
    }

    /** A copy of every gradient by name. */
    static Map<String, Tensor> gradients(Map<String, Parameter> params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((name, p) -> out.put(name, Tensor.wrap(p.grad().clone(), p.shape())));
        return out;
    }

    /** Sets every parameter from a state dict with exactly these names and shapes; nothing changes unless all are valid. */
    static void load(Map<String, Parameter> own, Map<String, Tensor> state) {
        for (String name : state.keySet()) {
            if (!own.containsKey(name)) {
                throw new IllegalArgumentException("state dict has '" + name + "', which this model does not; model has "
                        + own.keySet());
            }
        }
        for (Map.Entry<String, Parameter> e : own.entrySet()) {   // check everything before changing anything
            Tensor t = state.get(e.getKey());
            int[] shape = e.getValue().shape();
            if (t == null) {
                throw new IllegalArgumentException("state dict lacks '" + e.getKey() + "' of shape " + Arrays.toString(shape));
            }
            if (!Arrays.equals(t.shape(), shape)) {
                throw new IllegalArgumentException("state dict entry '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " but this model's parameter has shape " + Arrays.toString(shape));
            }
            t.requireFinite("state dict entry '" + e.getKey() + "'");
        }
        own.forEach((name, p) -> p.set(p.shape(), state.get(name).data()));
    }

    /** Σ over regularised parameters of λ Σ w², in double. */
    static double l2Penalty(Iterable<Parameter> params) {
        double total = 0;
        for (Parameter p : params) {
            if (p.l2() > 0) {
                double s = 0;
                for (float w : p.value()) {
                    s += (double) w * w;
                }
                total += p.l2() * s;
            }
        }
        return total;
    }

    /** Adds d(λ Σ w²)/dw = 2 λ w to every regularised parameter's gradient. */
    static void addL2Gradients(Iterable<Parameter> params) {
        for (Parameter p : params) {
            if (p.l2() > 0) {
                float[] w = p.value();
                float[] g = p.grad();
                float twoL2 = 2f * p.l2();
                for (int k = 0; k < w.length; k++) {
                    g[k] += twoL2 * w[k];       // d(λ Σ w²)/dw = 2 λ w
                }
            }
        }
    }

    /** "(2, any, 3)" for a shape with -1 meaning any length. */
    static String shape(int[] s) {
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < s.length; k++) {
            sb.append(k > 0 ? ", " : "").append(s[k] == -1 ? "any" : String.valueOf(s[k]));
        }
        return sb.append(')').toString();
    }
}
