package org.seqcast.reference;

/**
 * The losses of {@link RefNet} in double precision: the mean over all N output elements of an element-wise
 * error d = ŷ − y, and its gradient with respect to ŷ.
 * <pre>
 *   mse:   ℓ = d²                                   ℓ' = 2d
 *   mae:   ℓ = |d|                                  ℓ' = sign(d)
 *   huber: ℓ = ½d² if |d| ≤ δ, else δ(|d| − ½δ)      ℓ' = d if |d| ≤ δ, else δ·sign(d)
 * </pre>
 */
public record RefLoss(String name, double delta) {
    public static RefLoss mse() {
        return new RefLoss("mse", 0);
    }

    public static RefLoss mae() {
        return new RefLoss("mae", 0);
    }

    public static RefLoss huber(double delta) {
        return new RefLoss("huber", delta);
    }

    public double value(double[] pred, double[] target) {
        double sum = 0;
        for (int k = 0; k < pred.length; k++) {
            double d = pred[k] - target[k];
            sum += switch (name) {
                case "mse" -> d * d;
                case "mae" -> Math.abs(d);
                default -> Math.abs(d) <= delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta);
            };
        }
        return sum / pred.length;
    }

    public double[] gradient(double[] pred, double[] target) {
        double[] dPred = new double[pred.length];
        int n = pred.length;
        for (int k = 0; k < n; k++) {
            double d = pred[k] - target[k];
            dPred[k] = switch (name) {
                case "mse" -> 2 * d / n;
                case "mae" -> Math.signum(d) / n;
                default -> (Math.abs(d) <= delta ? d : delta * Math.signum(d)) / n;
            };
        }
        return dPred;
    }
}
