package org.seqcast.keras;

import java.util.List;

/**
 * A Keras Functional model config as {@link KerasConfig} reads it: named inputs, nodes in topological order (each
 * a layer or a merge applied to earlier nodes, named as the Keras layer) and the output nodes.
 *
 * @param inputs  the model's inputs, in {@code input_layers} order
 * @param nodes   every other layer, each after the nodes it reads
 * @param outputs the names of the output nodes, in {@code output_layers} order
 * @param notes   what the import ignores or changes, one sentence each
 */
record FunctionalConfig(List<Input> inputs, List<Node> nodes, List<String> outputs, List<String> notes) {
    FunctionalConfig {
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
        notes = List.copyOf(notes);
    }

    /** An InputLayer: its name and per-sample shape ((T, I), T = -1 for any length, or (F)). */
    record Input(String name, int[] shape) {
        Input {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /** What a node computes besides a layer: Keras's Add, and Concatenate along the last axis. */
    enum Merge {
        ADD, CONCATENATE
    }

    /**
     * One node.
     *
     * @param name   the Keras layer's name, which the Graph node gets
     * @param layer  the layer, or null for a merge
     * @param merge  the merge, or null for a layer
     * @param inputs the names of the nodes it reads, in order
     * @param where  how messages name it
     * @param axis   Concatenate's axis as the config gives it (-1, or counted with the batch axis); -1 otherwise
     */
    record Node(String name, KerasLayer layer, Merge merge, List<String> inputs, String where, int axis) {
        Node {
            inputs = List.copyOf(inputs);
        }
    }

    /** The layers with weights or options, in config order (what a weight reader is made for). */
    List<KerasLayer> layers() {
        return nodes.stream().filter(n -> n.layer() != null).map(Node::layer).toList();
    }
}
