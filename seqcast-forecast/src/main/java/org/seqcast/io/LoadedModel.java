package org.seqcast.io;

import java.util.List;
import org.seqcast.format.ModelFileException;
import org.seqcast.forecast.FittedForecaster;
import org.seqcast.forecast.FittedRnn;

/**
 * A model read from a model file.
 *
 * @param source     where it was read from: the file's path, or {@link ModelFile#BYTES_SOURCE} /
 *                   {@link ModelFile#STREAM_SOURCE}
 * @param forecaster the forecaster, ready to forecast (networks rebuilt from their configs, saved weights set)
 * @param manifest   everything the file says about the model, its data and its training
 */
public record LoadedModel(String source, FittedForecaster forecaster, Manifest manifest) {
    public LoadedModel {
        if (source == null || forecaster == null || manifest == null) {
            throw new IllegalArgumentException("a loaded model needs its source, forecaster and manifest");
        }
    }

    /** The forecaster's kind. */
    public ForecasterKind kind() {
        return manifest.kind();
    }

    /** The columns and seasonal period of the training data, which reading new data for the model defaults to. */
    public DataColumns dataColumns() {
        return DataColumns.of(this);
    }

    /** Every network the forecaster holds (itself, an ensemble's members, a hybrid's, ...), depth first. */
    public List<FittedRnn> networks() {
        return ModelSave.networks(forecaster, source);
    }

    /**
     * The network, for code that needs one (ONNX export, raw predictions).
     *
     * @throws ModelFileException when the file holds another kind of forecaster, naming it
     */
    public FittedRnn rnn() {
        if (forecaster instanceof FittedRnn r) {
            return r;
        }
        throw new ModelFileException(source, "holds " + kind().withArticle() + " forecaster ('" + forecaster.name()
                + "'), not a single network (" + ForecasterKind.RNN.label() + ")");
    }
}
