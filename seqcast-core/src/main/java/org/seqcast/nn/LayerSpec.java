package org.seqcast.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.seqcast.nn.kernels.Activation;
import org.seqcast.nn.kernels.Gates;

/**
 * The vocabulary of layers, as data: one immutable, validated record per layer kind, carrying its
 * hyperparameters (defaults live here and nowhere else), the names and shapes of its parameters (PyTorch's),
 * its output shape, and the engine {@link Layer} it builds ({@link #build()}); every built-in layer reports
 * its spec ({@link Layer#spec()}), so a {@link Sequential} and its list of specs round-trip exactly
 * ({@link Sequential#specs()}, {@link Sequential#of(List)}). The model file, the Keras importer, the PyTorch
 * importer and the ONNX exporter all consume specs.
 * <pre>
 *   kind        type     record      parameters on I input features (G gates, H units, O outputs)
 *   LSTM        lstm     {@link Lstm}        weight_ih_l0 (4H, I), weight_hh_l0 (4H, H), bias_ih_l0 (4H), bias_hh_l0 (4H)
 *   GRU         gru      {@link Gru}         weight_ih_l0 (3H, I), weight_hh_l0 (3H, H), bias_ih_l0 (3H), bias_hh_l0 (3H)
 *   SimpleRNN   rnn      {@link SimpleRnn}   weight_ih_l0 (H, I),  weight_hh_l0 (H, H),  bias_ih_l0 (H),  bias_hh_l0 (H)
 *   Dense       dense    {@link Dense}       weight (O, I), bias (O)
 *   Dropout     dropout  {@link Dropout}     none
 *   Bidirectional bidirectional {@link Bidirectional} the wrapped layer's four, then the same four with the suffix _reverse
 *   RepeatVector  repeat_vector {@link RepeatVector}  none
 *   Conv1D      conv1d   {@link Conv1d}      weight (O, I, k), bias (O) (PyTorch's nn.Conv1d; no bias when use_bias is false)
 *   MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D, Flatten                 none
 *   LayerNormalization layer_normalization {@link LayerNormalization} weight (F) = γ, bias (F) = β (PyTorch's nn.LayerNorm)
 *   Attention   attention {@link Attention}   scale (1) with use_scale, concat_score_weight (1) for score_mode concat
 *   AdditiveAttention additive_attention {@link AdditiveAttention} scale (F) with use_scale
 *   BatchNormalization batch_normalization {@link BatchNormalization} weight (F) = γ with scale, bias (F) = β with center,
 *               then the buffers running_mean (F), running_var (F) (PyTorch's nn.BatchNorm1d names)
 *   Masking     masking  {@link Masking}     none
 *   MultiHeadAttention multi_head_attention {@link MultiHeadAttention} query_kernel (I, N, K), query_bias (N, K), key_kernel (I, N, K),
 *               key_bias (N, K), value_kernel (I, N, V), value_bias (N, V), attention_output_kernel (N, V, O),
 *               attention_output_bias (O) (Keras's shapes; the biases only with use_bias)
 *   SinusoidalPositionalEncoding sinusoidal_positional_encoding {@link SinusoidalPositionalEncoding} none
 *   LearnedPositionalEncoding learned_positional_encoding {@link LearnedPositionalEncoding} weight (max_length, F)
 * </pre>
 *
 * <p><b>Why a visitor.</b> Consumers handle every kind through {@link #accept(Visitor)}: {@link Visitor} has one
 * method per kind and no defaults, so adding a kind (a record here, a method there, a {@link Kind} constant)
 * makes the compiler point at every consumer that must handle it. Java 17's {@code switch} cannot match record
 * patterns without preview features (final only in Java 21), and an {@code instanceof} chain compiles
 * silently when a kind is missing. Code that handles only the recurrent kinds uses
 * {@link Recurrent#acceptRecurrent(RecurrentVisitor)}, which {@link Visitor} extends. Code that has only a
 * kind's name (an importer reading a class name from a file) switches over {@link Kind}: a {@code switch}
 * expression over an enum has no {@code default} and must list every constant, which is just as exhaustive.
 *
 * <p>Optional hyperparameters given as {@code null} take their defaults (so that a JSON form may leave them
 * out): activation tanh (recurrent) or linear (Dense), gate activation sigmoid, {@code reset_after} true. These
 * constants ({@link Recurrent#DEFAULT_ACTIVATION}, ...) are the defaults of the engine's layers too. Conv1D:
 * strides 1, padding valid, dilation 1, activation linear, a bias; the 1-D poolings: strides = pool size, padding
 * valid (Keras's defaults); LayerNormalization: epsilon 1e-3 (Keras's; PyTorch's is 1e-5); Attention: no scale, no
 * causal mask, dot scores. MultiHeadAttention: value_dim = key_dim, biases, output_dim = the input's features, no
 * causal mask; SinusoidalPositionalEncoding: max_wavelength 10000; AdditiveAttention: a learned scale, no causal
 * mask; BatchNormalization: momentum 0.99, epsilon 1e-3, center and scale (Keras's); Masking: mask value 0.
 */
