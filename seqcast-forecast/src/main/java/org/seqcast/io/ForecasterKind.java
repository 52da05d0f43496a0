package org.seqcast.io;

import java.util.Arrays;
import java.util.List;

/**
 * The kinds of forecaster a model file holds, each with its manifest section: the one list of kinds. Every
 * place that handles a kind switches over this enum without a default branch, so a new constant makes the
 * compiler point at each of them (docs/ARCHITECTURE.md lists the steps).
 */
public enum ForecasterKind {
    /** A trained network ({@link org.seqcast.forecast.FittedRnn}). */
    RNN("rnn", RnnSection.class),
    /** A classical method refitted on each history ({@link org.seqcast.forecast.FittedBaseline}). */
    BASELINE("baseline", BaselineSection.class),
    /** Members of any kinds combined per step ({@link org.seqcast.forecast.FittedEnsemble}). */
    ENSEMBLE("ensemble", EnsembleSection.class),
    /** A network on seasonally adjusted series ({@link org.seqcast.forecast.FittedDecomposed}). */
    HYBRID("hybrid", HybridSection.class),
    /** A forecaster with calibrated conformal intervals ({@link org.seqcast.forecast.FittedConformal}). */
    CONFORMAL("conformal", ConformalSection.class),
    /** A regression on future-known covariates refitted on each history ({@link org.seqcast.forecast.RegressionForecaster}). */
    REGRESSION("regression", RegressionSection.class);

    private final String label;
    private final Class<? extends ForecasterSection> section;

    ForecasterKind(String label, Class<? extends ForecasterSection> section) {
        this.label = label;
        this.section = section;
    }

    /** The {@code kind} value in the manifest. */
    public String label() {
        return label;
    }

    /** The label with its indefinite article, e.g. "an ensemble", "a baseline". */
    public String withArticle() {
        return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    /** The record its manifest section binds to. */
    Class<? extends ForecasterSection> section() {
        return section;
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(ForecasterKind::label).toList();
    }
}
