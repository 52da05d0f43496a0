package org.seqcast.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqcast.tensor.Tensor;

/**
 * How to fit, Keras's {@code fit} arguments: epochs (default 1), batch size (default 32), validation data
 * or a validation split (the last fraction of the samples, taken before shuffling, so for windows cut
 * from a series it is the most recent part), shuffling (default on), early stopping, learning-rate
 * reduction on plateau, a learning-rate schedule (default none: the optimizer's rate stays) and progress listeners.
 */
public record FitOptions(int epochs, int batchSize, double validationSplit, Samples validationX, Samples validationY,
                         boolean shuffle, EarlyStopping earlyStopping, ReduceLROnPlateau reduceLROnPlateau,
                         LearningRateSchedule schedule, List<TrainingListener> listeners) {
    public static final int DEFAULT_EPOCHS = 1;
    public static final int DEFAULT_BATCH_SIZE = 32;

    public FitOptions {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be a positive integer; got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be a positive integer; got " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1); got " + validationSplit);
        }
        if ((validationX == null) != (validationY == null)) {
            throw new IllegalArgumentException("give both validation x and validation y, or neither");
        }
        if (validationX != null && validationSplit > 0) {
            throw new IllegalArgumentException("give either validation data or a validation split, not both");
        }
        if (schedule != null && reduceLROnPlateau != null) {
            throw new IllegalArgumentException("give either a learning-rate schedule or ReduceLROnPlateau, not both: "
                    + "both would set the learning rate");
        }
        listeners = List.copyOf(listeners);
    }

    public boolean hasValidation() {
        return validationX != null || validationSplit > 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FitOptions}; unset fields keep Keras's defaults. */
    public static final class Builder {
        private int epochs = DEFAULT_EPOCHS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private double validationSplit;
        private Samples validationX;
        private Samples validationY;
        private boolean shuffle = true;
        private EarlyStopping earlyStopping;
        private ReduceLROnPlateau reduceLROnPlateau;
        private LearningRateSchedule schedule;
        private final List<TrainingListener> listeners = new ArrayList<>();

        public Builder epochs(int value) {
            this.epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder validationSplit(double value) {
            this.validationSplit = value;
            return this;
        }

        /** Validation inputs and targets of a single-input, single-output model ({@code Sequential}). */
        public Builder validationData(Tensor x, Tensor y) {
            this.validationX = x == null ? null : Samples.of("x", x);
            this.validationY = y == null ? null : Samples.of("y", y);
            return this;
        }

        /**
         * Validation inputs, targets and per-sample weights of a single-input, single-output model; the
         * validation loss weighs sample b by w_b as training does.
         */
        public Builder validationData(Tensor x, Tensor y, Tensor weights) {
            validationData(x, y);
            if (weights != null) {
                if (validationY == null) {
                    throw new IllegalArgumentException("validation weights need validation x and y");
                }
                this.validationY = validationY.withWeights(weights);
            }
            return this;
        }

        /** Validation inputs and targets by input and output name (a {@code Graph}). */
        public Builder validationData(Map<String, Tensor> x, Map<String, Tensor> y) {
            this.validationX = x == null ? null : Samples.of(x);
            this.validationY = y == null ? null : Samples.of(y);
            return this;
        }

        public Builder shuffle(boolean value) {
            this.shuffle = value;
            return this;
        }

        public Builder earlyStopping(EarlyStopping value) {
            this.earlyStopping = value;
            return this;
        }

        public Builder reduceLROnPlateau(ReduceLROnPlateau value) {
            this.reduceLROnPlateau = value;
            return this;
        }

        /** The learning rate of every epoch from the optimizer's initial rate; null = constant. */
        public Builder schedule(LearningRateSchedule value) {
            this.schedule = value;
            return this;
        }

        public Builder listener(TrainingListener value) {
            this.listeners.add(value);
            return this;
        }

        public FitOptions build() {
            return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle,
                    earlyStopping, reduceLROnPlateau, schedule, listeners);
        }
    }
}
