package org.seqcast.keras;

import org.seqcast.nn.kernels.Activation;

/**
 * One layer of a Keras model config, checked and reduced to what Seqcast builds ({@link KerasConfig} makes
 * them). {@code where} names it in messages, e.g. {@code layer 2 'gru_1' (GRU)}, where 2 is its position in
 * the config's layer list (counting an InputLayer).
 */
sealed interface KerasLayer {
    /** The layer's Keras name, e.g. {@code gru_1}; the key of its weights in HDF5 files. */
    String name();

    /** The Keras class name, e.g. {@code GRU}. */
    String className();

    /** How messages name this layer. */
    String where();

    /**
     * LSTM, GRU or SimpleRNN.
     *
     * @param activation          Keras's {@code activation} (cell), resolved for the file's Keras version
     * @param recurrentActivation Keras's {@code recurrent_activation} (gates); sigmoid for SimpleRNN, which has none
     * @param resetAfter          GRU only: Keras's {@code reset_after}
     * @param useBias             false: Keras kept no bias, Seqcast's biases are set to zero
     */
    record Recurrent(String where, String className, String name, int units, boolean returnSequences,
                     Activation activation, Activation recurrentActivation, boolean resetAfter, boolean useBias)
            implements KerasLayer {
        /** Gates per cell in the Keras and PyTorch layouts: 4 (LSTM), 3 (GRU), 1 (SimpleRNN). */
        int gates() {
            return switch (className) {
                case "LSTM" -> 4;
                case "GRU" -> 3;
                default -> 1;
            };
        }
    }

    /** Dense; {@code useBias} false: Keras kept no bias, Seqcast's is set to zero. */
    record Dense(String where, String name, int units, Activation activation, boolean useBias) implements KerasLayer {
        @Override
        public String className() {
            return "Dense";
        }
    }

    /** Dropout: the identity at inference. */
    record Dropout(String where, String name, double rate) implements KerasLayer {
        @Override
        public String className() {
            return "Dropout";
        }
    }
}
