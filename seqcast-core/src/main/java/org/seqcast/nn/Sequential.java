package org.seqcast.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Optimizer;
import org.seqcast.tensor.Parallel;
import org.seqcast.tensor.Parameter;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;
import org.seqcast.train.Samples;
import org.seqcast.train.Trainable;
import org.seqcast.train.Trainer;

/**
 * A stack of layers, Keras's {@code Sequential}. The Keras tutorial model translates line for line:
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new LSTM(50).returnSequences(true).inputShape(timesteps, features),
 *         new LSTM(50),
 *         new Dense(1));
 * model.compile(Loss.mse(), new Adam());
 * History history = model.fit(X, y, 100, 32);
 * Tensor yhat = model.predict(Xtest);
 * }</pre>
 * Inputs are batch-first: x (B, T, I) for a recurrent first layer, (B, F) for a Dense one; outputs are
 * (B, O), or (B, T, O) when the last layer returns sequences.
 *
 * <p>Everything random (initialisation, shuffling, dropout) comes from {@link #seed(long)} (default
 * {@value #DEFAULT_SEED}); the same seed gives bit-identical weights and predictions for any thread count.
 * A model is not thread-safe: one fit or predict at a time.
 */
public final class Sequential implements Trainable {
    /** The seed used unless {@link #seed(long)} says otherwise. */
    public static final long DEFAULT_SEED = 0L;
    /** Rows per forward pass in {@link #predict} and {@link #evaluate}; results do not depend on it. */
    public static final int PREDICT_BATCH = 256;

    private final List<Layer> layers = new ArrayList<>();
    private long seed = DEFAULT_SEED;
    private Parallel parallel = Parallel.shared(Parallel.availableCores());
    private Loss loss;
    private Optimizer optimizer;
    private int[] inputShape;
    private Map<String, Parameter> params;
    private Rng shuffleRng;
    private Rng dropoutRng;

    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    /** A model of these layer specs, each built into a new layer ({@link LayerSpec#build()}), in order. */
    public static Sequential of(List<? extends LayerSpec> specs) {
        Sequential model = new Sequential();
        specs.forEach(s -> model.add(s.build()));
        return model;
    }

    /**
     * The layers as data, in order: {@code Sequential.of(model.specs())} has the same architecture.
     *
     * @throws UnsupportedOperationException when a layer is not one of the {@link LayerSpec} kinds
     */
    public List<LayerSpec> specs() {
        return layers.stream().map(Layer::spec).toList();
    }

    /** Appends a layer; the model must not be built yet. */
    public Sequential add(Layer layer) {
        if (isBuilt()) {
            throw new IllegalStateException("cannot add " + layer.kind() + " to a model that is already built");
        }
        if (layer == null || layers.contains(layer)) {
            throw new IllegalArgumentException(layer == null ? "layer must not be null"
                    : "this " + layer.kind() + " instance is already in the model; create a new layer");
        }
        layers.add(layer);
        return this;
    }

    /** The seed of all randomness; set it before the model is built. */
    public Sequential seed(long value) {
        if (isBuilt()) {
            throw new IllegalStateException("seed must be set before the model is built (its weights are drawn then)");
        }
        this.seed = value;
        return this;
    }

    public long seed() {
        return seed;
    }

