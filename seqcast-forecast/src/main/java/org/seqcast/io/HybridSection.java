package org.seqcast.io;

import java.util.List;
import org.seqcast.forecast.FittedDecomposed;

/**
 * The section of a network on seasonally adjusted series ({@link FittedDecomposed}, e.g. {@code lstm-deseason}):
 * <pre>
 *   {"kind": "hybrid",
 *    "network": the network's own section (kind rnn), its tensors under the prefix {@code network.},
 *    "adjustments": [{"series_id", "start", "length", "indices": [s_{n-m+1} .. s_n] or [], "note"}, ...]}
 * </pre>
 * one adjustment per training series: the multiplicative indices of its last season (empty when the series was
 * not adjusted) and where its training part started, so a history of the same series is reseasonalised with the
 * indices estimated at fit time.
 *
 * @param network     the network trained on the adjusted series
 * @param adjustments every training series' adjustment, in training order
 */
public record HybridSection(RnnSection network, List<FittedDecomposed.Adjustment> adjustments)
        implements ForecasterSection {
    /** The tensor-name prefix of the network. */
    static final String PREFIX = "network.";

    public HybridSection {
        if (network == null || adjustments == null) {
            throw new IllegalArgumentException("a hybrid needs its network and its adjustments");
        }
        adjustments = List.copyOf(adjustments);
        if (adjustments.isEmpty()) {
            throw new IllegalArgumentException("a hybrid has the adjustment of at least one training series");
        }
    }

    @Override
    public ForecasterKind kind() {
        return ForecasterKind.HYBRID;
    }

    @Override
    public int horizon() {
        return network.horizon();
    }

    @Override
    public List<String> covariatesUsed() {
        return network.covariatesUsed();
    }
}
