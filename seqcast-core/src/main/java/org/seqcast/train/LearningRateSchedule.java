package org.seqcast.train;

import java.util.Locale;

/**
 * A learning rate set at the start of every epoch e = 1, 2, … from the optimizer's initial rate η₀, a pure
 * function of e (deterministic, no state): {@link Cosine} annealing or {@link StepDecay}. Without a schedule
 * ({@link FitOptions#schedule()} null) the rate stays η₀ unless {@link ReduceLROnPlateau} lowers it; the two do
 * not go together.
 */
public sealed interface LearningRateSchedule permits LearningRateSchedule.Cosine, LearningRateSchedule.StepDecay {
    /** The spec of no schedule, for {@link #parse}. */
    String CONSTANT = "constant";

    /** The learning rate of epoch {@code epoch} (1-based) for initial rate {@code initial}. */
    double rate(double initial, int epoch);

    /**
     * Cosine annealing over {@code epochs} epochs from η₀ down to f·η₀ (SGDR without restarts):
     * η_e = η₀ (f + (1 − f) · ½ (1 + cos(π · min(e − 1, E) / E))); after E epochs it stays f·η₀.
     *
     * @param epochs        E ≥ 1, usually the maximum number of epochs
     * @param finalFraction f in [0, 1)
     */
    record Cosine(int epochs, double finalFraction) implements LearningRateSchedule {
        public Cosine {
            if (epochs < 1) {
                throw new IllegalArgumentException("cosine schedule epochs must be at least 1; got " + epochs);
            }
            if (!(finalFraction >= 0 && finalFraction < 1)) {
                throw new IllegalArgumentException("cosine schedule final fraction must be in [0, 1); got "
                        + finalFraction);
            }
        }

        @Override
        public double rate(double initial, int epoch) {
            double progress = Math.min(epoch - 1, epochs) / (double) epochs;
            return initial * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
        }
    }

    /**
     * Step decay: η_e = η₀ · γ^⌊(e − 1) / every⌋, the rate multiplied by γ every {@code every} epochs.
     *
     * @param every  epochs between steps, ≥ 1
     * @param factor γ in (0, 1)
     */
    record StepDecay(int every, double factor) implements LearningRateSchedule {
        public StepDecay {
            if (every < 1) {
                throw new IllegalArgumentException("step decay needs at least 1 epoch between steps; got " + every);
            }
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("step decay factor must be in (0, 1); got " + factor);
            }
        }

        @Override
        public double rate(double initial, int epoch) {
            return initial * Math.pow(factor, (epoch - 1) / every);
        }
    }

    /**
     * A schedule by spec: "constant" (none: null), "cosine" (annealing over {@code epochs} to 0), "cosine:F"
     * (to F·η₀), "step:N:G" (γ = G every N epochs).
     *
     * @throws IllegalArgumentException naming the spec and the accepted forms
     */
    static LearningRateSchedule parse(String spec, int epochs) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        String[] parts = s.split(":", -1);
        try {
            if (s.equals(CONSTANT)) {
                return null;
            }
            if (parts[0].equals("cosine") && parts.length <= 2) {
                return new Cosine(epochs, parts.length == 2 ? Double.parseDouble(parts[1]) : 0.0);
            }
            if (parts[0].equals("step") && parts.length == 3) {
                return new StepDecay(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + spec + "'; expected constant, cosine,"
                + " cosine:FINAL_FRACTION (e.g. cosine:0.01) or step:EVERY:FACTOR (e.g. step:20:0.5)");
    }
}
