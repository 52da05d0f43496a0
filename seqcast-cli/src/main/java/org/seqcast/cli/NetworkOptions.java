package org.seqcast.cli;

import java.util.List;
import org.seqcast.forecast.Anchor;
import org.seqcast.forecast.Cell;
import org.seqcast.forecast.RnnConfig;
import org.seqcast.forecast.Scaling;
import org.seqcast.forecast.Strategy;
import org.seqcast.forecast.TargetTransform;
import org.seqcast.tensor.Parallel;
import picocli.CommandLine.Option;

/** Network and training options shared by fit and backtest; unset options keep {@link RnnConfig}'s defaults. */
final class NetworkOptions {
    @Option(names = "--window", paramLabel = "W", description = "Input steps per window (default: 2*max(H, m), shortened for short series).")
    Integer window;

    @Option(names = "--units", paramLabel = "N", description = "Hidden units per recurrent layer (default: 32).")
    Integer units;

    @Option(names = "--layers", paramLabel = "N", description = "Stacked recurrent layers (default: 1).")
    Integer layers;

    @Option(names = "--dropout", paramLabel = "RATE", description = "Dropout after each recurrent layer (default: 0).")
    Double dropout;

    @Option(names = "--strategy", paramLabel = "S", description = "direct (Dense(H) head) or recursive (default: direct).")
    String strategy;

    @Option(names = "--scaling", paramLabel = "S", description = "standard, minmax, robust or none, per series, fitted on training data (default: standard).")
    String scaling;

    @Option(names = "--transform", paramLabel = "T", description = "none, log or log1p applied to the target before scaling (default: none).")
    String transform;

    @Option(names = "--anchor", paramLabel = "A", description = "Targets relative to: last (value), season (seasonal naive) or none (default: last).")
    String anchor;

    @Option(names = "--no-calendar", description = "Leave out the calendar features (month of year, day of week, time of day).")
    boolean noCalendar;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default: 100).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Minibatch size (default: 32).")
    Integer batchSize;

    @Option(names = {"--learning-rate", "--lr"}, paramLabel = "LR", description = "Learning rate (default: 0.001).")
    Double learningRate;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, adamw, sgd or rmsprop (default: adam).")
    String optimizer;

    @Option(names = "--loss", paramLabel = "NAME", description = "mse, mae or huber (default: mse).")
    String loss;

    @Option(names = "--patience", paramLabel = "N", description = "Early-stopping patience in epochs, 0 = off (default: 10).")
    Integer patience;

    @Option(names = "--validation", paramLabel = "FRACTION", description = "Share of each series' end used for validation (default: 0.1, at least H points).")
    Double validation;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of all randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); results do not depend on it.")
    Integer threads;

    /** The configuration of a {@code cell} network for horizon H with the given covariates. */
    RnnConfig config(Cell cell, int horizon, List<String> covariates) {
        RnnConfig.Builder b = RnnConfig.builder(horizon).cell(cell).covariates(covariates).seed(seed)
                .threads(threads == null ? Parallel.availableCores() : threads);
        if (window != null) {
            b.window(window);
        }
        if (units != null) {
            b.units(units);
        }
        if (layers != null) {
            b.layers(layers);
        }
        if (dropout != null) {
            b.dropout(dropout);
        }
        if (strategy != null) {
            b.strategy(Strategy.parse(strategy));
        }
        if (scaling != null) {
            b.scaling(Scaling.parse(scaling));
        }
        if (transform != null) {
            b.transform(TargetTransform.parse(transform));
        }
        if (anchor != null) {
            b.anchor(Anchor.parse(anchor));
        }
        b.calendarFeatures(!noCalendar);
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        if (optimizer != null) {
            b.optimizer(optimizer);
        }
        if (loss != null) {
            b.loss(loss);
        }
        if (patience != null) {
            b.patience(patience);
        }
        if (validation != null) {
            b.validationFraction(validation);
        }
        return b.build();
    }
}
