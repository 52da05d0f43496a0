package org.seqcast.onnx;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.nn.loss.NonCrossingQuantiles;

/**
 * A quantile network's non-crossing map ({@link NonCrossingQuantiles}, the definition) in ONNX operators, in
 * float64: raw outputs r (B, H·Q) become quantiles q (B, H, Q), m the anchor (the median's position).
 * <pre>
 *   r  = Reshape(raw, [−1, H, Q])                                                  (B, H, Q)
 *   s  = softplus(r) = max(r, 0) + log(1 + e^{−|r|})                               Max, Abs, Neg, Exp, Add, Log
 *   q_m          = r_m                                                            Slice            (B, H, 1)
 *   q_{m+1..Q}   = r_m + CumSum(s_{m+1..Q})           (Σ_{k=m+1..j} s_k)          Slice, CumSum, Add
 *   q_{1..m−1}   = r_m − CumSum(s_{1..m−1}, reverse)  (Σ_{k=j..m−1} s_k)          Slice, CumSum, Sub
 *   q  = Concat(q_{1..m−1}, q_m, q_{m+1..Q}) along the level axis
 * </pre>
 * The sums group as the cumulative sums do, not step by step as the Java map adds; in float64 the difference is
 * rounding far below float32's. (ONNX has no log1p; log(1 + e^{−|r|}) differs from it by less than 1e-16.)
 */
final class QuantileGraph {
    private QuantileGraph() {
    }

    /** The quantiles (B, H, Q) float64 of {@code raw} (B, H·Q) float64. */
    static String emit(GraphBuilder g, String raw, int horizon, NonCrossingQuantiles map) {
        int nq = map.size();
        int m = map.anchor();
        String r = g.node("Reshape", "raw_quantiles", List.of(raw, g.longs("quantile_shape", -1, horizon, nq)));
        String s = softplus(g, r);
        String center = g.slice(r, 2, m, m + 1, "median_raw");                             // q_m = r_m
        String axis = g.longs("level_axis", 2);
        List<String> parts = new ArrayList<>();
        if (m > 0) {
            String below = g.node("CumSum", "steps_below", List.of(g.slice(s, 2, 0, m, "softplus_below"), axis),
                    GraphBuilder.intAttr("reverse", 1));                                  // Σ_{k=j..m−1} s_k
            parts.add(g.node("Sub", "quantiles_below", List.of(center, below)));
        }
        parts.add(center);
        if (m < nq - 1) {
            String above = g.node("CumSum", "steps_above", List.of(g.slice(s, 2, m + 1, nq, "softplus_above"),
                    axis));                                                               // Σ_{k=m+1..j} s_k
            parts.add(g.node("Add", "quantiles_above", List.of(center, above)));
        }
        return parts.size() == 1 ? parts.get(0)
                : g.node("Concat", "quantiles_model", parts, GraphBuilder.intAttr("axis", 2));
    }

    /** softplus(r) = max(r, 0) + log(1 + e^{−|r|}), without overflow. */
    private static String softplus(GraphBuilder g, String r) {
        String zero = g.doubles("zero", new double[] {0});
        String one = g.doubles("one_softplus", new double[] {1});
        String tail = g.node("Log", "softplus_tail", List.of(g.node("Add", "one_plus_exp", List.of(one,
                g.node("Exp", "exp_neg_abs", List.of(g.node("Neg", "neg_abs", List.of(g.node("Abs", "abs_raw",
                        List.of(r))))))))));
        return g.node("Add", "softplus", List.of(g.node("Max", "positive_part", List.of(r, zero)), tail));
    }
}
