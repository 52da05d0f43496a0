package org.seqcast.io;

import java.nio.file.Path;
import org.seqcast.forecast.FittedRnn;

/**
 * A model read from a model file.
 *
 * @param file     the file it was read from
 * @param model    the forecaster, ready to forecast (network rebuilt from the config, saved weights set)
 * @param manifest everything the file says about the model, its data and its training
 */
public record LoadedModel(Path file, FittedRnn model, Manifest manifest) {
    public LoadedModel {
        if (file == null || model == null || manifest == null) {
            throw new IllegalArgumentException("a loaded model needs its file, model and manifest");
        }
    }
}
