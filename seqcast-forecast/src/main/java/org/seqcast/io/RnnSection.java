package org.seqcast.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.seqcast.nn.LayerSpec;
import java.util.Map;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.SeriesScalers;
import org.seqcast.forecast.StaticEncoding;

/**
 * A trained network's section: {@code {"kind": "rnn", "architecture", "layers", "config", "calendar_features",
 * "scalers", "training"}} (the fields of format 1's top level plus the layers, see {@link ModelFile}); its tensors
 * are the network's state dict (PyTorch's names, {@code 0.weight_ih_l0}, ...).
 *
 * @param architecture     the network, as the config builds it
 * @param layers           its layers as data ({@link LayerSpec}, the JSON form of {@code NetworkSpec}'s layers),
 *                         which loading checks against the layers the config builds
 * @param config           every setting of the forecaster (window resolved)
 * @param calendarFeatures calendar features the network reads, in input order
 * @param scalers          per training series id, its scalers
 * @param training         how the network was trained
 * @param statics          how the network reads static attributes (absent in files without static covariates)
 */
public record RnnSection(Manifest.Architecture architecture, List<LayerSpec> layers, RnnConfig config,
                         List<String> calendarFeatures,
                         Map<String, SeriesScalers> scalers, Manifest.Training training,
                         StaticEncoding statics) implements ForecasterSection {
    /** A section of a network without static covariates. */
    public RnnSection(Manifest.Architecture architecture, List<LayerSpec> layers, RnnConfig config,
                      List<String> calendarFeatures, Map<String, SeriesScalers> scalers, Manifest.Training training) {
        this(architecture, layers, config, calendarFeatures, scalers, training, StaticEncoding.NONE);
    }

    public RnnSection {
        statics = statics == null ? StaticEncoding.NONE : statics;
        if (architecture == null || config == null || training == null) {
            throw new IllegalArgumentException("a network needs its architecture, config and training");
        }
        if (config.window() < 1) {
            throw new IllegalArgumentException("a saved model has a resolved window; got " + config.window());
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs its layers");
        }
        layers = List.copyOf(layers);
        calendarFeatures = List.copyOf(calendarFeatures);
        scalers = Collections.unmodifiableMap(new LinkedHashMap<>(scalers));
        if (scalers.isEmpty()) {
            throw new IllegalArgumentException("a saved model has the scalers of at least one training series");
        }
    }

    @Override
    public ForecasterKind kind() {
        return ForecasterKind.RNN;
    }

    @Override
    public int horizon() {
        return config.horizon();
    }

    @Override
    public List<String> covariatesUsed() {
        return config.inputCovariates();
    }
}
