package org.seqcast.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.seqcast.examples.TutorialExample;
import org.seqcast.tensor.Parallel;
import org.seqcast.train.EpochResult;
import org.seqcast.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seqcast demo}: trains the tutorial LSTM on a noisy sine wave and compares it with the naive forecast. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Train the Keras tutorial model (LSTM(50) -> LSTM(50) -> Dense(1)) on a noisy sine wave",
            "and compare its one-step forecasts on held-out data with the naive forecast."},
        footer = {"", "Examples:", "  seqcast demo", "  seqcast demo --epochs 5 --seed 7 --threads 1"})
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "8", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of all randomness (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", description = "Threads for the kernels (default: all cores).")
    private Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    private boolean quiet;

    @Override
    public Integer call() {
        if (epochs <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be positive; got " + epochs);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = threads == null ? Parallel.availableCores() : threads;
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1; got " + n);
        }
        TrainingListener progress = quiet ? null : new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                err.printf("epoch %d/%d  loss %.5f  %d ms%n", r.epoch(), epochs, r.loss(), r.millis());
                err.flush();
            }
        };
        out.printf("Training LSTM(50) -> LSTM(50) -> Dense(1) on a noisy sine wave (%d epochs, seed %d, %d threads)%n",
                epochs, seed, n);
        out.flush();
        TutorialExample.Result r = TutorialExample.run(epochs, seed, n, progress);
        out.printf("training loss: %.5f before, %.5f after (%.1fx lower)%n", r.initialMse(),
                r.history().loss()[r.history().epochsRun() - 1], r.initialMse() / r.history().loss()[r.history().epochsRun() - 1]);
        out.printf("held-out one-step MSE: LSTM %.5f, naive (last value) %.5f, noise floor %.5f%n",
                r.testMse(), r.naiveMse(), TutorialExample.NOISE * TutorialExample.NOISE);
        out.printf("%s%n", r.testMse() < r.naiveMse() ? "The LSTM beats the naive forecast."
                : "The LSTM does NOT beat the naive forecast; train longer.");
        out.println("   actual  forecast");
        for (int k = 0; k < Math.min(5, r.actual().length); k++) {
            out.printf("%9.4f %9.4f%n", r.actual()[k], r.predicted()[k]);
        }
        return 0;
    }
}
