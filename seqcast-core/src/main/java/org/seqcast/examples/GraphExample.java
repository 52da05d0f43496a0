package org.seqcast.examples;

import java.util.Map;
import org.seqcast.nn.Dense;
import org.seqcast.nn.GRU;
import org.seqcast.nn.Graph;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;

/**
 * The README's functional-graph example, runnable: a window of three features into an LSTM, a residual skip from
 * its last step around a GRU, static features through their own Dense, a 12-step point head and a three-quantile
 * head trained together. The data are synthetic: noisy sines whose level is set by the static features, so both
 * inputs matter. A test runs it and checks that both heads learn.
 */
public final class GraphExample {
    /** Input window T and horizon H of the example. */
    public static final int WINDOW = 24;
    public static final int HORIZON = 12;

    private GraphExample() {
    }

    /**
     * @param history the training history (total loss: point MSE + 0.5 · pinball)
     * @param graph   the trained graph
     * @param inputs  the inputs it was trained on
     * @param targets the targets it was trained on
     */
    public record Result(History history, Graph graph, Map<String, Tensor> inputs, Map<String, Tensor> targets) {
    }

    /** The README's graph, seeded. */
    public static Graph build(long seed) {
        Graph.Builder b = Graph.builder().seed(seed);
        Graph.Node window = b.input("window", WINDOW, 3);           // (T, F) per sample
        Graph.Node store = b.input("static", 4);                    // (F) per sample
        Graph.Node h = b.layer("lstm", new LSTM(32).returnSequences(true), window);
        Graph.Node skip = b.layer("skip", new Dense(32), b.lastStep(h));
        Graph.Node res = b.add("res", b.layer("gru", new GRU(32), h), skip);
        Graph.Node both = b.concat(res, b.layer("emb", new Dense(8, "tanh"), store));
        b.output("point", b.layer("head", new Dense(HORIZON), both), Loss.mse());
        b.output("q", b.layer("quantiles", new Dense(3), res), Loss.pinball(0.1, 0.5, 0.9), 0.5);
        return b.build().compile(new Adam());
    }

    /** Trains the example graph on {@code samples} synthetic samples for {@code epochs} epochs. */
    public static Result run(int samples, int epochs, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.zeros(samples, WINDOW, 3);
        Tensor s = Tensor.zeros(samples, 4);
        Tensor y = Tensor.zeros(samples, HORIZON);
        Tensor next = Tensor.zeros(samples);
        for (int i = 0; i < samples; i++) {
            double level = 0;
            for (int f = 0; f < 4; f++) {
                float v = (float) rng.gaussian();
                s.data()[i * 4 + f] = v;
                level += 0.25 * v;
            }
            double phase = rng.uniform(0, 2 * Math.PI);
            for (int t = 0; t < WINDOW + HORIZON; t++) {
                double value = level + Math.sin(phase + 2 * Math.PI * t / 12.0) + 0.1 * rng.gaussian();
                if (t < WINDOW) {
                    x.data()[(i * WINDOW + t) * 3] = (float) value;
                    x.data()[(i * WINDOW + t) * 3 + 1] = (float) Math.sin(2 * Math.PI * t / 12.0);
                    x.data()[(i * WINDOW + t) * 3 + 2] = (float) Math.cos(2 * Math.PI * t / 12.0);
                } else {
                    y.data()[i * HORIZON + t - WINDOW] = (float) value;
                }
            }
            next.data()[i] = y.data()[i * HORIZON];
        }
        Graph g = build(seed);
        Map<String, Tensor> inputs = Map.of("window", x, "static", s);
        Map<String, Tensor> targets = Map.of("point", y, "q", next);
        History h = g.fit(inputs, targets, FitOptions.builder().epochs(epochs).batchSize(32).build());
        return new Result(h, g, inputs, targets);
    }

    /** Trains the example and prints the losses per epoch. */
    public static void main(String[] args) {
        Result r = run(512, 20, 7);
        double[] loss = r.history().loss();
        for (int e = 0; e < loss.length; e++) {
            System.out.printf("epoch %d: loss %.4f%n", e + 1, loss[e]);
        }
    }
}