public sealed interface LayerSpec permits LayerSpec.Recurrent, LayerSpec.Dense, LayerSpec.Dropout,
        LayerSpec.Bidirectional, LayerSpec.RepeatVector,
        LayerSpec.Conv1d, LayerSpec.MaxPooling1d, LayerSpec.AveragePooling1d, LayerSpec.GlobalAveragePooling1d,
        LayerSpec.Flatten, LayerSpec.LayerNormalization, LayerSpec.Attention,
        LayerSpec.MultiHeadAttention, LayerSpec.SinusoidalPositionalEncoding, LayerSpec.LearnedPositionalEncoding,
        LayerSpec.AdditiveAttention, LayerSpec.BatchNormalization, LayerSpec.Masking {
    /** The kind of layer: its type name and class name. */
    Kind kind();

    /** Calls the visitor's method for this kind. */
    <R> R accept(Visitor<R> visitor);

    /** The parameters of this layer on {@code inputFeatures} features, in state-dict order (PyTorch's names). */
    List<ParameterSpec> parameters(int inputFeatures);

    /**
     * The per-sample output shape for a per-sample input shape (timesteps, features) or (features); timesteps
     * may be -1 (any length).
     *
     * @throws IllegalArgumentException when this layer cannot take that input
     */
    int[] outputShape(int[] inputShape);

    /** A new, unbuilt engine layer of this spec; {@code build().spec()} equals this spec. */
    Layer build();

    /**
     * Every layer kind: the one list of type names (JSON, CLI) and class names (Keras's, {@link Layer#kind()}).
     * A new kind gets a constant here, a record below and a method in {@link Visitor}.
     */
    enum Kind {
        LSTM("lstm", "LSTM", Lstm.class),
        GRU("gru", "GRU", Gru.class),
        SIMPLE_RNN("rnn", "SimpleRNN", SimpleRnn.class),
        DENSE("dense", "Dense", Dense.class),
        DROPOUT("dropout", "Dropout", Dropout.class),
        // Wrappers around recurrent layers.
        BIDIRECTIONAL("bidirectional", "Bidirectional", Bidirectional.class),
        REPEAT_VECTOR("repeat_vector", "RepeatVector", RepeatVector.class),
        // convolutional kinds
        CONV1D("conv1d", "Conv1D", Conv1d.class),
        MAX_POOLING1D("max_pooling1d", "MaxPooling1D", MaxPooling1d.class),
        AVERAGE_POOLING1D("average_pooling1d", "AveragePooling1D", AveragePooling1d.class),
        GLOBAL_AVERAGE_POOLING1D("global_average_pooling1d", "GlobalAveragePooling1D", GlobalAveragePooling1d.class),
        FLATTEN("flatten", "Flatten", Flatten.class),
        // attention-related kinds
        LAYER_NORMALIZATION("layer_normalization", "LayerNormalization", LayerNormalization.class),
        ATTENTION("attention", "Attention", Attention.class),
        // Transformer kinds
        MULTI_HEAD_ATTENTION("multi_head_attention", "MultiHeadAttention", MultiHeadAttention.class),
        SINUSOIDAL_POSITIONAL_ENCODING("sinusoidal_positional_encoding", "SinusoidalPositionalEncoding",
                SinusoidalPositionalEncoding.class),
        LEARNED_POSITIONAL_ENCODING("learned_positional_encoding", "LearnedPositionalEncoding",
                LearnedPositionalEncoding.class),
        // additive attention and batch normalization
        ADDITIVE_ATTENTION("additive_attention", "AdditiveAttention", AdditiveAttention.class),
        BATCH_NORMALIZATION("batch_normalization", "BatchNormalization", BatchNormalization.class),
        MASKING("masking", "Masking", Masking.class);

        private final String type;
        private final String className;
        private final Class<? extends LayerSpec> specClass;

        Kind(String type, String className, Class<? extends LayerSpec> specClass) {
            this.type = type;
            this.className = className;
            this.specClass = specClass;
        }

        /** The type name in network specs, e.g. {@code lstm}. */
        public String type() {
            return type;
        }

        /** The Keras class name, which is also {@link Layer#kind()}, e.g. {@code SimpleRNN}. */
        public String className() {
            return className;
        }

        /** The record of this kind. */
        public Class<? extends LayerSpec> specClass() {
            return specClass;
        }

        /** The kind of a type name (case-insensitive). */
        public static Kind ofType(String type) {
            for (Kind k : values()) {
                if (k.type.equalsIgnoreCase(type)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown layer type '" + type + "'; use " + types());
        }

        /** The kind whose class name ({@link #className()}, Keras's) is {@code className}, if any. */
        public static Optional<Kind> ofClassName(String className) {
            return Arrays.stream(values()).filter(k -> k.className.equals(className)).findFirst();
        }

        /** The type names for messages and help: "lstm, gru, rnn, dense or dropout". */
        public static String types() {
            return list(Arrays.stream(values()).map(Kind::type).toList(), "or");
        }

        /** The class names for messages and help: "LSTM, GRU, SimpleRNN, Dense and Dropout". */
        public static String classNames() {
            return list(Arrays.stream(values()).map(Kind::className).toList(), "and");
        }

        private static String list(List<String> names, String last) {
            return String.join(", ", names.subList(0, names.size() - 1)) + " " + last + " " + names.get(names.size() - 1);
        }
    }

    /** One method per layer kind; see the class comment for why consumers use it. */
    interface Visitor<R> extends RecurrentVisitor<R> {
        R dense(Dense spec);

        R dropout(Dropout spec);

        R bidirectional(Bidirectional spec);

        R repeatVector(RepeatVector spec);

        // convolutional kinds

        R conv1d(Conv1d spec);

        R maxPooling1d(MaxPooling1d spec);

        R averagePooling1d(AveragePooling1d spec);

        R globalAveragePooling1d(GlobalAveragePooling1d spec);

        R flatten(Flatten spec);

        // attention-related kinds

        R layerNormalization(LayerNormalization spec);

        R attention(Attention spec);

        // Transformer kinds

        R multiHeadAttention(MultiHeadAttention spec);

        R sinusoidalPositionalEncoding(SinusoidalPositionalEncoding spec);

        R learnedPositionalEncoding(LearnedPositionalEncoding spec);

        // additive attention and batch normalization

        R additiveAttention(AdditiveAttention spec);

        R batchNormalization(BatchNormalization spec);

        R masking(Masking spec);
    }

    /** One method per recurrent kind. */
    interface RecurrentVisitor<R> {
        R lstm(Lstm spec);

        R gru(Gru spec);

        R simpleRnn(SimpleRnn spec);
    }

    /**
     * A parameter's name and shape.
     *
     * @param name  PyTorch's name within the layer, e.g. {@code weight_ih_l0}
     * @param shape its dimensions, each ≥ 1
     */
    record ParameterSpec(String name, List<Integer> shape) {
        public ParameterSpec {
            Objects.requireNonNull(name, "name");
            shape = List.copyOf(shape);
            if (shape.isEmpty() || shape.stream().anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException("parameter " + name + " needs a shape of positive sizes; got " + shape);
            }
        }

        static ParameterSpec of(String name, int... shape) {
            return new ParameterSpec(name, Arrays.stream(shape).boxed().toList());
        }
    }

    /**
     * The recurrent kinds, which share the time loop ({@link org.seqcast.nn.Recurrent}) and PyTorch's four
     * parameters: weight_ih_l0 (G·H, I), weight_hh_l0 (G·H, H), bias_ih_l0 (G·H), bias_hh_l0 (G·H).
     */
    sealed interface Recurrent extends LayerSpec permits Lstm, Gru, SimpleRnn {
        /** The default {@link #activation()} of every recurrent kind: tanh. */
        Activation DEFAULT_ACTIVATION = Activation.TANH;
        /** The default gate activation of LSTM and GRU: sigmoid. */
        Activation DEFAULT_RECURRENT_ACTIVATION = Activation.SIGMOID;

        /** PyTorch's parameter names of a single-layer, one-direction recurrent module. */
        String WEIGHT_IH = "weight_ih_l0";
        String WEIGHT_HH = "weight_hh_l0";
        String BIAS_IH = "bias_ih_l0";
        String BIAS_HH = "bias_hh_l0";

        /** Hidden units H. */
        int units();

        /** Keras's {@code return_sequences}: every step (T, H) instead of the last (H). */
        boolean returnSequences();

        /** This spec with {@link #returnSequences()} set to {@code value}. */
        Recurrent returnSequences(boolean value);

        /** Keras's {@code activation}: of the candidate (and of LSTM's cell state in h). */
        Activation activation();

        /** L2 penalty λ on weight_ih and weight_hh. */
        double l2();

        /** Gates per cell G: 4 (LSTM), 3 (GRU), 1 (SimpleRNN); the gate order is in {@link Gates}. */
        int gates();

        /** Calls the visitor's method for this recurrent kind. */
        <R> R acceptRecurrent(RecurrentVisitor<R> visitor);

        @Override
        default <R> R accept(Visitor<R> visitor) {
            return acceptRecurrent(visitor);
        }

        @Override
        default List<ParameterSpec> parameters(int inputFeatures) {
            int gh = gates() * units();
            return List.of(ParameterSpec.of(WEIGHT_IH, gh, features(inputFeatures)), ParameterSpec.of(WEIGHT_HH, gh, units()),
                    ParameterSpec.of(BIAS_IH, gh), ParameterSpec.of(BIAS_HH, gh));
        }

        @Override
        default int[] outputShape(int[] inputShape) {
            if (inputShape.length != 2) {
                throw new IllegalArgumentException(kind().className() + " expects a sequence input (timesteps, features);"
                        + " got " + Arrays.toString(inputShape));
            }
            features(inputShape[1]);
            return returnSequences() ? new int[] {inputShape[0], units()} : new int[] {units()};
        }
    }

    /**
     * Long short-term memory, Keras's {@code LSTM}; builds {@link org.seqcast.nn.LSTM}.
     *
     * @param units               H ≥ 1
     * @param returnSequences     output every step; default false
     * @param activation          of the candidate g and of c in h = o ⊙ act(c); null: tanh
     * @param recurrentActivation of the gates i, f, o; null: sigmoid
     * @param l2                  L2 penalty on the weights, finite and ≥ 0; default 0
     */
    record Lstm(int units, boolean returnSequences, Activation activation, Activation recurrentActivation, double l2)
            implements Recurrent {
        public Lstm {
            checkUnits(Kind.LSTM, units);
            activation = activation == null ? DEFAULT_ACTIVATION
                    : Activation.requireElementwise(activation, Kind.LSTM.type() + " activation");
            recurrentActivation = recurrentActivation == null ? DEFAULT_RECURRENT_ACTIVATION
                    : Activation.requireElementwise(recurrentActivation, Kind.LSTM.type() + " recurrent_activation");
            checkL2(Kind.LSTM, l2);
        }

        /** An LSTM of {@code units} with every default. */
        public Lstm(int units) {
            this(units, false, null, null, 0);
        }

        public Lstm returnSequences(boolean value) {
            return new Lstm(units, value, activation, recurrentActivation, l2);
        }

        public Lstm activation(Activation value) {
            return new Lstm(units, returnSequences, value, recurrentActivation, l2);
        }

        public Lstm recurrentActivation(Activation value) {
            return new Lstm(units, returnSequences, activation, value, l2);
        }

        public Lstm l2(double value) {
            return new Lstm(units, returnSequences, activation, recurrentActivation, value);
        }

        @Override
        public Kind kind() {
            return Kind.LSTM;
        }

        @Override
        public int gates() {
            return Gates.LSTM_GATES;
        }

        @Override
        public <R> R acceptRecurrent(RecurrentVisitor<R> visitor) {
            return visitor.lstm(this);
        }

        @Override
        public Layer build() {
            return new LSTM(units).returnSequences(returnSequences).activation(activation)
                    .recurrentActivation(recurrentActivation).l2(l2);
        }
    }

    /**
     * Gated recurrent unit, Keras's {@code GRU}; builds {@link org.seqcast.nn.GRU}.
     *
     * @param units               H ≥ 1
     * @param returnSequences     output every step; default false
     * @param resetAfter          reset gate after the recurrent product (PyTorch, Keras 2+, ONNX
     *                            linear_before_reset = 1) or before it (false, the original GRU); null: true
     * @param activation          of the candidate n; null: tanh
     * @param recurrentActivation of the gates r, z; null: sigmoid
     * @param l2                  L2 penalty on the weights, finite and ≥ 0; default 0
     */
    record Gru(int units, boolean returnSequences, Boolean resetAfter, Activation activation,
               Activation recurrentActivation, double l2) implements Recurrent {
        /** The default of {@link #resetAfter()}: true, as PyTorch, cuDNN and Keras 3. */
        public static final boolean DEFAULT_RESET_AFTER = true;

        public Gru {
            checkUnits(Kind.GRU, units);
            resetAfter = resetAfter == null ? DEFAULT_RESET_AFTER : resetAfter;
            activation = activation == null ? DEFAULT_ACTIVATION
                    : Activation.requireElementwise(activation, Kind.GRU.type() + " activation");
            recurrentActivation = recurrentActivation == null ? DEFAULT_RECURRENT_ACTIVATION
                    : Activation.requireElementwise(recurrentActivation, Kind.GRU.type() + " recurrent_activation");
            checkL2(Kind.GRU, l2);
        }

        /** A GRU of {@code units} with every default. */
        public Gru(int units) {
            this(units, false, null, null, null, 0);
        }

        public Gru returnSequences(boolean value) {
            return new Gru(units, value, resetAfter, activation, recurrentActivation, l2);
        }

        public Gru resetAfter(boolean value) {
            return new Gru(units, returnSequences, value, activation, recurrentActivation, l2);
        }

        public Gru activation(Activation value) {
            return new Gru(units, returnSequences, resetAfter, value, recurrentActivation, l2);
        }

        public Gru recurrentActivation(Activation value) {
            return new Gru(units, returnSequences, resetAfter, activation, value, l2);
        }

        public Gru l2(double value) {
            return new Gru(units, returnSequences, resetAfter, activation, recurrentActivation, value);
        }

        @Override
        public Kind kind() {
            return Kind.GRU;
        }

        @Override
        public int gates() {
            return Gates.GRU_GATES;
        }

        @Override
        public <R> R acceptRecurrent(RecurrentVisitor<R> visitor) {
            return visitor.gru(this);
        }

        @Override
        public Layer build() {
            return new GRU(units).returnSequences(returnSequences).resetAfter(resetAfter).activation(activation)
                    .recurrentActivation(recurrentActivation).l2(l2);
        }
    }

    /**
     * Fully connected (Elman) recurrent layer, Keras's {@code SimpleRNN}; builds {@link org.seqcast.nn.SimpleRNN}.
     *
     * @param units           H ≥ 1
     * @param returnSequences output every step; default false
     * @param activation      h_t = act(...); null: tanh (PyTorch's nonlinearity: tanh or relu)
     * @param l2              L2 penalty on the weights, finite and ≥ 0; default 0
     */
    record SimpleRnn(int units, boolean returnSequences, Activation activation, double l2) implements Recurrent {
        public SimpleRnn {
            checkUnits(Kind.SIMPLE_RNN, units);
            activation = activation == null ? DEFAULT_ACTIVATION
                    : Activation.requireElementwise(activation, Kind.SIMPLE_RNN.type() + " activation");
            checkL2(Kind.SIMPLE_RNN, l2);
        }

        /** A SimpleRNN of {@code units} with every default. */
        public SimpleRnn(int units) {
            this(units, false, null, 0);
        }

        public SimpleRnn returnSequences(boolean value) {
            return new SimpleRnn(units, value, activation, l2);
        }

        public SimpleRnn activation(Activation value) {
            return new SimpleRnn(units, returnSequences, value, l2);
        }

        public SimpleRnn l2(double value) {
            return new SimpleRnn(units, returnSequences, activation, value);
        }

        @Override
        public Kind kind() {
            return Kind.SIMPLE_RNN;
        }

        @Override
        public int gates() {
            return Gates.RNN_GATES;
        }

        @Override
        public <R> R acceptRecurrent(RecurrentVisitor<R> visitor) {
            return visitor.simpleRnn(this);
        }

        @Override
        public Layer build() {
            return new SimpleRNN(units).returnSequences(returnSequences).activation(activation).l2(l2);
        }
    }

    /**
     * Fully connected layer, Keras's {@code Dense}: y = act(x · Wᵀ + b), on (features) or on every step of
     * (timesteps, features); builds {@link org.seqcast.nn.Dense}.
     *
     * @param units      outputs O ≥ 1
     * @param activation null: linear
     * @param l2         L2 penalty on the weight, finite and ≥ 0; default 0
     */
    record Dense(int units, Activation activation, double l2) implements LayerSpec {
        /** PyTorch's names of {@code nn.Linear}'s parameters. */
        public static final String WEIGHT = "weight";
        public static final String BIAS = "bias";
        /** The default {@link #activation()}: linear. */
        public static final Activation DEFAULT_ACTIVATION = Activation.LINEAR;

        public Dense {
            checkUnits(Kind.DENSE, units);
            activation = activation == null ? DEFAULT_ACTIVATION : activation;
            checkL2(Kind.DENSE, l2);
        }

        /** A linear Dense layer of {@code units} outputs. */
        public Dense(int units) {
            this(units, null, 0);
        }

        public Dense activation(Activation value) {
            return new Dense(units, value, l2);
        }

        public Dense l2(double value) {
            return new Dense(units, activation, value);
        }

        @Override
        public Kind kind() {
            return Kind.DENSE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dense(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            return List.of(ParameterSpec.of(WEIGHT, units, features(inputFeatures)), ParameterSpec.of(BIAS, units));
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            if (inputShape.length < 1 || inputShape.length > 2) {
                throw new IllegalArgumentException("Dense expects (features) or (timesteps, features); got "
                        + Arrays.toString(inputShape));
            }
            features(inputShape[inputShape.length - 1]);
            int[] out = inputShape.clone();
            out[out.length - 1] = units;
            return out;
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Dense(units, activation).l2(l2);
        }
    }

    /**
     * Keras's {@code Dropout}: inverted dropout in training, the identity at inference; builds
     * {@link org.seqcast.nn.Dropout}.
     *
     * @param rate the probability of dropping a value, in [0, 1)
     */
    record Dropout(double rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1); got " + rate);
            }
        }

        @Override
        public Kind kind() {
            return Kind.DROPOUT;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dropout(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            if (inputShape.length < 1 || inputShape.length > 2) {
                throw new IllegalArgumentException("Dropout expects (features) or (timesteps, features); got "
                        + Arrays.toString(inputShape));
            }
            features(inputShape[inputShape.length - 1]);
            return inputShape.clone();
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Dropout(rate);
        }
    }

    // ---- convolutional kinds: Conv1D, the 1-D poolings and Flatten ----------------------------------------

    /**
     * How a window of {@code span} steps (kernel or pool size; for a dilated kernel (k − 1)·d + 1) with stride s
     * walks T steps, Keras's {@code padding}: the zero (or, for pooling, ignored) steps added before step 0 and the
     * output length T'. Output step t' reads input steps t'·s − before + j·d, j = 0..k−1.
     * <pre>
     *   valid    before = 0                               T' = ⌊(T − span) / s⌋ + 1
     *   same     total = max((T' − 1)·s + span − T, 0),  T' = ⌈T / s⌉,  before = ⌊total / 2⌋ (TensorFlow's split)
     *   causal   before = span − 1 (nothing after)       T' = ⌊(T − 1) / s⌋ + 1   (Conv1D only)
     * </pre>
     */
    enum Padding {
        VALID("valid"), SAME("same"), CAUSAL("causal");

        private final String kerasName;

        Padding(String kerasName) {
            this.kerasName = kerasName;
        }

        /** Keras's name, e.g. {@code causal}. */
        public String kerasName() {
            return kerasName;
        }

        /** The padding of a Keras name (case-insensitive). */
        public static Padding of(String name) {
            for (Padding p : values()) {
                if (p.kerasName.equalsIgnoreCase(name)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown padding '" + name + "'; use valid, same or causal");
        }

        /** The output length T' for T input steps (T = -1: any length, so -1); may be ≤ 0 for a too short input. */
        public int outputLength(int T, int span, int stride) {
            if (T == -1) {
                return -1;
            }
            return switch (this) {
                case VALID -> T < span ? 0 : (T - span) / stride + 1;
                case SAME -> (T + stride - 1) / stride;
                case CAUSAL -> (T - 1) / stride + 1;
            };
        }

        /** The padded steps before step 0 for T input steps. */
        public int before(int T, int span, int stride) {
            return switch (this) {
                case VALID -> 0;
                case SAME -> Math.max((outputLength(T, span, stride) - 1) * stride + span - T, 0) / 2;
                case CAUSAL -> span - 1;
            };
        }

        /** The padded steps after step T − 1 for T input steps. */
        public int after(int T, int span, int stride) {
            return switch (this) {
                case VALID, CAUSAL -> 0;
                case SAME -> Math.max((outputLength(T, span, stride) - 1) * stride + span - T, 0) - before(T, span, stride);
            };
        }
    }

    /**
     * Keras's {@code Conv1D} over the time axis: (T, I) → (T', O), builds {@link org.seqcast.nn.Conv1D}.
     * <pre>
     *   y[t', o] = act(b[o] + Σ_i Σ_j W[o, i, j] · x[t'·s − before + j·d, i])      (x outside 0..T−1 is 0)
     * </pre>
     * with W in PyTorch's {@code nn.Conv1d} layout (O, I, k) (Keras stores its kernel as (k, I, O)).
     *
     * @param filters      outputs O ≥ 1
     * @param kernelSize   k ≥ 1
     * @param strides      s ≥ 1; null: 1
     * @param padding      valid, same or causal (see {@link Padding}); null: valid
     * @param dilationRate d ≥ 1; null: 1
     * @param activation   null: linear
     * @param useBias      whether there is a bias (PyTorch's {@code bias=}); null: true
     * @param l2           L2 penalty on the weight, finite and ≥ 0; default 0
     */
    record Conv1d(int filters, int kernelSize, Integer strides, Padding padding, Integer dilationRate,
                  Activation activation, Boolean useBias, double l2) implements LayerSpec {
        /** PyTorch's names of {@code nn.Conv1d}'s parameters. */
        public static final String WEIGHT = "weight";
        public static final String BIAS = "bias";

        public Conv1d {
            if (filters < 1) {
                throw new IllegalArgumentException("conv1d filters must be a positive integer; got " + filters);
            }
            checkPositive(Kind.CONV1D, "kernel_size", kernelSize);
            strides = strides == null ? 1 : checkPositive(Kind.CONV1D, "strides", strides);
            padding = padding == null ? Padding.VALID : padding;
            dilationRate = dilationRate == null ? 1 : checkPositive(Kind.CONV1D, "dilation_rate", dilationRate);
            activation = activation == null ? Activation.LINEAR : activation;
            useBias = useBias == null || useBias;
            checkL2(Kind.CONV1D, l2);
        }

        /** A linear, valid, unit-stride Conv1D of {@code filters} outputs and kernel size {@code kernelSize}. */
        public Conv1d(int filters, int kernelSize) {
            this(filters, kernelSize, null, null, null, null, null, 0);
        }

        public Conv1d strides(int value) {
            return new Conv1d(filters, kernelSize, value, padding, dilationRate, activation, useBias, l2);
        }

        public Conv1d padding(Padding value) {
            return new Conv1d(filters, kernelSize, strides, value, dilationRate, activation, useBias, l2);
        }

        public Conv1d dilationRate(int value) {
            return new Conv1d(filters, kernelSize, strides, padding, value, activation, useBias, l2);
        }

        public Conv1d activation(Activation value) {
            return new Conv1d(filters, kernelSize, strides, padding, dilationRate, value, useBias, l2);
        }

        public Conv1d useBias(boolean value) {
            return new Conv1d(filters, kernelSize, strides, padding, dilationRate, activation, value, l2);
        }

        public Conv1d l2(double value) {
            return new Conv1d(filters, kernelSize, strides, padding, dilationRate, activation, useBias, value);
        }

        /** The steps one output reads, from first to last: (k − 1)·d + 1. */
        public int span() {
            return (kernelSize - 1) * dilationRate + 1;
        }

        @Override
        public Kind kind() {
            return Kind.CONV1D;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.conv1d(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            ParameterSpec w = ParameterSpec.of(WEIGHT, filters, features(inputFeatures), kernelSize);
            return useBias ? List.of(w, ParameterSpec.of(BIAS, filters)) : List.of(w);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            requireSequence(kind(), inputShape);
            features(inputShape[1]);
            return new int[] {windowedLength(kind(), inputShape[0], padding, span(), strides), filters};
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Conv1D(this);
        }
    }

    /**
     * Keras's {@code MaxPooling1D}: y[t', f] = max of x over the window of t' (padded steps ignored); (T, F) →
     * (T', F); builds {@link org.seqcast.nn.Pooling1D}.
     *
     * @param poolSize the window p ≥ 1
     * @param strides  s ≥ 1; null: the pool size (Keras's default)
     * @param padding  valid or same; null: valid
     */
    record MaxPooling1d(int poolSize, Integer strides, Padding padding) implements LayerSpec {
        public MaxPooling1d {
            checkPositive(Kind.MAX_POOLING1D, "pool_size", poolSize);
            strides = strides == null ? poolSize : checkPositive(Kind.MAX_POOLING1D, "strides", strides);
            padding = checkPoolPadding(Kind.MAX_POOLING1D, padding);
        }

        /** Valid pooling over windows of {@code poolSize}, stride {@code poolSize}. */
        public MaxPooling1d(int poolSize) {
            this(poolSize, null, null);
        }

        public MaxPooling1d strides(int value) {
            return new MaxPooling1d(poolSize, value, padding);
        }

        public MaxPooling1d padding(Padding value) {
            return new MaxPooling1d(poolSize, strides, value);
        }

        @Override
        public Kind kind() {
            return Kind.MAX_POOLING1D;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.maxPooling1d(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return pooledShape(kind(), inputShape, padding, poolSize, strides);
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Pooling1D(this);
        }
    }

    /**
     * Keras's {@code AveragePooling1D}: y[t', f] = mean of x over the window of t', padded steps left out of
     * the mean (ONNX's count_include_pad = 0); (T, F) → (T', F); builds {@link org.seqcast.nn.Pooling1D}.
     *
     * @param poolSize the window p ≥ 1
     * @param strides  s ≥ 1; null: the pool size (Keras's default)
     * @param padding  valid or same; null: valid
     */
    record AveragePooling1d(int poolSize, Integer strides, Padding padding) implements LayerSpec {
        public AveragePooling1d {
            checkPositive(Kind.AVERAGE_POOLING1D, "pool_size", poolSize);
            strides = strides == null ? poolSize : checkPositive(Kind.AVERAGE_POOLING1D, "strides", strides);
            padding = checkPoolPadding(Kind.AVERAGE_POOLING1D, padding);
        }

        /** Valid pooling over windows of {@code poolSize}, stride {@code poolSize}. */
        public AveragePooling1d(int poolSize) {
            this(poolSize, null, null);
        }

        public AveragePooling1d strides(int value) {
            return new AveragePooling1d(poolSize, value, padding);
        }

        public AveragePooling1d padding(Padding value) {
            return new AveragePooling1d(poolSize, strides, value);
        }

        @Override
        public Kind kind() {
            return Kind.AVERAGE_POOLING1D;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.averagePooling1d(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return pooledShape(kind(), inputShape, padding, poolSize, strides);
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Pooling1D(this);
        }
    }

    /**
     * Keras's {@code GlobalAveragePooling1D}: the mean over time, y[f] = (1/T) Σ_t x[t, f]; (T, F) → (F); builds
     * {@link org.seqcast.nn.GlobalAveragePooling1D}.
     */
    record GlobalAveragePooling1d() implements LayerSpec {
        @Override
        public Kind kind() {
            return Kind.GLOBAL_AVERAGE_POOLING1D;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.globalAveragePooling1d(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            requireSequence(kind(), inputShape);
            return new int[] {features(inputShape[1])};
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.GlobalAveragePooling1D();
        }
    }

    /**
     * Keras's {@code Flatten}: (T, F) → (T·F) in C order, y[t·F + f] = x[t, f] (needs a fixed T); (F) stays (F);
     * builds {@link org.seqcast.nn.Flatten}.
     */
    record Flatten() implements LayerSpec {
        @Override
        public Kind kind() {
            return Kind.FLATTEN;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.flatten(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            if (inputShape.length == 1) {
                return new int[] {features(inputShape[0])};
            }
            requireSequence(kind(), inputShape);
            if (inputShape[0] < 1) {
                throw new IllegalArgumentException("Flatten needs a fixed number of timesteps; got any length ("
                        + Arrays.toString(inputShape) + "): declare the input's timesteps");
            }
            return new int[] {inputShape[0] * features(inputShape[1])};
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Flatten();
        }
    }

    private static int checkPositive(Kind kind, String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(kind.type() + " " + field + " must be a positive integer; got " + value);
        }
        return value;
    }

    private static Padding checkPoolPadding(Kind kind, Padding padding) {
        if (padding == Padding.CAUSAL) {
            throw new IllegalArgumentException(kind.type() + " padding must be valid or same; got causal");
        }
        return padding == null ? Padding.VALID : padding;
    }

    private static void requireSequence(Kind kind, int[] inputShape) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException(kind.className() + " expects a sequence input (timesteps, features);"
                    + " got " + Arrays.toString(inputShape));
        }
    }

    /** T' of a window over T steps, refusing an input too short for one window. */
    private static int windowedLength(Kind kind, int T, Padding padding, int span, int stride) {
        int out = padding.outputLength(T, span, stride);
        if (T != -1 && out < 1) {
            throw new IllegalArgumentException(kind.className() + " with a window of " + span + " steps and "
                    + padding.kerasName() + " padding needs at least " + span + " timesteps; got " + T);
        }
        return out;
    }

    private static int[] pooledShape(Kind kind, int[] inputShape, Padding padding, int poolSize, int stride) {
        requireSequence(kind, inputShape);
        return new int[] {windowedLength(kind, inputShape[0], padding, poolSize, stride), features(inputShape[1])};
    }

    // ---- end of the convolutional kinds ----------------------------------------------------------------------

    private static void checkUnits(Kind kind, int units) {
        if (units < 1) {
            throw new IllegalArgumentException(kind.type() + " units must be a positive integer; got " + units);
        }
    }

    private static void checkL2(Kind kind, double l2) {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException(kind.type() + " l2 must be finite and >= 0; got " + l2);
        }
    }

    private static int features(int inputFeatures) {
        if (inputFeatures < 1) {
            throw new IllegalArgumentException("input features must be a positive integer; got " + inputFeatures);
        }
        return inputFeatures;
    }

    // ---- Wrappers around recurrent layers ----

    /**
     * Keras's {@code Bidirectional(layer, merge_mode)}: the wrapped recurrent layer reads the sequence forwards,
     * a second layer of the same spec (its own weights) reads it reversed, its output sequence is reversed back,
     * and the two are merged; builds {@link org.seqcast.nn.Bidirectional}. With {@code returnSequences} false
     * (the wrapped layer's), the merge takes the forward layer's last step and the backward layer's last step
     * (which read x_0 last), as Keras and PyTorch's {@code h_n} do.
     * <pre>
     *   y_t = merge(→h_t, ←h_t)   concat [→h, ←h] (2H), sum →h + ←h, mul →h ⊙ ←h, ave (→h + ←h) / 2   (H)
     * </pre>
     * Parameters are PyTorch's bidirectional {@code nn.LSTM}/{@code nn.GRU}/{@code nn.RNN} names: the wrapped
     * layer's four, then {@code weight_ih_l0_reverse}, {@code weight_hh_l0_reverse}, {@code bias_ih_l0_reverse},
     * {@code bias_hh_l0_reverse}.
     *
     * @param layer     the wrapped recurrent layer (the forward direction; the backward one has the same spec)
     * @param mergeMode how the two directions combine; null: concat (Keras's default)
     */
    record Bidirectional(Recurrent layer, Merge mergeMode) implements LayerSpec {
        /** The suffix of the backward direction's parameter names, PyTorch's. */
        public static final String REVERSE_SUFFIX = "_reverse";
        /** The default {@link #mergeMode()}: concat, as Keras. */
        public static final Merge DEFAULT_MERGE = Merge.CONCAT;

        /** Keras's {@code merge_mode}s. */
        public enum Merge {
            CONCAT("concat"), SUM("sum"), MUL("mul"), AVE("ave");

            private final String kerasName;

            Merge(String kerasName) {
                this.kerasName = kerasName;
            }

            /** Keras's name, e.g. {@code concat}. */
            public String kerasName() {
                return kerasName;
            }

            /** The merge mode of a Keras name (case-insensitive). */
            public static Merge of(String name) {
                for (Merge m : values()) {
                    if (m.kerasName.equalsIgnoreCase(name)) {
                        return m;
                    }
                }
                throw new IllegalArgumentException("bidirectional merge_mode must be one of concat, sum, mul or ave;"
                        + " got '" + name + "'");
            }
        }

        public Bidirectional {
            if (layer == null) {
                throw new IllegalArgumentException("bidirectional needs a wrapped recurrent layer (lstm, gru or rnn);"
                        + " got none");
            }
            mergeMode = mergeMode == null ? DEFAULT_MERGE : mergeMode;
        }

        /** A bidirectional wrapper of {@code layer} that concatenates the two directions. */
        public Bidirectional(Recurrent layer) {
            this(layer, null);
        }

        public Bidirectional mergeMode(Merge value) {
            return new Bidirectional(layer, value);
        }

        /** Features per step of the output: 2H for concat, else H. */
        public int outputFeatures() {
            return mergeMode == Merge.CONCAT ? 2 * layer.units() : layer.units();
        }

        @Override
        public Kind kind() {
            return Kind.BIDIRECTIONAL;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.bidirectional(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            List<ParameterSpec> forward = layer.parameters(inputFeatures);
            List<ParameterSpec> all = new java.util.ArrayList<>(forward);
            for (ParameterSpec p : forward) {
                all.add(new ParameterSpec(p.name() + REVERSE_SUFFIX, p.shape()));
            }
            return List.copyOf(all);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            int[] out = layer.outputShape(inputShape);
            out[out.length - 1] = outputFeatures();
            return out;
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Bidirectional(layer, mergeMode);
        }
    }

    /**
     * Keras's {@code RepeatVector(n)}: (features) → (n, features), the same vector at every one of n steps (an
     * encoder's last state fed to every step of a decoder); builds {@link org.seqcast.nn.RepeatVector}.
     *
     * @param n the number of steps, ≥ 1
     */
    record RepeatVector(int n) implements LayerSpec {
        public RepeatVector {
            if (n < 1) {
                throw new IllegalArgumentException("repeat_vector n must be a positive integer; got " + n);
            }
        }

        @Override
        public Kind kind() {
            return Kind.REPEAT_VECTOR;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.repeatVector(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            if (inputShape.length != 1) {
                throw new IllegalArgumentException("RepeatVector expects one vector per sample (features); got "
                        + Arrays.toString(inputShape) + "; the layer before it must not return sequences");
            }
            return new int[] {n, features(inputShape[0])};
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.RepeatVector(n);
        }
    }

    // ---- attention-related kinds ----

    /**
     * Keras's {@code LayerNormalization(axis=-1)}, PyTorch's {@code nn.LayerNorm(F)}: each vector of F features
     * (a step of a sequence, or a sample) is normalized over its features, then scaled and shifted; (F) → (F),
     * (T, F) → (T, F); builds {@link org.seqcast.nn.LayerNormalization}.
     * <pre>
     *   μ = (1/F) Σ_f x_f      σ² = (1/F) Σ_f (x_f − μ)²      y_f = γ_f (x_f − μ) / √(σ² + ε) + β_f
     * </pre>
     * Parameters: {@code weight} (F) = γ (Keras's gamma, starts at 1), {@code bias} (F) = β (Keras's beta, starts
     * at 0).
     *
     * @param epsilon ε, added to the variance, finite and &gt; 0; null: 1e-3 (Keras's default; PyTorch's is 1e-5)
     */
    record LayerNormalization(Double epsilon) implements LayerSpec {
        /** PyTorch's names of {@code nn.LayerNorm}'s parameters: γ and β. */
        public static final String WEIGHT = "weight";
        public static final String BIAS = "bias";
        /** The default {@link #epsilon()}: Keras's 1e-3. */
        public static final double DEFAULT_EPSILON = 1e-3;

        public LayerNormalization {
            epsilon = epsilon == null ? DEFAULT_EPSILON : epsilon;
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("layer_normalization epsilon must be finite and > 0; got " + epsilon);
            }
        }

        /** Layer normalization with Keras's epsilon. */
        public LayerNormalization() {
            this(null);
        }

        @Override
        public Kind kind() {
            return Kind.LAYER_NORMALIZATION;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.layerNormalization(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            return List.of(ParameterSpec.of(WEIGHT, features(inputFeatures)), ParameterSpec.of(BIAS, inputFeatures));
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            if (inputShape.length != 1 && inputShape.length != 2) {
                throw new IllegalArgumentException("LayerNormalization expects (features) or (timesteps, features);"
                        + " got " + Arrays.toString(inputShape));
            }
            features(inputShape[inputShape.length - 1]);
            return inputShape.clone();
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.LayerNormalization(epsilon);
        }
    }

    /**
     * Keras's {@code Attention} used as self-attention: Keras's layer is called on {@code [query, value]} (and an
     * optional key, default the value); this kind is that call with the same sequence as query, key and value,
     * {@code Attention()([x, x])}, so it reads one sequence (T, F) and returns (T, F); builds
     * {@link org.seqcast.nn.Attention}.
     * <pre>
     *   dot:     s_ij = c · x_i · x_j                             (Luong-style)
     *   concat:  s_ij = w · Σ_f tanh(c · (x_if + x_jf))           (Bahdanau-style, Keras's score_mode="concat")
     *            c = the learned scalar scale with use_scale, else 1; w = the learned scalar concat_score_weight
     *   a_ij = exp(s_ij) / Σ_k exp(s_ik)      (causal: only j, k ≤ i, as Keras's use_causal_mask)
     *   y_i  = Σ_j a_ij x_j
     * </pre>
     * Keras's attention dropout and masks of padded steps are not part of this kind.
     *
     * @param useScale  Keras's {@code use_scale}: a learned scalar {@code scale} (starting at 1) scales the scores
     *                  (dot) or the sums inside tanh (concat); default false
     * @param causal    Keras's {@code use_causal_mask} (its older {@code causal}): step i attends to steps j ≤ i
     *                  only; default false
     * @param scoreMode Keras's {@code score_mode}; null: dot
     */
    record Attention(boolean useScale, boolean causal, ScoreMode scoreMode) implements LayerSpec {
        /** The name of the scale parameter (shape (1)) with {@link #useScale}; Keras's variable is also {@code scale}. */
        public static final String SCALE = "scale";
        /** The name of concat's score weight (shape (1)), Keras's variable name. */
        public static final String CONCAT_SCORE_WEIGHT = "concat_score_weight";
        /** The default {@link #scoreMode()}: dot, as Keras. */
        public static final ScoreMode DEFAULT_SCORE_MODE = ScoreMode.DOT;

        /** Keras's {@code score_mode}s. */
        public enum ScoreMode {
            DOT("dot"), CONCAT("concat");

            private final String kerasName;

            ScoreMode(String kerasName) {
                this.kerasName = kerasName;
            }

            /** Keras's name, e.g. {@code dot}. */
            public String kerasName() {
                return kerasName;
            }

            /** The score mode of a Keras name (case-insensitive). */
            public static ScoreMode of(String name) {
                for (ScoreMode m : values()) {
                    if (m.kerasName.equalsIgnoreCase(name)) {
                        return m;
                    }
                }
                throw new IllegalArgumentException("attention score_mode must be dot or concat; got '" + name + "'");
            }
        }

        public Attention {
            scoreMode = scoreMode == null ? DEFAULT_SCORE_MODE : scoreMode;
        }

        /** Unscaled, non-causal dot-product self-attention. */
        public Attention() {
            this(false, false, null);
        }

        /** Dot-product self-attention with these options. */
        public Attention(boolean useScale, boolean causal) {
            this(useScale, causal, null);
        }

        public Attention useScale(boolean value) {
            return new Attention(value, causal, scoreMode);
        }

        public Attention causal(boolean value) {
            return new Attention(useScale, value, scoreMode);
        }

        public Attention scoreMode(ScoreMode value) {
            return new Attention(useScale, causal, value);
        }

        @Override
        public Kind kind() {
            return Kind.ATTENTION;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.attention(this);
        }

        /** scale (1) with use_scale, then concat_score_weight (1) for concat, in Keras's order of creation. */
        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            List<ParameterSpec> out = new java.util.ArrayList<>();
            if (useScale) {
                out.add(ParameterSpec.of(SCALE, 1));
            }
            if (scoreMode == ScoreMode.CONCAT) {
                out.add(ParameterSpec.of(CONCAT_SCORE_WEIGHT, 1));
            }
            return List.copyOf(out);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            requireSequence(kind(), inputShape);
            features(inputShape[1]);
            return inputShape.clone();
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Attention(this);
        }
    }

    // ---- Transformer kinds ----

    /**
     * Keras's {@code MultiHeadAttention(num_heads, key_dim)} as self-attention, {@code MultiHeadAttention(...)(x, x)}:
     * query, key and value are the same sequence (T, I); (T, I) → (T, O), O = {@code output_dim} or I; builds
     * {@link org.seqcast.nn.MultiHeadAttention}. With N heads, K = key_dim, V = value_dim, per head n:
     * <pre>
     *   q_in = x_t W^q_{·nk} + b^q_nk     k_jn = x_j W^k_{·n} + b^k_n     v_jn = x_j W^v_{·n} + b^v_n   (K, K, V per head)
     *   s_ijn = (1/√K) q_in · k_jn                         (Keras and PyTorch both scale by 1/√key_dim)
     *   a_ijn = exp(s_ijn) / Σ_l exp(s_iln)                 (causal: only j, l ≤ i, Keras's use_causal_mask)
     *   c_in  = Σ_j a_ijn v_jn
     *   y_i   = Σ_n c_in W^o_n + b^o                        (W^o (N, V, O): Keras's attention_output)
     * </pre>
     * Parameters, in Keras's order and shapes: {@code query_kernel} (I, N, K), {@code query_bias} (N, K),
     * {@code key_kernel} (I, N, K), {@code key_bias} (N, K), {@code value_kernel} (I, N, V), {@code value_bias} (N, V),
     * {@code attention_output_kernel} (N, V, O), {@code attention_output_bias} (O); without use_bias, no biases.
     * Keras's variables {@code query/kernel}, ... are these tensors as they are. PyTorch's
     * {@code nn.MultiheadAttention(E, N, batch_first=True)} (E = I = O, K = V = E/N) holds the same numbers as
     * {@code in_proj_weight} (3E, E) = [Wq; Wk; Wv] with Wq[n·K + k, i] = query_kernel[i, n, k] (likewise key and
     * value), {@code in_proj_bias} (3E) = [bq; bk; bv] flattened head-major, {@code out_proj.weight} (E, E) with
     * out_proj.weight[o, n·V + v] = attention_output_kernel[n, v, o] and {@code out_proj.bias} = attention_output_bias;
     * its {@code is_causal}/{@code attn_mask} upper-triangular mask is use_causal_mask.
     * Keras's attention dropout, masks of padded steps and attention_axes other than the time axis are not part of
     * this kind.
     *
     * @param numHeads  N ≥ 1
     * @param keyDim    K ≥ 1, the size of each head's query and key
     * @param valueDim  V ≥ 1, the size of each head's value; null: K (Keras's default)
     * @param useBias   Keras's {@code use_bias}; null: true
     * @param outputDim O ≥ 1, Keras's {@code output_shape} (one size); null: the query's feature count I
     * @param causal    Keras's {@code use_causal_mask}: step i attends to steps j ≤ i only; default false
     */
    record MultiHeadAttention(int numHeads, int keyDim, Integer valueDim, Boolean useBias, Integer outputDim,
                              boolean causal) implements LayerSpec {
        /** Parameter names: Keras's variable paths {@code query/kernel}, ... with '_' for '/'. */
        public static final String QUERY_KERNEL = "query_kernel";
        public static final String QUERY_BIAS = "query_bias";
        public static final String KEY_KERNEL = "key_kernel";
        public static final String KEY_BIAS = "key_bias";
        public static final String VALUE_KERNEL = "value_kernel";
        public static final String VALUE_BIAS = "value_bias";
        public static final String OUTPUT_KERNEL = "attention_output_kernel";
        public static final String OUTPUT_BIAS = "attention_output_bias";

        public MultiHeadAttention {
            checkPositive(Kind.MULTI_HEAD_ATTENTION, "num_heads", numHeads);
            checkPositive(Kind.MULTI_HEAD_ATTENTION, "key_dim", keyDim);
            valueDim = valueDim == null ? keyDim : checkPositive(Kind.MULTI_HEAD_ATTENTION, "value_dim", valueDim);
            useBias = useBias == null ? Boolean.TRUE : useBias;
            if (outputDim != null) {
                checkPositive(Kind.MULTI_HEAD_ATTENTION, "output_dim", outputDim);
            }
        }

        /** N heads of key and value size K, with biases, output the query's size, no causal mask. */
        public MultiHeadAttention(int numHeads, int keyDim) {
            this(numHeads, keyDim, null, null, null, false);
        }

        public MultiHeadAttention valueDim(Integer value) {
            return new MultiHeadAttention(numHeads, keyDim, value, useBias, outputDim, causal);
        }

        public MultiHeadAttention useBias(Boolean value) {
            return new MultiHeadAttention(numHeads, keyDim, valueDim, value, outputDim, causal);
        }

        public MultiHeadAttention outputDim(Integer value) {
            return new MultiHeadAttention(numHeads, keyDim, valueDim, useBias, value, causal);
        }

        public MultiHeadAttention causal(boolean value) {
            return new MultiHeadAttention(numHeads, keyDim, valueDim, useBias, outputDim, value);
        }

        /** O on I input features: {@link #outputDim()} or I. */
        public int outputFeatures(int inputFeatures) {
            return outputDim == null ? features(inputFeatures) : outputDim;
        }

        @Override
        public Kind kind() {
            return Kind.MULTI_HEAD_ATTENTION;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.multiHeadAttention(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            int I = features(inputFeatures);
            int N = numHeads;
            List<ParameterSpec> out = new java.util.ArrayList<>();
            out.add(ParameterSpec.of(QUERY_KERNEL, I, N, keyDim));
            if (useBias) {
                out.add(ParameterSpec.of(QUERY_BIAS, N, keyDim));
            }
            out.add(ParameterSpec.of(KEY_KERNEL, I, N, keyDim));
            if (useBias) {
                out.add(ParameterSpec.of(KEY_BIAS, N, keyDim));
            }
            out.add(ParameterSpec.of(VALUE_KERNEL, I, N, valueDim));
            if (useBias) {
                out.add(ParameterSpec.of(VALUE_BIAS, N, valueDim));
            }
            out.add(ParameterSpec.of(OUTPUT_KERNEL, N, valueDim, outputFeatures(I)));
            if (useBias) {
                out.add(ParameterSpec.of(OUTPUT_BIAS, outputFeatures(I)));
            }
            return List.copyOf(out);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            requireSequence(kind(), inputShape);
            return new int[] {inputShape[0], outputFeatures(inputShape[1])};
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.MultiHeadAttention(this);
        }
    }

    /**
     * The fixed sinusoidal positional encoding of Vaswani et al. (2017), added to the input: (T, F) → (T, F),
     * y_tf = x_tf + PE_tf with, for feature pairs (2i, 2i + 1),
     * <pre>
     *   PE_t,2i   = sin(t / λ^(2i/F))        PE_t,2i+1 = cos(t / λ^(2i/F))        t = 0, 1, …, T − 1
     * </pre>
     * sin on even and cos on odd feature indices, as the PyTorch tutorial's {@code PositionalEncoding} and
     * keras_hub's {@code SinePositionEncoding} (which returns PE alone; here it is added); λ = max_wavelength. An odd
     * F takes the last sine without its cosine. No parameters; builds {@link org.seqcast.nn.PositionalEncoding}.
     *
     * @param maxWavelength λ, finite and &gt; 1; null: 10000 (the paper's and keras_hub's)
     */
    record SinusoidalPositionalEncoding(Double maxWavelength) implements LayerSpec {
        /** The default {@link #maxWavelength()}: 10000. */
        public static final double DEFAULT_MAX_WAVELENGTH = 10000;

        public SinusoidalPositionalEncoding {
            maxWavelength = maxWavelength == null ? DEFAULT_MAX_WAVELENGTH : maxWavelength;
            if (!(maxWavelength > 1) || !Double.isFinite(maxWavelength)) {
                throw new IllegalArgumentException(Kind.SINUSOIDAL_POSITIONAL_ENCODING.type()
                        + " max_wavelength must be finite and > 1; got " + maxWavelength);
            }
        }

        /** The encoding with λ = 10000. */
        public SinusoidalPositionalEncoding() {
            this(null);
        }

        /** PE_tf in double, the one home of the formula (the layer adds it; the ONNX export uses its parts). */
        public double value(int t, int f, int features) {
            double angle = t * frequency(f, features);
            return f % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
        }

        /** Feature f's angular frequency 1 / λ^(2i/F), 2i = f rounded down to even. */
        public double frequency(int f, int features) {
            return 1 / Math.pow(maxWavelength, (double) (f - f % 2) / features);
        }

        @Override
        public Kind kind() {
            return Kind.SINUSOIDAL_POSITIONAL_ENCODING;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sinusoidalPositionalEncoding(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            requireSequence(kind(), inputShape);
            features(inputShape[1]);
            return inputShape.clone();
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.PositionalEncoding(this);
        }
    }

    /**
     * A learned positional encoding: a table of one vector per position, added to the input, (T, F) → (T, F),
     * y_tf = x_tf + P_tf for t &lt; T ≤ max_length (BERT's and keras_hub's {@code PositionEmbedding}, which returns
     * P alone; here it is added). A sequence longer than max_length is refused. Parameter {@code weight}
     * (max_length, F), as a PyTorch {@code nn.Embedding(max_length, F)} indexed by position (keras_hub's
     * {@code embeddings}), Glorot-uniform at the start; builds {@link org.seqcast.nn.PositionalEncoding}.
     *
     * @param maxLength the longest sequence, ≥ 1
     */
    record LearnedPositionalEncoding(int maxLength) implements LayerSpec {
        /** The name of the table (max_length, F), nn.Embedding's. */
        public static final String WEIGHT = "weight";

        public LearnedPositionalEncoding {
            checkPositive(Kind.LEARNED_POSITIONAL_ENCODING, "max_length", maxLength);
        }

        @Override
        public Kind kind() {
            return Kind.LEARNED_POSITIONAL_ENCODING;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.learnedPositionalEncoding(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            return List.of(ParameterSpec.of(WEIGHT, maxLength, features(inputFeatures)));
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            requireSequence(kind(), inputShape);
            features(inputShape[1]);
            requireLength(inputShape[0]);
            return inputShape.clone();
        }

        /** Refuses T &gt; max_length (T = -1, any length, is checked when the data arrive). */
        public void requireLength(int T) {
            if (T > maxLength) {
                throw new IllegalArgumentException(kind().className() + " has positions for at most max_length = "
                        + maxLength + " steps but the sequence has " + T + "; build it with a max_length of at least "
                        + T + " or shorten the input window");
            }
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.PositionalEncoding(this);
        }
    }

    // ---- additive attention and batch normalization ----

    /**
     * Keras's {@code AdditiveAttention} (Bahdanau-style) used as self-attention, {@code AdditiveAttention()([x, x])}:
     * query, key and value are one sequence (T, F), the output is (T, F); builds
     * {@link org.seqcast.nn.AdditiveAttention}.
     * <pre>
     *   s_ij = Σ_f c_f tanh(x_if + x_jf)        c = the learned vector scale (F) with use_scale, else 1
     *   a_ij = exp(s_ij) / Σ_k exp(s_ik)      (causal: only j, k ≤ i, as Keras's use_causal_mask)
     *   y_i  = Σ_j a_ij x_j
     * </pre>
     * Keras's attention dropout and masks of padded steps are not part of this kind.
     *
     * @param useScale Keras's {@code use_scale}: the learned vector {@code scale} (F) weighs the features' tanh terms
     *                 (Keras initializes it Glorot-uniform); null: true (Keras's default)
     * @param causal   Keras's {@code use_causal_mask} (its older {@code causal}): step i attends to steps j ≤ i only;
     *                 default false
     */
    record AdditiveAttention(Boolean useScale, boolean causal) implements LayerSpec {
        /** The name of the scale vector (shape (F)) with {@link #useScale}, Keras's variable name. */
        public static final String SCALE = "scale";
        /** The default of {@link #useScale()}: true, as Keras. */
        public static final boolean DEFAULT_USE_SCALE = true;

        public AdditiveAttention {
            useScale = useScale == null ? DEFAULT_USE_SCALE : useScale;
        }

        /** Scaled, non-causal additive self-attention (Keras's defaults). */
        public AdditiveAttention() {
            this(null, false);
        }

        public AdditiveAttention useScale(boolean value) {
            return new AdditiveAttention(value, causal);
        }

        public AdditiveAttention causal(boolean value) {
            return new AdditiveAttention(useScale, value);
        }

        @Override
        public Kind kind() {
            return Kind.ADDITIVE_ATTENTION;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.additiveAttention(this);
        }

        /** scale (F) with use_scale, else none. */
        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return useScale ? List.of(ParameterSpec.of(SCALE, inputFeatures)) : List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            requireSequence(kind(), inputShape);
            features(inputShape[1]);
            return inputShape.clone();
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.AdditiveAttention(this);
        }
    }

    /**
     * Keras's {@code BatchNormalization(axis=-1)} over the feature axis of vectors (B, F) or sequences (T, B, F) (the
     * statistics of a feature are taken over every sample and step); builds {@link org.seqcast.nn.BatchNormalization}.
     * <pre>
     *   training:   μ = mean over (B, T) of x      σ² = mean of (x − μ)² (biased)     y = γ (x − μ) / √(σ² + ε) + β
     *               moving_mean ← m · moving_mean + (1 − m) μ      moving_var ← m · moving_var + (1 − m) σ²
     *   inference:  y = γ (x − moving_mean) / √(moving_var + ε) + β
     * </pre>
     * Keras's update: momentum m weighs the old value and the biased batch variance enters the moving one. PyTorch's
     * {@code nn.BatchNorm1d} differs in both: its momentum is 1 − m and its running variance takes the unbiased
     * batch variance (times N/(N − 1)); a state dict from PyTorch imports as is (same names), only further training
     * updates the moving statistics Keras's way. Parameters: {@code weight} (F) = γ with scale (Keras's gamma, starts at
     * 1), {@code bias} (F) = β with center (Keras's beta, starts at 0); buffers, updated by training forward passes and
     * not by optimizers: {@code running_mean} (F) (Keras's moving_mean, starts at 0) and {@code running_var} (F)
     * (moving_variance, starts at 1).
     *
     * @param momentum m in [0, 1); null: 0.99 (Keras's; PyTorch's momentum 0.1 is m = 0.9)
     * @param epsilon  ε, finite and &gt; 0; null: 1e-3 (Keras's; PyTorch's is 1e-5)
     * @param center   whether there is a learned shift β; null: true
     * @param scale    whether there is a learned scale γ; null: true
     */
    record BatchNormalization(Double momentum, Double epsilon, Boolean center, Boolean scale) implements LayerSpec {
        /** PyTorch's names of {@code nn.BatchNorm1d}'s parameters and buffers. */
        public static final String WEIGHT = "weight";
        public static final String BIAS = "bias";
        public static final String RUNNING_MEAN = "running_mean";
        public static final String RUNNING_VAR = "running_var";
        /** Keras's defaults. */
        public static final double DEFAULT_MOMENTUM = 0.99;
        public static final double DEFAULT_EPSILON = 1e-3;

        public BatchNormalization {
            momentum = momentum == null ? DEFAULT_MOMENTUM : momentum;
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("batch_normalization momentum must be in [0, 1) (Keras's: the weight"
                        + " of the old moving statistics); got " + momentum);
            }
            epsilon = epsilon == null ? DEFAULT_EPSILON : epsilon;
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("batch_normalization epsilon must be finite and > 0; got " + epsilon);
            }
            center = center == null || center;
            scale = scale == null || scale;
        }

        /** Batch normalization with Keras's defaults. */
        public BatchNormalization() {
            this(null, null, null, null);
        }

        public BatchNormalization momentum(double value) {
            return new BatchNormalization(value, epsilon, center, scale);
        }

        public BatchNormalization epsilon(double value) {
            return new BatchNormalization(momentum, value, center, scale);
        }

        public BatchNormalization center(boolean value) {
            return new BatchNormalization(momentum, epsilon, value, scale);
        }

        public BatchNormalization scale(boolean value) {
            return new BatchNormalization(momentum, epsilon, center, value);
        }

        @Override
        public Kind kind() {
            return Kind.BATCH_NORMALIZATION;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.batchNormalization(this);
        }

        /** weight (with scale), bias (with center), running_mean, running_var: each (F), PyTorch's order. */
        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            int f = features(inputFeatures);
            List<ParameterSpec> out = new java.util.ArrayList<>();
            if (scale) {
                out.add(ParameterSpec.of(WEIGHT, f));
            }
            if (center) {
                out.add(ParameterSpec.of(BIAS, f));
            }
            out.add(ParameterSpec.of(RUNNING_MEAN, f));
            out.add(ParameterSpec.of(RUNNING_VAR, f));
            return List.copyOf(out);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            if (inputShape.length != 1 && inputShape.length != 2) {
                throw new IllegalArgumentException("BatchNormalization expects (features) or (timesteps, features);"
                        + " got " + Arrays.toString(inputShape));
            }
            features(inputShape[inputShape.length - 1]);
            return inputShape.clone();
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.BatchNormalization(this);
        }
    }

    /**
     * Keras's {@code Masking(mask_value)}: a step whose features all equal the mask value is masked, (T, F) → (T, F);
     * builds {@link org.seqcast.nn.Masking}.
     * <pre>
     *   keep_t = any_f (x_tf ≠ mask_value)        y_t = keep_t · x_t     (Keras zeroes the masked steps)
     * </pre>
     * The mask reaches the recurrent layers after it, through Dense and Dropout layers and recurrent layers that
     * return sequences, as Keras propagates it; a recurrent layer skips a masked step: its state carries over, and
     * with return_sequences its output at that step repeats the previous one (zeros before the first kept step),
     * Keras's behaviour with its default {@code zero_output_for_mask=False}. Other layers between a Masking and the
     * recurrent layers it masks (and Bidirectional) are refused when the model is built.
     *
     * @param maskValue the value that marks a padded step, finite; compared with the inputs in float, as Keras does
     */
    record Masking(double maskValue) implements LayerSpec {
        public Masking {
            if (!Double.isFinite(maskValue)) {
                throw new IllegalArgumentException("masking mask_value must be finite; got " + maskValue);
            }
        }

        /** Keras's default mask value 0. */
        public Masking() {
            this(0);
        }

        @Override
        public Kind kind() {
            return Kind.MASKING;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.masking(this);
        }

        @Override
        public List<ParameterSpec> parameters(int inputFeatures) {
            features(inputFeatures);
            return List.of();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            requireSequence(kind(), inputShape);
            features(inputShape[1]);
            return inputShape.clone();
        }

        @Override
        public Layer build() {
            return new org.seqcast.nn.Masking(maskValue);
        }
    }
}
