package org.seqcast.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.seqcast.format.ModelFileException;
import org.seqcast.forecast.FittedBaseline;
import org.seqcast.forecast.FittedConformal;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.FittedEnsemble;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnNetwork;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Tensor;

/**
 * A fitted forecaster to its manifest section and its tensors (the inverse of {@link ModelRebuild}): one method
 * per {@link ForecasterKind}, chosen by an exhaustive switch.
 */
final class ModelSave {
    private ModelSave() {
    }

    /** The kind of {@code f}; a forecaster of another class cannot be saved. */
    static ForecasterKind kindOf(FittedForecaster f, String source) {
        if (f instanceof FittedRnn) {
            return ForecasterKind.RNN;
        }
        if (f instanceof FittedBaseline) {
            return ForecasterKind.BASELINE;
        }
        if (f instanceof FittedEnsemble) {
            return ForecasterKind.ENSEMBLE;
        }
        if (f instanceof FittedDecomposed) {
            return ForecasterKind.HYBRID;
        }
        if (f instanceof FittedConformal) {
            return ForecasterKind.CONFORMAL;
        }
        if (f instanceof org.seqcast.forecast.RegressionForecaster) {
            return ForecasterKind.REGRESSION;
        }
        throw new ModelFileException(source, "cannot save a forecaster of class " + f.getClass().getName() + " ('"
                + f.name() + "'): a model file holds the kinds " + ForecasterKind.labels()
                + " (FittedRnn, FittedBaseline, FittedEnsemble, FittedDecomposed, FittedConformal,"
                + " RegressionForecaster)");
    }

    /** The section of {@code f}; its tensors go into {@code tensors} under {@code prefix}. */
    static ForecasterSection section(FittedForecaster f, ModelInfo info, String prefix, Map<String, Tensor> tensors,
                                     String source) {
        return switch (kindOf(f, source)) {
            case RNN -> rnn((FittedRnn) f, info, prefix, tensors, source);
            case BASELINE -> baseline((FittedBaseline) f, source);
            case ENSEMBLE -> ensemble((FittedEnsemble) f, info, prefix, tensors, source);
            case HYBRID -> hybrid((FittedDecomposed) f, info, prefix, tensors, source);
            case CONFORMAL -> conformal((FittedConformal) f, info, prefix, tensors, source);
            case REGRESSION -> regression((org.seqcast.forecast.RegressionForecaster) f);
        };
    }

    private static RegressionSection regression(org.seqcast.forecast.RegressionForecaster model) {
        return new RegressionSection(model.horizon(), model.futureCovariates(), model.seasonalPeriod(),
                Arrays.stream(model.levels()).boxed().toList());
    }

    private static ConformalSection conformal(FittedConformal model, ModelInfo info, String prefix,
                                              Map<String, Tensor> tensors, String source) {
        return new ConformalSection(model.name(), section(model.inner(), info, prefix + ConformalSection.PREFIX,
                tensors, source), model.calibration());
    }

    private static HybridSection hybrid(FittedDecomposed model, ModelInfo info, String prefix,
                                        Map<String, Tensor> tensors, String source) {
        return new HybridSection(rnn(model.network(), info, prefix + HybridSection.PREFIX, tensors, source),
                List.copyOf(model.adjustments().values()));
    }

    private static RnnSection rnn(FittedRnn model, ModelInfo info, String prefix, Map<String, Tensor> tensors,
                                  String source) {
        if (!info.lastTimeStamps().keySet().equals(model.scalers().keySet())) {
            throw new IllegalArgumentException("model info has last time stamps for series " + info.lastTimeStamps()
                    .keySet() + " but the model was trained on " + model.scalers().keySet());
        }
        if (!info.covariates().containsAll(model.config().inputCovariates())) {
            throw new IllegalArgumentException("the model reads covariates " + model.config().inputCovariates()
                    + " but model info lists the data's covariates as " + info.covariates());
        }
        RnnNetwork network = model.network();
        network.stateDict().forEach((name, t) -> {
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new ModelFileException(source, "cannot save a model whose weight '" + prefix + name
                            + "' holds " + v + ": training diverged; retrain with a lower learning rate or gradient"
                            + " clipping");
                }
            }
            tensors.put(prefix + name, t);
        });
        return new RnnSection(Manifest.Architecture.of(model.config(), network), network.specs(), model.config(),
                ModelFile.calendarFeatures(model.config(), model.frequency()), model.scalers(),
                Manifest.Training.of(model.config().seed(), model.trainingHistory(), model.trainingWindows(),
                        model.validationWindows()), model.statics());
    }

    private static BaselineSection baseline(FittedBaseline model, String source) {
        try {
            return new BaselineSection(model.name(), model.horizon(), model.seasonalPeriod(),
                    Arrays.stream(model.method().levels()).boxed().toList());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source, "cannot save baseline '" + model.name() + "': " + e.getMessage()
                    + " (a model file names the method, so only the built-in methods can be saved)");
        }
    }

    private static EnsembleSection ensemble(FittedEnsemble model, ModelInfo info, String prefix,
                                            Map<String, Tensor> tensors, String source) {
        List<ForecasterSection> members = new ArrayList<>();
        for (int k = 0; k < model.members().size(); k++) {
            members.add(section(model.members().get(k), info, prefix + EnsembleSection.prefix(k), tensors, source));
        }
        return new EnsembleSection(model.name(), model.combination(), members);
    }

    /** The networks of {@code f} (itself or its members), depth first. */
    static List<FittedRnn> networks(FittedForecaster f, String source) {
        return switch (kindOf(f, source)) {
            case RNN -> List.of((FittedRnn) f);
            case BASELINE, REGRESSION -> List.of();
            case ENSEMBLE -> ((FittedEnsemble) f).members().stream().flatMap(m -> networks(m, source).stream())
                    .toList();
            case HYBRID -> List.of(((FittedDecomposed) f).network());
            case CONFORMAL -> networks(((FittedConformal) f).inner(), source);
        };
    }
}
