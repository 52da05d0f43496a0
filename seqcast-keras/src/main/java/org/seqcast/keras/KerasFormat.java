package org.seqcast.keras;

/** The kinds of Keras model file {@link KerasImport} reads. */
public enum KerasFormat {
    /**
     * Keras 2 (standalone 2.1+ and tf.keras) {@code model.save("m.h5")}: HDF5 with the attributes
     * {@code model_config}, {@code keras_version}, {@code backend} and the weights under
     * {@code model_weights/<layer>/<weight name>}, e.g. {@code model_weights/lstm/lstm/lstm_cell/kernel:0}.
     */
    KERAS2_HDF5("Keras 2 HDF5"),
    /**
     * Keras 3 {@code model.save("m.h5")}, the legacy HDF5 format: the same attributes and groups, with weight
     * names without {@code :0} ({@code model_weights/simple_rnn/kernel}, or a variable path in later 3.x).
     */
    KERAS3_LEGACY_HDF5("Keras 3 legacy HDF5"),
    /**
     * Keras 3 {@code model.save("m.keras")}: a zip of {@code metadata.json}, {@code config.json} and
     * {@code model.weights.h5}, whose variables sit in {@code layers/<name>[/cell]/vars/<i>}.
     */
    KERAS3_ARCHIVE("Keras 3 .keras archive");

    private final String description;

    KerasFormat(String description) {
        this.description = description;
    }

    /** A short human-readable name, e.g. "Keras 2 HDF5". */
    public String description() {
        return description;
    }
}
