package org.seqcast.optim;

import java.util.ArrayList;
import java.util.List;
import org.seqcast.tensor.Parameter;

/**
 * Updates parameters from their accumulated gradients. Owns its state (moments, velocities), allocated on
 * the first step for the parameter list it is given; the list must stay the same afterwards.
 *
 * <p>Gradient clipping by global norm (Keras's {@code global_clipnorm}) is done here, before the update:
 * if ‖g‖₂ over all parameters exceeds the limit, every gradient is scaled by limit / ‖g‖₂.
 */
public abstract class Optimizer {
    private double learningRate;
    private double globalClipNorm;
    private int steps;
    private int stateSize = -1;

    protected Optimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    public double learningRate() {
        return learningRate;
    }

    /** Changes the learning rate (used by learning-rate schedules). */
    public void setLearningRate(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0; got " + lr);
        }
        this.learningRate = lr;
    }

    /** Clips gradients to this global L2 norm before each step; 0 (default) turns clipping off. */
    public Optimizer globalClipNorm(double maxNorm) {
        if (!(maxNorm >= 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("global clip norm must be finite and >= 0; got " + maxNorm);
        }
        this.globalClipNorm = maxNorm;
        return this;
    }

    public double globalClipNorm() {
        return globalClipNorm;
    }

    /** Updates applied so far. */
    public int iterations() {
        return steps;
    }

    /** ‖g‖₂ over all parameters, summed in double in parameter order. */
    public static double globalNorm(List<Parameter> params) {
        double sum = 0;
        for (Parameter p : params) {
            for (float g : p.grad()) {
                sum += (double) g * g;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Clips (if configured) and applies one update.
     *
     * @return the global gradient norm before clipping
     * @throws IllegalStateException if the gradient is not finite; no parameter is changed then
     */
    public final double step(List<Parameter> params) {
        double norm = globalNorm(params);
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException("gradient norm is " + norm + "; the update was not applied");
        }
        if (globalClipNorm > 0 && norm > globalClipNorm) {
            float scale = (float) (globalClipNorm / norm);
            for (Parameter p : params) {
                float[] g = p.grad();
                for (int k = 0; k < g.length; k++) {
                    g[k] *= scale;
                }
            }
        }
        if (stateSize == -1) {
            stateSize = params.size();
            initState(params);
        } else if (stateSize != params.size()) {
            throw new IllegalStateException("optimizer was used with " + stateSize + " parameters and now gets "
                    + params.size() + "; use one optimizer per model");
        }
        steps++;
        for (int k = 0; k < params.size(); k++) {
            if (params.get(k).trainable()) {                  // buffers (BatchNormalization's moving statistics) are the layer's
                update(k, params.get(k), steps);
                params.get(k).markModified();
            }
        }
        return norm;
    }

    /** Allocates per-parameter state. */
    protected abstract void initState(List<Parameter> params);

    /** Updates parameter number {@code index}; {@code t} counts steps from 1. */
    protected abstract void update(int index, Parameter p, int t);

    /** Zero arrays shaped like each parameter. */
    protected static List<float[]> zerosLike(List<Parameter> params) {
        List<float[]> out = new ArrayList<>(params.size());
        for (Parameter p : params) {
            out.add(new float[p.size()]);
        }
        return out;
    }

    /** By Keras name with default settings: "sgd", "adam", "adamw", "rmsprop". */
    public static Optimizer of(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> new SGD();
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "rmsprop" -> new RMSprop();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name
                    + "'; expected sgd, adam, adamw or rmsprop");
        };
    }
}
