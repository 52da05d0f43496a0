package org.seqcast.keras;

import java.util.Map;

/** Where a model's weights are read from: the groups of a Keras HDF5 file, or a .keras archive's variables. */
interface WeightReader {
    /** Prefixes of a Bidirectional's roles: its forward and its backward layer's weights. */
    String FORWARD = "forward/";
    String BACKWARD = "backward/";

    /**
     * The stored weights of one layer by role, {@code kernel}, {@code recurrent_kernel} and {@code bias}
     * (Dense: {@code kernel}, {@code bias}); no bias where the layer has {@code use_bias=False}. A Bidirectional's
     * roles are its two layers', prefixed {@code forward/} and {@code backward/} ({@link #FORWARD}, {@link #BACKWARD}).
     *
     * @throws KerasImportException naming the file and the layer when weights are missing or unreadable
     */
    Map<String, WeightArray> read(KerasLayer layer);
}
