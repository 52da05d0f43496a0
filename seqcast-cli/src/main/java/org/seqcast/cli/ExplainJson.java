package org.seqcast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import org.seqcast.forecast.explain.AttentionWeights;
import org.seqcast.forecast.explain.Attribution;

/**
 * {@code seqcast explain --json}: per series and network every number of its {@link Attribution}, bound by Jackson
 * from {@link Entry} (snake_case names).
 */
final class ExplainJson {
    private ExplainJson() {
    }

    /**
     * One explained forecast.
     *
     * @param attributions A (H' × W × F); {@code total} is their sum over the forecast steps (W × F)
     */
    record Entry(String series, String model, List<String> features, List<String> windowSteps,
                 List<String> forecastSteps, int riemannSteps, double[] output, double[] baselineOutput,
                 double[] completenessError, double[] relativeError, double totalCompletenessError,
                 double totalRelativeError, double[][] input, double[][] baseline, double[][] total,
                 double[][][] attributions, List<Attention> attention) {
    }

    /**
     * The weights of one Attention layer for the window ({@link AttentionWeights}).
     *
     * @param weights  a (W × W), row i the weights query step i gives the window steps
     * @param received the column means, the attention each window step receives
     */
    record Attention(String layer, double[] received, double[][] weights) {
    }

    /** An entry without attention weights. */
    static Entry entry(String model, Attribution a) {
        return entry(model, a, List.of());
    }

    /** An entry with the attention weights of the network's Attention layers (none: an empty list). */
    static Entry entry(String model, Attribution a, List<AttentionWeights> attention) {
        int h = a.horizon();
        double[] abs = new double[h];
        double[] rel = new double[h];
        for (int k = 0; k < h; k++) {
            abs[k] = a.completenessError(k);
            rel[k] = a.relativeError(k);
        }
        return new Entry(a.seriesId(), model, a.features(), a.steps(), a.targets(), a.riemannSteps(), a.output(),
                a.baselineOutput(), abs, rel, a.totalCompletenessError(), a.totalRelativeError(), a.input(),
                a.baseline(), a.total(), a.values(), attention.stream()
                .map(w -> new Attention(w.layer(), w.received(), w.weights())).toList());
    }

    /** The entries as pretty-printed JSON. */
    static String format(List<Entry> entries) throws JsonProcessingException {
        ObjectMapper m = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(entries);
    }
}
