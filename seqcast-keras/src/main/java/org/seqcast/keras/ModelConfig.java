package org.seqcast.keras;

import java.util.List;

/**
 * A Keras Sequential model config as {@link KerasConfig} reads it.
 *
 * @param layers     the layers Seqcast builds, in order (no InputLayer)
 * @param inputShape the per-sample input shape, (T, I) with T = -1 for any length or (F), or null when the
 *                   config does not record one (it is then taken from the first kernel)
 * @param notes      what the import ignores or changes, one sentence each
 */
record ModelConfig(List<KerasLayer> layers, int[] inputShape, List<String> notes) {
    ModelConfig {
        layers = List.copyOf(layers);
        inputShape = inputShape == null ? null : inputShape.clone();
        notes = List.copyOf(notes);
    }

    @Override
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }
}
