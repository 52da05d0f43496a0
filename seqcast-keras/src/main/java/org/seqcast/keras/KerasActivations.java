package org.seqcast.keras;

import com.fasterxml.jackson.databind.JsonNode;
import org.seqcast.nn.kernels.Activation;

/**
 * Keras activation names to Seqcast's {@link Activation}, as the Keras version that wrote the file defines
 * them. Only {@code hard_sigmoid} depends on the version: Keras 1 and 2 define it as clip(0.2x + 0.5, 0, 1)
 * ({@link Activation#HARD_SIGMOID_KERAS2}), Keras 3 as relu6(x + 3) / 6 = clip(x/6 + 0.5, 0, 1)
 * ({@link Activation#HARD_SIGMOID}). {@code softmax} (over the last axis) is read for any layer; the recurrent
 * layers refuse it when their spec is made. Others (elu, selu, softsign, swish, gelu, ...) are refused.
 */
final class KerasActivations {
    /** The activations the importer knows, for messages. */
    static final String KNOWN = "linear, sigmoid, tanh, relu, hard_sigmoid, softmax";

    private KerasActivations() {
    }

    /**
     * The activation named by {@code node} (a string, or Keras 3's serialized function object with the name in
     * {@code config}); {@code null} or absent means {@code fallback}.
     *
     * @throws KerasImportException naming file, layer and option for an activation Seqcast lacks
     */
    static Activation of(JsonNode node, String fallback, int kerasMajor, String file, String where, String option) {
        String name = node == null || node.isNull() ? fallback
                : node.isTextual() ? node.asText()
                : node.path("config").isTextual() ? node.path("config").asText()
                : null;
        if (name == null) {
            throw new KerasImportException(file, where, option + "=" + node, "a custom activation object is not"
                    + " supported; Seqcast imports " + KNOWN, null);
        }
        return switch (name) {
            case "linear", "None" -> Activation.LINEAR;
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            case "relu" -> Activation.RELU;
            case "hard_sigmoid" -> kerasMajor >= 3 ? Activation.HARD_SIGMOID : Activation.HARD_SIGMOID_KERAS2;
            case "softmax" -> Activation.SOFTMAX;
            default -> throw new KerasImportException(file, where, option + "=" + name,
                    "activation '" + name + "' is not supported; Seqcast imports " + KNOWN, null);
        };
    }

    /** How notes describe the hard sigmoid the file's version means. */
    static String hardSigmoidNote(int kerasMajor, String version) {
        return kerasMajor >= 3
                ? "hard_sigmoid read as Keras " + version + " defines it: relu6(x + 3) / 6 = clip(x/6 + 0.5, 0, 1)"
                : "hard_sigmoid read as Keras " + version + " defines it: clip(0.2x + 0.5, 0, 1)"
                        + " (Keras 3 changed it to clip(x/6 + 0.5, 0, 1))";
    }
}
