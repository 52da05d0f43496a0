package org.seqcast.io;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The manifest section of one forecaster: {@code {"kind": "rnn" | "baseline" | "ensemble", ...its config}}
 * ({@link ForecasterKind}). An ensemble's section holds its members' sections, so every kind nests.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
public sealed interface ForecasterSection permits RnnSection, BaselineSection, EnsembleSection, HybridSection,
        ConformalSection, RegressionSection {
    /** Which kind of forecaster this section describes. */
    ForecasterKind kind();

    /** H, the steps every forecast covers. */
    int horizon();

    /** The covariate columns this forecaster (or any member) reads, in first-use order. */
    List<String> covariatesUsed();
}
