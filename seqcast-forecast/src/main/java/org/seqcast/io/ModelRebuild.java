package org.seqcast.io;

import org.seqcast.format.ModelFileException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seqcast.forecast.FittedRnn;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.RnnForecaster;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.nn.Sequential;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Tensor;

/**
 * Turns a checked manifest and its tensors into a {@link FittedRnn}: the network comes from the config through
 * {@link RnnForecaster#network} (the code path fitting uses), must match the manifest's architecture, and
 * takes the tensors only when their names, shapes and values are exactly what it needs.
 */
final class ModelRebuild {
    private ModelRebuild() {
    }

    static FittedRnn rebuild(Manifest m, Map<String, Tensor> tensors, String source) {
        RnnConfig config = m.config();
        Sequential network;
        try {
            network = RnnForecaster.network(config, m.data().frequency());
        } catch (IllegalArgumentException e) {
            throw edited(source, "its config does not make a network (" + e.getMessage() + ")");
        }
        checkArchitecture(m.architecture(), Manifest.Architecture.of(config, network), source);
        List<String> calendar = ModelFile.calendarFeatures(config, m.data().frequency());
        if (!calendar.equals(m.data().calendarFeatures())) {
            throw edited(source, "data.calendar_features is " + m.data().calendarFeatures() + " but the config on "
                    + m.data().frequency() + " data reads " + calendar);
        }
        checkScalers(m, source);
        checkTensors(network, tensors, source);
        network.loadStateDict(tensors);
        if (tensors.size() != m.weights().tensors() || network.parameterCount() != m.weights().parameters()) {
            throw edited(source, "weights lists " + m.weights().tensors() + " tensors of " + m.weights().parameters()
                    + " values but " + ModelFile.WEIGHTS_ENTRY + " holds " + tensors.size() + " of "
                    + network.parameterCount());
        }
        try {
            return new FittedRnn(config, network, m.scalers(), m.data().frequency(), m.data().seasonalPeriod(),
                    m.training().history(), m.training().trainingWindows(), m.training().validationWindows());
        } catch (IllegalArgumentException e) {
            throw edited(source, "the model cannot be assembled (" + e.getMessage() + ")");
        }
    }

    private static ModelFileException edited(String source, String problem) {
        return new ModelFileException(source, ModelFile.MANIFEST_ENTRY + ": " + problem + "; the file was edited or"
                + " damaged: save the model again");
    }

    /** The manifest's architecture against the rebuilt network's, field by field (layer settings are free text). */
    private static void checkArchitecture(Manifest.Architecture saved, Manifest.Architecture built, String source) {
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
                throw edited(source, "architecture." + f[0] + " is " + f[1] + " but the config builds " + f[2]);
            }
        }
    }

    private static List<String> kinds(Manifest.Architecture a) {
        return a.network().stream().map(Manifest.LayerSpec::kind).toList();
    }

    private static void checkScalers(Manifest m, String source) {
        int covariates = m.config().covariates().size();
        if (!m.data().covariates().containsAll(m.config().covariates())) {
            throw edited(source, "config.covariates " + m.config().covariates() + " are not all among data.covariates "
                    + m.data().covariates());
        }
        for (Map.Entry<String, SeriesScalers> e : m.scalers().entrySet()) {
            SeriesScalers s = e.getValue();
            if (s.transform() != m.config().transform() || s.covariates().size() != covariates) {
                throw edited(source, "scalers." + e.getKey() + " has transform " + s.transform().label() + " and "
                        + s.covariates().size() + " covariate scalers but the config has transform "
                        + m.config().transform().label() + " and " + covariates + " covariates");
            }
        }
    }

    /** Every tensor the network needs, no other, each of its shape and finite. */
    private static void checkTensors(Sequential network, Map<String, Tensor> tensors, String source) {
        Map<String, Parameter> needed = network.namedParameters();
        String weights = ModelFile.WEIGHTS_ENTRY;
        for (Map.Entry<String, Parameter> e : needed.entrySet()) {
            if (!tensors.containsKey(e.getKey())) {
                throw new ModelFileException(source, weights + " lacks tensor '" + e.getKey() + "' of shape "
                        + Arrays.toString(e.getValue().shape()) + " that the network in " + ModelFile.MANIFEST_ENTRY
                        + " needs: the file was edited or damaged; save the model again");
            }
        }
        List<String> extra = new ArrayList<>(tensors.keySet());
        extra.removeAll(needed.keySet());
        if (!extra.isEmpty()) {
            throw new ModelFileException(source, weights + " has tensor '" + extra.get(0) + "' of shape "
                    + Arrays.toString(tensors.get(extra.get(0)).shape()) + ", which the network in "
                    + ModelFile.MANIFEST_ENTRY + " does not have (it has " + needed.keySet() + "): the file was edited"
                    + " or damaged; save the model again");
        }
        for (Map.Entry<String, Parameter> e : needed.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            int[] shape = e.getValue().shape();
            if (!Arrays.equals(t.shape(), shape)) {
                throw new ModelFileException(source, "tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + " in " + weights + " but the network needs " + Arrays.toString(shape) + ": the file was"
                        + " edited or damaged; save the model again");
            }
            float[] v = t.data();
            for (int k = 0; k < v.length; k++) {
                if (!Float.isFinite(v[k])) {
                    throw new ModelFileException(source, "tensor '" + e.getKey() + "' holds " + v[k] + " at flat index "
                            + k + " of shape " + Arrays.toString(shape) + ": the weights are unusable; retrain the"
                            + " model and save it again");
                }
            }
        }
    }
}
