package org.seqcast.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.seqcast.format.ModelFileException;
import org.seqcast.forecast.FittedBaseline;
import org.seqcast.forecast.FittedConformal;
import org.seqcast.forecast.FittedDecomposed;
import org.seqcast.forecast.FittedEnsemble;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.RnnNetwork;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Tensor;

/**
 * Turns a checked manifest and its tensors into a fitted forecaster, one method per {@link ForecasterKind}
 * (an exhaustive switch). A network comes from its config through {@link RnnForecaster#network} (the code path
 * fitting uses), must match the section's architecture, and takes its tensors (those under its prefix) only
 * when their names, shapes and values are exactly what it needs; every tensor of the file must be used.
 */
final class ModelRebuild {
    private ModelRebuild() {
    }

    static FittedForecaster rebuild(Manifest m, Map<String, Tensor> tensors, String source) {
        Set<String> used = new java.util.HashSet<>();
        FittedForecaster f = section(m.forecaster(), m, tensors, "", used, source);
        List<String> extra = new ArrayList<>(tensors.keySet());
        extra.removeAll(used);
        if (!extra.isEmpty()) {
            throw new ModelFileException(source, ModelFile.WEIGHTS_ENTRY + " has tensor '" + extra.get(0) + "' of shape "
                    + Arrays.toString(tensors.get(extra.get(0)).shape()) + ", which no network in "
                    + ModelFile.MANIFEST_ENTRY + " has: the file was edited or damaged; save the model again");
        }
        long parameters = tensors.values().stream().mapToLong(Tensor::size).sum();
        if (tensors.size() != m.weights().tensors() || parameters != m.weights().parameters()) {
            throw edited(source, "weights lists " + m.weights().tensors() + " tensors of " + m.weights().parameters()
                    + " values but " + ModelFile.WEIGHTS_ENTRY + " holds " + tensors.size() + " of " + parameters);
        }
        return f;
    }

    private static FittedForecaster section(ForecasterSection s, Manifest m, Map<String, Tensor> tensors,
                                            String prefix, Set<String> used, String source) {
        return switch (s.kind()) {
            case RNN -> rnn((RnnSection) s, m.data(), tensors, prefix, used, source);
            case BASELINE -> baseline((BaselineSection) s);
            case ENSEMBLE -> ensemble((EnsembleSection) s, m, tensors, prefix, used, source);
            case HYBRID -> hybrid((HybridSection) s, m, tensors, prefix, used, source);
            case CONFORMAL -> conformal((ConformalSection) s, m, tensors, prefix, used, source);
            case REGRESSION -> regression((RegressionSection) s);
        };
    }

    private static FittedConformal conformal(ConformalSection s, Manifest m, Map<String, Tensor> tensors,
                                             String prefix, Set<String> used, String source) {
        FittedForecaster inner = section(s.inner(), m, tensors, prefix + ConformalSection.PREFIX, used, source);
        return new FittedConformal(s.name(), inner, s.calibration());
    }

    private static FittedDecomposed hybrid(HybridSection s, Manifest m, Map<String, Tensor> tensors, String prefix,
                                           Set<String> used, String source) {
        FittedRnn network = rnn(s.network(), m.data(), tensors, prefix + HybridSection.PREFIX, used, source);
        try {
            return new FittedDecomposed(network, s.adjustments());
        } catch (IllegalArgumentException e) {
            throw edited(source, "the hybrid" + (prefix.isEmpty() ? "" : " (" + prefix + ")") + " cannot be assembled ("
                    + e.getMessage() + ")");
        }
    }

