package org.seqcast.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.eval.PermutationImportance;
import org.seqcast.forecast.explain.AttentionWeights;
import org.seqcast.forecast.explain.Attribution;

/**
 * What a report shows of why models forecast what they did: each model's permutation importance of the
 * covariates ({@link PermutationImportance}) and, per network, the integrated-gradients attribution of one
 * forecast (its heatmap) with, for a network with attention, its attention weights over that window. Any may be
 * empty. Immutable (maps copied, insertion order kept).
 *
 * @param importances  by model name, every covariate's importance with its role
 * @param attributions by a label naming the network and the forecast (e.g. "lstm, series a, last origin")
 * @param attention    by the same labels, the weights of the network's Attention layers for that forecast's window
 *                     (only networks with attention have an entry)
 */
public record Explanations(Map<String, List<PermutationImportance.Result>> importances,
                           Map<String, Attribution> attributions, Map<String, List<AttentionWeights>> attention) {
    /** Nothing to explain. */
    public static final Explanations NONE = new Explanations(Map.of(), Map.of());

    public Explanations {
        importances = importances == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(importances));
        attributions = attributions == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributions));
        attention = attention == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attention));
    }

    /** Importances and attributions, no attention weights. */
    public Explanations(Map<String, List<PermutationImportance.Result>> importances,
                        Map<String, Attribution> attributions) {
        this(importances, attributions, Map.of());
    }

    /** True when there is nothing to show. */
    public boolean none() {
        return importances.isEmpty() && attributions.isEmpty() && attention.isEmpty();
    }
}
