package org.seqcast.io;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.seqcast.forecast.Combination;

/**
 * An ensemble's section: {@code {"kind": "ensemble", "name", "combination": "median" | "mean", "members":
 * [section, ...]}}. Member k's tensors are stored in the one {@code weights.safetensors} under the prefix
 * {@code members.k.} (e.g. {@code members.0.0.weight_ih_l0}; nested ensembles add their own prefixes).
 *
 * @param name        the ensemble's name in tables and forecasts
 * @param combination how the members' values of a step are combined
 * @param members     one or more sections of the same horizon, in combination order
 */
public record EnsembleSection(String name, Combination combination, List<ForecasterSection> members)
        implements ForecasterSection {
    public EnsembleSection {
        if (name == null || name.isBlank() || combination == null) {
            throw new IllegalArgumentException("an ensemble needs a name and a combination");
        }
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member; got none");
        }
        int h = members.get(0).horizon();
        for (int k = 1; k < members.size(); k++) {
            if (members.get(k).horizon() != h) {
                throw new IllegalArgumentException("ensemble members must share one horizon: member 0 has horizon "
                        + h + " but member " + k + " has " + members.get(k).horizon());
            }
        }
    }

    /** The tensor-name prefix of member k. */
    static String prefix(int k) {
        return "members." + k + ".";
    }

    @Override
    public ForecasterKind kind() {
        return ForecasterKind.ENSEMBLE;
    }

    @Override
    public int horizon() {
        return members.get(0).horizon();
    }

    @Override
    public List<String> covariatesUsed() {
        Set<String> all = new LinkedHashSet<>();
        members.forEach(m -> all.addAll(m.covariatesUsed()));
        return List.copyOf(all);
    }
}
