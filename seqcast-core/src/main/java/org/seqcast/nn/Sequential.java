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
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;
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
public final class Sequential {
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
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            shape = l.build(shape, initRng, "layer " + k + " (" + l.kind() + ")");
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
        return new Trainer(this, options).fit(x, yy);
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
        return loss.value(pred.data(), yy.data(), pred.size()) + l2Penalty();
    }

    /**
     * One training step without the update: zeroes the gradients, runs forward (dropout active) and
     * backward, and adds the L2 penalty's gradient. The gradients are then in {@link #gradients()}.
     *
     * @return the loss on this batch, L2 penalty included
     */
    public double computeGradients(Tensor x, Tensor y) {
        requireCompiled();
        checkInput(x, "x");
        Tensor yy = checkTarget(x, y, "y");
        for (Parameter p : params.values()) {
            p.zeroGrad();
        }
        Context ctx = Context.training(parallel, dropoutRng);
        Tensor pred = forward(x, ctx);
        double value = loss.value(pred.data(), yy.data(), pred.size());
        float[] dpred = new float[pred.size()];
        loss.gradient(pred.data(), yy.data(), dpred, pred.size());
        backward(Tensor.wrap(dpred, pred.shape()), ctx);
        for (Parameter p : params.values()) {
            if (p.l2() > 0) {
                float[] w = p.value();
                float[] g = p.grad();
                float twoL2 = 2f * p.l2();
                for (int k = 0; k < w.length; k++) {
                    g[k] += twoL2 * w[k];       // d(λ Σ w²)/dw = 2 λ w
                }
            }
        }
        return value + l2Penalty();
    }

    /** Σ over regularised parameters of λ Σ w², in double. */
    private double l2Penalty() {
        double total = 0;
        for (Parameter p : params.values()) {
            if (p.l2() > 0) {
                double s = 0;
                for (float w : p.value()) {
                    s += (double) w * w;
                }
                total += p.l2() * s;
            }
        }
        return total;
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
    public List<Parameter> parameters() {
        return List.copyOf(namedParameters().values());
    }

    public int parameterCount() {
        return namedParameters().values().stream().mapToInt(Parameter::size).sum();
    }

    /** A copy of every parameter value by state-dict name. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> out.put(name, Tensor.wrap(p.value().clone(), p.shape())));
        return out;
    }

    /** A copy of every gradient by state-dict name (after {@link #computeGradients}). */
    public Map<String, Tensor> gradients() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> out.put(name, Tensor.wrap(p.grad().clone(), p.shape())));
        return out;
    }

    /**
     * Sets every parameter from a state dict with exactly this model's names and shapes (a PyTorch
     * {@code state_dict} of the same architecture). Nothing changes unless every entry is valid.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Parameter> own = namedParameters();
        for (String name : state.keySet()) {
            if (!own.containsKey(name)) {
                throw new IllegalArgumentException("state dict has '" + name + "', which this model does not; model has "
                        + own.keySet());
            }
        }
        for (Map.Entry<String, Parameter> e : own.entrySet()) {   // check everything before changing anything
            Tensor t = state.get(e.getKey());
            int[] shape = e.getValue().shape();
            if (t == null) {
                throw new IllegalArgumentException("state dict lacks '" + e.getKey() + "' of shape " + Arrays.toString(shape));
            }
            if (!Arrays.equals(t.shape(), shape)) {
                throw new IllegalArgumentException("state dict entry '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " but this model's parameter has shape " + Arrays.toString(shape));
            }
            t.requireFinite("state dict entry '" + e.getKey() + "'");
        }
        own.forEach((name, p) -> p.set(p.shape(), state.get(name).data()));
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

    /** The parameter values, copied, for restoring later (early stopping's best weights). */
    public float[][] snapshotWeights() {
        List<Parameter> ps = parameters();
        float[][] out = new float[ps.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = new float[ps.get(k).size()];
        }
        return snapshotWeightsInto(out);
    }

    /** Copies the parameter values into {@code into} (from {@link #snapshotWeights()}), reusing its arrays. */
    public float[][] snapshotWeightsInto(float[][] into) {
        List<Parameter> ps = parameters();
        if (into.length != ps.size()) {
            throw new IllegalArgumentException("snapshot has " + into.length + " parameters, model has " + ps.size());
        }
        for (int k = 0; k < into.length; k++) {
            System.arraycopy(ps.get(k).value(), 0, into[k], 0, into[k].length);
        }
        return into;
    }

    /** Restores values taken by {@link #snapshotWeights()}. */
    public void restoreWeights(float[][] snapshot) {
        List<Parameter> ps = parameters();
        if (snapshot.length != ps.size()) {
            throw new IllegalArgumentException("snapshot has " + snapshot.length + " parameters, model has " + ps.size());
        }
        for (int k = 0; k < snapshot.length; k++) {
            System.arraycopy(snapshot[k], 0, ps.get(k).value(), 0, snapshot[k].length);
            ps.get(k).markModified();
        }
    }

    /** The seeded stream that shuffles training samples. */
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

    private Tensor checkTarget(Tensor x, Tensor y, String what) {
        if (y == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        int[] out = outputShape();
        int[] expected = new int[out.length + 1];
        expected[0] = x.dim(0);
        for (int k = 0; k < out.length; k++) {
            expected[k + 1] = out[k] == -1 ? x.dim(1) : out[k];
        }
        Tensor yy = y;
        if (y.rank() == 1 && out.length == 1 && out[0] == 1) {
            yy = y.reshape(y.dim(0), 1);        // (B,) targets for a Dense(1) output, as Keras accepts
        }
        if (!Arrays.equals(yy.shape(), expected)) {
            throw new IllegalArgumentException(what + " must have shape " + Arrays.toString(expected).replace('[', '(')
                    .replace(']', ')') + " to match x's " + x.dim(0) + " samples and the model's output "
                    + Arrays.toString(out).replace('[', '(').replace(']', ')') + "; got "
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
