package org.seqcast.examples;

import org.seqcast.nn.Dense;
import org.seqcast.nn.LSTM;
import org.seqcast.nn.Sequential;
import org.seqcast.nn.loss.Loss;
import org.seqcast.optim.Adam;
import org.seqcast.tensor.Rng;
import org.seqcast.tensor.Tensor;
import org.seqcast.train.FitOptions;
import org.seqcast.train.History;
import org.seqcast.train.TrainingListener;

/**
 * The field's standard Keras tutorial, in Seqcast: a two-layer LSTM learns to predict the next value of a
 * noisy sine wave from the previous 60 values. The README shows this code; the CLI's {@code demo} runs it
 * (until the forecasting workflow brings a real-data demo), and a test checks that it learns.
 */
public final class TutorialExample {
    /** Input window, the tutorial's 60 time steps. */
    public static final int TIMESTEPS = 60;
    /** Period of the sine wave in steps. */
    public static final int PERIOD = 50;
    /** Standard deviation of the added noise. */
    public static final double NOISE = 0.1;

    /**
     * @param history   the training history
     * @param initialMse mean squared error on the training windows before training
     * @param testMse   mean squared error of the model's one-step forecasts on the last 20% of windows
     * @param naiveMse  the same for the naive forecast (the last observed value): the bar to beat
     * @param actual    the held-out targets
     * @param predicted the model's forecasts for them
     */
    public record Result(History history, double initialMse, double testMse, double naiveMse, float[] actual,
                         float[] predicted) {
    }

    private TutorialExample() {
    }

    /** y_t = sin(2π t / PERIOD) + NOISE · ε_t, ε_t ~ N(0, 1) from {@code rng}. */
    public static float[] noisySine(int n, Rng rng) {
        float[] y = new float[n];
        for (int t = 0; t < n; t++) {
            y[t] = (float) (Math.sin(2 * Math.PI * t / PERIOD) + NOISE * rng.gaussian());
        }
        return y;
    }

    /** Windows x (samples, timesteps, 1) of {@code series[s .. s+timesteps)} and targets y (samples, 1) of the next value. */
    public static Tensor[] windows(float[] series, int timesteps) {
        int samples = series.length - timesteps;
        if (samples <= 0) {
            throw new IllegalArgumentException("series of length " + series.length + " is too short for windows of "
                    + timesteps + " steps plus a target");
        }
        Tensor x = Tensor.zeros(samples, timesteps, 1);
        Tensor y = Tensor.zeros(samples, 1);
        for (int s = 0; s < samples; s++) {
            System.arraycopy(series, s, x.data(), s * timesteps, timesteps);
            y.data()[s] = series[s + timesteps];
        }
        return new Tensor[] {x, y};
    }

    /** Trains the tutorial model on 1000 points of a noisy sine and evaluates it on the last 20% of windows. */
    public static Result run(int epochs, long seed, int threads, TrainingListener listener) {
        float[] series = noisySine(1000, new Rng(seed));
        Tensor[] xy = windows(series, TIMESTEPS);
        int samples = xy[0].dim(0);
        int train = samples * 4 / 5;
        Tensor xTrain = xy[0].slice(0, train);
        Tensor yTrain = xy[1].slice(0, train);
        Tensor xTest = xy[0].slice(train, samples);
        Tensor yTest = xy[1].slice(train, samples);

        Sequential model = new Sequential(
                new LSTM(50).returnSequences(true).inputShape(TIMESTEPS, 1),
                new LSTM(50),
                new Dense(1)).seed(seed).threads(threads);
        model.compile(Loss.mse(), new Adam());
        double initialMse = model.evaluate(xTrain, yTrain);
        FitOptions.Builder options = FitOptions.builder().epochs(epochs).batchSize(32);
        if (listener != null) {
            options.listener(listener);
        }
        History history = model.fit(xTrain, yTrain, options.build());

        float[] predicted = model.predict(xTest).data();
        float[] actual = yTest.data();
        double mse = 0;
        double naive = 0;
        for (int k = 0; k < actual.length; k++) {
            float last = xTest.get(k, TIMESTEPS - 1, 0);
            mse += (predicted[k] - actual[k]) * (double) (predicted[k] - actual[k]);
            naive += (last - actual[k]) * (double) (last - actual[k]);
        }
        return new Result(history, initialMse, mse / actual.length, naive / actual.length, actual, predicted);
    }
}
