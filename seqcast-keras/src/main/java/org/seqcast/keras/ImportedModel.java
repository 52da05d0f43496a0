package org.seqcast.keras;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seqcast.nn.Sequential;

/**
 * A Keras model imported by {@link KerasImport#load}.
 *
 * @param model        the network, built for {@code inputShape} and holding the file's weights; its
 *                     {@code predict} takes x (B, T, I) batch-first as Keras's does
 * @param inputShape   the per-sample input shape: (T, I), T = -1 when the file accepts any length; (F) for a
 *                     model whose first layer is Dense on vectors
 * @param notes        what the import ignored or changed that does not alter predictions (training-only
 *                     options such as recurrent_dropout or regularizers, a bias-free layer given zero biases,
 *                     which hard_sigmoid definition was used), one sentence each; empty when nothing applies
 * @param kerasVersion the Keras version that wrote the file, as recorded in it (e.g. "2.3.0-tf", "3.0.5")
 * @param backend      the backend recorded in the file ("tensorflow", "theano", "jax", ...), or null where the
 *                     format records none (.keras archives)
 * @param format       which kind of file it was
 */
public record ImportedModel(Sequential model, int[] inputShape, List<String> notes, String kerasVersion,
                            String backend, KerasFormat format) {
    public ImportedModel {
        Objects.requireNonNull(model, "model");
        inputShape = inputShape.clone();
        notes = List.copyOf(notes);
        Objects.requireNonNull(kerasVersion, "kerasVersion");
        Objects.requireNonNull(format, "format");
    }

    /** The per-sample input shape, (T, I) with T = -1 for any length, or (F); a copy. */
    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImportedModel m && model == m.model && Arrays.equals(inputShape, m.inputShape)
                && notes.equals(m.notes) && kerasVersion.equals(m.kerasVersion) && Objects.equals(backend, m.backend)
                && format == m.format;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(model), Arrays.hashCode(inputShape), notes, kerasVersion, backend,
                format);
    }

    @Override
    public String toString() {
        return "ImportedModel[" + format.description() + ", Keras " + kerasVersion + (backend == null ? "" : ", " + backend)
                + ", input " + Arrays.toString(inputShape) + ", " + model.layers() + ", " + notes.size() + " notes]";
    }
}