    /** Threads for kernels (default: all cores). Results are the same for any count. */
    public Sequential threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1; got " + n);
        }
        this.parallel = Parallel.shared(n);
        return this;
    }

    public int threads() {
        return parallel.threads();
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public boolean isBuilt() {
        return params != null;
    }

    /**
     * Builds every layer for this per-sample input shape, (timesteps, features) or (features); timesteps may
     * be -1 for any length. Weights are drawn from the seed here.
     */
    public Sequential build(int... sampleShape) {
        if (isBuilt()) {
            throw new IllegalStateException("model is already built for input shape " + Arrays.toString(inputShape));
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("cannot build an empty Sequential model; add layers first");
        }
        Rng root = new Rng(seed);
        Rng initRng = root.split();
        shuffleRng = root.split();
        dropoutRng = root.split();
        Map<String, Parameter> all = new LinkedHashMap<>();
        int[] shape = sampleShape.clone();
        Masking mask = null;
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            shape = l.build(shape, initRng, "layer " + k + " (" + l.kind() + ")");
            mask = Masking.passedOn(l, mask, "layer " + k + " (" + l.kind() + ")");
            for (Parameter p : l.parameters()) {
                all.put(k + "." + p.name(), p);
            }
        }
        inputShape = sampleShape.clone();
        params = Collections.unmodifiableMap(all);
        return this;
    }

    /** Builds from the first layer's declared input shape if not built yet. */
    private void ensureBuilt(int[] dataSampleShape) {
        if (isBuilt()) {
            return;
        }
        int[] declared = layers.isEmpty() ? null : layers.get(0).declaredInputShape();
        build(declared != null ? declared : dataSampleShape);
    }

    /** Per-sample input shape; the model must be built. */
    public int[] inputShape() {
        requireBuilt();
        return inputShape.clone();
    }

    /** Per-sample output shape; the model must be built. */
    public int[] outputShape() {
        requireBuilt();
        return layers.get(layers.size() - 1).outputShape();
    }

    /** Sets the loss and optimizer, Keras's {@code compile}. Builds the model if its input shape is declared. */
    public Sequential compile(Loss lossFn, Optimizer opt) {
        if (lossFn == null || opt == null) {
            throw new IllegalArgumentException("compile needs a loss and an optimizer");
        }
        this.loss = lossFn;
        this.optimizer = opt;
        if (!isBuilt() && !layers.isEmpty() && layers.get(0).declaredInputShape() != null) {
            build(layers.get(0).declaredInputShape());
        }
        return this;
    }

    /** Keras-style {@code compile(loss="mse", optimizer="adam")} with default optimizer settings. */
    public Sequential compile(String lossName, String optimizerName) {
        return compile(Loss.of(lossName), Optimizer.of(optimizerName));
    }

    public Loss loss() {
        return loss;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Keras's {@code fit(x, y, epochs, batch_size)}. */
    public History fit(Tensor x, Tensor y, int epochs, int batchSize) {
        return fit(x, y, FitOptions.builder().epochs(epochs).batchSize(batchSize).build());
    }

    /** Fits on x (B, T, I) and y (B, O), copying the arrays. */
    public History fit(float[][][] x, float[][] y, int epochs, int batchSize) {
        return fit(Tensor.of(x), Tensor.of(y), epochs, batchSize);
    }

    /** Fits with every option; see {@link FitOptions}. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        if (loss == null) {
            throw new IllegalStateException("model must be compiled before fit: call compile(loss, optimizer)");
        }
        checkInput(x, "x");
        ensureBuilt(sampleShape(x));
        Tensor yy = checkTarget(x, y, "y");
        return new Trainer(this, options).fit(Samples.of("x", x), Samples.of("y", yy));
    }

    /**
     * Fits with per-sample weights w (B, finite, ≥ 0): sample b's loss terms count w_b times (see
     * {@link Loss#value(Tensor, Tensor, Tensor)}); validation data may carry their own weights
     * ({@link FitOptions.Builder#validationData(Tensor, Tensor, Tensor)}).
     */
    public History fit(Tensor x, Tensor y, Tensor sampleWeights, FitOptions options) {
        if (sampleWeights == null) {
            return fit(x, y, options);
        }
        if (loss == null) {
            throw new IllegalStateException("model must be compiled before fit: call compile(loss, optimizer)");
        }
        checkInput(x, "x");
        ensureBuilt(sampleShape(x));
        Tensor yy = checkTarget(x, y, "y");
        return new Trainer(this, options).fit(Samples.of("x", x), Samples.of("y", yy).withWeights(sampleWeights));
    }

    /** Predictions for x (B, T, I) or (B, F); rows are independent, so batching does not change results. */
    public Tensor predict(Tensor x) {
        requireBuilt();
        checkInput(x, "x");
        int n = x.dim(0);
        Tensor first = null;
        float[] out = null;
        int row = 0;
        for (int from = 0; from < n; from += PREDICT_BATCH) {
            int to = Math.min(n, from + PREDICT_BATCH);
            Tensor yb = forward(n <= PREDICT_BATCH ? x : x.slice(from, to), Context.prediction(parallel));
            if (n <= PREDICT_BATCH) {
                return yb;
            }
            if (first == null) {
                first = yb;
                row = yb.size() / yb.dim(0);
                out = new float[n * row];
            }
            System.arraycopy(yb.data(), 0, out, from * row, yb.size());
        }
        int[] shape = first.shape();
        shape[0] = n;
        return Tensor.wrap(out, shape);
    }

    /** Predictions for x (B, T, I) as (B, O); the last layer must not return sequences. */
    public float[][] predict(float[][][] x) {
        return predict(Tensor.of(x)).toArray2d();
    }

    /** The loss on (x, y), L2 penalty included, in inference mode (no dropout). */
    public double evaluate(Tensor x, Tensor y) {
        requireCompiled();
        checkInput(x, "x");
        Tensor yy = checkTarget(x, y, "y");
        Tensor pred = predict(x);
        return loss.value(pred, yy) + StateDicts.l2Penalty(params.values());
    }

    /** The loss with per-sample weights w (B) on (x, y), L2 penalty included, in inference mode. */
    public double evaluate(Tensor x, Tensor y, Tensor sampleWeights) {
        if (sampleWeights == null) {
            return evaluate(x, y);
        }
        requireCompiled();
        checkInput(x, "x");
        Tensor yy = checkTarget(x, y, "y");
        Tensor pred = predict(x);
        return loss.value(pred, yy, sampleWeights) + StateDicts.l2Penalty(params.values());
    }

    /** {@link #evaluate(Tensor, Tensor, Tensor)} on the one input, the one target and its weights, for {@link Trainer}. */
    @Override
    public double evaluate(Samples x, Samples y) {
        return evaluate(x.only(), y.only(), y.weights());
    }

    /** {@link #computeGradients(Tensor, Tensor, Tensor)} on the one input, the one target and its weights. */
    @Override
    public double computeGradients(Samples x, Samples y) {
        return computeGradients(x.only(), y.only(), y.weights());
    }

    /**
     * One training step without the update: zeroes the gradients, runs forward (dropout active) and
     * backward, and adds the L2 penalty's gradient. The gradients are then in {@link #gradients()}.
     *
     * @return the loss on this batch, L2 penalty included
     */
    public double computeGradients(Tensor x, Tensor y) {
        return computeGradients(x, y, null);
    }

    /**
     * {@link #computeGradients(Tensor, Tensor)} with per-sample weights w (B; {@code null} = unweighted).
     *
     * @return the weighted loss on this batch, L2 penalty included
     */
    public double computeGradients(Tensor x, Tensor y, Tensor sampleWeights) {
        requireCompiled();
        checkInput(x, "x");
        Tensor yy = checkTarget(x, y, "y");
        for (Parameter p : params.values()) {
            p.zeroGrad();
        }
        Context ctx = Context.training(parallel, dropoutRng);
        Tensor pred = forward(x, ctx);
        double value = loss.value(pred, yy, sampleWeights);
        backward(loss.gradient(pred, yy, sampleWeights), ctx);
        StateDicts.addL2Gradients(params.values());
        return value + StateDicts.l2Penalty(params.values());
    }

    /**
     * The gradient of the outputs with respect to the input: dL/dx for L = Σ dy ⊙ ŷ(x), batch-first, the shape of
     * x. A forward pass in inference mode (no dropout) keeping every activation, then the backward pass from dy.
     * Row b of the result is the vector-Jacobian product dy_b · ∂ŷ_b/∂x_b (rows are independent). The parameters'
     * gradients are restored to what they held before the call, so a training step in progress keeps its meaning.
     * Not thread-safe (the layers' buffers are shared), like {@link #predict}.
     *
     * @param x  the input, (B, T, I) or (B, F) as for {@link #predict}
     * @param dy the weights of the outputs, the shape of {@code predict(x)}: (B, O) or (B, T, O)
     */
    public Tensor inputGradient(Tensor x, Tensor dy) {
        requireBuilt();
        checkInput(x, "x");
        if (dy == null) {
            throw new IllegalArgumentException("dy must not be null");
        }
        int[] expected = outputShapeFor(x);
        if (!Arrays.equals(dy.shape(), expected)) {
            throw new IllegalArgumentException("dy must have the shape of the predictions of x, "
                    + Arrays.toString(expected).replace('[', '(').replace(']', ')') + ", but has shape "
                    + Arrays.toString(dy.shape()).replace('[', '(').replace(']', ')'));
        }
        dy.requireFinite("dy");
        List<float[]> saved = new ArrayList<>();
        for (Parameter p : params.values()) {
            saved.add(p.grad().clone());
        }
        try {
            Context ctx = Context.inference(parallel);
            forward(x, ctx);
            return backward(dy, ctx).copy();                 // dL/dx; layers may reuse the arrays they return
        } finally {
            int k = 0;
            for (Parameter p : params.values()) {
                float[] g = saved.get(k++);
                System.arraycopy(g, 0, p.grad(), 0, g.length);
            }
        }
    }

    /**
     * The attention weights of every {@link Attention} and {@link MultiHeadAttention} layer for the input x, by layer
     * index ("1"): (B, T, T), row i the weights a_ij that query step i gives the steps j (each row sums to 1), a
     * MultiHeadAttention's averaged over its heads. A forward pass in inference mode (no dropout); empty when the
     * network has no attention layer. Not thread-safe, like {@link #predict}.
     */
    public Map<String, Tensor> attentionWeights(Tensor x) {
        requireBuilt();
        checkInput(x, "x");
        forward(x, Context.inference(parallel));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) instanceof Attention attention) {
                out.put(String.valueOf(k), attention.lastWeights());
            } else if (layers.get(k) instanceof MultiHeadAttention mha) {
                out.put(String.valueOf(k), mha.lastWeights());               // averaged over the heads
            }
        }
        return out;
    }

    /** The shape of the predictions of x: (B, O) or (B, T, O) with T of x for any-length outputs. */
    private int[] outputShapeFor(Tensor x) {
        int[] out = outputShape();
        int[] predicted = new int[out.length + 1];
        predicted[0] = x.dim(0);
        for (int k = 0; k < out.length; k++) {
            predicted[k + 1] = out[k] == -1 ? x.dim(1) : out[k];
        }
        return predicted;
    }

    /** Runs the layers on a batch-first input; keeps activations for {@link #backward}. */
    Tensor forward(Tensor x, Context ctx) {
        Tensor a = x.rank() == 3 ? x.swapFirstAxes() : x;   // (B, T, I) -> (T, B, I)
        for (Layer l : layers) {
            a = l.forward(a, ctx);
        }
        return a.rank() == 3 ? a.swapFirstAxes() : a;        // (T, B, O) -> (B, T, O)
    }

    /** Backpropagates dL/dŷ (batch-first) through the layers; returns dL/dx (batch-first). */
    Tensor backward(Tensor dy, Context ctx) {
        Tensor d = dy.rank() == 3 ? dy.swapFirstAxes() : dy;
        for (int k = layers.size() - 1; k >= 0; k--) {
            d = layers.get(k).backward(d, ctx);
        }
        return d.rank() == 3 ? d.swapFirstAxes() : d;
    }

    /** Parameters by PyTorch state-dict name ({@code 0.weight_ih_l0}, ..., {@code 2.bias}), in order. */
    public Map<String, Parameter> namedParameters() {
        requireBuilt();
        return params;
    }

    /** The parameters in state-dict order. */
    @Override
    public List<Parameter> parameters() {
        return List.copyOf(namedParameters().values());
    }

    public int parameterCount() {
        return namedParameters().values().stream().mapToInt(Parameter::size).sum();
    }

    /** A copy of every parameter value by state-dict name. */
    public Map<String, Tensor> stateDict() {
        return StateDicts.values(namedParameters());
    }

    /** A copy of every gradient by state-dict name (after {@link #computeGradients}). */
    public Map<String, Tensor> gradients() {
        return StateDicts.gradients(namedParameters());
    }

    /**
     * Sets every parameter from a state dict with exactly this model's names and shapes (a PyTorch
     * {@code state_dict} of the same architecture). Nothing changes unless every entry is valid.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        StateDicts.load(namedParameters(), state);
    }

    /** A streaming predictor over {@code batch} parallel series, starting from zero states. */
    public Stepper stepper(int batch) {
        requireBuilt();
        return new Stepper(this, batch, parallel);
    }

    /** A table of layers, output shapes and parameter counts, like Keras's {@code summary()}. */
    public String summary() {
        requireBuilt();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-4s %-40s %-14s %10s%n", "#", "Layer", "Output shape", "Params"));
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            int count = l.parameters().stream().mapToInt(Parameter::size).sum();
            sb.append(String.format("%-4d %-40s %-14s %10d%n", k, l.toString(),
                    Arrays.toString(l.outputShape()).replace('[', '(').replace(']', ')'), count));
        }
        sb.append(String.format("Total params: %d%n", parameterCount()));
        return sb.toString();
    }

    /** The seeded stream that shuffles training samples. */
    @Override
    public Rng shuffleRng() {
        requireBuilt();
        return shuffleRng;
    }

    private static int[] sampleShape(Tensor x) {
        return Arrays.copyOfRange(x.shape(), 1, x.rank());
    }

    private void checkInput(Tensor x, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        int[] expected = isBuilt() ? inputShape
                : layers.isEmpty() ? null : layers.get(0).declaredInputShape();
        if (expected != null && !Layer.shapesAgree(expected, sampleShape(x))) {
            throw new IllegalArgumentException(what + " must have shape (batch, " + join(expected) + ") but has shape "
                    + Arrays.toString(x.shape()).replace('[', '(').replace(']', ')')
                    + (expected.length == 2 && x.rank() == 2 ? "; reshape it to (samples, timesteps, features)" : ""));
        }
        x.requireFinite(what);
    }

    /** The target for x: shaped as {@link Loss#targetShape} says for the predictions of x, and finite. */
    private Tensor checkTarget(Tensor x, Tensor y, String what) {
        if (y == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        int[] out = outputShape();
        int[] expected = loss.targetShape(outputShapeFor(x));
        Tensor yy = y;
        if (y.rank() == 1 && expected.length == 2 && expected[1] == 1) {
            yy = y.reshape(y.dim(0), 1);        // (B,) targets for a Dense(1) output, as Keras accepts
        }
        if (!Arrays.equals(yy.shape(), expected)) {
            throw new IllegalArgumentException(what + " must have shape " + Arrays.toString(expected).replace('[', '(')
                    .replace(']', ')') + " to match x's " + x.dim(0) + " samples, the model's output "
                    + Arrays.toString(out).replace('[', '(').replace(']', ')') + " and the " + loss.name() + " loss; got "
                    + Arrays.toString(y.shape()).replace('[', '(').replace(']', ')'));
        }
        yy.requireFinite(what);
        return yy;
    }

    private static String join(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < shape.length; k++) {
            sb.append(k > 0 ? ", " : "").append(shape[k] == -1 ? "any" : String.valueOf(shape[k]));
        }
        return sb.toString();
    }

    private void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException("model is not built: declare inputShape on the first layer, call build, or fit first");
        }
    }

    private void requireCompiled() {
        if (loss == null) {
            throw new IllegalStateException("model must be compiled first: call compile(loss, optimizer)");
        }
        requireBuilt();
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
