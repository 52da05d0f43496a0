package org.seqcast.keras;

import org.seqcast.nn.LayerSpec;
import org.seqcast.nn.kernels.Activation;

/**
 * One layer of a Keras model config, checked and reduced to what Seqcast builds ({@link KerasConfig} makes
 * them): the Keras side (name, class, where its weights are, use_bias) and the {@link LayerSpec} it becomes.
 * {@code where} names it in messages, e.g. {@code layer 2 'gru_1' (GRU)}, where 2 is its position in the
 * config's layer list (counting an InputLayer).
 */
sealed interface KerasLayer {
    /** The Seqcast layer this Keras layer becomes. */
    LayerSpec spec();

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
            return spec().gates();
        }

        /** The recurrent kind of {@link #className}: Keras's class names are {@link LayerSpec.Kind#className()}. */
        LayerSpec.Kind kind() {
            return LayerSpec.Kind.ofClassName(className).orElseThrow(
                    () -> new IllegalStateException("no layer kind has the Keras class name " + className));
        }

        @Override
        public LayerSpec.Recurrent spec() {
            return switch (kind()) {
                case LSTM -> new LayerSpec.Lstm(units, returnSequences, activation, recurrentActivation, 0);
                case GRU -> new LayerSpec.Gru(units, returnSequences, resetAfter, activation, recurrentActivation, 0);
                case SIMPLE_RNN -> new LayerSpec.SimpleRnn(units, returnSequences, activation, 0);
                case DENSE, DROPOUT, BIDIRECTIONAL, REPEAT_VECTOR, CONV1D, MAX_POOLING1D, AVERAGE_POOLING1D,
                        GLOBAL_AVERAGE_POOLING1D, FLATTEN, LAYER_NORMALIZATION, ATTENTION,
                        ADDITIVE_ATTENTION, BATCH_NORMALIZATION, MASKING -> throw new IllegalStateException(className + " is not a recurrent layer");
                case MULTI_HEAD_ATTENTION, SINUSOIDAL_POSITIONAL_ENCODING, LEARNED_POSITIONAL_ENCODING ->
                        throw new IllegalStateException(className + " is not a recurrent layer");
            };
        }
    }

    /** Dense; {@code useBias} false: Keras kept no bias, Seqcast's is set to zero. */
    record Dense(String where, String name, int units, Activation activation, boolean useBias) implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.DENSE.className();
        }

        @Override
        public LayerSpec.Dense spec() {
            return new LayerSpec.Dense(units, activation, 0);
        }
    }

    /** Dropout: the identity at inference. */
    record Dropout(String where, String name, double rate) implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.DROPOUT.className();
        }

        @Override
        public LayerSpec.Dropout spec() {
            return new LayerSpec.Dropout(rate);
        }
    }

    // ---- Wrappers around recurrent layers ----

    /**
     * Bidirectional around an LSTM, GRU or SimpleRNN; its weights are the forward layer's and the backward layer's
     * (same spec, {@code backward_layer} checked to match).
     *
     * @param layer the wrapped (forward) layer
     */
    record Bidirectional(String where, String name, Recurrent layer, LayerSpec.Bidirectional.Merge merge)
            implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.BIDIRECTIONAL.className();
        }

        @Override
        public LayerSpec.Bidirectional spec() {
            return new LayerSpec.Bidirectional(layer.spec(), merge);
        }
    }

    /** RepeatVector(n): no weights. */
    record RepeatVector(String where, String name, int n) implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.REPEAT_VECTOR.className();
        }

        @Override
        public LayerSpec.RepeatVector spec() {
            return new LayerSpec.RepeatVector(n);
        }
    }

    /**
     * TimeDistributed(Dense): Seqcast's Dense already applies to every step of a sequence, so it becomes that
     * Dense; its weights are the wrapped Dense's, stored under the TimeDistributed's name.
     *
     * @param dense the wrapped Dense (named in messages as this layer)
     */
    record TimeDistributed(String where, String name, Dense dense) implements KerasLayer {
        @Override
        public String className() {
            return "TimeDistributed";
        }

        @Override
        public LayerSpec.Dense spec() {
            return dense.spec();
        }
    }

    // convolutional kinds

    /** Conv1D: its spec holds every option read (use_bias included: without it there is no bias, as in PyTorch). */
    record Conv1D(String where, String name, LayerSpec.Conv1d spec) implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.CONV1D.className();
        }
    }

    /** A layer without weights that reshapes or pools: MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D, Flatten. */
    record Weightless(String where, String name, LayerSpec spec) implements KerasLayer {
        @Override
        public String className() {
            return spec.kind().className();
        }
    }

    // attention-related kinds

    /**
     * LayerNormalization over the last axis; its weights are gamma and beta.
     *
     * @param axis the config's axis as written: -1, or the last axis counted with the batch axis (1 for vectors,
     *             2 for sequences), which {@link #normalizesLastAxis} checks once the input's rank is known
     */
    record LayerNormalization(String where, String name, int axis, LayerSpec.LayerNormalization spec)
            implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.LAYER_NORMALIZATION.className();
        }

        /** Whether {@link #axis} is the feature axis of a per-sample input of {@code rank} dimensions. */
        boolean normalizesLastAxis(int rank) {
            return axis == -1 || axis == rank;
        }
    }

    /**
     * Attention called on one sequence as query and value ({@code Attention()([x, x])}), Seqcast's self-attention;
     * its weights are scale (use_scale) and concat_score_weight (score_mode concat), when it has them.
     */
    record Attention(String where, String name, LayerSpec.Attention spec) implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.ATTENTION.className();
        }
    }

    // Transformer kinds

    /**
     * MultiHeadAttention called with one tensor as query and value (and key), {@code MultiHeadAttention(...)(x, x)};
     * its weights are query/kernel, query/bias, ..., attention_output/bias, read under the roles query_kernel, ...
     */
    record MultiHeadAttention(String where, String name, LayerSpec.MultiHeadAttention spec) implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.MULTI_HEAD_ATTENTION.className();
        }
    }

    // additive attention and batch normalization

    /**
     * AdditiveAttention called on one sequence as query and value ({@code AdditiveAttention()([x, x])}), Seqcast's
     * additive self-attention; its weight is the vector scale with use_scale.
     */
    record AdditiveAttention(String where, String name, LayerSpec.AdditiveAttention spec) implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.ADDITIVE_ATTENTION.className();
        }
    }

    /**
     * BatchNormalization over the last axis; its weights are gamma (scale), beta (center), moving_mean and
     * moving_variance.
     *
     * @param axis the config's axis as written: -1, or the last axis counted with the batch axis, which
     *             {@link #normalizesLastAxis} checks once the input's rank is known
     */
    record BatchNormalization(String where, String name, int axis, LayerSpec.BatchNormalization spec)
            implements KerasLayer {
        @Override
        public String className() {
            return LayerSpec.Kind.BATCH_NORMALIZATION.className();
        }

        /** Whether {@link #axis} is the feature axis of a per-sample input of {@code rank} dimensions. */
        boolean normalizesLastAxis(int rank) {
            return axis == -1 || axis == rank;
        }

        /** Keras's variable names in its order of creation: gamma, beta (when present), moving_mean, moving_variance. */
        java.util.List<String> variables() {
            java.util.List<String> out = new java.util.ArrayList<>();
            if (spec.scale()) {
                out.add("gamma");
            }
            if (spec.center()) {
                out.add("beta");
            }
            out.add("moving_mean");
            out.add("moving_variance");
            return java.util.List.copyOf(out);
        }
    }
}
