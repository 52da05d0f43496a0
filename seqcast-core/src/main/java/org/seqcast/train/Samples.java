package org.seqcast.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.seqcast.tensor.Tensor;

/**
 * Named tensors that share their first axis, the sample axis: a model's inputs or its targets. The trainer
 * slices and shuffles every tensor of a set with the same rows, so samples stay aligned across inputs and
 * targets. A {@code Sequential} model has one input and one target; a graph has one per named input and output.
 * Targets may carry per-sample weights w (one finite value ≥ 0 per sample, {@link #withWeights}), sliced and
 * shuffled with them; a loss then weighs sample b's terms by w_b ({@code Loss.value(pred, target, weights)}).
 * Immutable (the tensors are shared, not copied).
 */
public final class Samples {
    private final Map<String, Tensor> tensors;
    private final int count;
    private final Tensor weights;

    private Samples(Map<String, Tensor> tensors, int count) {
        this(tensors, count, null);
    }

    private Samples(Map<String, Tensor> tensors, int count, Tensor weights) {
        this.tensors = tensors;
        this.count = count;
        this.weights = weights;
    }

    /**
     * Named tensors in the map's iteration order.
     *
     * @throws IllegalArgumentException if the map is empty, holds a null, or the tensors differ in their
     *                                  number of samples (first axis)
     */
    public static Samples of(Map<String, Tensor> named) {
        if (named == null || named.isEmpty()) {
            throw new IllegalArgumentException("samples need at least one named tensor; got " + named);
        }
        Map<String, Tensor> copy = new LinkedHashMap<>();
        String first = null;
        for (Map.Entry<String, Tensor> e : named.entrySet()) {
            Tensor t = e.getValue();
            if (e.getKey() == null || t == null) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' must not be null");
            }
            if (t.rank() == 0) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' needs a sample axis; got shape "
                        + Arrays.toString(t.shape()));
            }
            if (first != null && t.dim(0) != copy.get(first).dim(0)) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' has " + t.dim(0) + " samples but '"
                        + first + "' has " + copy.get(first).dim(0) + "; every tensor needs the same first axis");
            }
            first = first == null ? e.getKey() : first;
            copy.put(e.getKey(), t);
        }
        return new Samples(Collections.unmodifiableMap(copy), copy.get(first).dim(0));
    }

    /** A single named tensor. */
    public static Samples of(String name, Tensor tensor) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(name, tensor);
        return of(m);
    }

    /**
     * These samples with per-sample weights w (count), e.g. a loss scale per series; {@code null} removes them.
     *
     * @throws IllegalArgumentException if w is not a vector of {@link #count()} finite values ≥ 0
     */
    public Samples withWeights(Tensor w) {
        if (w != null) {
            if (w.rank() != 1 || w.dim(0) != count) {
                throw new IllegalArgumentException("sample weights must have shape (" + count + "), one per sample; got "
                        + Arrays.toString(w.shape()).replace('[', '(').replace(']', ')'));
            }
            float[] v = w.data();
            for (int b = 0; b < v.length; b++) {
                if (!(v[b] >= 0) || !Float.isFinite(v[b])) {
                    throw new IllegalArgumentException("sample weight " + b + " is " + v[b]
                            + "; every weight must be finite and >= 0");
                }
            }
        }
        return new Samples(tensors, count, w);
    }

    /** The per-sample weights (count), or {@code null} when every sample weighs 1. */
    public Tensor weights() {
        return weights;
    }

    /** The number of samples (the common first axis). */
    public int count() {
        return count;
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    /** The tensors by name, in order (unmodifiable). */
    public Map<String, Tensor> asMap() {
        return tensors;
    }

    /** The tensor called {@code name}. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; have " + tensors.keySet());
        }
        return t;
    }

    /** The one tensor of a single-tensor set. */
    public Tensor only() {
        if (tensors.size() != 1) {
            throw new IllegalArgumentException("expected one tensor, got " + tensors.size() + ": " + tensors.keySet());
        }
        return tensors.values().iterator().next();
    }

    /** Samples [from, to) of every tensor. */
    public Samples slice(int from, int to) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> out.put(name, t.slice(from, to)));
        return new Samples(Collections.unmodifiableMap(out), to - from, weights == null ? null : weights.slice(from, to));
    }

    /** Samples rows[from], ..., rows[to - 1] of every tensor, in that order. */
    public Samples gather(int[] rows, int from, int to) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> out.put(name, t.gather(rows, from, to)));
        return new Samples(Collections.unmodifiableMap(out), to - from,
                weights == null ? null : weights.gather(rows, from, to));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Samples{");
        tensors.forEach((name, t) -> sb.append(sb.length() > 8 ? ", " : "").append(name).append('=')
                .append(Arrays.toString(t.shape())));
        return sb.append(weights == null ? "" : ", weighted").append('}').toString();
    }
}