    private static org.seqcast.forecast.RegressionForecaster regression(RegressionSection s) {
        return new org.seqcast.forecast.RegressionForecaster(s.horizon(), s.regressors(), s.seasonalPeriod(),
                s.levels().stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static FittedBaseline baseline(BaselineSection s) {
        return FittedBaseline.of(s.method(), s.horizon(), s.seasonalPeriod(),
                s.levels().stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static FittedEnsemble ensemble(EnsembleSection s, Manifest m, Map<String, Tensor> tensors, String prefix,
                                           Set<String> used, String source) {
        List<FittedForecaster> members = new ArrayList<>();
        for (int k = 0; k < s.members().size(); k++) {
            members.add(section(s.members().get(k), m, tensors, prefix + EnsembleSection.prefix(k), used, source));
        }
        return new FittedEnsemble(s.name(), members, s.combination());
    }

    private static FittedRnn rnn(RnnSection s, Manifest.DataSchema data, Map<String, Tensor> all, String prefix,
                                 Set<String> used, String source) {
        RnnConfig config = s.config();
        String at = prefix.isEmpty() ? "" : " (network " + prefix.substring(0, prefix.length() - 1) + ")";
        RnnNetwork network;
        try {
            network = RnnForecaster.network(config, data.frequency(), s.statics());
        } catch (IllegalArgumentException e) {
            throw edited(source, "its config" + at + " does not make a network (" + e.getMessage() + ")");
        }
        checkArchitecture(s.architecture(), Manifest.Architecture.of(config, network), at, source);
        if (!s.layers().equals(network.specs())) {
            throw edited(source, "layers" + at + " are " + s.layers() + " but the config builds " + network.specs());
        }
        List<String> calendar = ModelFile.calendarFeatures(config, data.frequency());
        if (!calendar.equals(s.calendarFeatures())) {
            throw edited(source, "calendar_features" + at + " is " + s.calendarFeatures() + " but the config on "
                    + data.frequency() + " data reads " + calendar);
        }
        checkScalers(s, data, at, source);
        Map<String, Tensor> own = new LinkedHashMap<>();
        all.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                own.put(name.substring(prefix.length()), t);
            }
        });
        checkTensors(network, own, prefix, source);
        network.loadStateDict(own);
        own.keySet().forEach(n -> used.add(prefix + n));
        try {
            return new FittedRnn(config, network, s.statics(), s.scalers(), data.frequency(), data.seasonalPeriod(),
                    s.training().history(), s.training().trainingWindows(), s.training().validationWindows());
        } catch (IllegalArgumentException e) {
            throw edited(source, "the model" + at + " cannot be assembled (" + e.getMessage() + ")");
        }
    }

    private static ModelFileException edited(String source, String problem) {
        return new ModelFileException(source, ModelFile.MANIFEST_ENTRY + ": " + problem + "; the file was edited or"
                + " damaged: save the model again");
    }

    /** The manifest's architecture against the rebuilt network's, field by field (layer settings are free text). */
    private static void checkArchitecture(Manifest.Architecture saved, Manifest.Architecture built, String at,
                                          String source) {
        Object[][] fields = {
                {"cell", saved.cell(), built.cell()}, {"units", saved.units(), built.units()},
                {"layers", saved.layers(), built.layers()}, {"dropout", saved.dropout(), built.dropout()},
                {"strategy", saved.strategy(), built.strategy()}, {"window", saved.window(), built.window()},
                {"horizon", saved.horizon(), built.horizon()}, {"inputs", saved.inputs(), built.inputs()},
                {"outputs", saved.outputs(), built.outputs()}, {"parameters", saved.parameters(), built.parameters()},
                {"network (layer kinds)", kinds(saved), kinds(built)},
                {"network (tensors)", saved.tensors(), built.tensors()},
        };
        for (Object[] f : fields) {
            if (!Objects.equals(f[1], f[2])) {
                throw edited(source, "architecture." + f[0] + at + " is " + f[1] + " but the config builds " + f[2]);
            }
        }
    }

    private static List<String> kinds(Manifest.Architecture a) {
        return a.network().stream().map(Manifest.LayerSpec::kind).toList();
    }

    private static void checkScalers(RnnSection s, Manifest.DataSchema data, String at, String source) {
        RnnConfig config = s.config();
        int covariates = config.inputCovariates().size();
        if (!data.covariates().containsAll(config.inputCovariates())) {
            throw edited(source, "config.covariates" + at + " " + config.inputCovariates() + " are not all among"
                    + " data.covariates " + data.covariates());
        }
        for (Map.Entry<String, SeriesScalers> e : s.scalers().entrySet()) {
            SeriesScalers sc = e.getValue();
            if (sc.transform() != config.transform() || sc.covariates().size() != covariates) {
                throw edited(source, "scalers." + e.getKey() + at + " has transform " + sc.transform().label()
                        + " and " + sc.covariates().size() + " covariate scalers but the config has transform "
                        + config.transform().label() + " and " + covariates + " covariates");
            }
        }
    }

    /** Every tensor the network needs, no other, each of its shape and finite; names in messages as in the file. */
    private static void checkTensors(RnnNetwork network, Map<String, Tensor> tensors, String prefix, String source) {
        Map<String, Parameter> needed = network.namedParameters();
        String weights = ModelFile.WEIGHTS_ENTRY;
        for (Map.Entry<String, Parameter> e : needed.entrySet()) {
            if (!tensors.containsKey(e.getKey())) {
                throw new ModelFileException(source, weights + " lacks tensor '" + prefix + e.getKey() + "' of shape "
                        + Arrays.toString(e.getValue().shape()) + " that the network in " + ModelFile.MANIFEST_ENTRY
                        + " needs: the file was edited or damaged; save the model again");
            }
        }
        List<String> extra = new ArrayList<>(tensors.keySet());
        extra.removeAll(needed.keySet());
        if (!extra.isEmpty()) {
            throw new ModelFileException(source, weights + " has tensor '" + prefix + extra.get(0) + "' of shape "
                    + Arrays.toString(tensors.get(extra.get(0)).shape()) + ", which the network in "
                    + ModelFile.MANIFEST_ENTRY + " does not have (it has " + needed.keySet() + "): the file was edited"
                    + " or damaged; save the model again");
        }
        for (Map.Entry<String, Parameter> e : needed.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            int[] shape = e.getValue().shape();
            if (!Arrays.equals(t.shape(), shape)) {
                throw new ModelFileException(source, "tensor '" + prefix + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " in " + weights + " but the network needs "
                        + Arrays.toString(shape) + ": the file was edited or damaged; save the model again");
            }
            float[] v = t.data();
            for (int k = 0; k < v.length; k++) {
                if (!Float.isFinite(v[k])) {
                    throw new ModelFileException(source, "tensor '" + prefix + e.getKey() + "' holds " + v[k]
                            + " at flat index " + k + " of shape " + Arrays.toString(shape) + ": the weights are"
                            + " unusable; retrain the model and save it again");
                }
            }
        }
    }
}
