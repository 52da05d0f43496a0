package org.seqcast.keras;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seqcast.nn.Graph;
import org.seqcast.nn.Sequential;

/**
 * A Keras model imported by {@link KerasImport#load}.
 *
 * <p>A Keras Sequential model gives {@link #model()} (and no graph); a Keras Functional model gives
 * {@link #graph()} (and no model): {@link #isGraph()} tells which.
 *
 * @param model        for a Sequential file, the network, built for {@code inputShape} and holding the file's
 *                     weights; its {@code predict} takes x (B, T, I) batch-first as Keras's does; null for a
 *                     Functional file (the accessor then throws)
 * @param graph        for a Functional file, the graph with the file's weights, nodes named as the Keras layers;
 *                     its {@code predict} takes the inputs by InputLayer name and returns the outputs by output
 *                     layer name; null for a Sequential file (the accessor then throws)
 * @param inputShape   the per-sample input shape: (T, I), T = -1 when the file accepts any length; (F) for a
 *                     model whose first layer is Dense on vectors; for a graph, its single input's shape, or
 *                     empty when it has several (see {@code graph().inputs()})
 * @param notes        what the import ignored or changed that does not alter predictions (training-only
 *                     options such as recurrent_dropout or regularizers, a bias-free layer given zero biases,
 *                     which hard_sigmoid definition was used), one sentence each; empty when nothing applies
 * @param kerasVersion the Keras version that wrote the file, as recorded in it (e.g. "2.3.0-tf", "3.0.5")
 * @param backend      the backend recorded in the file ("tensorflow", "theano", "jax", ...), or null where the
 *                     format records none (.keras archives)
 * @param format       which kind of file it was
 */
public record ImportedModel(Sequential model, Graph graph, int[] inputShape, List<String> notes, String kerasVersion,
                            String backend, KerasFormat format) {
    public ImportedModel {
        if ((model == null) == (graph == null)) {
            throw new IllegalArgumentException("an imported model is either a Sequential or a Graph");
        }
        inputShape = inputShape.clone();
        notes = List.copyOf(notes);
        Objects.requireNonNull(kerasVersion, "kerasVersion");
        Objects.requireNonNull(format, "format");
    }

    /**
     * The Sequential network of a Keras Sequential file.
     *
     * @throws IllegalStateException for a Functional file, which gives a {@link #graph()}
     */
    @Override
    public Sequential model() {
        if (model == null) {
            throw new IllegalStateException("the file holds a Keras Functional model, imported as a Graph: use graph()");
        }
        return model;
    }

    /**
     * The Graph of a Keras Functional file.
     *
     * @throws IllegalStateException for a Sequential file, which gives a {@link #model()}
     */
    @Override
    public Graph graph() {
        if (graph == null) {
            throw new IllegalStateException("the file holds a Keras Sequential model, imported as a Sequential: use"
                    + " model()");
        }
        return graph;
    }

    /** Whether the file held a Functional model (then {@link #graph()}), not a Sequential one ({@link #model()}). */
    public boolean isGraph() {
        return graph != null;
    }

    /** The per-sample input shape, (T, I) with T = -1 for any length, or (F); a copy. */
    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImportedModel m && model == m.model && graph == m.graph && Arrays.equals(inputShape, m.inputShape)
                && notes.equals(m.notes) && kerasVersion.equals(m.kerasVersion) && Objects.equals(backend, m.backend)
                && format == m.format;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(model), System.identityHashCode(graph), Arrays.hashCode(inputShape), notes, kerasVersion, backend,
                format);
    }

    @Override
    public String toString() {
        return "ImportedModel[" + format.description() + ", Keras " + kerasVersion + (backend == null ? "" : ", " + backend)
                + ", input " + Arrays.toString(inputShape) + ", " + (model != null ? model.layers() : graph.nodes()) + ", " + notes.size() + " notes]";
    }
}
